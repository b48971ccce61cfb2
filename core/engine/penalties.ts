import type { Explanation, Penalty } from '../model/guidance';
import type { CaseContext } from './context';
import { spend } from './budget';

/** Step: the penalty points the case's category puts at risk (the entries are built per pack, rule-sets.ts). */

interface PenaltySlice {
  penalties: Penalty[];
  explanation: Explanation[];
}

export function penaltiesStep(ctx: CaseContext): PenaltySlice {
  const penalties: Penalty[] = [];
  const explanation: Explanation[] = [];
  const rules = ctx.rules.penalties[ctx.compensation];
  spend(ctx.work, rules.length);
  for (const p of rules) {
    if (!p.condition(ctx)) continue;
    penalties.push(p.penalty);
    explanation.push(p.explanation);
  }
  return { penalties, explanation };
}
