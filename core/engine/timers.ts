import type { FactKey } from '../model/facts';
import { addWorkingDays, WEEKENDS_ONLY } from '../time/working-days';
import { spend, type Work } from './budget';
import type { CompiledProfile, CompiledTimer } from './compile';
import { timeOf, type CaseContext } from './context';

/** Timer arithmetic shared by the deadlines and the contest checks. */

/** The due time of a timer started at `startMs`; null when the pack gives no length. */
export function timerDue(
  t: CompiledTimer,
  startMs: number,
  profile: CompiledProfile,
  work: Work,
): number | null {
  if (t.lengthMs !== null) return startMs + t.lengthMs;
  if (t.workingDays !== null)
    return addWorkingDays(startMs, t.workingDays, profile.calendar?.cal ?? WEEKENDS_ONLY, () =>
      spend(work, 1),
    );
  return null;
}

const NONE: readonly FactKey[] = Object.freeze([]);

/** The unreadable facts among those a condition reads (a shared empty list when none). */
export function unreadableOf(reads: readonly FactKey[], unreadable: readonly FactKey[]): readonly FactKey[] {
  return unreadable.length === 0 || reads.length === 0 ? NONE : reads.filter((k) => unreadable.includes(k));
}

/** The variant of a deadline for this case: the first timer whose `when` holds; null when an unreadable fact decides. */
export function pickTimer(ctx: CaseContext, deadlineId: string): CompiledTimer | null {
  for (const t of ctx.timers.of.get(deadlineId) ?? []) {
    spend(ctx.work, 1);
    if (unreadableOf(t.whenReads, ctx.unreadable).length > 0) return null;
    if (t.when(ctx)) return t;
  }
  return null;
}

/** The due time of the deadline's variant for this case, counted from its start fact as read; null when it has none. */
export function dueFromFacts(ctx: CaseContext, deadlineId: string): number | null {
  const t = pickTimer(ctx, deadlineId);
  if (t === null || t.startFact === null) return null;
  const start = timeOf(ctx, t.startFact);
  return start === null ? null : timerDue(t, start, ctx.profile, ctx.work);
}
