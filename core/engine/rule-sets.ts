import type { CaseKind } from '../model/facts';
import type { Action, Explanation, Guidance, Penalty } from '../model/guidance';
import {
  REASON_CATEGORIES,
  type ActionRule,
  type CompensationRule,
  type ContestRule,
  type EvidencePeriodRule,
  type EvidenceRule,
  type NoteRule,
  type PenaltyRule,
  type ReasonCategory,
  type RefusalRule,
  type Rule,
  type When,
} from '../model/rule-pack';
import { compensationWords, type CompensationWords } from './compensation-words';
import { compensationHolds, compileWhen, type CompensationState, type Predicate } from './when';

/**
 * The rules one case can concern, decided once per pack: per case kind, reason category and
 * compensation state, the rules of each type whose `kinds`, `categories`, `notCategories`
 * and `compensation` conditions hold, with the rest of their condition compiled. What a rule
 * puts in the guidance when it applies and that depends on nothing else of the case (a
 * penalty, a note, a refusal, a plain action, an evidence item and their explanations) is
 * built here once, frozen, and shared by every evaluation.
 */

const COMPENSATION_STATES = [
  'due',
  'contestable',
  'unconfirmed',
  'none',
] as const satisfies readonly CompensationState[];

/** A rule with the part of its condition the index does not decide. */
export interface CompiledRule<R extends Rule> {
  rule: R;
  condition: Predicate;
}

export interface PreparedCompensation extends CompiledRule<CompensationRule> {
  words: CompensationWords;
}
interface PreparedPenalty extends CompiledRule<PenaltyRule> {
  penalty: Penalty;
  explanation: Explanation;
}
interface PreparedNote extends CompiledRule<NoteRule> {
  note: NonNullable<Guidance['notes']>[number];
  explanation: Explanation;
}
interface PreparedAction extends CompiledRule<ActionRule> {
  /** The action as listed in each group; null when it ends with a limit computed per case. */
  plain: { first: Action; more: Action; ladder: Action } | null;
}
interface PreparedRefusal extends CompiledRule<RefusalRule> {
  refusal: NonNullable<Guidance['refusal']>;
}
interface PreparedEvidence extends CompiledRule<EvidenceRule> {
  item: NonNullable<Guidance['evidence']>['items'][number];
}

/** Rules of one type by compensation state (before the compensation step, the state is 'none'). */
type ByState<T> = Readonly<Record<CompensationState, readonly T[]>>;

/** The rules of one profile for one case kind and reason category. */
export interface CaseRules<Reply, Recidivism> {
  compensation: ByState<PreparedCompensation>;
  contests: ByState<CompiledRule<ContestRule>>;
  penalties: ByState<PreparedPenalty>;
  recidivism: ByState<Recidivism>;
  notes: ByState<PreparedNote>;
  actions: ByState<PreparedAction>;
  replies: ByState<Reply>;
  refusals: ByState<PreparedRefusal>;
  evidence: ByState<PreparedEvidence>;
  periods: ByState<CompiledRule<EvidencePeriodRule>>;
}

/** The key of a category in the per-kind maps ('none' for no category). */
export const categoryKey = (category: ReasonCategory | null): string => category ?? 'none';

/** Does the part of a condition the index decides hold? `own`: the rule's own categories (compensation, contest, …). */
function indexHolds(
  when: When | undefined,
  own: readonly ReasonCategory[] | null,
  kind: CaseKind,
  category: ReasonCategory | null,
  state: CompensationState,
): boolean {
  if (when?.kinds && !when.kinds.includes(kind)) return false;
  for (const cats of [when?.categories, own ?? undefined]) {
    if (cats && (category === null || !cats.includes(category))) return false;
  }
  if (when?.notCategories && category !== null && when.notCategories.includes(category)) return false;
  return compensationHolds(when?.compensation, state);
}

/** The condition without the parts the index decides. */
export function residualCondition(when: When | undefined): Predicate {
  return compileWhen(
    when && {
      ...when,
      kinds: undefined,
      categories: undefined,
      notCategories: undefined,
      compensation: undefined,
    },
  );
}

/** A list shared by every evaluation: frozen, so that no consumer can change it for the others. */
const frozenList = <T>(list: T[]): T[] => Object.freeze(list) as T[];

const ownCategories = (rule: Rule): readonly ReasonCategory[] | null =>
  'categories' in rule && Array.isArray(rule.categories) ? rule.categories : null;

/**
 * Per category key and state: the entries (pack order kept) whose indexed conditions hold.
 * The lists stay inside the engine (readonly by type) and are not frozen: V8 walks a frozen
 * array in `for…of` through the generic iterator, allocating a result per element, and every
 * step walks these lists on every case (8.0 instead of 9.7 KB allocated a case).
 */
function indexOne<R extends Rule, E extends { rule: R }>(
  entries: readonly E[],
  kind: CaseKind,
  category: ReasonCategory | null,
  categoryOwn: boolean,
): ByState<E> {
  const out = {} as Record<CompensationState, readonly E[]>;
  for (const state of COMPENSATION_STATES) {
    out[state] = entries.filter(({ rule }) =>
      indexHolds(rule.when, categoryOwn ? ownCategories(rule) : null, kind, category, state),
    );
  }
  return Object.freeze(out);
}

function preparePenalty(rule: PenaltyRule, category: ReasonCategory | null): PreparedPenalty {
  return {
    rule,
    condition: residualCondition(rule.when),
    penalty: Object.freeze({ ruleId: rule.id, points: rule.points, when: rule.trigger }),
    explanation: Object.freeze({
      verdict: `penalty:${rule.id}`,
      ruleId: rule.id,
      reason: rule.reason,
      citation: rule.citation,
      facts: Object.freeze({ category }),
    }),
  };
}

function prepareNote(rule: NoteRule): PreparedNote {
  return {
    rule,
    condition: residualCondition(rule.when),
    note: Object.freeze({ ruleId: rule.id, text: rule.text, citation: rule.citation }),
    explanation: Object.freeze({
      verdict: `note:${rule.id}`,
      ruleId: rule.id,
      reason: rule.text,
      citation: rule.citation,
      facts: Object.freeze({}),
    }),
  };
}

function prepareAction(rule: ActionRule): PreparedAction {
  const as = (group: Action['group']): Action =>
    Object.freeze({ id: rule.id, ruleId: rule.id, text: rule.text, group });
  return {
    rule,
    condition: residualCondition(rule.when),
    plain: rule.limit ? null : { first: as('first'), more: as('more'), ladder: as('ladder') },
  };
}

function prepareRefusal(rule: RefusalRule): PreparedRefusal {
  const refusal = {
    ruleId: rule.id,
    text: rule.text,
    citations: frozenList([rule.citation, ...(rule.alsoCites ?? [])]),
  };
  return { rule, condition: residualCondition(rule.when), refusal: Object.freeze(refusal) };
}

function prepareEvidence(rule: EvidenceRule): PreparedEvidence {
  return {
    rule,
    condition: residualCondition(rule.when),
    item: Object.freeze({ ruleId: rule.id, text: rule.item, citation: rule.citation }),
  };
}

interface RuleLists<Reply, Recidivism> {
  compensation: readonly CompensationRule[];
  contests: readonly ContestRule[];
  penalties: readonly PenaltyRule[];
  recidivism: readonly Recidivism[];
  notes: readonly NoteRule[];
  /** Sorted by `order`. */
  actions: readonly ActionRule[];
  replies: readonly Reply[];
  refusals: readonly RefusalRule[];
  /** Sorted by `order`. */
  evidence: readonly EvidenceRule[];
  periods: readonly EvidencePeriodRule[];
}

/** Every kind × category (and no category) → the case's rules. */
export function buildCaseRules<Reply extends { rule: Rule }, Recidivism extends { rule: Rule }>(
  lists: RuleLists<Reply, Recidivism>,
  kinds: readonly CaseKind[],
): Record<CaseKind, Map<string, CaseRules<Reply, Recidivism>>> {
  const compiled = <R extends Rule>(rule: R): CompiledRule<R> => ({
    rule,
    condition: residualCondition(rule.when),
  });
  const compensation = lists.compensation.map((rule): PreparedCompensation => ({
    ...compiled(rule),
    words: compensationWords(rule),
  }));
  const contests = lists.contests.map(compiled);
  const notes = lists.notes.map(prepareNote);
  const actions = lists.actions.map(prepareAction);
  const refusals = lists.refusals.map(prepareRefusal);
  const evidence = lists.evidence.map(prepareEvidence);
  const periods = lists.periods.map(compiled);
  const out = {} as Record<CaseKind, Map<string, CaseRules<Reply, Recidivism>>>;
  for (const kind of kinds) {
    const byCategory = new Map<string, CaseRules<Reply, Recidivism>>();
    for (const category of [...REASON_CATEGORIES, null]) {
      const penalties = lists.penalties.map((rule) => preparePenalty(rule, category));
      byCategory.set(
        categoryKey(category),
        Object.freeze({
          compensation: indexOne(compensation, kind, category, true),
          contests: indexOne(contests, kind, category, true),
          penalties: indexOne(penalties, kind, category, true),
          recidivism: indexOne(lists.recidivism, kind, category, true),
          notes: indexOne(notes, kind, category, false),
          actions: indexOne(actions, kind, category, false),
          replies: indexOne(lists.replies, kind, category, false),
          refusals: indexOne(refusals, kind, category, false),
          evidence: indexOne(evidence, kind, category, false),
          periods: indexOne(periods, kind, category, false),
        }),
      );
    }
    out[kind] = byCategory;
  }
  return out;
}
