import type { PanelRead } from '../model/facts';
import type { Guidance } from '../model/guidance';
import type { RecentCase } from './schema';

/**
 * What we keep about a case after it was seen: a WHITELIST of non-personal fields.
 * No buyer nickname, no address, no phone number: everything not named here is dropped,
 * and free-text fields that are kept are cut short and have phone-like numbers masked
 * (a hostile or odd page could put anything in a 退款原因 cell).
 */

const PHONE_LIKE = /(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}|\d{3,4}-\d{7,8}|\d{7,}/g;
const MAX_TEXT = 40;

/** Phone-number-like digit runs replaced by `***`. */
export function maskPhones(text: string): string {
  return text.replace(PHONE_LIKE, '***');
}

export function scrubText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const masked = maskPhones(text);
  return masked.length > MAX_TEXT ? `${masked.slice(0, MAX_TEXT)}…` : masked;
}

const DIGITS = /^\d{1,32}$/;

export function toRecentCase(key: string, read: PanelRead, guidance: Guidance, nowIso: string, nowMs: number): RecentCase {
  const f = read.facts;
  const rec: RecentCase = {
    key: key.slice(0, 300),
    platform: read.platform,
    kind: read.kind,
    deadlines: guidance.deadlines.map((d) => ({ id: d.id, dueAt: d.dueAt })),
    compensation: { triggered: guidance.compensation.triggered, amount: guidance.compensation.amount },
    pack: { id: guidance.pack.id, version: guidance.pack.version },
    firstSeenAt: nowIso,
    lastSeenAt: nowIso,
    lastSeenMs: nowMs,
  };
  if (f.refundId && DIGITS.test(f.refundId)) rec.refundId = f.refundId;
  if (f.orderId && DIGITS.test(f.orderId)) rec.orderId = f.orderId;
  const reason = scrubText(f.reason);
  if (reason) rec.reason = reason;
  const complaintType = scrubText(f.complaintType);
  if (complaintType) rec.complaintType = complaintType;
  const refundStatus = scrubText(f.refundStatus);
  if (refundStatus) rec.refundStatus = refundStatus;
  if (f.tradeStatus) rec.tradeStatus = f.tradeStatus;
  return rec;
}
