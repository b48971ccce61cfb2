import { describe, expect, it } from 'vitest';
import { defaultPack, defaultPackInput, parseRulePack, RulePackSchema } from '../../../core/index';
import { SEED_FILES } from '../../../core/rules/sources';

const KNOWN_SEEDS = [
  '000_115cf04e18a9d6e4.txt',
  '001_728823fed7ede9df.txt',
  '002_b1da580e580f31ed.txt',
  '003_8e684185fd0e0614.txt',
  '004_1c2da78c0be39c04.txt',
];

describe('default rule pack', () => {
  it('validates against RulePackSchema', () => {
    const r = RulePackSchema.safeParse(defaultPackInput);
    expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))).toBe(true);
  });

  it('cites one of the five seed documents, with a passage and an authority, in every rule', () => {
    expect([...SEED_FILES].sort()).toEqual(KNOWN_SEEDS);
    for (const rule of defaultPack.rules) {
      expect(KNOWN_SEEDS, rule.id).toContain(rule.citation.source);
      expect(rule.citation.passage.length, rule.id).toBeGreaterThan(2);
      expect(['platform', 'shop-policy', 'inferred'], rule.id).toContain(rule.citation.authority);
      expect(rule.reason.zh.length, rule.id).toBeGreaterThan(1);
      expect(rule.reason.en.length, rule.id).toBeGreaterThan(1);
    }
  });

  it('has unique rule ids and one default profile per platform', () => {
    const ids = defaultPack.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      defaultPack.profiles
        .filter((p) => p.default)
        .map((p) => p.platform)
        .sort(),
    ).toEqual(['taobao', 'tmall']);
  });

  it('round-trips through JSON and parseRulePack', () => {
    const r = parseRulePack(JSON.stringify(defaultPack));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.pack).toEqual(defaultPack);
      expect(r.warnings).toEqual([]);
    }
  });
});

// That every cited passage occurs verbatim in its seed: seed-citations.test.ts.
