import type { Explanation } from '../model/guidance';
import type { CaseContext } from './context';

/** Step: the notes (things to know, no action) that apply to the case. */
export function notesStep(ctx: CaseContext): Explanation[] {
  return ctx.profile.notes
    .select(ctx.kind, ctx.category)
    .filter(({ condition }) => condition(ctx))
    .map(({ rule }) => ({ verdict: `note:${rule.id}`, ruleId: rule.id, reason: rule.text, citation: rule.citation, facts: {} }));
}
