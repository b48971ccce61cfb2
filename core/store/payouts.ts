import type { PanelRead } from '../model/facts';
import type { Guidance } from '../model/guidance';
import type { LedgerRecord } from './schema';

/**
 * The platform payout a case records in the ledger once it is seen completed: a refund or
 * after-sale whose status says 退款成功 and whose reason triggered a compensation with an
 * amount (S0 "涉及赔付的,同样退款完成,自动完成赔付"). None without a buyer (the cap is per
 * buyer), without an amount (the sources give none: Taobao, counterfeit), or for a complaint
 * (the seller's 同意赔付 is recorded from the side panel instead).
 */
export function payoutOf(
  key: string,
  read: PanelRead,
  guidance: Guidance,
  at: string,
): Omit<LedgerRecord, 'seq'> | null {
  const f = read.facts;
  const c = guidance.compensation;
  if (
    read.kind === 'complaint' ||
    !f.refundStatus?.includes('退款成功') ||
    read.unreadable.includes('refundStatus')
  )
    return null;
  if (!c.triggered || c.amountFen === null || c.amountFen <= 0 || !f.buyer) return null;
  const entry: Omit<LedgerRecord, 'seq'> = {
    buyer: f.buyer,
    amount: c.amountFen / 100,
    at,
    kind: 'platform-payout',
    caseKey: key,
    confirmedAt: at,
  };
  if (f.orderId) entry.orderId = f.orderId;
  if (f.refundId) entry.refundId = f.refundId;
  if (f.paidAt) entry.orderPaidAt = f.paidAt;
  const reason = f.reason ?? f.complaintType;
  if (reason) entry.reason = reason.slice(0, 100);
  return entry;
}

/** Shown for a case whose buyer was not read (the recidivism count does not need the buyer). */
const UNKNOWN_BUYER = '—';

/**
 * The agent's 同意赔付 on a complaint, as a `proactive-settlement` entry: built from the case
 * as read (buyer, order, payment time — the recidivism count goes by it —, complaint type),
 * with the amount the agent confirmed.
 */
export function settlementOf(
  key: string,
  read: PanelRead,
  amount: number,
  at: string,
): Omit<LedgerRecord, 'seq'> {
  const f = read.facts;
  const entry: Omit<LedgerRecord, 'seq'> = {
    buyer: f.buyer || UNKNOWN_BUYER,
    amount,
    at,
    kind: 'proactive-settlement',
    caseKey: key,
    confirmedAt: at,
  };
  if (f.orderId) entry.orderId = f.orderId;
  if (f.refundId) entry.refundId = f.refundId;
  if (f.paidAt && !read.unreadable.includes('paidAt')) entry.orderPaidAt = f.paidAt;
  const reason = f.complaintType ?? f.reason;
  if (reason) entry.reason = reason.slice(0, 100);
  return entry;
}
