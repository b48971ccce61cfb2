import type { Explanation, Guidance } from '../model/guidance';
import type { CaseContext } from './context';
import { spend } from './budget';

/** Step: the notes (things to know, no action) that apply to the case, for the agent and in the explanation (built per pack, rule-sets.ts). */
export function notesStep(ctx: CaseContext): {
  notes: NonNullable<Guidance['notes']>;
  explanation: Explanation[];
} {
  const notes: NonNullable<Guidance['notes']> = [];
  const explanation: Explanation[] = [];
  const rules = ctx.rules.notes[ctx.compensation];
  spend(ctx.work, rules.length);
  for (const n of rules) {
    if (!n.condition(ctx)) continue;
    notes.push(n.note);
    explanation.push(n.explanation);
  }
  return { notes, explanation };
}
