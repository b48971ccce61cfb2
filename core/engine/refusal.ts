import type { Deadline, Guidance } from '../model/guidance';
import type { EvidencePeriodRule, EvidenceRule, RefusalRule, Rule } from '../model/rule-pack';
import { RuleIndex, type CompiledProfile, type CompiledRule } from './compile';
import type { CaseContext } from './context';
import { compileWhen } from './when';
import { spend } from './budget';

/**
 * Step: what refusing leads to (the first refusal rule that applies), and the evidence to
 * have ready — the checklist for the case's reason and the deadline it must be ready by
 * (the first evidence-period rule that applies; its first deadline the case lists). Runs
 * after the deadlines step, whose deadlines it points into.
 *
 * Its rules are indexed here, once per compiled profile (the compiled pack is cached per
 * pack object, so an imported pack gets a fresh index), by case kind and reason category
 * like every other rule type.
 */

interface RefusalIndex {
  refusals: RuleIndex<CompiledRule<RefusalRule>>;
  evidence: RuleIndex<CompiledRule<EvidenceRule>>;
  periods: RuleIndex<CompiledRule<EvidencePeriodRule>>;
}

const indexes = new WeakMap<CompiledProfile, RefusalIndex>();

function compiled<R extends Rule>(rule: R): CompiledRule<R> {
  const when = rule.when;
  return { rule, condition: compileWhen(when && { ...when, kinds: undefined, categories: undefined }) };
}

function indexOf(ctx: CaseContext): RefusalIndex {
  const hit = indexes.get(ctx.profile);
  if (hit) return hit;
  const { id, platform } = ctx.profile;
  const rules = ctx.pack.rules.filter((r) => r.platforms.includes(platform) && (r.profiles === undefined || r.profiles.includes(id)));
  const of = <T extends Rule['type']>(type: T) => rules.filter((r): r is Extract<Rule, { type: T }> => r.type === type);
  const index: RefusalIndex = {
    refusals: new RuleIndex(of('refusal').map(compiled)),
    evidence: new RuleIndex([...of('evidence')].sort((a, b) => a.order - b.order).map(compiled)),
    periods: new RuleIndex(of('evidence-period').map(compiled)),
  };
  indexes.set(ctx.profile, index);
  return index;
}

export function refusalStep(ctx: CaseContext, deadlines: readonly Deadline[]): Pick<Guidance, 'refusal' | 'evidence'> {
  const index = indexOf(ctx);
  const out: Pick<Guidance, 'refusal' | 'evidence'> = {};
  const refusals = index.refusals.select(ctx.kind, ctx.category);
  const periods = index.periods.select(ctx.kind, ctx.category);
  spend(ctx.work, refusals.length + periods.length);
  const refusal = refusals.find((r) => r.condition(ctx))?.rule;
  if (refusal) out.refusal = { ruleId: refusal.id, text: refusal.text, citations: [refusal.citation, ...(refusal.alsoCites ?? [])] };
  const period = periods.find((r) => r.condition(ctx))?.rule;
  if (period) {
    // (a period with nothing to upload for this reason — 拍错了, 不想要了 — shows no checklist)
    const evidence = index.evidence.select(ctx.kind, ctx.category);
    spend(ctx.work, evidence.length);
    const items = evidence
      .filter((r) => r.condition(ctx))
      .map(({ rule }) => ({ ruleId: rule.id, text: rule.item, citation: rule.citation }));
    if (items.length === 0) return out;
    const deadline = period.deadlineIds.find((id) => deadlines.some((d) => d.id === id)) ?? null;
    out.evidence = { ruleId: period.id, text: period.text, citation: period.citation, deadlineId: deadline, items };
  }
  return out;
}
