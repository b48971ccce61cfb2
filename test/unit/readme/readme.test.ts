import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleSchema, defaultPack, evaluate, parseRulePack, type Facts } from '../../../core';

/** The README is part of the product: its commands and its rule-pack example must be true. */
const ROOT = join(__dirname, '../../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

/** The `"rules": [ … ]` array of the README's jsonc example, comments removed. */
function exampleRules(): unknown[] {
  const block = /```jsonc\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('### Writing one')))?.[1];
  if (!block) throw new Error('README: no jsonc example under "Writing one"');
  const rules = block.slice(block.indexOf('"rules": [') + '"rules": '.length, block.lastIndexOf(']') + 1);
  return JSON.parse(rules.replace(/\/\/[^\n]*/g, '')) as unknown[];
}

describe('README', () => {
  it('gives the two commands in its first lines, and both exist', () => {
    const head = readme.split('\n').slice(0, 40).join('\n');
    expect(head).toContain('npm install && npm start');
    expect(head).toContain('npm test');
    for (const script of ['start', 'test', 'build', 'zip', 'guidance', 'bench'])
      expect(pkg.scripts[script], script).toBeTruthy();
    expect(pkg.scripts.test).toMatch(/lint.*typecheck.*test:unit.*test:e2e/);
  });

  it("its rule-pack example is valid and matches the default pack's own rules", () => {
    const rules = exampleRules();
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      const parsed = RuleSchema.safeParse(rule);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const id = (rule as { id: string }).id;
      const inPack = defaultPack.rules.find((r) => r.id === id);
      expect(inPack, id).toBeDefined();
      expect((rule as { citation: unknown }).citation).toEqual({ ...inPack!.citation });
    }
  });

  it('following it works: a pack with the added synonym imports, and the synonym triggers compensation', () => {
    const [reason] = exampleRules() as Array<{ id: string; names: string[] }>;
    const pack = JSON.parse(JSON.stringify(defaultPack)) as { version: string; rules: Array<{ id: string }> };
    pack.version = '2026.12.01';
    pack.rules = pack.rules.map((r) => (r.id === reason!.id ? reason! : r));
    const imported = parseRulePack(JSON.stringify(pack));
    expect(imported.ok, imported.ok ? '' : imported.error).toBe(true);
    if (!imported.ok) return;
    const facts: Facts = {
      reason: '库存不足',
      paidAmount: 500,
      tradeStatus: '买家已付款',
      paidAt: '2026-11-20T10:00:00+08:00',
      refundRequestedAt: '2026-11-21T10:00:00+08:00',
    };
    const now = '2026-11-21T12:00:00+08:00';
    expect(evaluate(facts, imported.pack, { now, platform: 'tmall' }).compensation).toMatchObject({
      triggered: true,
      amount: '150.00',
    });
    // …and without the synonym the same text is an unknown reason, not a guess
    const before = evaluate(facts, defaultPack, { now, platform: 'tmall' });
    expect(before.compensation.triggered).toBe(false);
    expect(before.warnings.map((w) => w.code)).toContain('unknown-reason');
  });
});
