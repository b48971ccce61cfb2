import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openSentinelStore,
  toRecentCase,
  type LedgerRecord,
  type RecentCase,
  type SentinelStore,
} from '../../../core/store';
import {
  DAY_RANGES,
  RANGE_DAYS,
  caseOutcome,
  dayFigures,
  type DayRange,
  type Outcome,
} from '../../../core/day/figures';
import {
  DEFAULT_DEADLINE_KINDS,
  deadlineKinds,
  timerKindsFromPackJson,
} from '../../../core/day/deadline-kinds';
import { defaultPackInput } from '../../../core/rules/default-pack';
import type { PanelRead } from '../../../core/model/facts';
import type { Guidance } from '../../../core/model/guidance';
import { D, H, NOW, bjDate, iso, seedCases, seedLedger, windowDates, type Label, type Seeded } from './seed';

/**
 * The day's figures from a seeded IndexedDB (fake-indexeddb), written and read through
 * core/store as the extension does. Each expected figure is a plain count over the labels
 * the generator chose (test/unit/day/seed.ts), with its own date arithmetic — never the
 * code under test.
 */

let store: SentinelStore;
let seeded: Seeded[];
let cases: RecentCase[];
let ledger: LedgerRecord[];
const ledgerSeed = seedLedger(120);

beforeAll(async () => {
  store = await openSentinelStore(`day-figures-${Date.now()}`);
  seeded = seedCases(600);
  await store.putRecentCases(seeded.map((s) => s.rec));
  for (const e of ledgerSeed) await store.addLedgerEntry(e.rec);
  cases = await store.listRecentCases();
  ledger = await store.listLedger();
});
afterAll(() => store.close());

const EXPECTED_OUTCOME: Record<Exclude<Label, 'complaint'>, Outcome> = {
  'in-window': 'in-window',
  'handled-late': 'handled-late',
  'handled-unknown': 'handled-unknown',
  intervention: 'intervention',
  'intervention-then-closed': 'intervention',
  'open-overdue': 'open-overdue',
  open: 'open',
  'no-status': 'no-status',
};

describe.each(DAY_RANGES)('the day’s figures: %s', (range: DayRange) => {
  const dates = () => windowDates(RANGE_DAYS[range]);
  const inWin = (ms: number) => ms <= NOW && dates().has(bjDate(ms));
  const f = () => dayFigures({ cases, ledger, nowMs: NOW, range });
  const seen = () => seeded.filter((s) => inWin(s.rec.lastSeenMs));

  it('the store returned every seeded record', () => {
    expect(cases).toHaveLength(600);
    expect(ledger).toHaveLength(120);
  });

  it('window: from 00:00 Beijing of its first day', () => {
    const first = [...dates()].sort()[0]!;
    expect(iso(f().fromMs)).toBe(`${first}T00:00:00+08:00`);
    expect(f().days).toEqual([...dates()].sort());
  });

  it('cases seen = last seen in the window; new = first seen in it', () => {
    expect(f().seen).toBe(seen().length);
    expect(f().seen).toBeGreaterThan(0);
    expect(f().newCases).toBe(seen().filter((s) => inWin(Date.parse(s.rec.firstSeenAt))).length);
  });

  it('new cases per day (or per hour today) add up and sit in the right bucket', () => {
    const fresh = seen().filter((s) => inWin(Date.parse(s.rec.firstSeenAt)));
    const series = f().series;
    if (range === 'today') {
      const hourNow = new Date(NOW + 8 * H).getUTCHours();
      expect(series).toHaveLength(24);
      for (let h = 0; h < 24; h++) {
        if (h > hourNow) expect(series[h]!.count, `hour ${h} is to come`).toBe(0);
        expect(series[h]!.count, `hour ${h}`).toBe(
          fresh.filter((s) => new Date(Date.parse(s.rec.firstSeenAt) + 8 * H).getUTCHours() === h).length,
        );
      }
    } else {
      const sorted = [...dates()].sort();
      expect(series.map((s) => s.label)).toEqual(sorted.map((d) => d.slice(5)));
      sorted.forEach((d, i) =>
        expect(series[i]!.count, d).toBe(
          fresh.filter((s) => bjDate(Date.parse(s.rec.firstSeenAt)) === d).length,
        ),
      );
    }
    expect(series.reduce((n, s) => n + s.count, 0)).toBe(fresh.length);
  });

  it('72 h window outcomes: one per refund / after-sale seen, as labelled', () => {
    const refunds = seen().filter((s) => s.label !== 'complaint');
    expect(f().refundsSeen).toBe(refunds.length);
    for (const o of Object.keys(f().outcomes) as Outcome[]) {
      const want = refunds.filter(
        (s) => EXPECTED_OUTCOME[s.label as Exclude<Label, 'complaint'>] === o,
      ).length;
      expect(f().outcomes[o], o).toBe(want);
    }
  });

  it('breached seller deadlines by kind; those due after the last sighting apart; buyer deadlines never', () => {
    const byId = new Map<string, number>();
    let unseen = 0;
    for (const s of seen())
      for (const d of s.fates) {
        if (!inWin(d.dueMs)) continue;
        if (d.fate === 'breached') byId.set(d.id, (byId.get(d.id) ?? 0) + 1);
        if (d.fate === 'unseen') unseen++;
      }
    expect(Object.fromEntries(f().breaches.map((b) => [b.key, b.count]))).toEqual(Object.fromEntries(byId));
    expect(f().breachTotal).toBe([...byId.values()].reduce((a, b) => a + b, 0));
    expect(f().dueUnseen).toBe(unseen);
    expect(f().breaches.some((b) => b.key === 'auto-confirm-receipt')).toBe(false);
    // Most first.
    const counts = f().breaches.map((b) => b.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('compensation: platform payouts and 同意赔付 apart, in integer fen', () => {
    const inRange = ledgerSeed.filter((e) => inWin(e.atMs));
    const sum = (kind: string) => inRange.filter((e) => e.rec.kind === kind).reduce((n, e) => n + e.fen, 0);
    const n = (kind: string) => inRange.filter((e) => e.rec.kind === kind).length;
    expect(f().compensation).toEqual({
      platformPayout: { count: n('platform-payout'), fen: sum('platform-payout') },
      proactive: { count: n('proactive-settlement'), fen: sum('proactive-settlement') },
    });
    expect(Number.isInteger(f().compensation.platformPayout.fen)).toBe(true);
  });

  it('reasons, case kinds and page kinds count every case seen once', () => {
    const reasons = new Map<string | null, number>();
    const pages = new Map<string | null, number>();
    const kinds = { refund: 0, aftersale: 0, complaint: 0 };
    for (const s of seen()) {
      const key = s.rec.reason ?? s.rec.complaintType ?? null;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
      pages.set(s.rec.page ?? null, (pages.get(s.rec.page ?? null) ?? 0) + 1);
      kinds[s.rec.kind]++;
    }
    expect(new Map(f().reasons.map((b) => [b.key, b.count]))).toEqual(reasons);
    expect(new Map(f().pages.map((b) => [b.key, b.count]))).toEqual(pages);
    expect(f().kinds).toEqual(kinds);
    const counts = f().reasons.map((b) => b.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('data since: the earliest sighting or ledger time; not a first day', () => {
    const earliest = Math.min(
      ...seeded.map((s) => Date.parse(s.rec.firstSeenAt)),
      ...ledgerSeed.map((e) => e.atMs),
    );
    expect(f().dataSinceMs).toBe(earliest);
    expect(f().firstDay).toBe(false);
    expect(f().empty).toBe(false);
  });
});

describe('edges', () => {
  const base = (over: Partial<RecentCase>): RecentCase => ({
    key: 'k',
    platform: 'tmall',
    kind: 'refund',
    deadlines: [],
    compensation: { triggered: false, amount: null },
    pack: { id: 'default', version: '1' },
    firstSeenAt: iso(NOW - H),
    lastSeenAt: iso(NOW - H),
    lastSeenMs: NOW - H,
    ...over,
  });

  it('an empty store: empty, nothing counted', () => {
    const f = dayFigures({ cases: [], ledger: [], nowMs: NOW, range: '7d' });
    expect(f).toMatchObject({
      empty: true,
      firstDay: false,
      seen: 0,
      newCases: 0,
      breachTotal: 0,
      dataSinceMs: null,
    });
    expect(f.series).toHaveLength(7);
  });

  it('a first day: everything recorded today', () => {
    const f = dayFigures({ cases: [base({})], ledger: [], nowMs: NOW, range: '30d' });
    expect(f).toMatchObject({ empty: false, firstDay: true, seen: 1, newCases: 1 });
  });

  it('the day boundary is Beijing midnight, whatever the machine time zone', () => {
    const midnight = Date.UTC(2026, 10, 19, 16, 0, 0); // 2026-11-20 00:00 Beijing
    const just = base({ lastSeenMs: midnight, lastSeenAt: iso(midnight), firstSeenAt: iso(midnight) });
    const before = base({
      key: 'b',
      lastSeenMs: midnight - 1000,
      lastSeenAt: iso(midnight - 1000),
      firstSeenAt: iso(midnight - 1000),
    });
    const f = dayFigures({ cases: [just, before], ledger: [], nowMs: NOW, range: 'today' });
    expect(f.seen).toBe(1);
    expect(f.series[0]!.count).toBe(1);
    expect(dayFigures({ cases: [just, before], ledger: [], nowMs: NOW, range: '7d' }).seen).toBe(2);
  });

  it('a handled status first recorded exactly 72 h after the request is inside', () => {
    const req = NOW - 100 * H;
    expect(
      caseOutcome(
        base({ refundStatus: '退款成功', requestedAt: iso(req), statusSince: iso(req + 72 * H) }),
        NOW,
      ),
    ).toBe('in-window');
    expect(
      caseOutcome(
        base({ refundStatus: '退款成功', requestedAt: iso(req), statusSince: iso(req + 72 * H + 1000) }),
        NOW,
      ),
    ).toBe('handled-late');
    expect(caseOutcome(base({ kind: 'complaint', refundStatus: '投诉完结' }), NOW)).toBeNull();
    expect(caseOutcome(base({ refundStatus: '等待卖家处理', requestedAt: iso(NOW - 72 * H) }), NOW)).toBe(
      'open-overdue',
    );
  });

  it('a ledger entry in the future (clock skew) is not counted', () => {
    const f = dayFigures({
      cases: [],
      ledger: [{ buyer: 'b', amount: 1.5, at: iso(NOW + D), kind: 'platform-payout', confirmedAt: iso(NOW) }],
      nowMs: NOW,
      range: 'today',
    });
    expect(f.compensation.platformPayout).toEqual({ count: 0, fen: 0 });
  });
});

describe('deadline kinds', () => {
  it('the table equals the default pack’s timers (actor; label one of the pack’s for that id)', () => {
    const timers = defaultPackInput.rules.filter((r) => r.type === 'timer') as Array<{
      deadlineId: string;
      actor?: string;
      label?: { zh: string; en: string };
    }>;
    const ids = new Set(timers.map((r) => r.deadlineId));
    expect(new Set(Object.keys(DEFAULT_DEADLINE_KINDS))).toEqual(ids);
    for (const [id, k] of Object.entries(DEFAULT_DEADLINE_KINDS)) {
      const mine = timers.filter((r) => r.deadlineId === id && r.label);
      expect(
        mine.map((r) => r.actor),
        id,
      ).toContain(k.actor);
      expect(
        mine.every((r) => r.actor === undefined || r.actor === k.actor),
        id,
      ).toBe(true);
      expect(mine.map((r) => r.label!.zh)).toContain(k.label.zh);
    }
  });

  it('an imported pack’s timers come first; junk is skipped', () => {
    const json = JSON.stringify({
      rules: [
        { type: 'timer', deadlineId: 'x-new', actor: 'seller', label: { zh: '新时限', en: 'New' } },
        { type: 'timer', deadlineId: 'bad', actor: 'nobody', label: { zh: 'a', en: 'b' } },
        null,
      ],
    });
    expect(timerKindsFromPackJson(json)).toEqual({
      'x-new': { actor: 'seller', label: { zh: '新时限', en: 'New' } },
    });
    expect(deadlineKinds(json)['x-new']?.actor).toBe('seller');
    expect(deadlineKinds('{not json')).toEqual(DEFAULT_DEADLINE_KINDS);
    expect(deadlineKinds('')).toEqual(DEFAULT_DEADLINE_KINDS);
  });
});

describe('what the store records for the day page', () => {
  const read = (facts: Partial<PanelRead['facts']>, adapter = 'refund-list'): PanelRead => ({
    kind: 'refund',
    adapter,
    platform: 'tmall',
    index: 0,
    unreadable: [],
    facts: { refundId: '202611200001', ...facts },
  });
  const g = {
    deadlines: [],
    compensation: { triggered: false, amount: null },
    pack: { id: 'default', version: '1' },
  } as unknown as Guidance;

  it('page kind and request time; status time kept while the text holds; 介入 kept once seen', async () => {
    const s = await openSentinelStore(`day-store-${Date.now()}`);
    const t0 = NOW - 10 * H;
    const at = (h: number) => iso(t0 + h * H);
    const put = (facts: Partial<PanelRead['facts']>, h: number, adapter?: string) =>
      s.putRecentCases([toRecentCase('tmall:refund:1', read(facts, adapter), g, at(h), t0 + h * H)]);
    await put({ refundStatus: '等待卖家处理', refundRequestedAt: at(-2) }, 0);
    let [c] = await s.listRecentCases();
    expect(c).toMatchObject({ page: 'refund-list', requestedAt: at(-2), statusSince: at(0) });
    expect(c!.interventionSeenAt).toBeUndefined();
    await put({ refundStatus: '等待卖家处理' }, 1, 'refund-detail');
    [c] = await s.listRecentCases();
    expect(c).toMatchObject({ page: 'refund-detail', statusSince: at(0), lastSeenAt: at(1) });
    await put({ refundStatus: '小二已介入' }, 2);
    await put({ refundStatus: '退款成功' }, 3);
    [c] = await s.listRecentCases();
    expect(c).toMatchObject({
      refundStatus: '退款成功',
      statusSince: at(3),
      interventionSeenAt: at(2),
      firstSeenAt: at(0),
    });
    expect(caseOutcome(c!, NOW)).toBe('intervention');
    s.close();
  });

  it('a record from before these fields: same status → status time stays unknown', async () => {
    const s = await openSentinelStore(`day-store-old-${Date.now()}`);
    const old = toRecentCase(
      'tmall:refund:1',
      read({ refundStatus: '退款成功' }),
      g,
      iso(NOW - 5 * D),
      NOW - 5 * D,
    );
    delete old.statusSince;
    delete old.page;
    await s.putRecentCases([old]);
    await s.putRecentCases([
      toRecentCase('tmall:refund:1', read({ refundStatus: '退款成功' }), g, iso(NOW), NOW),
    ]);
    const [c] = await s.listRecentCases();
    expect(c!.statusSince).toBeUndefined();
    expect(caseOutcome(c!, NOW)).toBe('handled-unknown');
    s.close();
  });

  it('an odd adapter name or request time is not kept', () => {
    const rec = toRecentCase(
      'k',
      read({ refundRequestedAt: '2026-11-20T10:00:00Z' }, '<b>x</b>'),
      g,
      iso(NOW),
      NOW,
    );
    expect(rec.page).toBeUndefined();
    expect(rec.requestedAt).toBeUndefined();
  });
});
