/**
 * What an agent should see, computed in the test from the page's own text (never copied
 * from the extension's output): due times of the deadlines a badge may count down, from
 * the documented timer lengths (after-sales-rules.md §3) and the page's timestamps.
 */
import type { Page } from 'playwright-core';
import { LABELS, beijingIso, beijingMs, labelValue, pick } from './pages';

const H = 3_600_000;
const D = 24 * H;

type Platform = 'tmall' | 'taobao';

export function platformOf(url: string): Platform {
  return new URL(url).hostname.endsWith('taobao.com') ? 'taobao' : 'tmall';
}

/** Timestamp-derived deadlines: id → [fact labels it starts at, length ms per platform]. */
const TIMERS: Record<string, { from: readonly string[]; length: Partial<Record<Platform, number>> }> = {
  // S0 §一 "买家申请退款后3天(72小时)": both platforms.
  'intervention-open': { from: LABELS.refundRequestedAt, length: { tmall: 72 * H, taobao: 72 * H } },
  // S1 "卖家有5天时间处理" (Taobao). Tmall: only the platform's own countdown.
  'seller-response': { from: LABELS.refundRequestedAt, length: { taobao: 5 * D } },
  // S1: seller handles a complaint within 24 h (Taobao).
  'complaint-seller-handle': { from: LABELS.complaintFiledAt, length: { taobao: 24 * H } },
  // S3 (Tmall 2019+, the default profile): ship within 48 h of payment; S1 exam (Taobao): 3 days.
  'ship-promise': { from: LABELS.paidAt, length: { tmall: 48 * H, taobao: 72 * H } },
  // S0 "付款72小时后方可申请" 未按约定时间发货.
  'late-ship-reason-available': { from: LABELS.paidAt, length: { tmall: 72 * H, taobao: 72 * H } },
  // S0 §二: after-sale within 15 days of trade success.
  'after-sale-window': { from: LABELS.tradeSucceededAt, length: { tmall: 15 * D, taobao: 15 * D } },
  'complaint-after-success': { from: LABELS.tradeSucceededAt, length: { tmall: 15 * D } },
};

type Values = Record<string, string>;

/**
 * The due time (ISO +08:00) the page's timestamps give for `deadlineId`, or null when the
 * deadline is not derived from a timestamp on this platform (e.g. Tmall seller-response,
 * which comes from the platform's countdown text).
 */
export function expectedDue(deadlineId: string, values: Values, platform: Platform): string | null {
  const t = TIMERS[deadlineId];
  if (!t) return null;
  const len = t.length[platform];
  if (len === undefined) return null;
  const raw = pick(values, t.from);
  const start = raw ? beijingMs(raw) : null;
  return start === null ? null : beijingIso(start + len);
}

/** The label values of a detail page that the timers need. */
export async function detailValues(page: Page): Promise<Values> {
  const out: Values = {};
  for (const labels of [
    LABELS.refundRequestedAt,
    LABELS.complaintFiledAt,
    LABELS.tradeSucceededAt,
    LABELS.paidAt,
  ]) {
    const v = await labelValue(page, [...labels]);
    if (v) out[labels[0]] = v;
  }
  return out;
}

/** `剩余2天23时7分51秒` / `还剩 1天 3小时` / `剩余 05:12:09` → seconds (null if none on the page). */
export function countdownSeconds(text: string): number | null {
  const t = text.normalize('NFKC');
  const clock = /(?:剩余|还剩)\s*(\d{1,3}):(\d{2}):(\d{2})/.exec(t);
  if (clock) return Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const m =
    /(?:剩余|还剩)\s*(?:(\d+)\s*天)?\s*(?:(\d+)\s*(?:小时|时))?\s*(?:(\d+)\s*分(?:钟)?)?\s*(?:(\d+)\s*秒)?/.exec(
      t,
    );
  if (!m || (m[1] ?? m[2] ?? m[3] ?? m[4]) === undefined) return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}
