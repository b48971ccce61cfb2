import type { FactKey } from '../model/facts';
import type { Compensation, Explanation, Text, Warning } from '../model/guidance';
import type { LedgerEntry } from '../model/ledger';
import { DEFAULT_CAP_WINDOW_HOURS, type CompensationRule } from '../model/rule-pack';
import { formatYuan as yuan, percentOfFen, yuanToFen } from '../money/fen';
import { HOUR, toEpochMs } from '../time/beijing';
import type { PreparedCompensation } from './rule-sets';
import { explain, type CaseContext } from './context';
import { contestOf } from './contest';
import type { CompensationState } from './when';
import { spend } from './budget';

/**
 * Step: does the reason make the platform pay the buyer at the seller's cost, how much, and
 * do the facts contradict the reason (contestable)? Amounts are integer fen throughout.
 */

interface CompensationSlice {
  compensation: Compensation;
  state: CompensationState;
  explanation: Explanation[];
  warnings: Warning[];
}

function notTriggered(ruleId: string | null, explanation: Text): Compensation {
  return { triggered: false, amount: null, amountFen: null, ruleId, contestable: false, explanation };
}

/** Why no compensation rule applies. */
function noRuleText(ctx: CaseContext): Text {
  const text = ctx.reasonText;
  if (text === undefined)
    return {
      zh: '未读到退款原因/投诉类型，无法判断是否赔付',
      en: 'No reason / complaint type was read: compensation cannot be judged',
    };
  if (ctx.category !== null)
    return { zh: `「${text}」不触发平台赔付`, en: `"${text}" does not trigger platform compensation` };
  return {
    zh: `未知原因「${text}」，无法判断是否赔付`,
    en: `Unknown reason "${text}": compensation cannot be judged`,
  };
}

export function compensationStep(ctx: CaseContext): CompensationSlice {
  let found: PreparedCompensation | undefined;
  const rules = ctx.rules.compensation[ctx.compensation];
  spend(ctx.work, rules.length);
  for (const c of rules) {
    if (c.condition(ctx)) {
      found = c;
      break;
    }
  }
  if (!found)
    return {
      compensation: notTriggered(null, noRuleText(ctx)),
      state: 'none',
      explanation: [],
      warnings: [],
    };
  const rule = found.rule;
  if (!rule.triggered) {
    const text = ctx.reasonText;
    return {
      compensation: notTriggered(rule.id, found.words.declined),
      state: 'none',
      explanation: [
        explain('compensation', rule, ctx.kind === 'complaint' ? { complaintType: text } : { reason: text }),
      ],
      warnings: [],
    };
  }
  const contest = contestOf(ctx);
  const facts = ctx.facts;
  const missing: FactKey[] = [];
  for (const k of rule.needs ?? []) if (facts[k] === undefined || ctx.unreadable.includes(k)) missing.push(k);
  const used: Record<string, unknown> =
    ctx.kind === 'complaint'
      ? { complaintType: ctx.reasonText, paidAmount: facts.paidAmount ?? null }
      : { reason: ctx.reasonText, paidAmount: facts.paidAmount ?? null };
  if (facts.paidAt) used.paidAt = facts.paidAt;
  if (facts.shippedAt) used.shippedAt = facts.shippedAt;
  const warnings: Warning[] = [];
  const amount = amountOf(found, ctx, used, warnings);
  let text = amount.text;
  /** What must be established before the compensation holds (a claim, or a fact not read). */
  let confirm: Text | undefined;
  if (contest) {
    text = {
      zh: `${text.zh}。但事实与原因不符：${contest.text.zh}——可礼貌请买家修改原因`,
      en: `${text.en}. But the facts contradict the reason: ${contest.text.en} — politely ask the buyer to correct it`,
    };
  } else if (rule.claim) {
    confirm = rule.claim;
  } else if (missing.length > 0) {
    confirm = {
      zh: `未读到${missing.map(fieldZh).join('、')}：核对后才能确定原因是否属实`,
      en: `${missing.map(fieldEn).join(', ')} not read: check it before treating the reason as true`,
    };
    warnings.push({
      code: 'missing-fact',
      message: { zh: `${confirm.zh}（不做猜测）`, en: `${confirm.en} (not guessed)` },
      fields: missing,
      ruleId: rule.id,
    });
  }
  if (confirm) {
    text = { zh: `如经核实（${confirm.zh}）：${text.zh}`, en: `If confirmed (${confirm.en}): ${text.en}` };
  }
  const compensation: Compensation = {
    triggered: true,
    amount: amount.fen === null ? null : yuan(amount.fen),
    amountFen: amount.fen,
    ruleId: rule.id,
    contestable: contest !== null,
    explanation: text,
  };
  if (confirm) compensation.confirm = confirm;
  return {
    compensation,
    state: contest ? 'contestable' : confirm ? 'unconfirmed' : 'due',
    explanation: contest
      ? [explain('compensation', rule, used), ...contest.entries]
      : [explain('compensation', rule, used)],
    warnings,
  };
}

const FIELD_ZH: Record<string, string> = {
  paidAt: '付款时间',
  shippedAt: '发货时间',
  tradeStatus: '交易状态',
  refundRequestedAt: '申请时间',
  paidAmount: '实付金额',
};
const fieldZh = (k: string) => FIELD_ZH[k] ?? k;
const FIELD_EN: Record<string, string> = {
  paidAt: 'Payment time',
  shippedAt: 'Shipping time',
  tradeStatus: 'Trade status',
  refundRequestedAt: 'Request time',
  paidAmount: 'Amount paid',
};
const fieldEn = (k: string) => FIELD_EN[k] ?? k;

/** The amount of a triggered compensation and the sentence that says how it was reached. */
function amountOf(
  found: PreparedCompensation,
  ctx: CaseContext,
  used: Record<string, unknown>,
  warnings: Warning[],
): { fen: number | null; text: Text } {
  const { rule, words } = found;
  const bp = rule.basisPoints ?? null;
  if (bp === null) return { fen: null, text: words.noAmount };
  let paidFen = ctx.paidFen;
  let baseZh = '实付';
  let baseEn = 'paid';
  if (rule.base === 'item-price' && paidFen !== null) {
    const fee = ctx.facts.shippingFee;
    if (fee !== undefined && !ctx.unreadable.includes('shippingFee')) {
      paidFen = Math.max(0, paidFen - yuanToFen(fee));
      baseZh = '商品价格（实付减运费）';
      baseEn = 'item price (paid minus postage)';
    } else {
      baseZh = '实付（规则按商品价格计，未读到运费，可能偏高）';
      baseEn = 'paid (the rule counts the item price; postage not read, may be high)';
      warnings.push({
        code: 'missing-fact',
        message: {
          zh: '未读到运费：按实付金额计算，规则按商品价格计，金额可能偏高',
          en: 'Postage not read: computed on the paid amount; the rule counts the item price, so it may be high',
        },
        fields: ['shippingFee'],
        ruleId: rule.id,
      });
    }
  }
  if (paidFen === null) {
    warnings.push({
      code: ctx.unreadable.includes('paidAmount') ? 'unreadable-field' : 'missing-fact',
      message: {
        zh: '实付金额缺失或无法读取：赔付金额无法计算（不做猜测）',
        en: 'Paid amount missing or unreadable: the compensation amount cannot be computed (not guessed)',
      },
      fields: ['paidAmount'],
      ruleId: rule.id,
    });
    return { fen: null, text: words.paidMissing };
  }
  const raw = percentOfFen(paidFen, bp);
  const min = rule.minFen ?? null;
  const max = rule.maxFen ?? null;
  let fen = raw;
  if (min !== null && fen < min) fen = min;
  if (max !== null && fen > max) fen = max;
  const { percent, bounds, form } = words;
  const text: Text = {
    zh: `触发赔付：${baseZh} ${yuan(paidFen)} 元 × ${percent}% = ${yuan(raw)} 元${bounds.zh} → ${yuan(fen)} 元${form.zh}，由商家承担`,
    en: `Compensation: ${baseEn} ${yuan(paidFen)} × ${percent} % = ${yuan(raw)}${bounds.en} → ${yuan(fen)} yuan${form.en}, at the seller's cost`,
  };
  return capped(rule, ctx, fen, text, used, warnings);
}

/** Is a ledger time inside `(from, to]`? */
function inWindow(at: string, from: number, to: number): boolean {
  const ms = toEpochMs(at);
  return ms > from && ms <= to;
}

/** The amount limited by what is left of the per-buyer cap in the rule's window of the ledger. */
function capped(
  rule: CompensationRule,
  ctx: CaseContext,
  fen: number,
  text: Text,
  used: Record<string, unknown>,
  warnings: Warning[],
): { fen: number; text: Text } {
  const cap = rule.capPerBuyerFen ?? null;
  if (cap === null) return { fen, text };
  const hours = rule.capWindowHours ?? DEFAULT_CAP_WINDOW_HOURS;
  const from = ctx.nowMs - hours * HOUR;
  const buyer = ctx.facts.buyer;
  // The cap limits what the platform pays out (S3: 同买卖双方24小时内赔付上限); a shop's own
  // 同意赔付 or goodwill payment is not a platform payout and does not use it up.
  // This case's own payout (recorded once it was seen 退款成功) is not an earlier one.
  const { refundId, orderId } = ctx.facts;
  const own = (e: LedgerEntry) =>
    e.refundId !== undefined && refundId !== undefined
      ? e.refundId === refundId
      : orderId !== undefined && e.orderId === orderId;
  const payouts = ctx.ledger.filter((e) => e.kind === 'platform-payout' && !own(e));
  if (buyer === undefined) {
    if (payouts.some((e) => inWindow(e.at, from, ctx.nowMs))) {
      warnings.push({
        code: 'missing-fact',
        message: {
          zh: `未读到买家：无法核对${hours}小时赔付上限，金额可能更低`,
          en: `Buyer not read: the ${hours} h cap cannot be checked, the amount may be lower`,
        },
        fields: ['buyer'],
        ruleId: rule.id,
      });
    }
    return { fen, text };
  }
  let sum = 0;
  for (const e of payouts)
    if (e.buyer === buyer && inWindow(e.at, from, ctx.nowMs)) sum += yuanToFen(e.amount);
  const left = Math.max(0, cap - sum);
  used.ledgerSumWindow = yuan(sum);
  if (fen <= left) return { fen, text };
  warnings.push({
    code: 'compensation-cap',
    message: {
      zh: `同一买家${hours}小时内已赔付 ${yuan(sum)} 元，上限 ${yuan(cap)} 元：本次最多 ${yuan(left)} 元`,
      en: `This buyer already received ${yuan(sum)} within ${hours} h; cap ${yuan(cap)}: at most ${yuan(left)} now`,
    },
    ruleId: rule.id,
  });
  return {
    fen: left,
    text: {
      zh: `${text.zh}；受${hours}小时上限限制，本次为 ${yuan(left)} 元`,
      en: `${text.en}; capped by the ${hours} h limit to ${yuan(left)}`,
    },
  };
}
