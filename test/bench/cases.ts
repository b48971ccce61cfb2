/**
 * Generated refund cases for the engine benchmark, from a seeded PRNG (same seed → same
 * cases on every machine). Varied: Tmall/Taobao, triggering reasons and their synonyms
 * (also written with stray/full-width spaces), non-triggering and unknown reasons, paid
 * amounts 0.01–50,000 yuan (log-uniform, so the 5-yuan minimum and the 500-yuan maximum
 * are both well covered), request times from 9 days before `now` to just before it (so
 * some deadlines are breached), refund states (open, agreed, intervened, closed), and a
 * platform countdown on part of the cases.
 */
import type { Facts, Platform } from '../../core/model';
import { toBeijingIso } from '../../core/time';
import { prng } from '../helpers/prng';

export interface BenchCase {
  facts: Facts;
  platform: Platform;
  kind: 'refund';
  now: string;
}

/** after-sales-rules.md §4: these make the platform pay the buyer, on both platforms. */
export const TRIGGERING_BOTH = ['缺货', '卖家缺货', '发不了货', '拒绝发货', '未按约定时间发货'];
/** §4: on Tmall since the 2019 update only (handled by the delayed-shipping rule). */
export const TRIGGERING_TMALL_2019 = ['错发', '漏发', '少发', '虚假发货'];
/** §4 and §6: reasons that do not trigger compensation (known reasons). */
export const NON_TRIGGERING = [
  '拍错了',
  '订单信息错误',
  '不想买了',
  '商家加价不发货',
  '七天无理由退换货',
  '商品质量问题',
  '描述不符',
];
/** Text that is not a reason of the pack at all (unknown-reason warning, no compensation). */
export const UNKNOWN = ['其他', '快递太慢了', '颜色不喜欢'];

/** Refund states (after-sales-rules.md §1), mostly still waiting for the seller. */
const REFUND_STATUSES = [
  '等待商家处理',
  '等待商家处理',
  '等待商家处理',
  '退款中',
  '退款协议达成·等待买家退货',
  '买家已退货·等待卖家确认收货',
  '客服已经介入',
  '退款关闭',
  '退款成功',
];

/** The same reason as a page might write it: surrounding/duplicated spaces, full-width space, zero-width space. */
function variant(reason: string, r: () => number): string {
  const x = r();
  if (x < 0.7) return reason;
  if (x < 0.8) return ` ${reason} `;
  if (x < 0.9) return `\u3000${reason}`;
  return `${reason}\u200b`;
}

function pick<T>(xs: readonly T[], r: () => number): T {
  return xs[Math.floor(r() * xs.length)]!;
}

const HOUR = 3600_000;

export function generateCases(n: number, seed: number): BenchCase[] {
  const r = prng(seed);
  const base = Date.parse('2026-11-20T10:00:00+08:00');
  const out: BenchCase[] = [];
  for (let i = 0; i < n; i++) {
    const platform: Platform = r() < 0.5 ? 'tmall' : 'taobao';
    const bucket = r();
    const reason =
      bucket < 0.45
        ? pick(TRIGGERING_BOTH, r)
        : bucket < 0.6
          ? pick(TRIGGERING_TMALL_2019, r)
          : bucket < 0.9
            ? pick(NON_TRIGGERING, r)
            : pick(UNKNOWN, r);
    // paid amount: log-uniform 0.01 … 50,000 yuan, in whole fen
    const fen = Math.max(1, Math.min(5_000_000, Math.round(Math.exp(r() * Math.log(5_000_000)))));
    const nowMs = base + Math.floor(r() * 30 * 24) * HOUR + Math.floor(r() * 3600) * 1000;
    const requestedMs = nowMs - Math.floor(r() * 9 * 24 * HOUR);
    const paidMs = requestedMs - Math.floor(r() * 5 * 24 * HOUR) - 60_000;
    const facts: Facts = {
      refundId: String(100000000000 + i),
      orderId: String(200000000000 + i * 7),
      buyer: `buyer${Math.floor(r() * 500)}`,
      reason: variant(reason, r),
      refundAmount: fen / 100,
      paidAmount: fen / 100,
      paidAt: toBeijingIso(paidMs),
      refundRequestedAt: toBeijingIso(requestedMs),
      tradeStatus: '买家已付款',
      refundStatus: pick(REFUND_STATUSES, r),
    };
    if (r() < 0.3) {
      // the platform's own countdown, as a page shows it
      const secs = Math.floor(r() * 3 * 86400);
      const d = Math.floor(secs / 86400);
      const h = Math.floor((secs % 86400) / 3600);
      const m = Math.floor((secs % 3600) / 60);
      const s = secs % 60;
      facts.platformCountdown = `剩余${d}天${h}时${m}分${s}秒`;
    }
    out.push({ facts, platform, kind: 'refund', now: toBeijingIso(nowMs) });
  }
  return out;
}
