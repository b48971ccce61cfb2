import type { LedgerRecord, RecentCase } from '../store/schema';
import { BEIJING_OFFSET_MS, DAY, HOUR, beijingDate, toEpochMs } from '../time/beijing';
import { yuanToFen } from '../money/fen';
import { DEFAULT_DEADLINE_KINDS, type DeadlineKind } from './deadline-kinds';

/**
 * The shop's day: figures over the recent cases and the compensation ledger, for today,
 * the last 7 or the last 30 Beijing calendar days (today included). Pure: the same stored
 * records and `nowMs` give the same figures in any machine time zone.
 *
 * What the store can tell, and so what each figure counts:
 * - a case is SEEN in a window when its last sighting (`lastSeenMs`) falls in it (it was on
 *   an agent's screen then); NEW when its first sighting does;
 * - the OUTCOME of a refund or after-sale comes from the refund status TEXT as last recorded
 *   (`refundStatus`) and the times kept beside it: 介入 in any recorded status → reached
 *   intervention; a concluded status (退款成功, 协议达成, …) first recorded no later than
 *   72 h after the request time → handled inside the window; concluded but first recorded
 *   later, or without a request time / status time (records from before they were kept) →
 *   said as such, never counted as inside;
 * - a deadline is BREACHED when the case was still shown with it after it fell due (due time
 *   before the last sighting); one that fell due after the case was last seen is counted
 *   apart: whether it was met is not known;
 * - compensation is the ledger (what agents confirmed), by `at`, platform payouts and
 *   同意赔付 apart, in integer fen.
 */

export const DAY_RANGES = ['today', '7d', '30d'] as const;
export type DayRange = (typeof DAY_RANGES)[number];
export const RANGE_DAYS: Readonly<Record<DayRange, number>> = { today: 1, '7d': 7, '30d': 30 };

/** The intervention window: a refund settled within 72 h of the request never reaches 小二介入. */
const INTERVENTION_WINDOW_MS = 72 * HOUR;

/** Status texts that mean the case is concluded or agreed by the shop (no intervention needed). */
const HANDLED_STATUS = [
  '退款成功',
  '退款关闭',
  '协议达成',
  '已同意',
  '同意退款',
  '已处理',
  '完结',
  '已完成',
  '售后成功',
  '售后关闭',
  '交易关闭',
] as const;
const INTERVENTION_STATUS = '介入';

export const OUTCOMES = [
  'in-window',
  'handled-late',
  'handled-unknown',
  'intervention',
  'open-overdue',
  'open',
  'no-status',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

interface Bucket<K extends string | null = string | null> {
  key: K;
  count: number;
}

export interface DayFigures {
  range: DayRange;
  nowMs: number;
  /** Start of the window: 00:00 Beijing of its first day. */
  fromMs: number;
  /** Beijing dates of the window, oldest first. */
  days: string[];
  seen: number;
  newCases: number;
  /** New cases per bucket: per Beijing day (7d/30d) or per Beijing hour 00–23 (today; hours to come are 0). */
  series: Array<{ label: string; count: number }>;
  /** Refunds and after-sales seen, by outcome (complaints have no intervention window). */
  outcomes: Record<Outcome, number>;
  refundsSeen: number;
  /** Seller deadlines breached (fell due in the window, still shown after), by deadline id, most first. */
  breaches: Bucket<string>[];
  breachTotal: number;
  /** Seller deadlines that fell due in the window after the case was last seen (unknown whether met). */
  dueUnseen: number;
  compensation: { platformPayout: { count: number; fen: number }; proactive: { count: number; fen: number } };
  /** Reasons (or complaint types) of the cases seen, most first; key null = none was read. */
  reasons: Bucket[];
  kinds: Record<RecentCase['kind'], number>;
  /** Cases seen per page kind that read them last; key null = not recorded (older records). */
  pages: Bucket[];
  /** Earliest record of any kind (first sighting or ledger time), null when the store is empty. */
  dataSinceMs: number | null;
  /** Nothing recorded before today (Beijing). */
  firstDay: boolean;
  /** Nothing recorded at all. */
  empty: boolean;
}

/** 00:00 Beijing of the day `ms` falls on. */
function beijingDayStart(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY) * DAY - BEIJING_OFFSET_MS;
}

export function windowStart(range: DayRange, nowMs: number): number {
  return beijingDayStart(nowMs) - (RANGE_DAYS[range] - 1) * DAY;
}

function isHandledStatus(status: string): boolean {
  return HANDLED_STATUS.some((s) => status.includes(s));
}

/** The outcome of a refund / after-sale as the store recorded it; null for a complaint. */
export function caseOutcome(c: RecentCase, nowMs: number): Outcome | null {
  if (c.kind === 'complaint') return null;
  const status = c.refundStatus;
  if (c.interventionSeenAt || (status !== undefined && status.includes(INTERVENTION_STATUS)))
    return 'intervention';
  const requested = c.requestedAt ? toEpochMs(c.requestedAt) : NaN;
  const windowEnd = requested + INTERVENTION_WINDOW_MS;
  if (status === undefined) return 'no-status';
  if (isHandledStatus(status)) {
    const since = c.statusSince ? toEpochMs(c.statusSince) : NaN;
    if (Number.isNaN(requested) || Number.isNaN(since)) return 'handled-unknown';
    return since <= windowEnd ? 'in-window' : 'handled-late';
  }
  return !Number.isNaN(requested) && windowEnd <= nowMs ? 'open-overdue' : 'open';
}

function countInto(map: Map<string | null, number>, key: string | null): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Most first; ties by key (null last) so the order is stable. */
function ranked<K extends string | null>(map: Map<K, number>): Bucket<K>[] {
  return [...map]
    .map(([key, count]) => ({ key, count }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

interface DayInput {
  cases: readonly RecentCase[];
  ledger: readonly LedgerRecord[];
  nowMs: number;
  range: DayRange;
  /** Deadline ids → label and actor (default: the default pack's timers). */
  kinds?: Readonly<Record<string, DeadlineKind>>;
}

/** The cases a window counts: last seen inside it (and not in the future). */
export function casesInWindow(cases: readonly RecentCase[], range: DayRange, nowMs: number): RecentCase[] {
  const from = windowStart(range, nowMs);
  return cases.filter((c) => c.lastSeenMs >= from && c.lastSeenMs <= nowMs);
}

export function dayFigures(input: DayInput): DayFigures {
  const { nowMs, range } = input;
  const kinds = input.kinds ?? DEFAULT_DEADLINE_KINDS;
  const fromMs = windowStart(range, nowMs);
  const days: string[] = [];
  for (let d = 0; d < RANGE_DAYS[range]; d++) days.push(beijingDate(fromMs + d * DAY));

  const seenCases = casesInWindow(input.cases, range, nowMs);
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const kindCounts: Record<RecentCase['kind'], number> = { refund: 0, aftersale: 0, complaint: 0 };
  const reasons = new Map<string | null, number>();
  const pages = new Map<string | null, number>();
  const breaches = new Map<string, number>();
  let dueUnseen = 0;
  let newCases = 0;
  let refundsSeen = 0;
  const series =
    range === 'today'
      ? Array.from({ length: 24 }, (_, h) => ({ label: `${String(h).padStart(2, '0')}`, count: 0 }))
      : days.map((d) => ({ label: d.slice(5), count: 0 }));

  for (const c of seenCases) {
    kindCounts[c.kind]++;
    countInto(reasons, c.reason ?? c.complaintType ?? null);
    countInto(pages, c.page ?? null);
    const outcome = caseOutcome(c, nowMs);
    if (outcome) {
      outcomes[outcome]++;
      refundsSeen++;
    }
    const first = toEpochMs(c.firstSeenAt);
    if (first >= fromMs && first <= nowMs) {
      newCases++;
      const slot =
        range === 'today' ? Math.floor((first - fromMs) / HOUR) : Math.floor((first - fromMs) / DAY);
      const s = series[slot];
      if (s) s.count++;
    }
    for (const d of c.deadlines) {
      if (kinds[d.id]?.actor !== 'seller') continue;
      const due = toEpochMs(d.dueAt);
      if (!(due >= fromMs && due <= nowMs)) continue;
      if (due < c.lastSeenMs) breaches.set(d.id, (breaches.get(d.id) ?? 0) + 1);
      else dueUnseen++;
    }
  }

  const compensation = { platformPayout: { count: 0, fen: 0 }, proactive: { count: 0, fen: 0 } };
  for (const e of input.ledger) {
    const at = toEpochMs(e.at);
    if (!(at >= fromMs && at <= nowMs)) continue;
    const slot = e.kind === 'platform-payout' ? compensation.platformPayout : compensation.proactive;
    slot.count++;
    slot.fen += yuanToFen(e.amount);
  }

  let dataSinceMs: number | null = null;
  const earliest = (ms: number) => {
    if (!Number.isNaN(ms) && (dataSinceMs === null || ms < dataSinceMs)) dataSinceMs = ms;
  };
  for (const c of input.cases) earliest(toEpochMs(c.firstSeenAt));
  for (const e of input.ledger) earliest(toEpochMs(e.at));
  const breachList = ranked(breaches);

  return {
    range,
    nowMs,
    fromMs,
    days,
    seen: seenCases.length,
    newCases,
    series,
    outcomes,
    refundsSeen,
    breaches: breachList,
    breachTotal: breachList.reduce((n, b) => n + b.count, 0),
    dueUnseen,
    compensation,
    reasons: ranked(reasons),
    kinds: kindCounts,
    pages: ranked(pages),
    dataSinceMs,
    firstDay: dataSinceMs !== null && dataSinceMs >= beijingDayStart(nowMs),
    empty: dataSinceMs === null,
  };
}

/** The first `n` buckets, the rest summed into one with key `other` (when there is a rest). */
export function topN<K extends string | null>(
  buckets: Bucket<K>[],
  n: number,
): { top: Bucket<K>[]; other: number } {
  return { top: buckets.slice(0, n), other: buckets.slice(n).reduce((s, b) => s + b.count, 0) };
}
