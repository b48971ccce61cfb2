import type { Explanation, Warning } from '../model/guidance';
import type { ReasonRule } from '../model/rule-pack';
import { spend } from './budget';
import { explain, type CaseContext } from './context';

/** Step: the reason the buyer chose (or the complaint type), looked up in the pack by the case context → its explanation or warning. */

interface ReasonSlice {
  rule: ReasonRule | null;
  explanation: Explanation[];
  warnings: Warning[];
}

export function reasonStep(ctx: CaseContext): ReasonSlice {
  const text = ctx.reasonText;
  if (text === undefined) return { rule: null, explanation: [], warnings: [] };
  const field =
    ctx.kind === 'complaint' && ctx.facts.complaintType !== undefined ? 'complaintType' : 'reason';
  spend(ctx.work, ctx.profile.reasonNames.length); // the lookup itself ran in caseContext
  const found = ctx.reason;
  const rule = found.rule;
  if (rule) {
    // (a literal per field: an object with a computed key is built through the runtime)
    const facts = field === 'reason' ? { reason: text } : { complaintType: text };
    return { rule, explanation: [explain('reason', rule, facts)], warnings: [] };
  }
  if (found.negated) {
    const { marker, rule: negatedRule } = found.negated;
    const negated: Warning = {
      code: 'unknown-reason',
      message: {
        zh: `原因「${text}」含否定词「${marker}」：不按“${negatedRule.names[0]}”处理，也不归入其他类别，请人工判断`,
        en: `Reason "${text}" holds the negation "${marker}": not treated as "${negatedRule.names[0]}" nor as any other category — judge it yourself`,
      },
      fields: [field],
      ruleId: negatedRule.id,
    };
    return { rule: null, explanation: [], warnings: [negated] };
  }
  const unknown: Warning = {
    code: 'unknown-reason',
    message: {
      zh: `未知的原因「${text}」：规则包中没有对应规则，请人工判断`,
      en: `Unknown reason "${text}": no rule in the pack — judge it yourself`,
    },
    fields: [field],
  };
  return { rule: null, explanation: [], warnings: [unknown] };
}
