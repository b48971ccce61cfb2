import type { Deadline } from '../core/model/guidance';

/**
 * Ordering by urgency, shared by the side panel's deadline list and queue: earliest due
 * time first, so breached deadlines (due in the past) come first, most overdue on top.
 */
export function byDueAt<T extends Pick<Deadline, 'dueAt'>>(a: T, b: T): number {
  return a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0;
}

export function sortDeadlines<T extends Pick<Deadline, 'dueAt'>>(deadlines: readonly T[]): T[] {
  return [...deadlines].sort(byDueAt);
}

/** The earliest due time of a case's seller deadlines (else any deadline); null when none. */
export function mostUrgentDue(deadlines: readonly Pick<Deadline, 'dueAt' | 'actor'>[]): string | null {
  const seller = deadlines.filter((d) => d.actor === 'seller');
  const pool = seller.length > 0 ? seller : deadlines;
  let best: string | null = null;
  for (const d of pool) if (best === null || d.dueAt < best) best = d.dueAt;
  return best;
}

/** Cases sorted most urgent first; cases with no deadline last, in their original order. */
export function sortByUrgency<T>(items: readonly T[], deadlinesOf: (item: T) => readonly Pick<Deadline, 'dueAt' | 'actor'>[]): T[] {
  return items
    .map((item, i) => ({ item, i, due: mostUrgentDue(deadlinesOf(item)) }))
    .sort((a, b) => {
      if (a.due === null || b.due === null) return a.due === b.due ? a.i - b.i : a.due === null ? 1 : -1;
      return a.due < b.due ? -1 : a.due > b.due ? 1 : a.i - b.i;
    })
    .map((x) => x.item);
}

/** sortByUrgency for items that carry their most urgent due time already (`due` = mostUrgentDue of their deadlines): same order. */
export function sortByDue<T extends { due: string | null }>(items: readonly T[]): T[] {
  return sortByUrgency(items, (c) => (c.due === null ? [] : [{ dueAt: c.due, actor: 'seller' as const }]));
}
