import type { FactKey } from '../model/facts';
import type { Warning } from '../model/guidance';
import { CLOCK_TOLERANCE_MS } from '../pages/plausible';
import { TIME_FACTS, type CaseContext, type TimeFact } from './context';

/**
 * Step: the page's times run ahead of this computer's clock. Every time fact is a past event
 * (paid, shipped, requested, filed, closed), so one later than the evaluation instant (beyond
 * the readers' tolerance, core/pages/plausible.ts) means the clock is slow: countdowns read
 * from the page and deadlines computed from its times disagree by as much. Said in the
 * agent's words, with how far.
 */

const NAMES: Record<TimeFact, { zh: string; en: string }> = {
  paidAt: { zh: '付款时间', en: 'payment time' },
  shippedAt: { zh: '发货时间', en: 'shipping time' },
  refundRequestedAt: { zh: '申请时间', en: 'request time' },
  complaintFiledAt: { zh: '投诉时间', en: 'complaint time' },
  tradeClosedAt: { zh: '交易关闭时间', en: 'trade closing time' },
  tradeSucceededAt: { zh: '交易成功时间', en: 'trade completion time' },
};

function howFar(ms: number): { zh: string; en: string } {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return { zh: `${minutes} 分钟`, en: `${minutes} min` };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { zh: `${hours} 小时`, en: `${hours} h` };
  const days = Math.round(hours / 24);
  return { zh: `${days} 天`, en: `${days} days` };
}

export function clockWarnings(ctx: CaseContext): Warning[] {
  const fields: FactKey[] = [];
  let aheadMs = 0;
  for (const k of TIME_FACTS) {
    const ms = ctx.times[k];
    if (ms === null || ctx.unreadable.includes(k)) continue;
    if (ms - ctx.nowMs > CLOCK_TOLERANCE_MS) {
      fields.push(k);
      aheadMs = Math.max(aheadMs, ms - ctx.nowMs);
    }
  }
  if (fields.length === 0) return [];
  const far = howFar(aheadMs);
  const zh = fields.map((k) => NAMES[k as TimeFact].zh).join('、');
  const en = fields.map((k) => NAMES[k as TimeFact].en).join(', ');
  return [
    {
      code: 'clock-behind',
      message: {
        zh: `页面上的${zh}比本机时钟晚约 ${far.zh}：这台电脑的时钟可能慢了。倒计时和截止提醒按本机时钟计算，会差不多相差这么多——请以页面为准，并校准电脑时间。`,
        en: `The page's ${en} is about ${far.en} later than this computer's clock: the clock may be slow. Countdowns and deadline warnings follow this clock and are off by about as much — trust the page, and set the computer's time.`,
      },
      fields,
    },
  ];
}
