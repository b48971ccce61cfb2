import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate, parseRulePack, RULE_PACK_LIMITS } from '../../../core/index';
import { NOW, unshipped } from './helpers';

const clone = () =>
  JSON.parse(JSON.stringify(defaultPack)) as Record<string, unknown> & { rules: Record<string, unknown>[] };

describe('parseRulePack', () => {
  it('accepts the default pack as JSON text and as a value', () => {
    expect(parseRulePack(JSON.stringify(defaultPack)).ok).toBe(true);
    expect(parseRulePack(clone()).ok).toBe(true);
  });

  it('names the zod path of a bad citation', () => {
    const pack = clone();
    (pack.rules[3]!.citation as Record<string, unknown>).source = 'my-notes.txt';
    const r = parseRulePack(JSON.stringify(pack));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^rules\[3\]\.citation\.source: /);
  });

  it('names the path of a missing field and of a wrong type', () => {
    const pack = clone();
    delete (pack.rules[0] as Record<string, unknown>).reason;
    const r = parseRulePack(pack);
    expect(!r.ok && r.error).toMatch(/rules\[0\]\.reason/);
    const p2 = clone();
    p2.rules[5]!.platforms = 'tmall';
    const r2 = parseRulePack(p2);
    expect(!r2.ok && r2.error).toMatch(/rules\[5\]\.platforms/);
  });

  it('invalid JSON → a clear message', () => {
    const r = parseRulePack('{"schemaVersion": "1.0",');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^invalid JSON: /);
    expect(parseRulePack('[]')).toEqual({ ok: false, error: '(root): a rule pack must be a JSON object' });
    expect(parseRulePack('null').ok).toBe(false);
  });

  it('refuses an unknown major schemaVersion', () => {
    const r = parseRulePack({ ...clone(), schemaVersion: '2.0' });
    expect(r).toEqual({ ok: false, error: 'schemaVersion: unsupported version 2.0 (this build reads 1.x)' });
  });

  it('a newer minor with unknown fields: stripped, with warnings, and it still evaluates', () => {
    const pack = clone();
    pack.schemaVersion = '1.7';
    pack.futureThing = { x: 1 };
    (pack.rules[0] as Record<string, unknown>).colour = 'red';
    const r = parseRulePack(JSON.stringify(pack));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([
      'unknown field ignored: rules[0].colour',
      'unknown field ignored: futureThing',
    ]);
    expect('futureThing' in r.pack).toBe(false);
    expect(evaluate({ ...unshipped, reason: '缺货' }, r.pack, { now: NOW }).compensation.amount).toBe(
      '150.00',
    );
  });

  it('catches integrity errors: duplicate ids, unknown profiles, chained timers before their source, shared reason names', () => {
    const dup = clone();
    dup.rules.push({ ...dup.rules[0]! });
    expect(!parseRulePack(dup).ok && (parseRulePack(dup) as { error: string }).error).toMatch(
      /duplicate rule id/,
    );
    const prof = clone();
    prof.rules[0]!.profiles = ['tmall-1999'];
    expect((parseRulePack(prof) as { error: string }).error).toMatch(
      /rules\[0\]\.profiles\[0\]: unknown profile tmall-1999/,
    );
    const chain = clone();
    const i = chain.rules.findIndex((r) => r.id === 'timer-complaint-buyer-confirm');
    const [moved] = chain.rules.splice(i, 1);
    chain.rules.unshift(moved!);
    expect((parseRulePack(chain) as { error: string }).error).toMatch(/rules\[0\]\.start\.after/);
    const names = clone();
    const reason = names.rules.find((r) => r.id === 'reason-quality')!;
    (reason.names as string[]).push('卖家缺货');
    expect((parseRulePack(names) as { error: string }).error).toMatch(/reason name 卖家缺货 already used/);
  });

  it('refuses countdownTargets naming a deadline no timer defines', () => {
    const pack = clone();
    pack.countdownTargets = {
      refund: 'no-such-deadline',
      aftersale: 'seller-response',
      complaint: 'complaint-seller-handle',
    };
    expect((parseRulePack(pack) as { error: string }).error).toMatch(/^countdownTargets\.refund: /);
  });

  it('guards size and depth', () => {
    const big = ' '.repeat(RULE_PACK_LIMITS.maxJsonChars + 1);
    expect((parseRulePack(big) as { error: string }).error).toMatch(/too large/);
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect((parseRulePack({ ...clone(), extra: deep }) as { error: string }).error).toMatch(
      /nested deeper than 40/,
    );
    const deepJson = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    expect(parseRulePack(deepJson).ok).toBe(false);
  });

  it('a pack with no profiles for a platform still evaluates (platform-wide rules)', () => {
    const pack = clone();
    pack.profiles = (pack.profiles as { platform: string }[]).filter((p) => p.platform === 'tmall');
    pack.rules = pack.rules.filter((r) => !r.profiles || !(r.profiles as string[]).includes('taobao'));
    const r = parseRulePack(pack);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(
        evaluate({ ...unshipped, reason: '缺货' }, r.pack, { now: NOW, platform: 'taobao' }).compensation
          .ruleId,
      ).toBe('comp-taobao-out-of-stock');
  });
});
