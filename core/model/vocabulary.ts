/**
 * The fixed vocabulary of the facts contract (panel-fields.md), as plain constants with no
 * zod: the content script's page readers import these, and must not pull the schemas
 * (and zod) into its bundle. `facts.ts` re-exports everything here.
 */

export const TRADE_STATUSES = ['等待买家付款', '买家已付款', '卖家已发货', '交易成功', '交易关闭'] as const;
export const LOGISTICS = ['快递', '货运', '平邮', '无需物流', '虚拟', '自动发货'] as const;
/** What the buyer asks for (`要求` on the workbench detail). */
export const REFUND_TYPES = ['仅退款', '退货退款', '换货'] as const;
export const CASE_KINDS = ['refund', 'aftersale', 'complaint'] as const;
export const PLATFORMS = ['tmall', 'taobao'] as const;

export type TradeStatus = (typeof TRADE_STATUSES)[number];
export type Logistics = (typeof LOGISTICS)[number];
export type RefundType = (typeof REFUND_TYPES)[number];
export type CaseKind = (typeof CASE_KINDS)[number];
export type Platform = (typeof PLATFORMS)[number];

export const FACT_KEYS = [
  'refundId',
  'orderId',
  'buyer',
  'reason',
  'complaintType',
  'refundAmount',
  'paidAmount',
  'shippingFee',
  'paidAt',
  'shippedAt',
  'refundRequestedAt',
  'complaintFiledAt',
  'tradeClosedAt',
  'tradeSucceededAt',
  'tradeStatus',
  'refundStatus',
  'refundType',
  'logistics',
  'activity',
  'platformCountdown',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

/**
 * What the old refund2 detail shows that its embedded `var disputeData` also carries, compared
 * by core/pages/dispute-data.ts (no fact of its own: a disagreement only marks the case).
 */
export const CROSS_CHECKED = ['returnCarrier'] as const;
export type CrossChecked = (typeof CROSS_CHECKED)[number];

/** The placeholders of a reply template (`{shopName}` …), see ReplyRuleSchema in rule-pack.ts. */
export const REPLY_PLACEHOLDERS = [
  'shopName',
  'signature',
  'orderId',
  'refundId',
  'reason',
  'paidAmount',
  'refundAmount',
  'compensationAmount',
] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];
