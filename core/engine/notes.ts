import type { Explanation } from '../model/guidance';
import type { CaseContext } from './context';

/** Step: the notes (things to know, no action) that apply to the case. */
export function notesStep(ctx: CaseContext): Explanation[] {
  const notes: Explanation[] = [];
  for (const { rule, condition } of ctx.profile.notes.select(ctx.kind, ctx.category)) {
    if (condition(ctx)) notes.push({ verdict: `note:${rule.id}`, ruleId: rule.id, reason: rule.text, citation: rule.citation, facts: {} });
  }
  return notes;
}
