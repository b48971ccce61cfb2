import type { Explanation, Penalty } from '../model/guidance';
import { explain, type CaseContext } from './context';
import { spend } from './budget';

/** Step: the penalty points the case's category puts at risk. */

export interface PenaltySlice {
  penalties: Penalty[];
  explanation: Explanation[];
}

export function penaltiesStep(ctx: CaseContext): PenaltySlice {
  const penalties: Penalty[] = [];
  const explanation: Explanation[] = [];
  const rules = ctx.profile.penalties.select(ctx.kind, ctx.category);
  spend(ctx.work, rules.length);
  for (const { rule, condition } of rules) {
    if (!condition(ctx)) continue;
    penalties.push({ ruleId: rule.id, points: rule.points, when: rule.trigger });
    explanation.push(explain(`penalty:${rule.id}`, rule, { category: ctx.category }));
  }
  return { penalties, explanation };
}
