import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelReadSchema, type PanelRead } from '../../../core';
import { createWorker, type BackgroundWorker } from '../../../entrypoints/background/worker';
import { coreRules } from '../../../entrypoints/background/rules';
import { Rng } from './corpus';
import { prng } from '../../helpers/prng';

/**
 * Drill 6 (unit part) — a content script (or a page that took one over) cannot make the
 * worker accept a `reportPage` payload that fails the zod schema. 400 seeded malformed
 * payloads go to the background's reportPage handler (the function registerWorker wires to
 * the message); each must be rejected with an error naming the path, and nothing may be kept:
 * no tab state, no recent case, no alarm, no action badge. test/e2e/drills-hostile.test.ts
 * sends the same kind of payloads from the content script's own world in Chromium.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const URL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=1';
const SENDER = { tab: { id: 99, url: URL } };

const good = (): { url: string; cases: PanelRead[] } => ({
  url: URL,
  cases: [
    {
      kind: 'refund',
      adapter: 'refund-detail',
      platform: 'tmall',
      index: 0,
      unreadable: [],
      facts: {
        refundId: '202611230001',
        orderId: '3921845507760001',
        buyer: 'tb_小鹿',
        reason: '卖家缺货',
        refundAmount: 500,
        paidAmount: 500,
        paidAt: '2026-11-22T21:14:05+08:00',
        refundRequestedAt: '2026-11-23T10:02:37+08:00',
        tradeStatus: '买家已付款',
        refundStatus: '等待商家处理',
        platformCountdown: '剩余2天23时7分51秒',
      },
    },
  ],
});

function leaves(
  v: Json,
  path: Array<string | number>,
  out: Array<Array<string | number>>,
): Array<Array<string | number>> {
  if (v !== null && typeof v === 'object') {
    if (Array.isArray(v)) v.forEach((c, i) => leaves(c, [...path, i], out));
    else for (const [k, c] of Object.entries(v)) leaves(c, [...path, k], out);
  } else out.push(path);
  return out;
}

/** Values that break the schema at a given leaf (by what the leaf is). */
function breakLeaf(path: Array<string | number>, old: Json, r: Rng): Json {
  const key = String(path[path.length - 1]);
  if (key === 'paidAmount' || key === 'refundAmount')
    return r.pick([-5, 1.234, Number.MAX_VALUE * 10 > 0 ? '500' : 0, 'NaN', null]);
  if (key.endsWith('At'))
    return r.pick([
      '2026-11-23 10:02:37',
      '2026-11-23T10:02:37Z',
      '2026-11-23T10:02:37+09:00',
      'tomorrow',
      1763863357000,
    ]);
  if (key === 'refundId' || key === 'orderId')
    return r.pick(['12a45', '<img src=x onerror=alert(1)>', '', 12345]);
  if (key === 'kind') return r.pick(['evil', 'REFUND', '', 3]);
  if (key === 'platform') return r.pick(['jd', 'TMALL', null]);
  if (key === 'tradeStatus') return r.pick(['已付款<script>', 'paid', 1]);
  if (key === 'index') return r.pick([-1, 1.5, '0', null]);
  if (key === 'url') return r.pick(['not a url', `https://refund2.tmall.com/${'a'.repeat(3000)}`, 42, '']);
  if (typeof old === 'string') return r.pick([42, true, null, ['x'], { toString: 'x' }]);
  if (typeof old === 'number') return r.pick(['1', false, null]);
  return r.pick([{ x: 1 }, 'x', 1]);
}

function malformed(): Array<{ name: string; payload: unknown }> {
  const r = new Rng(prng(606_060));
  const base = good() as unknown as Json;
  const paths = leaves(base, [], []);
  const out: Array<{ name: string; payload: unknown }> = [];
  for (let i = 0; out.length < 330; i++) {
    const p = JSON.parse(JSON.stringify(base)) as Json;
    const path = paths[i % paths.length]!;
    let parent = p as Record<string | number, Json>;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
    parent[path[path.length - 1]!] = breakLeaf(path, parent[path[path.length - 1]!]!, r);
    out.push({ name: `leaf ${path.join('.')}`, payload: p });
  }
  const g = good();
  const one = g.cases[0]!;
  const shapes: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'reportPage'],
    ['an array', [g]],
    ['no url', { cases: g.cases }],
    ['no cases', { url: URL }],
    ['cases not an array', { url: URL, cases: one }],
    [
      '301 cases',
      {
        url: URL,
        cases: Array.from({ length: 301 }, (_, i) => ({
          ...one,
          index: i,
          facts: { ...one.facts, refundId: String(1e11 + i) },
        })),
      },
    ],
    ['a case without facts', { url: URL, cases: [{ ...one, facts: undefined }] }],
    ['facts with an unknown unreadable key', { url: URL, cases: [{ ...one, unreadable: ['password'] }] }],
    [
      'facts.unreadable with a foreign key',
      { url: URL, cases: [{ ...one, facts: { ...one.facts, unreadable: ['<script>'] } }] },
    ],
    ['an empty reason', { url: URL, cases: [{ ...one, facts: { ...one.facts, reason: '' } }] }],
    [
      'a 2 MB report',
      { url: URL, cases: [{ ...one, facts: { ...one.facts, reason: '啊'.repeat(1_100_000) } }] },
    ],
    [
      'unreadable block too big',
      { url: URL, cases: [], unreadable: { tried: Array.from({ length: 51 }, () => 'x'), fields: [] } },
    ],
    [
      'prototype pollution',
      JSON.parse(`{"url":"${URL}","cases":[{"__proto__":{"polluted":true},"kind":"refund"}]}`),
    ],
  ];
  for (const [name, payload] of shapes) out.push({ name, payload });
  // more of every shape, with different seeds of the leaf mutations, to 400
  for (let i = 0; out.length < 400; i++) {
    const p = good() as unknown as { cases: Array<Record<string, Json>> };
    const c = p.cases[0]!;
    const bad: Record<string, Json[]> = {
      kind: [null, 7, 'xxx', []],
      adapter: [null, 7, '', {}],
      platform: [null, 7, 'jd', []],
      index: [null, -1, 'x', 1.5],
      unreadable: [null, 7, ['nope'], 'paidAmount'],
      facts: [null, 7, 'x', []],
    };
    const k = r.pick(Object.keys(bad));
    c[k] = r.pick(bad[k]!);
    out.push({ name: `case.${k}`, payload: p });
  }
  return out;
}

let s: BackgroundWorker;
const name = `drill-hostile-${Date.now()}`;
const results: Array<{ name: string; rejected: boolean; message: string }> = [];

beforeAll(async () => {
  fakeBrowser.reset();
  await fakeBrowser.action.setBadgeText({ text: '' });
  s = createWorker({
    rules: coreRules,
    dbName: name,
    nowMs: () => Date.parse('2026-11-23T12:00:00+08:00'),
    broadcast: async () => undefined,
  });
  for (const m of malformed()) {
    try {
      await s.handlers.reportPage(m.payload, SENDER);
      results.push({ name: m.name, rejected: false, message: '' });
    } catch (e) {
      results.push({ name: m.name, rejected: true, message: e instanceof Error ? e.message : String(e) });
    }
  }
  console.log(
    `[drill hostile payloads] ${results.length} malformed reportPage payloads, rejected ${results.filter((x) => x.rejected).length}`,
  );
}, 60_000);

describe('drill: malformed reportPage payloads are rejected and leave nothing behind', () => {
  it('every malformed payload really fails the schema (the drill cannot pass by accident)', () => {
    for (const m of malformed()) {
      const p = m.payload as { cases?: unknown[] } | null;
      const casesOk =
        !!p &&
        Array.isArray(p.cases) &&
        p.cases.length <= 300 &&
        p.cases.every((c) => PanelReadSchema.safeParse(c).success);
      const urlOk =
        !!p &&
        typeof (p as { url?: unknown }).url === 'string' &&
        /^https:\/\/refund2\.tmall\.com\/[^a]/.test((p as { url: string }).url);
      const size = JSON.stringify(p ?? null)?.length ?? 0;
      const extra = !!p && (p as { unreadable?: { tried: unknown[] } }).unreadable?.tried?.length === 51;
      expect(casesOk && urlOk && size < 1_000_000 && !extra, m.name).toBe(false);
    }
  });

  it('rejects all of them, each with a message naming reportPage and the path', () => {
    expect(results).toHaveLength(400);
    expect(results.filter((x) => !x.rejected).map((x) => x.name)).toEqual([]);
    for (const x of results)
      expect(x.message, x.name).toMatch(
        /^reportPage: (invalid payload — .+|must be sent by a content script in a tab)$/,
      );
    expect(results.filter((x) => /cases\[0\]\.facts\.\w+/.test(x.message)).length).toBeGreaterThan(100);
  });

  it('stores nothing: no tab state, no recent case, no alarm, no action badge', async () => {
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    // The handler refused before touching IndexedDB: the database was not even created.
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect((await s.handlers.getQueue(undefined)).cases).toEqual([]);
  });

  it('a report from outside a tab (no content script) is rejected even when well-formed', async () => {
    await expect(s.handlers.reportPage(good(), {})).rejects.toThrow(
      /must be sent by a content script in a tab/,
    );
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('control: the well-formed payload is accepted and stored (the door is not simply shut)', async () => {
    const { cases } = await s.handlers.reportPage(good(), SENDER);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.guidance.compensation.amount).toBe('150.00');
    expect((await s.handlers.getQueue(undefined)).cases).toHaveLength(1);
    expect(await (await s.store()).listRecentCases()).toHaveLength(1);
    (await s.store()).close();
  });
});
