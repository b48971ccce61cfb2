import type { Compensation, Reply } from '../model/guidance';
import { formatYuan, yuanToFen } from '../money/fen';
import { renderReply, type PlaceholderValues } from '../replies/template';
import { spend, spendChars } from './budget';
import type { CaseContext } from './context';

/** Step: the suggested replies, filled with what is known of the case (a missing value stays marked). */
export function repliesStep(ctx: CaseContext, compensation: Compensation): Reply[] {
  const list = ctx.rules.replies[ctx.compensation];
  if (list.length === 0) return [];
  spend(ctx.work, list.length);
  const { facts } = ctx;
  const shop = ctx.settings?.shopPolicy;
  const values: PlaceholderValues = {
    shopName: shop?.shopName,
    signature: shop?.signature,
    orderId: facts.orderId,
    refundId: facts.refundId,
    reason: ctx.reasonText,
    compensationAmount: compensation.amount ?? undefined,
    paidAmount: undefined,
    refundAmount: undefined,
  };
  // The amounts as a reply writes them, formatted only when a template of the list writes one.
  if (list.some((r) => r.writesAmounts)) {
    const refundAmount =
      facts.refundAmount !== undefined && !ctx.unreadable.includes('refundAmount')
        ? facts.refundAmount
        : undefined;
    values.paidAmount = ctx.paidFen !== null ? formatYuan(ctx.paidFen) : undefined;
    values.refundAmount = refundAmount !== undefined ? formatYuan(yuanToFen(refundAmount)) : undefined;
  }
  const replies: Reply[] = [];
  for (const { rule, template, condition } of list) {
    if (!condition(ctx)) continue;
    spend(ctx.work, template.length);
    const reply = renderReply(rule, template, values);
    spendChars(ctx.work, reply.text.length);
    replies.push(reply);
  }
  return replies;
}
