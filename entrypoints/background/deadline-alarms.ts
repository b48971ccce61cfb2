import { isUrgent, queueGroup } from '../../core/urgency';
import type { CaseView } from '../../protocol/views';
import { HOUR_MS } from '../../core/time/units';

/**
 * Deadline warnings without in-memory timers (MV3 may stop the worker at any moment).
 *
 * Every tracked deadline (each deadline of each case in an open back-office tab) has
 * "crossings": the absolute instants `dueAt − threshold` for every warning threshold, plus
 * `dueAt` itself (threshold 0, the breach — it only refreshes the action badge). Only the
 * NEXT crossings (the soonest ALARM_WINDOW, plus any that tie with the last of them) become
 * `chrome.alarms`, named
 *   `as-dl|<thresholdHours>|<deadlineId>|<caseKey>`
 * Each firing recomputes the window from the tab state, so the following crossing is always
 * scheduled; the window is also recomputed whenever the state changes and every time the
 * worker starts, so a restart loses nothing and a closed tab leaves no alarm. (One alarm per
 * crossing for a 1,000-row page was hundreds of alarms.create calls per report, each one
 * rewriting Chrome's alarm list.) Crossings passed while the computer slept (their alarms
 * never fired in time) are warned once on the next firing or worker start (missedCrossings).
 *
 * Urgent (the action badge count, core/urgency.ts): every deadline counts, whoever the
 * actor, because the agent must know before any of them ends.
 */

export const DEADLINE_ALARM_PREFIX = 'as-dl|';
/** How many of the next crossings are scheduled as alarms at once. */
export const ALARM_WINDOW = 16;
const MAX_DEADLINE_ALARMS = 400; // Chrome allows 500 alarms per extension (ties beyond the window)

interface Crossing {
  name: string;
  when: number;
  thresholdHours: number;
  deadlineId: string;
  caseKey: string;
  dueAt: string;
}

function alarmName(thresholdHours: number, deadlineId: string, caseKey: string): string {
  return `${DEADLINE_ALARM_PREFIX}${thresholdHours}|${deadlineId}|${caseKey}`;
}

export function parseAlarmName(
  name: string,
): { thresholdHours: number; deadlineId: string; caseKey: string } | null {
  if (!name.startsWith(DEADLINE_ALARM_PREFIX)) return null;
  const rest = name.slice(DEADLINE_ALARM_PREFIX.length);
  const a = rest.indexOf('|');
  const b = a < 0 ? -1 : rest.indexOf('|', a + 1);
  if (a < 0 || b < 0) return null;
  const thresholdHours = Number(rest.slice(0, a));
  if (!Number.isFinite(thresholdHours) || thresholdHours < 0) return null;
  return { thresholdHours, deadlineId: rest.slice(a + 1, b), caseKey: rest.slice(b + 1) };
}

/** One entry per case key (a case open in two tabs is tracked once). */
export function uniqueCases(cases: CaseView[]): CaseView[] {
  const seen = new Map<string, CaseView>();
  for (const c of cases) if (!seen.has(c.key)) seen.set(c.key, c);
  return [...seen.values()];
}

/**
 * The next future crossings, soonest first: the first `window`, plus those at the same
 * instant as the last of them (at most MAX_DEADLINE_ALARMS), so no crossing is skipped when
 * the window moves on after a firing.
 */
export function computeCrossings(
  cases: CaseView[],
  thresholdsHours: number[],
  nowMs: number,
  window = ALARM_WINDOW,
): Crossing[] {
  const hours = [...new Set([...thresholdsHours, 0])];
  const unique = uniqueCases(cases);
  // First pass: only the instants (numbers), to find the window's last instant without
  // building an object per crossing of every case (a 1,000-row page has ~15,000).
  const whens: number[] = [];
  for (const c of unique) {
    for (const d of c.guidance.deadlines) {
      const due = Date.parse(d.dueAt);
      if (!Number.isFinite(due)) continue;
      for (const h of hours) {
        const when = due - h * HOUR_MS;
        if (when > nowMs) whens.push(when);
      }
    }
  }
  if (whens.length === 0) return [];
  const sorted = Float64Array.from(whens).sort();
  const cutoff = sorted[Math.min(window, sorted.length) - 1]!;
  const out: Crossing[] = [];
  for (const c of unique) {
    for (const d of c.guidance.deadlines) {
      const due = Date.parse(d.dueAt);
      if (!Number.isFinite(due)) continue;
      for (const h of hours) {
        const when = due - h * HOUR_MS;
        if (when > nowMs && when <= cutoff)
          out.push({
            name: alarmName(h, d.id, c.key),
            when,
            thresholdHours: h,
            deadlineId: d.id,
            caseKey: c.key,
            dueAt: d.dueAt,
          });
      }
    }
  }
  // The window plus the crossings that tie with its last instant.
  out.sort((x, y) => x.when - y.when);
  return out.slice(0, MAX_DEADLINE_ALARMS);
}

/**
 * Warning crossings that passed without their alarm firing in time (the computer slept, or
 * the browser was closed, across one or more crossings; Chrome fires a missed alarm once on
 * wake, and the recomputed window then only holds future crossings). Per deadline still
 * ahead (due > now): the LAST warning crossing in (seenAt, now] — the one that says how
 * close it is now; the earlier ones it supersedes would only repeat it. Crossings before
 * the case was first seen are not "missed": the agent was looking at the page then.
 * Threshold 0 (the breach) never notifies. Soonest due first.
 */
export function missedCrossings(cases: CaseView[], thresholdsHours: number[], nowMs: number): Crossing[] {
  const hours = [...new Set(thresholdsHours)].filter((h) => h > 0);
  const out: Crossing[] = [];
  for (const c of uniqueCases(cases)) {
    const seen = Date.parse(c.seenAt);
    for (const d of c.guidance.deadlines) {
      const due = Date.parse(d.dueAt);
      if (!Number.isFinite(due) || due <= nowMs) continue;
      let last: Crossing | null = null;
      for (const h of hours) {
        const when = due - h * HOUR_MS;
        if (when > nowMs || !(when > seen)) continue;
        if (last === null || when > last.when)
          last = {
            name: alarmName(h, d.id, c.key),
            when,
            thresholdHours: h,
            deadlineId: d.id,
            caseKey: c.key,
            dueAt: d.dueAt,
          };
      }
      if (last) out.push(last);
    }
  }
  return out.sort((x, y) => Date.parse(x.dueAt) - Date.parse(y.dueAt) || x.when - y.when);
}

/**
 * What the toolbar badge counts, each case once: `urgent` — something still open is due
 * within the largest warning threshold (core/urgency.ts isUrgent); `breached` — nothing is
 * open any more and a seller deadline has passed (the queue's 已超时 group). A case is in
 * one of them at most.
 */
export function toolbarCounts(
  cases: CaseView[],
  thresholdsHours: number[],
  nowMs: number,
): { urgent: number; breached: number } {
  let urgent = 0;
  let breached = 0;
  for (const c of uniqueCases(cases)) {
    const ds = c.guidance.deadlines;
    if (isUrgent(ds, thresholdsHours, nowMs)) urgent++;
    else if (queueGroup(ds, nowMs) === 'overdue' && ds.some((d) => d.actor === 'seller')) breached++;
  }
  return { urgent, breached };
}
