import {
  LOGISTICS,
  REFUND_TYPES,
  TRADE_STATUSES,
  type FactKey,
  type Logistics,
  type RefundType,
  type TradeStatus,
} from '../model/vocabulary';
import { fenToYuan, parseMoneyToFen } from '../money/fen';
import { normalizeText } from '../text/normalize';
import { parseBeijingTime } from '../time/beijing';

/**
 * A value read for a key: the normalised fact; `null` when the page says there is none
 * (`活动：无`); `undefined` when the text is no readable value (the key is unreadable).
 */
type FieldValue = string | number | null | undefined;

const MONEY_KEYS: ReadonlySet<FactKey> = new Set(['refundAmount', 'paidAmount', 'shippingFee']);
export const TIME_KEYS: ReadonlySet<FactKey> = new Set([
  'paidAt',
  'shippedAt',
  'refundRequestedAt',
  'complaintFiledAt',
  'tradeClosedAt',
  'tradeSucceededAt',
]);

/** Texts the back-office shows where a value is missing or not decided yet. */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '',
  '-',
  '--',
  '---',
  '—',
  '——',
  '/',
  '暂无',
  '待定',
  '未知',
  '无数据',
  '加载中',
  '加载中...',
  'null',
  'undefined',
  'N/A',
  'n/a',
  'NaN',
]);

/** Trailing UI words next to a value (`复制`, `查看`), and a trailing parenthetical note. */
const TRAILING_UI = /\s*(?:复制|查看详情|查看|详情|联系买家|联系他|和我联系)$/;
const TRAILING_NOTE = /\s*[(（][^()（）]*[)）]$/;
const DIGITS = /^\d+$/;
/** A time of day in a date text (`10:00`, `10时00分`, `10点30`): a date without one is no time. */
const CLOCK = /\d\s*[:：时点]\s*\d/;

/** Whether a parsed time's text says the time of day (the back office's own form always does). */
function hasClock(raw: string): boolean {
  return (raw.length === 19 && raw.charCodeAt(13) === 58) || CLOCK.test(raw);
}

function stripDecor(text: string): string {
  return text.replace(TRAILING_UI, '').replace(TRAILING_NOTE, '').trim();
}

function oneOf<T extends string>(text: string, options: readonly T[]): T | undefined {
  if ((options as readonly string[]).includes(text)) return text as T;
  const found = options.filter((o) => text.includes(o));
  // `卖家已发货，等待买家确认` → 卖家已发货; two different states in one text → unreadable.
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Normalise the text found next to a label into the fact for `key`
 * (panel-fields.md: whitespace, full-width forms, `¥ ￥ 元 RMB`, separators, every date format).
 * Returns undefined when the text is no readable value for that key — the caller reports
 * the key as unreadable; nothing is guessed.
 */
export function parseFieldValue(key: FactKey, raw: string): FieldValue {
  // Ids as the back office writes them, digits only: the value as is (what the steps below give).
  if ((key === 'refundId' || key === 'orderId') && DIGITS.test(raw)) return raw;
  // Amounts and times first go straight to their parsers (which normalise): the common case costs one pass.
  if (MONEY_KEYS.has(key) && key !== 'shippingFee') {
    const fen = parseMoneyToFen(raw);
    if (fen !== null) return fenToYuan(fen);
  } else if (TIME_KEYS.has(key)) {
    const iso = parseBeijingTime(raw);
    if (iso !== null && hasClock(raw)) return iso;
  }
  const text = normalizeText(raw);
  if (
    key === 'activity' &&
    (text === '无' || text === '暂无' || text === '-' || text === '--' || text === '—')
  )
    return null;
  if (PLACEHOLDERS.has(text)) return undefined;
  if (MONEY_KEYS.has(key)) {
    if (key === 'shippingFee' && /^(包邮|免运费|卖家包邮|商家包邮)$/.test(text)) return 0;
    const fen = parseMoneyToFen(stripDecor(text));
    return fen === null ? undefined : fenToYuan(fen);
  }
  if (TIME_KEYS.has(key)) {
    // `2026-11-20` alone is no time: not midnight, unreadable.
    const iso = parseBeijingTime(stripDecor(text));
    return iso !== null && hasClock(text) ? iso : undefined;
  }
  switch (key) {
    case 'refundId':
    case 'orderId': {
      const digits = stripDecor(text).replace(/\s+/g, '');
      return DIGITS.test(digits) ? digits : undefined;
    }
    case 'tradeStatus':
      return oneOf<TradeStatus>(text, TRADE_STATUSES);
    case 'logistics':
      return oneOf<Logistics>(text, LOGISTICS);
    case 'refundType':
      // `退货退款` contains no `仅退款`; `仅退款` no `退货退款`: one match or none.
      return oneOf<RefundType>(text, REFUND_TYPES);
    case 'buyer':
      return text.replace(TRAILING_UI, '').trim() || undefined;
    default:
      return text;
  }
}
