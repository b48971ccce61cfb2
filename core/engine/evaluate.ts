import type { Facts } from '../model/facts';
import type { Guidance } from '../model/guidance';
import type { RulePack } from '../model/rule-pack';
import { actionsStep } from './actions';
import { clockWarnings } from './clock';
import { compensationStep } from './compensation';
import { CASE_WORK_BUDGET, PACK_LIMIT_TEXT, PackWorkLimit, checkOutputSize } from './budget';
import { caseContext, timeOf, unreadableWarnings, type CaseContext, type EvaluateOptions } from './context';
import { deadlinesStep } from './deadlines';
import { notesStep } from './notes';
import { penaltiesStep } from './penalties';
import { reasonStep } from './reason';
import { recidivismStep } from './recidivism';
import { refusalStep } from './refusal';
import { repliesStep } from './replies';
import { dueFromFacts } from './timers';

export type { EvaluateOptions } from './context';

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
  try {
    const g = pipeline(base);
    if (mayBeLarge(base, g)) checkOutputSize(g);
    return g;
  } catch (e) {
    if (!(e instanceof PackWorkLimit)) throw e;
    return unevaluated(base);
  }
}

/**
 * Whether the guidance could hold more than the output budget: the pack's texts at most
 * three times over (a note is in `notes` and `explanation`), the facts' texts once per
 * explanation and warning, and the replies (counted as they were rendered). False for the
 * default pack on any page: the guidance is then not measured.
 */
function mayBeLarge(ctx: CaseContext, g: Guidance): boolean {
  let factsChars = 0;
  const facts = ctx.facts as Record<string, unknown>;
  for (const k in facts) {
    const v = facts[k];
    if (typeof v === 'string') factsChars += v.length;
  }
  const replies = CASE_WORK_BUDGET.outputChars - ctx.work.outputChars;
  return (
    3 * ctx.profile.textChars + factsChars * (g.explanation.length + g.warnings.length + 4) + replies >
    CASE_WORK_BUDGET.outputChars
  );
}

/** What every guidance says of itself: the case kind, platform, pack, profile and time. */
function header(ctx: CaseContext): Pick<Guidance, 'kind' | 'platform' | 'pack' | 'profile' | 'now'> {
  return {
    kind: ctx.kind,
    platform: ctx.platform,
    pack: ctx.compiled.info,
    profile: ctx.profile.id,
    now: ctx.nowIso,
  };
}

/** A case the pack could not evaluate within the budget: nothing computed, and said so. */
function unevaluated(ctx: CaseContext): Guidance {
  return {
    ...header(ctx),
    deadlines: [],
    compensation: {
      triggered: false,
      amount: null,
      amountFen: null,
      ruleId: null,
      explanation: PACK_LIMIT_TEXT,
      contestable: false,
    },
    penalties: [],
    actions: [],
    replies: [],
    warnings: [{ code: 'pack-limit', message: PACK_LIMIT_TEXT }],
    explanation: [],
    unevaluated: PACK_LIMIT_TEXT,
  };
}

function pipeline(base: CaseContext): Guidance {
  base.factAfterDue = (fact, deadlineId) => {
    const at = timeOf(base, fact);
    const due = at === null ? null : dueFromFacts(base, deadlineId);
    return at === null || due === null ? null : at > due;
  };
  const reason = reasonStep(base);
  const compensation = compensationStep(base);
  // The verdict is the one field of the context decided by a step: the later steps' rule
  // lists and conditions depend on it. Written in place (a copy of the context would cost
  // more than any step; nothing has kept the context so far but this pipeline).
  base.compensation = compensation.state;
  const ctx = base;
  const deadlines = deadlinesStep(ctx);
  const penalties = penaltiesStep(ctx);
  const recidivism = recidivismStep(ctx);
  const notes = notesStep(ctx);
  const { refusal, evidence } = refusalStep(ctx, deadlines.deadlines);
  // One object literal with every field named (no spread): the guidance gets its shape at once.
  const g: Guidance = {
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
    warnings: [
      ...clockWarnings(ctx),
      ...unreadableWarnings(ctx),
      ...reason.warnings,
      ...compensation.warnings,
      ...deadlines.warnings,
      ...recidivism.warnings,
    ],
    explanation: [
      ...reason.explanation,
      ...compensation.explanation,
      ...deadlines.explanation,
      ...penalties.explanation,
      ...recidivism.explanation,
      ...notes.explanation,
    ],
    notes: notes.notes,
  };
  if (refusal !== undefined) g.refusal = refusal;
  if (evidence !== undefined) g.evidence = evidence;
  return g;
}
