import type { Explanation, Warning } from '../model/guidance';
import type { ReasonRule } from '../model/rule-pack';
import { lookupReason } from './compile';
import { explain, type CaseContext } from './context';

/** Step: the reason the buyer chose (or the complaint type) → the pack's reason rule and its category. */

export interface ReasonSlice {
  rule: ReasonRule | null;
  explanation: Explanation[];
  warnings: Warning[];
}

export function reasonStep(ctx: CaseContext): ReasonSlice {
  const text = ctx.reasonText;
  if (text === undefined) return { rule: null, explanation: [], warnings: [] };
  const field = ctx.kind === 'complaint' && ctx.facts.complaintType !== undefined ? 'complaintType' : 'reason';
  const rule = lookupReason(ctx.profile, text);
  if (rule) return { rule, explanation: [explain('reason', rule, { [field]: text })], warnings: [] };
  const unknown: Warning = {
    code: 'unknown-reason',
    message: { zh: `未知的原因「${text}」：规则包中没有对应规则，请人工判断`, en: `Unknown reason "${text}": no rule in the pack — judge it yourself` },
    fields: [field],
  };
  return { rule: null, explanation: [], warnings: [unknown] };
}
