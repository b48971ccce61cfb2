import type { PanelRead } from '../model/facts';
import type { Guidance } from '../model/guidance';
import type { RecentCase } from './schema';

/**
 * What we keep about a case after it was seen: a WHITELIST of non-personal fields.
 * No buyer nickname, no address, no phone number: everything not named here is dropped,
 * and free-text fields that are kept are cut short and have phone-like numbers masked
 * (a hostile or odd page could put anything in a 退款原因 cell).
 */

const MAX_TEXT = 40;

/**
 * Digits as people write them: ASCII, full-width, Chinese numerals (幺 for 1 on the phone)
 * and the financial ones (壹贰叁…, also in traditional forms).
 */
const DIGIT = '0-9\uFF10-\uFF19〇零一二三四五六七八九幺两壹贰貳叁參肆伍陆陸柒捌玖';
/** A run of digits with the separators phone numbers are written with (space, dashes, dots, brackets, +). */
const DIGIT_RUN = new RegExp(`\\+?[${DIGIT}](?:[\\s\\-\u2010-\u2015.·()（）+]*[${DIGIT}])*`, 'g');
/** A date (2026-11-13, 2026.11.13, 2026/11/13) is no phone number. */
const DATE_LIKE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}(\s+\d{1,2})?$/;
/** Seven digits or more, once the separators are gone, is a phone number (landline 7–8, mobile 11, +86 13). */
const PHONE_DIGITS = 7;

/**
 * Phone-number-like digit runs replaced by `***`: counted by digits after removing the
 * separators (`138 001 38000`, `138-0013-8000`, `(010) 8888 6666`, `幺三八零零一三八零零零`),
 * so spacing cannot hide a number; a date is left as it is.
 */
export function maskPhones(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(new RegExp(`[^${DIGIT}]`, 'g'), '');
    if (digits.length < PHONE_DIGITS) return run;
    if (DATE_LIKE.test(run.trim())) return run;
    // keep the whitespace around the run, mask the number itself
    const lead = /^\s*/.exec(run)![0];
    const trail = /\s*$/.exec(run)![0];
    return `${lead}***${trail}`;
  });
}

function scrubText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const masked = maskPhones(text);
  return masked.length > MAX_TEXT ? `${masked.slice(0, MAX_TEXT)}…` : masked;
}

const DIGITS = /^\d{1,32}$/;
const PAGE_ID = /^[a-z][a-z0-9-]{0,39}$/;
const ISO_08 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

export function toRecentCase(
  key: string,
  read: PanelRead,
  guidance: Guidance,
  nowIso: string,
  nowMs: number,
): RecentCase {
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
  if (refundStatus) {
    rec.refundStatus = refundStatus;
    rec.statusSince = nowIso;
    if (refundStatus.includes('介入')) rec.interventionSeenAt = nowIso;
  }
  if (f.tradeStatus) rec.tradeStatus = f.tradeStatus;
  if (PAGE_ID.test(read.adapter)) rec.page = read.adapter;
  if (f.refundRequestedAt && ISO_08.test(f.refundRequestedAt)) rec.requestedAt = f.refundRequestedAt;
  return rec;
}
