import type { Explanation, Warning } from '../model/guidance';
import type { LedgerEntry } from '../model/ledger';
import { BEIJING_OFFSET_MS, DAY, HOUR, beijingDate, beijingParts, toEpochMs } from '../time/beijing';
import { lookupReason, type CompiledProfile, type CompiledRecidivism } from './compile';
import { explain, timeOf, type CaseContext } from './context';
import { squash } from './when';
import { spend } from './budget';

/**
 * Taobao recidivism (S1 "第三篇" Q&A 1–8): proactive 同意赔付 settlements of 未按约定时间发货
 * complaints are counted by the ORDER'S PAYMENT TIME, in fixed 30-day blocks anchored at
 * 2014-12-26 00:00 (12-26…01-24, 01-25…02-23, …), and the count restarts on 1 January
 * (yearly point reset). Only ledger entries of kind `proactive-settlement` with that reason
 * and an `orderPaidAt` count (platform intervention and 大众评审 do not; S1 Q5, Q8).
 */

const dayNumber = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / DAY);

interface BlockPosition {
  /** 0-based block index since the anchor. */
  index: number;
  /** Beijing year of the instant (the count restarts each year). */
  year: number;
  /** First and last Beijing dates of the block, clipped to the year when it restarts. */
  from: string;
  to: string;
}

export function blockOf(
  ms: number,
  anchorMs: number,
  blockDays: number,
  resetOnNewYear: boolean,
): BlockPosition | null {
  if (ms < anchorMs) return null;
  const anchorDay = dayNumber(anchorMs);
  const index = Math.floor((dayNumber(ms) - anchorDay) / blockDays);
  const year = beijingParts(ms).year;
  const startDay = anchorDay + index * blockDays;
  const endDay = startDay + blockDays - 1;
  // Day numbers → noon of that Beijing day (safe from edges) → date strings.
  const dateOf = (d: number) => beijingDate(d * DAY - BEIJING_OFFSET_MS + 12 * HOUR);
  let from = dateOf(startDay);
  let to = dateOf(endDay);
  if (resetOnNewYear) {
    if (Number(from.slice(0, 4)) < year) from = `${year}-01-01`;
    if (Number(to.slice(0, 4)) > year) to = `${year}-12-31`;
  }
  return { index, year, from, to };
}

function recidivismCount(
  profile: CompiledProfile,
  rec: CompiledRecidivism,
  paidMs: number,
  ledger: readonly LedgerEntry[],
  orderId: string | undefined,
): { count: number; block: BlockPosition } | null {
  const { rule, anchorMs, ledgerReason } = rec;
  const block = blockOf(paidMs, anchorMs, rule.blockDays, rule.resetOnNewYear);
  if (block === null) return null;
  let count = 0;
  for (const e of ledger) {
    if (e.kind !== 'proactive-settlement' || e.orderPaidAt === undefined || e.reason === undefined) continue;
    if (orderId !== undefined && e.orderId === orderId) continue;
    // The complaint type as the page wrote it: the rule's own name, or a synonym of its category.
    if (
      squash(e.reason) !== ledgerReason &&
      !rule.categories.includes(lookupReason(profile, e.reason)?.category as never)
    )
      continue;
    const b = blockOf(toEpochMs(e.orderPaidAt), anchorMs, rule.blockDays, rule.resetOnNewYear);
    if (b === null || b.index !== block.index) continue;
    if (rule.resetOnNewYear && b.year !== block.year) continue;
    count += 1;
  }
  return { count, block };
}

interface RecidivismSlice {
  explanation: Explanation[];
  warnings: Warning[];
}

/** Step: earlier proactive settlements in the order's block, and a warning when this case would reach the threshold. */
export function recidivismStep(ctx: CaseContext): RecidivismSlice {
  const explanation: Explanation[] = [];
  const warnings: Warning[] = [];
  const paidMs = timeOf(ctx, 'paidAt');
  const rules = ctx.rules.recidivism[ctx.compensation];
  spend(ctx.work, rules.length);
  for (const rec of rules) {
    if (paidMs === null || !rec.condition(ctx)) continue;
    const result = recidivismCount(ctx.profile, rec, paidMs, ctx.ledger, ctx.facts.orderId);
    if (result === null) continue;
    const { count, block } = result;
    explanation.push(
      explain('recidivism', rec.rule, { paidAt: ctx.facts.paidAt, earlierSettlements: count, block }),
    );
    if (count + 1 < rec.rule.threshold) continue;
    warnings.push({
      code: 'recidivism',
      message: {
        zh: `本周期（${block.from}–${block.to}）已有 ${count} 次主动“同意赔付”未按约定时间发货，本单将是第 ${count + 1} 次：加重扣分（分值资料未载明）`,
        en: `${count} proactive 同意赔付 settlements of late shipping already in this block (${block.from}–${block.to}); this would be #${count + 1}: heavier points (amount not stated)`,
      },
      ruleId: rec.rule.id,
    });
  }
  return { explanation, warnings };
}
