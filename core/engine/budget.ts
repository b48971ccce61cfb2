import type { Text } from '../model/guidance';

/**
 * A rule pack is policy from outside (a file, a team URL): a schema-valid pack may still ask
 * for unbounded work (thousands of chained timers, working days counted across a calendar of
 * holidays only, thousands of replies with hundreds of placeholders each). The pack's limits
 * at import (RULE_PACK_LIMITS) refuse the obvious bombs; this budget bounds what is left, per
 * case: every rule looked at, every working day counted and every character of reply text
 * costs, and a case that runs out is reported as not evaluable under this pack (the badge
 * marks it unreadable) instead of holding the worker.
 *
 * The default pack uses at most ~190 steps and ~350 reply characters on any case (3,000
 * combinations of reason, platform, kind and trade status measured), a twentieth of the budget.
 */
export const CASE_WORK_BUDGET = {
  /** Rules considered, timer variants tried, working days stepped, reason names compared. */
  steps: 5_000,
  /** Characters of text in one case's guidance (replies counted as they are rendered). */
  outputChars: 200_000,
} as const;

export interface Work {
  steps: number;
  outputChars: number;
}

export const newWork = (): Work => ({
  steps: CASE_WORK_BUDGET.steps,
  outputChars: CASE_WORK_BUDGET.outputChars,
});

/** Thrown when a case's work budget runs out; evaluate() turns it into an unevaluated guidance. */
export class PackWorkLimit extends Error {
  constructor(readonly what: 'steps' | 'outputChars') {
    super(`rule pack work limit reached (${what})`);
    this.name = 'PackWorkLimit';
  }
}

/** Spend `n` steps of the case's budget. */
export function spend(work: Work, n: number): void {
  work.steps -= n;
  if (work.steps < 0) throw new PackWorkLimit('steps');
}

export function spendChars(work: Work, n: number): void {
  work.outputChars -= n;
  if (work.outputChars < 0) throw new PackWorkLimit('outputChars');
}

/**
 * Throws when the strings of `value` (a guidance) hold more than CASE_WORK_BUDGET.outputChars
 * characters: a pack's texts are shared by reference in memory but copied into every message
 * and every stored case. Stops counting as soon as it is over; the number of nodes is bounded
 * by the steps already spent.
 */
export function checkOutputSize(value: unknown): void {
  let left = CASE_WORK_BUDGET.outputChars;
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      left -= v.length;
      if (left < 0) throw new PackWorkLimit('outputChars');
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) for (const x of v) walk(x);
    else for (const k in v) walk((v as Record<string, unknown>)[k]);
  };
  walk(value);
}

/** What the agent reads for a case the pack could not evaluate within the budget. */
export const PACK_LIMIT_TEXT: Text = {
  zh: '规则包对这个案件的计算量超出上限，已停止计算：截止时间、赔付与回复都不显示（不做猜测）。请检查或重置规则包（设置页），并在页面上直接查看本案。',
  en: 'The rule pack asked for more work on this case than allowed, so evaluation stopped: no deadline, compensation or reply is shown (nothing guessed). Check or reset the rule pack (options page) and read this case on the page itself.',
};
