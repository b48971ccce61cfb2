import type { Explanation, Penalty } from '../model/guidance';
import type { CaseContext } from './context';

/** Step: the penalty points the case's category puts at risk (the entries are built per pack, rule-sets.ts). */

export interface PenaltySlice {
  penalties: Penalty[];
  explanation: Explanation[];
}

export function penaltiesStep(ctx: CaseContext): PenaltySlice {
  const penalties: Penalty[] = [];
  const explanation: Explanation[] = [];
  for (const p of ctx.rules.penalties[ctx.compensation]) {
    if (!p.condition(ctx)) continue;
    penalties.push(p.penalty);
    explanation.push(p.explanation);
  }
  return { penalties, explanation };
}
