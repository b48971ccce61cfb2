import type { FactKey } from '../model/facts';
import type { Deadline, Explanation, Warning } from '../model/guidance';
import { DEFAULT_COUNTDOWN_TOLERANCE_MINUTES } from '../model/rule-pack';
import { beijingMinute, MINUTE, toBeijingIso } from '../time/beijing';
import { parseCountdown } from '../time/duration';
import type { CompiledTimer, TimerGroup } from './compile';
import { explain, timeOf, type CaseContext } from './context';
import { pickTimer, timerDue, unreadableOf } from './timers';
import { hasAnyWord } from './when';
import { spend } from './budget';

/**
 * Step: every deadline of the case, most urgent first. Per deadline id the first timer whose
 * `when` holds is the variant; the page's own countdown replaces the computed value of the
 * kind's countdown target; a variant choice or a listing that depends on an unreadable fact
 * is reported as not computed (never guessed).
 */

interface DeadlineSlice {
  deadlines: Deadline[];
  explanation: Explanation[];
  warnings: Warning[];
}

/** The page countdown in seconds; null when absent, unreadable, or not a countdown (then a warning). */
function countdownSeconds(ctx: CaseContext, warnings: Warning[]): number | null {
  const text = ctx.facts.platformCountdown;
  if (text === undefined || ctx.unreadable.includes('platformCountdown')) return null;
  const seconds = parseCountdown(text);
  if (seconds === null) {
    warnings.push({
      code: 'unreadable-field',
      message: { zh: `无法识别平台倒计时「${text}」`, en: `Cannot read the platform countdown "${text}"` },
      fields: ['platformCountdown'],
    });
  }
  return seconds;
}

/**
 * Can the group list a deadline or start another one? Not when its shared start fact is
 * missing, nor when its shared show condition is false on readable facts and no other
 * deadline starts after it. (The countdown's deadline is never skipped: the caller asks.)
 */
function mayList(ctx: CaseContext, group: TimerGroup): boolean {
  if (group.startFact !== null && startOf(ctx, group.startFact) === null) return false;
  if (group.show === null || group.chained) return true;
  spend(ctx.work, 1);
  return unreadableOf(group.showReads, ctx.unreadable).length > 0 || group.show(ctx);
}

/** The timers to compute, in order: the variant of each deadline id, the countdown target first if no variant applies. */
function chosenTimers(
  ctx: CaseContext,
  countdownTarget: string | null,
  explanation: Explanation[],
): CompiledTimer[] {
  const chosen: CompiledTimer[] = [];
  let targetChosen = false;
  for (const group of ctx.timers.groups) {
    if (group.deadlineId !== countdownTarget && !mayList(ctx, group)) continue;
    for (const t of group.timers) {
      spend(ctx.work, 1);
      const unreadable = unreadableOf(t.whenReads, ctx.unreadable);
      if (unreadable.length > 0) {
        // A deadline its (readable) show condition leaves out in this state is not listed
        // whatever the variant: nothing to report as not computed.
        const notListed = unreadableOf(t.showReads, ctx.unreadable).length === 0 && !t.show(ctx);
        if (group.deadlineId !== countdownTarget && !notListed)
          explanation.push(explain(t.verdict, t.rule, { computed: false, unreadable }));
        break;
      }
      if (t.when(ctx)) {
        chosen.push(t);
        if (group.deadlineId === countdownTarget) targetChosen = true;
        break;
      }
    }
  }
  if (countdownTarget !== null && !targetChosen) {
    const first = ctx.timers.of.get(countdownTarget)?.[0];
    if (first) chosen.unshift(first);
  }
  return chosen;
}

/**
 * The deadline a page countdown counts in this case's state: the first `countdownStates`
 * entry whose kinds hold and one of whose states the 退款状态 contains; else the kind's target.
 */
function countdownTargetOf(ctx: CaseContext): string {
  if (ctx.refundStatus === '') return ctx.pack.countdownTargets[ctx.kind];
  spend(ctx.work, ctx.compiled.countdownStates.length);
  for (const st of ctx.compiled.countdownStates) {
    if (st.kinds && !st.kinds.includes(ctx.kind)) continue;
    if (hasAnyWord(ctx.refundStatusWords, st.needles)) return st.deadlineId;
  }
  return ctx.pack.countdownTargets[ctx.kind];
}

/** "1小时" / "1 h", or minutes when not whole hours. */
function toleranceText(minutes: number): { zh: string; en: string } {
  if (minutes % 60 === 0) return { zh: `${minutes / 60}小时`, en: `${minutes / 60} h` };
  return { zh: `${minutes}分钟`, en: `${minutes} min` };
}

/** The time of a start fact; null when absent, unreadable or not a time. */
function startOf(ctx: CaseContext, fact: FactKey): number | null {
  return ctx.unreadable.includes(fact) ? null : timeOf(ctx, fact);
}

/** The start as the explanation shows it: the fact as read, or the earlier deadline's time. */
function startShown(ctx: CaseContext, t: CompiledTimer, startMs: number | null): unknown {
  if (t.startFact !== null) return ctx.facts[t.startFact] ?? null;
  return startMs === null ? null : toBeijingIso(startMs);
}

export function deadlinesStep(ctx: CaseContext): DeadlineSlice {
  const explanation: Explanation[] = [];
  const warnings: Warning[] = [];
  const countdown = countdownSeconds(ctx, warnings);
  /** The deadline the page's countdown gives, when it shows one. */
  const stateTarget = countdownTargetOf(ctx);
  const countdownTarget = countdown === null ? null : stateTarget;
  const toleranceMinutes = ctx.pack.countdownToleranceMinutes ?? DEFAULT_COUNTDOWN_TOLERANCE_MINUTES;
  const profile = ctx.profile;
  /** Due times so far by deadline id (a chained deadline starts when an earlier one ends). */
  let dues: Map<string, number> | null = null;
  const listed: { due: number; deadline: Deadline }[] = [];

  for (const t of chosenTimers(ctx, countdownTarget, explanation)) {
    const r = t.rule;
    const isTarget = r.deadlineId === countdownTarget;
    const startMs = t.startFact !== null ? startOf(ctx, t.startFact) : (dues?.get(t.after ?? '') ?? null);
    if (startMs === null && !isTarget) continue;
    const computed = startMs === null ? null : timerDue(t, startMs, profile, ctx.work);
    const due = isTarget && countdown !== null ? ctx.nowMs + countdown * 1000 : computed;
    if (due === null) {
      if (t.show(ctx))
        explanation.push(
          explain(t.verdict, r, { [t.startKey]: startShown(ctx, t, startMs), computed: false }),
        );
      continue;
    }
    if (t.chained) (dues ??= new Map()).set(r.deadlineId, due);
    // A deadline not listed for this case only counts as the start of a later one.
    if (!isTarget && !t.show(ctx)) continue;
    const start = startShown(ctx, t, startMs);
    const used: Record<string, unknown> = {};
    used[t.startKey] = start;
    if (isTarget) {
      used.platformCountdown = ctx.facts.platformCountdown;
      used.now = ctx.nowIso;
      if (computed !== null && Math.abs(computed - due) > toleranceMinutes * MINUTE) {
        const gap = toleranceText(toleranceMinutes);
        warnings.push({
          code: 'pack-outdated',
          message: {
            zh: `平台倒计时（${beijingMinute(due)}）与规则包计算值（${beijingMinute(computed)}）相差超过${gap.zh}，规则包可能已过时；以平台为准`,
            en: `The platform countdown (${beijingMinute(due)}) and the pack's value (${beijingMinute(computed)}) differ by more than ${gap.en}; the pack may be outdated — the platform wins`,
          },
          ruleId: r.id,
        });
      }
    } else {
      const unreadable = unreadableOf(t.showReads, ctx.unreadable);
      if (unreadable.length > 0) {
        explanation.push(explain(t.verdict, r, { [t.startKey]: start, computed: false, unreadable }));
        continue;
      }
      if (t.workingDays !== null && profile.calendar && startMs !== null) {
        explanation.push(
          explain(`calendar:${r.deadlineId}`, profile.calendar.rule, {
            start: toBeijingIso(startMs),
            workingDays: t.workingDays,
          }),
        );
      }
    }
    listed.push({
      due,
      deadline: {
        id: r.deadlineId,
        label: r.label,
        dueAt: toBeijingIso(due),
        actor: r.actor,
        consequence: r.consequence,
        ruleId: r.id,
        source: isTarget ? 'platform' : 'computed',
        breached: due <= ctx.nowMs,
      },
    });
    explanation.push(explain(t.verdict, r, used));
  }
  if (countdown === null && !ctx.unreadable.includes('platformCountdown')) {
    // A deadline only the page's countdown can give (no length in the sources), listed in
    // this state, but no countdown was read: say so instead of showing nothing.
    const t = pickTimer(ctx, stateTarget);
    if (
      t !== null &&
      t.lengthMs === null &&
      t.workingDays === null &&
      t.show(ctx) &&
      unreadableOf(t.showReads, ctx.unreadable).length === 0
    ) {
      warnings.push({
        code: 'missing-fact',
        message: {
          zh: `未读到页面倒计时：「${t.rule.label.zh}」的时限只由页面倒计时给出（规则来源没有固定时长），请在页面上查看`,
          en: `No page countdown was read: "${t.rule.label.en}" is only given by the page's countdown (the sources give no fixed length) — check the page`,
        },
        fields: ['platformCountdown'],
        ruleId: t.rule.id,
      });
    }
  }
  // Most urgent first; Array.prototype.sort is stable, so equal times keep their order.
  if (listed.length > 1) listed.sort((a, b) => a.due - b.due);
  return { deadlines: listed.map((l) => l.deadline), explanation, warnings };
}
