import type { Explanation, Penalty } from '../model/guidance';
import { explain, type CaseContext } from './context';

/** Step: the penalty points the case's category puts at risk. */

export interface PenaltySlice {
  penalties: Penalty[];
  explanation: Explanation[];
}

export function penaltiesStep(ctx: CaseContext): PenaltySlice {
  const penalties: Penalty[] = [];
  const explanation: Explanation[] = [];
  for (const { rule, condition } of ctx.profile.penalties.select(ctx.kind, ctx.category)) {
    if (!condition(ctx)) continue;
    penalties.push({ ruleId: rule.id, points: rule.points, when: rule.trigger });
    explanation.push(explain(`penalty:${rule.id}`, rule, { category: ctx.category }));
  }
  return { penalties, explanation };
}
