import type { CaseKind, Facts, FactKey } from '../model/facts';
import type { ReasonCategory, When } from '../model/rule-pack';
import { compactText } from '../text/normalize';

/**
 * Rule conditions (`when` / `show` in the pack) turned into predicates over what a
 * condition can see of a case.
 */

/** The compensation verdict as conditions see it. */
export type CompensationState = 'due' | 'contestable' | 'unconfirmed' | 'none';

/** What a condition sees of one case. */
export interface ConditionInput {
  kind: CaseKind;
  facts: Facts;
  category: ReasonCategory | null;
  /** 'none' until the compensation step has decided. */
  compensation: CompensationState;
  /** true = seller-free-shipping; null = unknown. */
  freeShipping: boolean | null;
  /** facts.activity / facts.refundStatus squashed, '' when absent. */
  activity: string;
  refundStatus: string;
  /**
   * The pack's refund-status words (every needle of its `refundStatus` / `notRefundStatus`
   * conditions and countdown states, compile.ts) that `refundStatus` contains, in pack
   * order: looked for once per status text, so that a condition on the status looks its
   * one or two words up among its needles.
   */
  refundStatusWords: readonly string[];
  /**
   * Is the time fact after the due time of the deadline's variant for this case? null when
   * either is unknown. Set by evaluate (it needs the profile's timers).
   */
  factAfterDue?: (fact: FactKey, deadlineId: string) => boolean | null;
}

export type Predicate = (c: ConditionInput) => boolean;

const ALWAYS: Predicate = () => true;
export const NEVER: Predicate = () => false;

/** Text facts compare after normalisation and without spaces. */
export function squash(text: string): string {
  return compactText(text);
}

/** The facts a condition reads (an unreadable one makes the condition undecidable). */
export function factsRead(w: When | undefined): FactKey[] {
  if (!w) return [];
  const out = new Set<FactKey>();
  if (w.tradeStatus || w.notTradeStatus) out.add('tradeStatus');
  if (w.logistics) out.add('logistics');
  if (w.activity || w.notActivity) out.add('activity');
  if (w.refundStatus || w.notRefundStatus) out.add('refundStatus');
  for (const k of w.present ?? []) out.add(k);
  for (const k of w.absent ?? []) out.add(k);
  if (w.freeShipping !== undefined) out.add('shippingFee');
  if (w.refundType) out.add('refundType');
  if (w.factAfter) out.add(w.factAfter.fact);
  return [...out];
}

/** Does a `compensation` condition hold for a compensation state? */
export function compensationHolds(want: When['compensation'], state: CompensationState): boolean {
  if (want === undefined) return true;
  return want === 'triggered' ? state !== 'none' : state === want;
}

function oneOf<T>(value: T | undefined, list: readonly T[]): boolean {
  return value !== undefined && list.includes(value);
}

/** Does the squashed text contain one of the needles? ('' contains nothing.) */
export function containsAny(text: string, needles: readonly string[]): boolean {
  if (text === '') return false;
  for (const n of needles) if (text.includes(n)) return true;
  return false;
}

const NO_WORDS: readonly string[] = [];

/**
 * The words the squashed text contains, in the order given (see
 * ConditionInput.refundStatusWords); none in ''. Not frozen: V8 walks a frozen array in
 * for…of through the generic iterator, and hasAnyWord walks these on every case.
 */
export function wordsIn(text: string, words: readonly string[]): readonly string[] {
  if (text === '') return NO_WORDS;
  return words.filter((w) => text.includes(w));
}

/**
 * containsAny for a text whose words were looked for (wordsIn), the needles being among
 * those words: does it contain one of the needles? A status holds one or two words, so the
 * words are looked up among the needles rather than the other way round.
 */
export function hasAnyWord(found: readonly string[], needles: ReadonlySet<string>): boolean {
  for (const w of found) if (needles.has(w)) return true;
  return false;
}

const allPresent = (facts: Facts, keys: readonly FactKey[]): boolean => {
  for (const k of keys) if (facts[k] === undefined) return false;
  return true;
};
const allAbsent = (facts: Facts, keys: readonly FactKey[]): boolean => {
  for (const k of keys) if (facts[k] !== undefined) return false;
  return true;
};

/** Every condition listed must hold (AND); an absent condition holds. */
export function compileWhen(w: When | undefined): Predicate {
  if (!w) return ALWAYS;
  const checks: Predicate[] = [];
  const {
    kinds,
    tradeStatus,
    notTradeStatus,
    logistics,
    present,
    absent,
    categories,
    compensation,
    freeShipping,
  } = w;
  if (kinds) checks.push((c) => kinds.includes(c.kind));
  if (tradeStatus) checks.push((c) => oneOf(c.facts.tradeStatus, tradeStatus));
  if (notTradeStatus) checks.push((c) => !oneOf(c.facts.tradeStatus, notTradeStatus));
  if (logistics) checks.push((c) => oneOf(c.facts.logistics, logistics));
  if (w.activity) {
    const needles = w.activity.map(squash);
    checks.push((c) => containsAny(c.activity, needles));
  }
  if (w.notActivity) {
    const needles = w.notActivity.map(squash);
    checks.push((c) => !containsAny(c.activity, needles));
  }
  if (w.refundStatus) {
    const needles = new Set(w.refundStatus.map(squash));
    checks.push((c) => hasAnyWord(c.refundStatusWords, needles));
  }
  if (w.notRefundStatus) {
    const needles = new Set(w.notRefundStatus.map(squash));
    checks.push((c) => !hasAnyWord(c.refundStatusWords, needles));
  }
  if (present) checks.push((c) => allPresent(c.facts, present));
  if (absent) checks.push((c) => allAbsent(c.facts, absent));
  if (categories) checks.push((c) => oneOf(c.category ?? undefined, categories));
  const { notCategories, refundType, factAfter } = w;
  if (notCategories) checks.push((c) => !oneOf(c.category ?? undefined, notCategories));
  if (refundType) checks.push((c) => oneOf(c.facts.refundType, refundType));
  if (factAfter) checks.push((c) => c.factAfterDue?.(factAfter.fact, factAfter.deadlineId) === true);
  if (compensation) checks.push((c) => compensationHolds(compensation, c.compensation));
  if (freeShipping !== undefined) checks.push((c) => c.freeShipping === freeShipping);
  if (checks.length === 0) return ALWAYS;
  const [only] = checks;
  if (checks.length === 1 && only !== undefined) return only;
  return (c) => {
    for (const check of checks) if (!check(c)) return false;
    return true;
  };
}
