import { text, z } from './zod';
import { BeijingIsoSchema, YuanSchema } from './facts';

/**
 * A compensation the shop has paid (or agreed to pay) a buyer. The engine uses the
 * ledger for the Tmall 24 h per-buyer cap and the Taobao recidivism count.
 * kind: `platform-payout` — the platform paid the buyer at the seller's cost (赔付): recorded
 *       by the worker when a case whose reason triggers a payout is seen 退款成功;
 *       `proactive-settlement` — the seller pressed 同意赔付 on a complaint: recorded from the
 *       agent's click in the side panel.
 * The Tmall 24 h cap counts only platform payouts; the Taobao recidivism count only
 * proactive settlements. Neither counts an entry of the case being evaluated.
 */
const LedgerEntrySchema = z.object({
  buyer: text(),
  amount: YuanSchema,
  at: BeijingIsoSchema,
  kind: z.enum(['platform-payout', 'proactive-settlement']),
  orderId: z.optional(z.string()),
  /** The refund the entry settled (a case read from a refund page). */
  refundId: z.optional(z.string()),
  /** The case the entry was recorded from (`platform:kind:id`): one entry of each kind per case. */
  caseKey: z.optional(z.string()),
  /** The order's payment time (the recidivism rule counts by it). */
  orderPaidAt: z.optional(BeijingIsoSchema),
  /** Complaint type or refund reason the entry settled, e.g. 未按约定时间发货. */
  reason: z.optional(z.string()),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export const LedgerSchema = z.array(LedgerEntrySchema);
