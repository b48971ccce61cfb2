import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate, GuidanceSchema } from '../../../core/index';
import { AUDIT_ROWS } from './audit-rows';
import { NOW, ruleIdsIn } from './helpers';

describe('issue 13: the audit’s fixes, each on its seed line', () => {
  for (const row of AUDIT_ROWS) {
    it(`${row.top ? `top ${row.top}: ` : ''}${row.name} [${row.seed}]`, () => {
      const g = evaluate(row.facts, defaultPack, { now: NOW, ...row.opts });
      expect(GuidanceSchema.safeParse(g).success).toBe(true);
      const ids = ruleIdsIn(g);
      for (const id of row.covers) expect(ids.has(id), `${id} should be exercised`).toBe(true);
      row.check?.(g);
    });
  }

  it('has the audit’s top ten, each with a seed line', () => {
    expect([...new Set(AUDIT_ROWS.flatMap((r) => (r.top ? [r.top] : [])))].sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    for (const r of AUDIT_ROWS) expect(r.seed, r.name).toMatch(/S[0-4]/);
  });
});
