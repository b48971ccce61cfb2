import type { FactKey } from '../model/facts';
import { normalizeLabel } from '../text/normalize';

/**
 * The label vocabulary of docs/panel-fields.md: what the back-office writes
 * next to a value → the `facts` key it fills. Labels are compared after normalizeLabel
 * (NFKC, invisible marks removed, trailing `:`/`：` and inner spaces dropped).
 */
const FIELD_LABELS: Readonly<Record<Exclude<FactKey, 'platformCountdown'>, readonly string[]>> = {
  refundId: ['退款编号', '退款单号', '售后单号', '售后编号'],
  orderId: ['订单编号', '订单号'],
  buyer: ['买家', '买家昵称', '买家账号'],
  // `原因` alone: the old refund2 detail (`原因：`).
  reason: ['退款原因', '售后原因', '申请原因', '原因'],
  complaintType: ['投诉类型', '投诉原因'],
  refundAmount: ['退款金额', '申请金额', '退款总额'],
  paidAmount: ['实付金额', '实付款', '买家实付', '订单金额', '实付'],
  shippingFee: ['运费', '邮费'],
  paidAt: ['付款时间', '买家付款时间'],
  shippedAt: ['发货时间', '卖家发货时间'],
  refundRequestedAt: ['申请时间', '退款申请时间', '售后申请时间'],
  complaintFiledAt: ['投诉时间', '发起时间'],
  tradeClosedAt: ['交易关闭时间', '关闭时间'],
  tradeSucceededAt: ['交易成功时间', '确认收货时间'],
  tradeStatus: ['订单状态', '交易状态'],
  refundStatus: ['退款状态', '售后状态', '处理状态'],
  refundType: ['要求', '退款类型', '售后类型', '服务类型'],
  logistics: ['物流方式', '运送方式', '配送方式'],
  activity: ['活动', '营销活动', '活动类型'],
};

/**
 * Labels that say the panel is an after-sale (售后) case rather than a refund in progress.
 * Not `售后状态`: the workbench names every case's status column so.
 */
export const AFTERSALE_LABELS: ReadonlySet<string> = new Set(['售后原因', '售后申请时间']);

/**
 * Column titles of list pages that name no fact: their cells are never read, and a title
 * row is recognised by them as much as by the fact labels. `退货物流` (return logistics) is
 * kept apart from every fact on purpose: its cells are never read as a reason.
 */
export const NON_FACT_TITLES: ReadonlySet<string> = new Set([
  '宝贝',
  '商品',
  '商品信息',
  '宝贝信息',
  '数量',
  '单价',
  '价格',
  '退货物流',
  '物流',
  '操作',
  '买家信息',
  '交易信息',
  '备注',
  '订单信息',
]);

/** Of NON_FACT_TITLES, the columns whose cells never hold inline `label：value` texts (`订单信息` may). */
export const PLAIN_TITLES: ReadonlySet<string> = new Set([
  '宝贝',
  '商品',
  '数量',
  '单价',
  '价格',
  '退货物流',
  '物流',
  '操作',
  '备注',
]);

/** Column titles (and labels) whose cells hold the platform's timer (`还剩 1天 20时 15分`). */
export const TIMER_TITLES: ReadonlySet<string> = new Set([
  '剩余时间',
  '处理时限',
  '超时时间',
  '倒计时',
  '剩余处理时间',
  '超时提醒',
  '处理期限',
]);

/**
 * Labels of free text the buyer (or an agent) writes: their values are never searched for
 * labels, countdowns or amounts, and a column so titled is never read. None is a fact label.
 */
export const FREE_TEXT_LABELS: ReadonlySet<string> = new Set([
  '退款说明',
  '退款描述',
  '问题描述',
  '申请说明',
  '补充说明',
  '补充描述',
  '售后说明',
  '投诉说明',
  '投诉内容',
  '举证说明',
  '留言',
  '买家留言',
  '卖家留言',
  '备注',
  '买家备注',
  '卖家备注',
  '说明',
  '描述',
  '协商详情',
  '协商记录',
  '凭证说明',
]);

/** Normalised label → key. */
export const LABEL_TO_KEY: ReadonlyMap<string, FactKey> = new Map(
  Object.entries(FIELD_LABELS).flatMap(([key, labels]) =>
    labels.map((l) => [normalizeLabel(l), key as FactKey] as const),
  ),
);

/** Longest label length (fact or free-text): a text node longer than this (plus a colon) cannot be a bare label. */
export const MAX_LABEL_LENGTH = Math.max(
  ...[...LABEL_TO_KEY.keys(), ...FREE_TEXT_LABELS].map((l) => l.length),
);

/** The key a text is the label of (`退款原因`, `退款原因：`, `退款 原因 :`), or undefined. */
export function labelKey(text: string): FactKey | undefined {
  if (text.length > MAX_LABEL_LENGTH + 8) return undefined;
  return LABEL_TO_KEY.get(normalizeLabel(text));
}

/** Split `退款原因：卖家缺货` (one text node) into its key and value; undefined when the head is no label. */
export function splitInlineLabel(text: string): { key: FactKey; label: string; value: string } | undefined {
  const colon = text.search(/[:：]/);
  if (colon <= 0 || colon > MAX_LABEL_LENGTH + 4) return undefined;
  const label = normalizeLabel(text.slice(0, colon));
  const key = LABEL_TO_KEY.get(label);
  if (!key) return undefined;
  return { key, label, value: untilNextLabel(text.slice(colon + 1)) };
}

/** `卖家缺货 退款说明：拍下后…` (any space, U+3000 too): a label after a space inside a text. */
const NEXT_LABEL = /[\s\u3000]+([^\s\u3000:：]{1,8})\s*[:：]/g;

/** Where the first label after a space in `text` that `wanted` accepts starts, and that label; null when none. */
function nextLabel(text: string, wanted: (label: string) => boolean): { at: number; label: string } | null {
  if (!text.includes(':') && !text.includes('：')) return null;
  NEXT_LABEL.lastIndex = 0;
  for (let m = NEXT_LABEL.exec(text); m; m = NEXT_LABEL.exec(text)) {
    const label = normalizeLabel(m[1]!);
    if (wanted(label)) return { at: m.index, label };
  }
  return null;
}

const isFreeLabel = (label: string) => FREE_TEXT_LABELS.has(label);
const isAnyLabel = (label: string) => LABEL_TO_KEY.has(label) || isFreeLabel(label);

/** `卖家缺货 退款说明：拍下后…` → `卖家缺货`: a value ends where the next label (after a space) begins. */
function untilNextLabel(value: string): string {
  const next = nextLabel(value, isAnyLabel);
  return next === null ? value : value.slice(0, next.at);
}

/**
 * The free-text label (`退款说明`, `留言` …) a text holds after a space, past its leading
 * label (`退款原因：卖家缺货 退款说明：…`); undefined when none. What follows it is the
 * buyer's, however many lines it runs to: no label is read there.
 */
export function freeLabelWithin(text: string): string | undefined {
  return nextLabel(text, isFreeLabel)?.label;
}

/** Split `退款说明：…` (one text node) into the free-text label and its value; undefined when the head is none. */
export function splitFreeLabel(text: string): { label: string; value: string } | undefined {
  const colon = text.search(/[:：]/);
  if (colon <= 0 || colon > MAX_LABEL_LENGTH + 4) return undefined;
  const label = normalizeLabel(text.slice(0, colon));
  return FREE_TEXT_LABELS.has(label) ? { label, value: text.slice(colon + 1) } : undefined;
}
