import type { Explanation, Guidance } from '../model/guidance';
import type { CaseContext } from './context';
import { spend } from './budget';

/** Step: the notes (things to know, no action) that apply to the case, for the agent and in the explanation. */
export function notesStep(ctx: CaseContext): { notes: NonNullable<Guidance['notes']>; explanation: Explanation[] } {
  const notes: NonNullable<Guidance['notes']> = [];
  const explanation: Explanation[] = [];
  const rules = ctx.profile.notes.select(ctx.kind, ctx.category);
  spend(ctx.work, rules.length);
  for (const { rule, condition } of rules) {
    if (!condition(ctx)) continue;
    notes.push({ ruleId: rule.id, text: rule.text, citation: rule.citation });
    explanation.push({ verdict: `note:${rule.id}`, ruleId: rule.id, reason: rule.text, citation: rule.citation, facts: {} });
  }
  return { notes, explanation };
}
