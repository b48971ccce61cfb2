import type { Deadline, Guidance } from '../model/guidance';
import type { CaseContext } from './context';
import { spend } from './budget';

/**
 * Step: what refusing leads to (the first refusal rule that applies), and the evidence to
 * have ready — the checklist for the case's reason and the deadline it must be ready by
 * (the first evidence-period rule that applies; its first deadline the case lists). Runs
 * after the deadlines step, whose deadlines it points into. Its rules are indexed per pack
 * by case kind and reason category like every other rule type (rule-sets.ts).
 */
function firstHolding<T extends { condition: (c: CaseContext) => boolean }>(
  list: readonly T[],
  ctx: CaseContext,
): T | undefined {
  for (const r of list) if (r.condition(ctx)) return r;
  return undefined;
}

/** The first of the ids the case lists a deadline of; null when none. */
function firstListed(ids: readonly string[], deadlines: readonly Deadline[]): string | null {
  for (const id of ids) for (const d of deadlines) if (d.id === id) return id;
  return null;
}

export function refusalStep(
  ctx: CaseContext,
  deadlines: readonly Deadline[],
): Pick<Guidance, 'refusal' | 'evidence'> {
  const rules = ctx.rules;
  const state = ctx.compensation;
  const out: Pick<Guidance, 'refusal' | 'evidence'> = {};
  spend(ctx.work, rules.refusals[state].length + rules.periods[state].length);
  const refusal = firstHolding(rules.refusals[state], ctx);
  if (refusal) out.refusal = refusal.refusal;
  const period = firstHolding(rules.periods[state], ctx)?.rule;
  if (period) {
    // (a period with nothing to upload for this reason — 拍错了, 不想要了 — shows no checklist)
    const items: NonNullable<Guidance['evidence']>['items'] = [];
    spend(ctx.work, rules.evidence[state].length);
    for (const e of rules.evidence[state]) if (e.condition(ctx)) items.push(e.item);
    if (items.length === 0) return out;
    const deadline = firstListed(period.deadlineIds, deadlines);
    out.evidence = {
      ruleId: period.id,
      text: period.text,
      citation: period.citation,
      deadlineId: deadline,
      items,
    };
  }
  return out;
}
