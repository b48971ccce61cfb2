import type { Deadline } from './model/guidance';
import { toEpochMs } from './time/beijing';
import { HOUR_MS } from './time/units';

/**
 * Which deadline a case is about, and the one order of cases by urgency — shared by the
 * badge, the side panel's lists, the worker's queue and its toolbar count, so they never
 * disagree. (core/: the worker, the content script and the panel all import it.)
 *
 * The headline is the next OPEN deadline the seller must act on, the page's own countdown
 * (source `platform`) before any computed one: a ship-by time computed from the payment
 * may be long past while the platform's auto-refund countdown still runs, and that
 * countdown is the one that costs the shop. Seller deadlines already past are `overdue`
 * (shown as a small secondary mark, never as the headline while something is open).
 */
type D = Pick<Deadline, 'dueAt' | 'actor'> & Partial<Pick<Deadline, 'source'>>;

const earliest = <T extends D>(ds: readonly T[]): T | null => {
  let best: T | null = null;
  for (const d of ds) if (!best || d.dueAt < best.dueAt) best = d;
  return best;
};

interface Headline<T extends D> {
  /** The deadline to count down to; null when none is open. */
  next: T | null;
  /** The seller's deadlines already past at `nowMs`, earliest first. */
  overdue: T[];
}

export function headlineDeadline<T extends D>(deadlines: readonly T[], nowMs: number): Headline<T> {
  const open = deadlines.filter((d) => toEpochMs(d.dueAt) > nowMs);
  const seller = open.filter((d) => d.actor === 'seller');
  const pool = seller.length > 0 ? seller : open;
  const platform = pool.filter((d) => d.source === 'platform');
  const overdue = deadlines.filter((d) => d.actor === 'seller' && toEpochMs(d.dueAt) <= nowMs).sort(byDueAt);
  return { next: earliest(platform.length > 0 ? platform : pool), overdue };
}

/**
 * The due time a case is ordered by: its headline's; with nothing open, its earliest
 * overdue one (so a case with nothing left but a breach comes first); null without deadlines.
 */
export function caseDue(deadlines: readonly D[], nowMs: number): string | null {
  const h = headlineDeadline(deadlines, nowMs);
  if (h.next) return h.next.dueAt;
  return h.overdue[0]?.dueAt ?? earliest(deadlines)?.dueAt ?? null;
}

/** Ordering by due time, earliest first (breached deadlines, in the past, first). */
function byDueAt<T extends Pick<Deadline, 'dueAt'>>(a: T, b: T): number {
  return a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0;
}

export function sortDeadlines<T extends Pick<Deadline, 'dueAt'>>(deadlines: readonly T[]): T[] {
  return [...deadlines].sort(byDueAt);
}

/** Where a case stands in the queue: something still open, only breaches left, or no deadline at all. */
type QueueGroup = 'open' | 'overdue' | 'none';

export function queueGroup(deadlines: readonly D[], nowMs: number): QueueGroup {
  if (deadlines.length === 0) return 'none';
  return headlineDeadline(deadlines, nowMs).next ? 'open' : 'overdue';
}

/**
 * THE queue order (the worker sorts with it; the panel shows the order it gets): cases with
 * an open deadline first, nearest headline first; then cases with nothing open any more,
 * most recently breached first; then cases without deadlines; ties by key.
 */
export function queueOrder<T extends { key: string }>(
  items: readonly T[],
  deadlinesOf: (item: T) => readonly D[],
  nowMs: number,
): T[] {
  const rank = (item: T): [number, number] => {
    const ds = deadlinesOf(item);
    const next = headlineDeadline(ds, nowMs).next;
    if (next) return [0, toEpochMs(next.dueAt)];
    if (ds.length > 0) return [1, -Math.max(...ds.map((d) => toEpochMs(d.dueAt)))];
    return [2, 0];
  };
  // Ranked once per case, not once per comparison.
  return items
    .map((item) => ({ item, r: rank(item) }))
    .sort(
      (a, b) =>
        a.r[0] - b.r[0] ||
        a.r[1] - b.r[1] ||
        (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0),
    )
    .map((x) => x.item);
}

/** ms until the nearest deadline not yet breached, whoever its actor (null: none left). */
function msToNextDeadline(deadlines: readonly Pick<Deadline, 'dueAt'>[], nowMs: number): number | null {
  let best: number | null = null;
  for (const d of deadlines) {
    const left = Date.parse(d.dueAt) - nowMs;
    if (left > 0 && (best === null || left < best)) best = left;
  }
  return best;
}

/** How near a deadline is, for colour and counting: one rule for the badge, the panel and the worker. */
export type Urgency = 'breached' | 'critical' | 'warning' | 'ok';

/** Hours before a deadline, most distant first (settings.warningThresholdsHours), e.g. [4, 1]. */
export type ThresholdsHours = readonly number[];
export const DEFAULT_THRESHOLDS_HOURS: ThresholdsHours = [4, 1];

/**
 * breached (due ≤ now) · critical (within the last = nearest threshold, 1 h by default) ·
 * warning (within the first threshold, 4 h by default) · ok. "Within" includes the threshold
 * itself: the warning alarm set at due − 4 h fires at that instant, and the badge turns with it.
 */
export function urgencyOf(
  dueMs: number,
  nowMs: number,
  thresholdsHours: ThresholdsHours = DEFAULT_THRESHOLDS_HOURS,
): Urgency {
  const left = dueMs - nowMs;
  if (left <= 0) return 'breached';
  const hs = thresholdsHours.length > 0 ? thresholdsHours : DEFAULT_THRESHOLDS_HOURS;
  if (left <= Math.min(...hs) * HOUR_MS) return 'critical';
  if (left <= Math.max(...hs) * HOUR_MS) return 'warning';
  return 'ok';
}

/**
 * Urgent (the toolbar badge counts these): the nearest deadline not yet breached is within the
 * first (largest) warning threshold, by urgencyOf. Breached deadlines no longer count: the badge
 * counts the cases the agent can still save.
 */
export function isUrgent(
  deadlines: readonly Pick<Deadline, 'dueAt'>[],
  thresholdsHours: ThresholdsHours,
  nowMs: number,
): boolean {
  const left = msToNextDeadline(deadlines, nowMs);
  return left !== null && urgencyOf(nowMs + left, nowMs, thresholdsHours) !== 'ok';
}
