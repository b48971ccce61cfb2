import type { Facts } from '../model/facts';
import type { Guidance } from '../model/guidance';
import type { RulePack } from '../model/rule-pack';
import { actionsStep } from './actions';
import { compensationStep } from './compensation';
import { caseContext, timeOf, unreadableWarnings, type CaseContext, type EvaluateOptions } from './context';
import { deadlinesStep } from './deadlines';
import { notesStep } from './notes';
import { penaltiesStep } from './penalties';
import { reasonStep } from './reason';
import { recidivismStep } from './recidivism';
import { refusalStep } from './refusal';
import { repliesStep } from './replies';
import { dueFromFacts } from './timers';

export { deriveKind, type EvaluateOptions, type EvaluateSettings } from './context';

/**
 * The engine: facts of one case + a rule pack → Guidance. Synchronous and deterministic:
 * `now` is passed in (never read from the clock), no zod parsing here (facts are validated
 * at the edges), the pack is compiled once per pack object.
 *
 * A pipeline of pure steps, each reading the case context and returning its slice:
 * context → reason → compensation → deadlines → penalties → recidivism → actions → notes
 * → replies. The context looks the reason up (its category picks the case's rule lists) and
 * the compensation step gives the verdict that the later steps' rule lists depend on.
 *
 * What depends on the pack alone (the pack info, penalties, notes, refusals, actions without
 * a limit, evidence items and their explanations) is built once per pack and shared by every
 * guidance, frozen: a guidance is read, never changed in place.
 */
export function evaluate(facts: Facts, pack: RulePack, opts: EvaluateOptions): Guidance {
  const base = caseContext(facts, pack, opts);
  base.factAfterDue = (fact, deadlineId) => {
    const at = timeOf(base, fact);
    const due = at === null ? null : dueFromFacts(base, deadlineId);
    return at === null || due === null ? null : at > due;
  };
  const reason = reasonStep(base);
  const compensation = compensationStep(base);
  const ctx: CaseContext = { ...base, compensation: compensation.state };
  const deadlines = deadlinesStep(ctx);
  const penalties = penaltiesStep(ctx);
  const recidivism = recidivismStep(ctx);
  const notes = notesStep(ctx);
  const refusal = refusalStep(ctx, deadlines.deadlines);
  return {
    kind: ctx.kind,
    platform: ctx.platform,
    pack: ctx.compiled.info,
    profile: ctx.profile.id,
    now: ctx.nowIso,
    deadlines: deadlines.deadlines,
    compensation: compensation.compensation,
    penalties: penalties.penalties,
    actions: actionsStep(ctx, compensation.compensation),
    replies: repliesStep(ctx, compensation.compensation),
    warnings: unreadableWarnings(ctx).concat(reason.warnings, compensation.warnings, deadlines.warnings, recidivism.warnings),
    explanation: reason.explanation.concat(compensation.explanation, deadlines.explanation, penalties.explanation, recidivism.explanation, notes.explanation),
    notes: notes.notes,
    ...refusal,
  };
}
