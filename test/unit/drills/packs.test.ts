import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultPack, formatPath } from '../../../core';
import { createWorker, type BackgroundWorker } from '../../../entrypoints/background/worker';
import { coreRules } from '../../../entrypoints/background/rules';
import { Rng } from './corpus';
import { prng } from '../../helpers/prng';

/**
 * Drill 2 — rule packs. 1,000 malformed packs go through THE import path the options page
 * uses (options-api `importPack` → background handler `importPack` → PackService.importJson
 * → parseRulePack → store). Every one must be refused with a readable message (naming the
 * zod path where there is one), the active pack must stay exactly as it was (read back from
 * IndexedDB), and nothing may crash or hang. A newer-minor pack with unknown fields is handled
 * as core/model/rule-pack.ts documents: accepted, unknown fields stripped and listed as
 * warnings; a newer major is refused.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;
interface Bad {
  category: string;
  json: string;
  /** The zod path the message must name (formatPath form), when there is one. */
  path?: string;
  /** A text the message must contain otherwise. */
  says?: RegExp;
}

const base = (): { [k: string]: Json } => JSON.parse(JSON.stringify(defaultPack)) as { [k: string]: Json };
const TEAM = (() => {
  const p = base();
  p.id = 'team-pack-drill';
  p.version = '7.3';
  return JSON.stringify(p);
})();

function leaves(v: Json, path: Path, out: Path[]): Path[] {
  if (v !== null && typeof v === 'object') {
    if (Array.isArray(v)) v.forEach((c, i) => leaves(c, [...path, i], out));
    else for (const [k, c] of Object.entries(v)) leaves(c, [...path, k], out);
  } else out.push(path);
  return out;
}
function getAt(root: Json, path: Path): Json {
  return path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, root);
}
function setAt(root: Json, path: Path, value: Json | undefined): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  if (value === undefined) delete parent[key];
  else parent[key] = value;
}
const deep = (levels: number, open: string, close: string, inner = '1') =>
  open.repeat(levels) + inner + close.repeat(levels);

/** 1,000 malformed packs, seeded; each knows what its message must name. */
function malformedPacks(): Bad[] {
  const r = new Rng(prng(7_000_001));
  const valid = base();
  const allLeaves = leaves(valid, [], []);
  const rules = valid.rules as Array<{ [k: string]: Json }>;
  const out: Bad[] = [];
  // wrong types at a random leaf (400)
  for (let i = 0; out.length < 400; i++) {
    const p = base();
    const path = r.pick(allLeaves);
    const old = getAt(p, path);
    const wrong: Json =
      typeof old === 'string'
        ? r.pick([12345, true, null, ['x'], { x: 1 }])
        : typeof old === 'number'
          ? r.pick(['12', false, [1]])
          : typeof old === 'boolean'
            ? r.pick(['true', 1, {}])
            : r.pick([{ x: 1 }, 'null']);
    setAt(p, path, wrong);
    out.push({ category: 'wrong-type', json: JSON.stringify(p), path: formatPath(path) });
  }
  // missing citations / missing required fields (150)
  for (let i = 0; i < 150; i++) {
    const p = base();
    const k = r.int(0, rules.length - 1);
    const field = i % 3 === 0 ? 'citation' : r.pick(['citation', 'id', 'reason', 'type'] as const);
    if (i % 5 === 0 && field === 'citation') setAt(p, ['rules', k, 'citation', 'source'], undefined);
    else setAt(p, ['rules', k, field], undefined);
    const pathTo =
      i % 5 === 0 && field === 'citation' ? ['rules', k, 'citation', 'source'] : ['rules', k, field];
    out.push({
      category: 'missing-field',
      json: JSON.stringify(p),
      path: formatPath(field === 'type' ? ['rules', k] : pathTo),
    });
  }
  // unknown rule ids / references (120)
  for (let i = 0; i < 120; i++) {
    const p = base();
    const k = r.int(1, rules.length - 1);
    const rs = p.rules as Array<{ [k: string]: Json }>;
    switch (i % 5) {
      case 0:
        rs[k]!.id = r.pick(['Rule With Spaces', 'UPPER-CASE', '', '-leading-dash', 'x'.repeat(100), '规则']);
        out.push({ category: 'bad-rule-id', json: JSON.stringify(p), path: formatPath(['rules', k, 'id']) });
        break;
      case 1:
        rs[k]!.id = rs[k - 1]!.id!;
        out.push({
          category: 'duplicate-rule-id',
          json: JSON.stringify(p),
          path: formatPath(['rules', k, 'id']),
        });
        break;
      case 2: {
        rs[k]!.profiles = ['tmall-2031'];
        out.push({
          category: 'unknown-profile',
          json: JSON.stringify(p),
          path: formatPath(['rules', k, 'profiles', 0]),
        });
        break;
      }
      case 3: {
        const kind = r.pick(['refund', 'aftersale', 'complaint'] as const);
        (p.countdownTargets as Record<string, Json>)[kind] = r.pick([
          'no-such-deadline',
          'seller-respons',
          'complaint-handle',
        ]);
        out.push({
          category: 'unknown-countdown-target',
          json: JSON.stringify(p),
          path: formatPath(['countdownTargets', kind]),
        });
        break;
      }
      default: {
        const t = rs.findIndex(
          (x) => x.type === 'timer' && typeof x.start === 'object' && x.start !== null && 'after' in x.start,
        );
        (rs[t]!.start as { after: string }).after = r.pick([
          'no-such-deadline',
          'seller-respons',
          'after-sale-windows',
        ]);
        out.push({
          category: 'unknown-deadline-ref',
          json: JSON.stringify(p),
          path: formatPath(['rules', t, 'start', 'after']),
        });
      }
    }
  }
  // negative amounts / percentages in otherwise valid packs (80)
  // amounts, percentages, points and lengths (not `order`, which may be negative)
  const AMOUNT =
    /Fen$|^basisPoints$|^points$|[pP]ercent$|^yuan$|^hours$|^days$|^minutes$|^workingDays$|^multiple$|^threshold$|^capWindowHours$/;
  const numeric: Path[] = allLeaves.filter(
    (pa) => typeof getAt(valid, pa) === 'number' && AMOUNT.test(String(pa[pa.length - 1])),
  );
  for (let i = 0; i < 80; i++) {
    const p = base();
    const path = r.pick(numeric);
    setAt(p, path, -Math.abs(getAt(p, path) as number) - r.int(1, 500));
    out.push({ category: 'negative-amount', json: JSON.stringify(p), path: formatPath(path) });
  }
  // wrong schemaVersion (50)
  for (let i = 0; i < 50; i++) {
    const p = base();
    const v = r.pick<Json>(['2.0', '3.1', '10.0', '0.9', 'latest', '1', '', 1, null]);
    p.schemaVersion = v;
    const major = typeof v === 'string' ? /^(\d+)\.\d+$/.exec(v)?.[1] : undefined;
    out.push({
      category: 'schema-version',
      json: JSON.stringify(p),
      path: 'schemaVersion',
      says: major && major !== '1' ? /unsupported/ : undefined,
    });
  }
  // invalid JSON (120): truncated packs, trailing commas, comments, single quotes, empty
  const text = JSON.stringify(valid);
  for (let i = 0; i < 100; i++)
    out.push({
      category: 'invalid-json',
      json: text.slice(0, r.int(0, text.length - 2)),
      says: /invalid JSON|JSON/,
    });
  for (const bad of [
    '{"id":"x",}',
    "{'id':'x'}",
    '// pack\n{}',
    '',
    '   ',
    '\u0000',
    '{"a":1}{"b":2}',
    'NaN',
    'undefined',
    '{"rules":[1,2,]}',
    '\uFEFF' + text.slice(0, 100),
  ])
    out.push({ category: 'invalid-json', json: bad, says: /JSON|object/ });
  // not an object (10)
  for (const root of ['[]', '"pack"', '123', 'null', 'true', '[{"id":"x"}]', '"{}"', '0', '-1', '[[]]'])
    out.push({ category: 'not-an-object', json: root, says: /object|schemaVersion|\(root\)/ });
  // deep nesting, 10,000 levels (30)
  for (let i = 0; i < 10; i++)
    out.push({ category: 'deep-nesting', json: deep(10_000, '{"a":', '}'), says: /deeper|nest/ });
  for (let i = 0; i < 10; i++)
    out.push({ category: 'deep-nesting', json: deep(10_000, '[', ']'), says: /object|deeper|nest/ });
  for (let i = 0; i < 10; i++) {
    const p = base();
    const json = JSON.stringify(p).replace(
      '"rules":[',
      `"rules":[{"id":"deep-${i}","type":"note","extra":${deep(10_000, '{"a":', '}')}},`,
    );
    out.push({ category: 'deep-nesting', json, says: /deeper|nest/ });
  }
  // huge files (5 MB and more), padded so the JSON itself is otherwise valid (6)
  for (const mb of [5, 5.5, 8]) {
    const p = base();
    p.title = { zh: 'x'.repeat(Math.ceil(mb * 1_000_000)), en: 'x' };
    out.push({ category: 'huge', json: JSON.stringify(p), says: /large|too|limit|characters|json/i });
    out.push({
      category: 'huge',
      json: JSON.stringify(base()) + ' '.repeat(Math.ceil(mb * 1_000_000)),
      says: /large|too|limit|characters|json/i,
    });
  }
  // too many rules / names (fill to 1,000)
  while (out.length < 1000) {
    const p = base();
    const rs = p.rules as Json[];
    p.rules = [];
    out.push({ category: 'empty-rules', json: JSON.stringify(p), path: 'rules' });
    if (out.length >= 1000) break;
    const q = base();
    q.profiles = (q.profiles as Json[]).map((x) => ({ ...(x as object), default: true }));
    out.push({ category: 'two-default-profiles', json: JSON.stringify(q), path: 'profiles' });
    void rs;
  }
  return out.slice(0, 1000);
}

let s: BackgroundWorker;
const NOW = Date.parse('2026-11-23T10:00:00+08:00');

beforeAll(async () => {
  fakeBrowser.reset();
  s = createWorker({
    rules: coreRules,
    dbName: `drill-packs-${Date.now()}`,
    nowMs: () => NOW,
    broadcast: async () => undefined,
  });
  // The team's pack is active, the default is previous: every refusal must leave both alone.
  const first = await importVia(TEAM);
  expect(first.ok).toBe(true);
});
afterAll(async () => (await s.store()).close());

/** The options page's path: the file is staged (importPack), then the agent confirms it (decidePack). */
async function importVia(
  json: string,
): Promise<{ ok: boolean; error?: string; thrown?: boolean; warnings?: string[] }> {
  try {
    const staged = await s.handlers.importPack({ json });
    if (!staged.ok) return staged;
    return await s.handlers.decidePack({ token: staged.preview.token, accept: true });
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e), thrown: true };
  }
}

describe('drill: 1,000 malformed rule packs through the options-page import path', () => {
  const packs = malformedPacks();
  const results: Array<Bad & { ok: boolean; error?: string; thrown?: boolean }> = [];

  beforeAll(async () => {
    for (const p of packs) results.push({ ...p, ...(await importVia(p.json)) });
    const cats = new Map<string, number>();
    for (const p of packs) cats.set(p.category, (cats.get(p.category) ?? 0) + 1);
    const refused = results.filter((x) => !x.ok).length;
    console.log(
      `[drill packs] ${packs.length} malformed packs, refused ${refused}; by category ${JSON.stringify(Object.fromEntries(cats))}`,
    );
    for (const cat of cats.keys())
      console.log(
        `[drill packs] e.g. ${cat}: ${(results.find((x) => x.category === cat)?.error ?? '').slice(0, 160)}`,
      );
  }, 120_000);

  it('generates 1,000 packs across every category', () => {
    expect(packs).toHaveLength(1000);
    expect(new Set(packs.map((p) => p.category)).size).toBeGreaterThanOrEqual(12);
    expect(packs.filter((p) => p.category === 'deep-nesting').every((p) => p.json.length > 20_000)).toBe(
      true,
    );
    expect(packs.filter((p) => p.category === 'huge').some((p) => p.json.length >= 5_000_000)).toBe(true);
  });

  it('refuses every one', () => {
    expect(results.filter((x) => x.ok).map((x) => `${x.category}: ${x.json.slice(0, 120)}`)).toEqual([]);
  });

  it('says why in a readable message, naming the zod path where there is one', () => {
    const bad = results.filter((x) => {
      const e = x.error ?? '';
      if (!e || e.length > 1500 || /\n\s+at |\[object Object\]|undefined:/.test(e)) return true;
      // the field's path, or its parent's when the parent is a union (`rules[3].start: Invalid input`)
      if (
        x.path !== undefined &&
        !e.includes(x.path) &&
        !e.includes(`${x.path.replace(/(\.[^.[\]]+|\[\d+\])$/, '')}:`)
      )
        return true;
      if (x.says && !x.says.test(e)) return true;
      return false;
    });
    expect(
      bad
        .slice(0, 10)
        .map((x) => `${x.category} (want ${x.path ?? String(x.says)}): ${(x.error ?? '').slice(0, 200)}`),
    ).toEqual([]);
  });

  it('leaves the active pack (and the previous one) exactly as they were, read back from IndexedDB', async () => {
    const store = await s.store();
    const active = await store.getPack('active');
    expect(active?.json).toBe(TEAM);
    expect(active).toMatchObject({ id: 'team-pack-drill', version: '7.3', source: 'file' });
    expect((await store.getPack('previous'))?.id).toBe(defaultPack.id);
    const info = await s.handlers.getPackInfo(undefined);
    expect(info.active).toMatchObject({ id: 'team-pack-drill', version: '7.3' });
    expect((await s.handlers.exportPack(undefined)).json).toBe(TEAM);
  });
});

describe('drill: a pack from a newer version (as core/model/rule-pack.ts documents)', () => {
  it('newer MINOR with unknown fields: accepted, unknown fields ignored and listed as warnings, the pack becomes active', async () => {
    const p = base();
    p.schemaVersion = '1.9';
    p.id = 'team-pack-next';
    p.version = '8.0';
    p.futureTopLevel = { anything: [1, 2, 3] };
    (p.rules as Array<{ [k: string]: Json }>)[0]!.futureRuleField = 'ignored';
    const json = JSON.stringify(p);
    const r = await importVia(json);
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        'unknown field ignored: futureTopLevel',
        'unknown field ignored: rules[0].futureRuleField',
      ]),
    );
    const store = await s.store();
    expect((await store.getPack('active'))?.json).toBe(json);
    expect((await store.getPack('previous'))?.json).toBe(TEAM);
    // and it evaluates: the stripped pack is the one in use
    const { pack } = await s.packs.active();
    expect(pack.id).toBe('team-pack-next');
    expect('futureTopLevel' in pack).toBe(false);
  });

  it('newer MAJOR: refused with `schemaVersion: unsupported`, the active pack stays', async () => {
    const before = (await (await s.store()).getPack('active'))?.json;
    const p = base();
    p.schemaVersion = '2.0';
    p.id = 'team-pack-major';
    const r = await importVia(JSON.stringify(p));
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^schemaVersion: unsupported version 2\.0/);
    expect((await (await s.store()).getPack('active'))?.json).toBe(before);
  });

  // Found by this drill (fixed in the rules core, 3caa98a): countdownTargets could name a
  // deadline no timer defines; the pack was accepted and the page's own (authoritative)
  // countdown then silently dropped for that case kind.
  it('countdownTargets naming an undefined deadline is refused with its path', async () => {
    const p = base();
    p.countdownTargets = {
      refund: 'no-such-deadline',
      aftersale: 'seller-response',
      complaint: 'complaint-seller-handle',
    };
    const r = await importVia(JSON.stringify(p));
    expect(r.ok).toBe(false);
    expect(r.error ?? '').toContain('countdownTargets.refund');
  });
});
