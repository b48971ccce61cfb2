import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock, NOW, freshProfile, sentinel } from './helpers';
import { defaultPack } from '../../../core';

/**
 * Issue 7 item 2: 1,000 malformed rule packs go through the same import path as the
 * options page (the `importPack` handler, payload schema included). Every one is refused
 * with a readable message, the active pack never changes, nothing crashes.
 */

type Json = Record<string, unknown>;
const base = (): Json => JSON.parse(JSON.stringify({ ...defaultPack, id: 'team-pack', version: 'good-1' })) as Json;
const rulesOf = (p: Json) => p.rules as Json[];

function wrongValue(v: unknown): unknown {
  if (typeof v === 'string') return 42;
  if (typeof v === 'number') return 'x';
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return 'not-a-list';
  if (v && typeof v === 'object') return 'not-an-object';
  return { unexpected: true };
}

type Broken = { kind: string; json: string; path?: RegExp };

function nest(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

const brokenPack: fc.Arbitrary<Broken> = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.nat(), fc.nat(), fc.nat())
  .map(([kind, a, b, c]): Broken => {
    const p = base();
    const rules = rulesOf(p);
    const i = a % rules.length;
    const rule = rules[i]!;
    switch (kind) {
      case 0: {
        const keys = Object.keys(rule);
        const k = keys[b % keys.length]!;
        rule[k] = wrongValue(rule[k]);
        return { kind: 'wrong type', json: JSON.stringify(p), path: new RegExp(`rules\\[${i}\\]`) };
      }
      case 1:
        delete rule.citation;
        return { kind: 'missing citation', json: JSON.stringify(p), path: new RegExp(`rules\\[${i}\\]\\.citation`) };
      case 2:
        rule.citation = { ...(rule.citation as Json), source: `seed-${b}.txt` };
        return { kind: 'citation not a seed file', json: JSON.stringify(p), path: new RegExp(`rules\\[${i}\\]\\.citation\\.source`) };
      case 3:
        rule.id = ['Bad Id', '', 'x', `UPPER-${b}`, `emoji-😀-${b}`][b % 5];
        return { kind: 'invalid rule id', json: JSON.stringify(p), path: new RegExp(`rules\\[${i}\\]\\.id`) };
      case 4: {
        const j = (i + 1 + (b % (rules.length - 1))) % rules.length;
        rules[j]!.id = rule.id;
        return { kind: 'duplicate rule id', json: JSON.stringify(p), path: /rules\[\d+\]\.id/ };
      }
      case 5: {
        const comp = rules.findIndex((r) => r.type === 'compensation' && typeof r.basisPoints === 'number');
        const pen = rules.findIndex((r) => r.type === 'penalty');
        if (b % 2 === 0) {
          rules[comp]!.basisPoints = -1 - (c % 5000);
          return { kind: 'negative amount', json: JSON.stringify(p), path: new RegExp(`rules\\[${comp}\\]\\.basisPoints`) };
        }
        rules[pen]!.points = -1 - (c % 48);
        return { kind: 'negative points', json: JSON.stringify(p), path: new RegExp(`rules\\[${pen}\\]\\.points`) };
      }
      case 6: {
        const text = JSON.stringify(p);
        return { kind: 'invalid JSON', json: text.slice(0, 1 + (b % (text.length - 2))) };
      }
      case 7:
        rule.when = { kinds: nest(60 + (b % 200)) };
        return { kind: 'deep nesting', json: JSON.stringify(p) };
      case 8:
        return { kind: 'not an object', json: ['42', '"pack"', '[]', 'null', 'true', '{}'][b % 6]! };
      case 9:
        p.schemaVersion = `${2 + (b % 7)}.0`;
        return { kind: 'unsupported major version', json: JSON.stringify(p), path: /schemaVersion/ };
      case 10:
        p.rules = [];
        return { kind: 'no rules', json: JSON.stringify(p), path: /rules/ };
      case 11:
        rule.type = ['script', 'eval', 'TIMER', 42][b % 4];
        return { kind: 'unknown rule type', json: JSON.stringify(p), path: new RegExp(`rules\\[${i}\\]`) };
      default: {
        const timers = rules.map((r, n) => [r, n] as const).filter(([r]) => r.type === 'timer');
        const [t, n] = timers[b % timers.length]!;
        t.start = { after: `no-such-deadline-${c % 100}` };
        return { kind: 'unknown deadline reference', json: JSON.stringify(p), path: new RegExp(`rules\\[${n}\\]\\.start`) };
      }
    }
  });

describe('1,000 malformed rule packs through the import path', () => {
  let s: ReturnType<typeof sentinel>;
  beforeAll(async () => {
    freshProfile();
    s = sentinel(new Clock(NOW));
    const good = await s.handlers.importPack({ json: JSON.stringify(base()) });
    expect(good.ok).toBe(true);
  });

  it('every one is refused with a readable message; the active pack stays', async () => {
    const samples = fc.sample(brokenPack, { numRuns: 1000, seed: 20261123 });
    // plus the huge ones: over the message limit (5 MB), and a pack with 6,000 rules
    const first = rulesOf(base())[0]!;
    const huge = JSON.stringify({ ...base(), rules: Array.from({ length: 6000 }, (_, n) => ({ ...first, id: `r-${n}` })) });
    samples.push({ kind: 'huge file', json: 'x'.repeat(5_100_000), path: /too large/ }, { kind: 'too many rules', json: huge, path: /rules|too large/ });

    const byKind = new Map<string, number>();
    for (const b of samples) {
      let message: string;
      try {
        const res = await s.handlers.importPack({ json: b.json });
        expect(res.ok, `${b.kind} was accepted`).toBe(false);
        message = res.ok ? '' : res.error;
      } catch (e) {
        message = e instanceof Error ? e.message : String(e); // refused at the door (payload schema)
      }
      expect(message.length, b.kind).toBeGreaterThan(5);
      expect(message.length, b.kind).toBeLessThan(2000);
      expect(message, b.kind).not.toMatch(/\[object Object\]|undefined is not|Cannot read prop/);
      if (b.path) expect(message, b.kind).toMatch(b.path);
      byKind.set(b.kind, (byKind.get(b.kind) ?? 0) + 1);
    }
    expect(byKind.size).toBeGreaterThanOrEqual(14);
    const info = await s.handlers.getPackInfo(undefined);
    expect(info.active).toMatchObject({ id: 'team-pack', version: 'good-1' });
    expect(info.previous?.id).toBe(defaultPack.id);
  }, 120_000);

  it('a pack from a newer minor version: unknown fields are ignored and listed, the pack is used', async () => {
    const p = base();
    p.schemaVersion = '1.9';
    p.version = 'newer-1';
    rulesOf(p)[0]!.futureField = { anything: 1 };
    p.distribution = 'team';
    const res = await s.handlers.importPack({ json: JSON.stringify(p) });
    expect(res.ok).toBe(true);
    expect(res.ok && res.warnings).toEqual(expect.arrayContaining([expect.stringContaining('rules[0].futureField'), expect.stringContaining('distribution')]));
    expect((await s.handlers.getPackInfo(undefined)).active.version).toBe('newer-1');
  });
});
