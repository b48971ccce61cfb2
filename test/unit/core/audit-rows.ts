import { expect } from 'vitest';
import type { EvaluateOptions, Facts, Guidance } from '../../../core/index';
import { actionIds, deadline, penaltyIds, replyIds, unshipped, warningCodes } from './helpers';

/**
 * The fixes of issue 13 (docs/rules-audit.md), one row per fixed rule or newly
 * encoded seed fact, each with the seed line it rests on (`seed`: S0–S4 as in
 * core/rules/sources.ts, line numbers of the seed files, docs/after-sales-rules.md). The audit's top ten come first
 * (`top`). Run by audit-fixes.test.ts; engine-rules.test.ts counts their `covers` towards
 * "every rule of the default pack is exercised".
 */
interface AuditRow {
  name: string;
  /** Seed file + line(s) the expectation rests on. */
  seed: string;
  /** Audit rows (§1 #) or missing facts (§2 #) this row checks. */
  audit: string;
  top?: number;
  facts: Facts;
  opts?: Partial<EvaluateOptions>;
  covers: string[];
  check?: (g: Guidance) => void;
}

const taobao = { platform: 'taobao' as const };
const shipped: Facts = {
  ...unshipped,
  shippedAt: '2026-11-20T20:00:00+08:00',
  tradeStatus: '卖家已发货',
  logistics: '快递',
};
const success: Facts = {
  orderId: '4002',
  buyer: 'buyer-b',
  paidAmount: 200,
  paidAt: '2026-11-01T10:00:00+08:00',
  shippedAt: '2026-11-01T18:00:00+08:00',
  tradeSucceededAt: '2026-11-08T10:00:00+08:00',
  refundRequestedAt: '2026-11-20T10:00:00+08:00',
  tradeStatus: '交易成功',
};
const complaint = (complaintType: string, extra: Partial<Facts> = {}): Facts => ({
  orderId: '6001',
  buyer: 'buyer-d',
  complaintType,
  paidAmount: 100,
  paidAt: '2026-11-10T10:00:00+08:00',
  complaintFiledAt: '2026-11-21T09:00:00+08:00',
  ...extra,
});
/** No action or reply may call a claim true before it is checked. */
const noTruthClaimed = (g: Guidance) => {
  for (const a of g.actions) expect(a.text.zh, a.ruleId).not.toMatch(/^原因属实/);
  for (const r of g.replies) expect(r.text, r.ruleId).not.toMatch(/我们已同意|我们已处理/);
};

export const AUDIT_ROWS: AuditRow[] = [
  // ───────── top ten ─────────
  {
    top: 1,
    name: 'shipped 仅退款 不想要了 (Tmall): no "agree directly", no "money on its way"; wait for delivery or recall',
    seed: 'S0:210 (在未发货状态下), S2:203 (仅退款不退货…不要轻易的去同意退款), S2:25 (说服消费者等待快递送达…联系物流,选择退回)',
    audit: '§1 #53 #91 #131, §2 #27 #28',
    facts: { ...shipped, reason: '不想要了', refundType: '仅退款' },
    covers: ['comp-none-buyer-side-shipped', 'act-refund-only-shipped', 'act-in-transit', 'reply-in-transit'],
    check: (g) => {
      expect(actionIds(g)).not.toContain('act-refund-directly');
      expect(replyIds(g)).not.toContain('reply-buyer-side-refund');
      expect(actionIds(g).slice(0, 2)).toEqual(['act-refund-only-shipped', 'act-in-transit']);
      expect(g.compensation).toMatchObject({ triggered: false, ruleId: 'comp-none-buyer-side-shipped' });
      expect(g.compensation.explanation.zh).not.toContain('可直接退款');
      noTruthClaimed(g);
    },
  },
  {
    top: 1,
    name: 'the same on Taobao',
    seed: 'S0:210, S2:203, S2:25',
    audit: '§1 #91',
    facts: { ...shipped, reason: '不想要了', refundType: '仅退款' },
    opts: taobao,
    covers: [],
    check: (g) => {
      expect(actionIds(g)).not.toContain('act-refund-directly');
      expect(actionIds(g)[0]).toBe('act-refund-only-shipped');
    },
  },
  {
    top: 1,
    name: 'unshipped 不想买了: may refund after checking; the reply does not say it is done',
    seed: 'S0:210',
    audit: '§1 #91 #131',
    facts: { ...unshipped, reason: '不想买了' },
    covers: [],
    check: (g) => {
      expect(actionIds(g)).toContain('act-refund-directly');
      expect(g.replies.find((r) => r.ruleId === 'reply-buyer-side-refund')?.text).toContain('核对后会尽快');
      noTruthClaimed(g);
    },
  },
  {
    top: 2,
    name: 'Tmall 收到假货 is a claim: "if confirmed", verify first, no settle action',
    seed: 'S0:25 (假一赔十), S1:153 (支持假一赔三的交易)',
    audit: '§1 #55 #87',
    facts: { ...shipped, reason: '收到假货' },
    covers: ['act-verify-claim', 'reply-verify-claim'],
    check: (g) => {
      expect(g.compensation.confirm?.zh).toContain('假货');
      expect(g.compensation.explanation.zh).toMatch(/^如经核实/);
      expect(actionIds(g).slice(0, 2)).toEqual(['act-verify-claim', 'act-counterfeit']);
      expect(actionIds(g)).not.toContain('act-settle-refund');
      expect(replyIds(g)[0]).toBe('reply-verify-claim');
      noTruthClaimed(g);
    },
  },
  {
    top: 2,
    name: 'Taobao 收到假货: only on trades that support 假一赔三, if confirmed',
    seed: 'S1:153',
    audit: '§1 #56, §2 #22',
    facts: { ...shipped, reason: '收到假货' },
    opts: taobao,
    covers: [],
    check: (g) => {
      expect(g.compensation.confirm?.zh).toContain('支持假一赔三');
      expect(actionIds(g)).not.toContain('act-settle-refund-taobao');
      noTruthClaimed(g);
    },
  },
  {
    top: 3,
    name: '退款协议达成·等待买家退货: the countdown is the buyer’s return time, not the seller’s',
    seed: 'S1:35 (如卖家同意/不响应,会进入退货流程)',
    audit: '§1 #4 #2',
    facts: {
      ...unshipped,
      tradeStatus: '卖家已发货',
      shippedAt: '2026-11-20T20:00:00+08:00',
      refundStatus: '退款协议达成·等待买家退货',
      platformCountdown: '剩余6天23时0分0秒',
    },
    covers: ['timer-buyer-return'],
    check: (g) => {
      expect(deadline(g, 'buyer-return')).toMatchObject({
        actor: 'buyer',
        source: 'platform',
        dueAt: '2026-11-28T11:00:00+08:00',
      });
      expect(deadline(g, 'seller-response')).toBeUndefined();
      expect(deadline(g, 'intervention-open')).toBeUndefined();
    },
  },
  {
    top: 3,
    name: '买家已退货·等待卖家确认收货: the seller confirms the return; check the goods first',
    seed: 'S0:141, S2:29 (在收到退货后,也需要检查商品的完整性)',
    audit: '§1 #4, §2 #29',
    facts: {
      ...unshipped,
      tradeStatus: '卖家已发货',
      refundStatus: '买家已退货·等待卖家确认收货',
      platformCountdown: '剩余9天0时0分0秒',
    },
    opts: taobao,
    covers: ['timer-seller-confirm-return', 'act-check-return'],
    check: (g) => {
      expect(deadline(g, 'seller-confirm-return')).toMatchObject({ actor: 'seller', source: 'platform' });
      expect(deadline(g, 'seller-response')).toBeUndefined();
    },
  },
  {
    top: 4,
    name: '七天无理由 on day 12 after 交易成功 (Tmall after-sale): outside the window, reject button, no "已同意"',
    seed: 'S0:28 (收到商品之后七天内), S0:219 (有拒绝按钮)',
    audit: '§1 #92 #129, §2 #1 #2',
    facts: { ...success, reason: '七天无理由退货' },
    covers: ['act-seven-day-late', 'note-seven-day-reject-aftersale', 'reply-seven-day'],
    check: (g) => {
      expect(deadline(g, 'seven-day-window')).toMatchObject({
        dueAt: '2026-11-15T10:00:00+08:00',
        breached: true,
      });
      expect(actionIds(g).slice(0, 2)).toEqual(['act-seven-day-late', 'act-seven-day-check']);
      expect(g.notes?.map((n) => n.ruleId)).toContain('note-seven-day-reject-aftersale');
      for (const a of g.actions) expect(a.text.zh).not.toContain('可直接同意');
      noTruthClaimed(g);
    },
  },
  {
    top: 5,
    name: 'Tmall 2019: 未按约定时间发货 at 60 h, unshipped — really late: due, not contestable',
    seed: 'S3:55 (付款后实际未在48小时内发货)',
    audit: '§1 #15',
    facts: { ...unshipped, reason: '未按约定时间发货', refundRequestedAt: '2026-11-22T22:00:00+08:00' },
    opts: { now: '2026-11-22T23:00:00+08:00' },
    covers: [],
    check: (g) => {
      expect(g.compensation).toMatchObject({ triggered: true, contestable: false, amount: '150.00' });
      expect(replyIds(g)).not.toContain('reply-ask-correct-reason');
      expect(actionIds(g)[0]).toBe('act-settle-refund');
    },
  },
  {
    top: 5,
    name: 'Tmall 2019 聚划算 still inside its 7 days: not late yet (contestable), conflict said',
    seed: 'S0:212 (聚划算7天内发货); S3:55 silent',
    audit: '§1 #6, §3',
    facts: {
      ...unshipped,
      reason: '未按约定时间发货',
      activity: '聚划算',
      refundRequestedAt: '2026-11-23T12:00:00+08:00',
    },
    opts: { now: '2026-11-23T13:00:00+08:00' },
    covers: ['timer-ship-promise-tmall-jhs', 'contest-late-ship-not-yet-due'],
    check: (g) => {
      // The refund is open, so the ship-by time is not listed; the check names it, with its variant's rule.
      expect(deadline(g, 'ship-promise')).toBeUndefined();
      expect(g.compensation).toMatchObject({ triggered: true, contestable: true });
      expect(g.explanation.find((e) => e.ruleId === 'timer-ship-promise-tmall-jhs')).toMatchObject({
        verdict: 'contest:ship-promise',
        facts: { due: '2026-11-27T10:00:00+08:00' },
      });
      expect(g.explanation.find((e) => e.ruleId === 'timer-ship-promise-tmall-jhs')?.reason.zh).toContain(
        '冲突',
      );
      expect(actionIds(g)).not.toContain('act-settle-refund');
    },
  },
  {
    top: 5,
    name: 'the same on Taobao (activity 7 days): no 同意赔付 pressed on an order not yet late',
    seed: 'S1:14 (多选2 D, no key)',
    audit: '§1 #11, case 39',
    facts: complaint('未按约定时间发货', {
      activity: '聚划算',
      paidAt: '2026-11-18T10:00:00+08:00',
      tradeStatus: '买家已付款',
    }),
    opts: taobao,
    covers: [],
    check: (g) => {
      expect(g.compensation.contestable).toBe(true);
      expect(actionIds(g)).not.toContain('act-settle-complaint-taobao');
    },
  },
  {
    top: 5,
    name: '未按约定时间发货 with no 付款时间: "if confirmed", a missing-fact warning, no settle action',
    seed: 'S3:55 (counted from payment)',
    audit: 'case 25, §3',
    facts: { ...unshipped, paidAt: undefined, reason: '未按约定时间发货' },
    covers: [],
    check: (g) => {
      expect(g.compensation.confirm?.zh).toContain('付款时间');
      expect(g.warnings.find((w) => w.code === 'missing-fact' && w.fields?.includes('paidAt'))).toBeDefined();
      expect(actionIds(g)[0]).toBe('act-verify-claim');
      expect(actionIds(g)).not.toContain('act-settle-refund');
    },
  },
  {
    top: 6,
    name: '非质量问题退货 is not a quality case; 不支持七天无理由 is not a 7-day case: unknown, flagged',
    seed: 'S0:46 (8.商品质量问题 9.七天无理由退换货)',
    audit: '§1 #39 #40, §3',
    facts: { ...unshipped, reason: '非质量问题退货' },
    covers: [],
    check: (g) => {
      expect(g.compensation.ruleId).toBeNull();
      expect(g.warnings.find((w) => w.code === 'unknown-reason')?.message.zh).toContain('否定');
      expect(g.replies.map((r) => r.ruleId)).not.toContain('reply-quality');
    },
  },
  {
    top: 6,
    name: '不支持七天无理由 → unknown',
    seed: 'S0:46',
    audit: '§1 #40',
    facts: { ...success, reason: '不支持七天无理由' },
    covers: [],
    check: (g) => {
      expect(actionIds(g)).not.toContain('act-seven-day-check');
      expect(warningCodes(g)).toContain('unknown-reason');
    },
  },
  {
    top: 6,
    name: '卖家缺貨 (traditional) and full-width ｛７天无理由｝ map by meaning',
    seed: 'S3:43 (缺货/发不了货/拒绝发货), S0:46',
    audit: '§2 #19',
    facts: { ...unshipped, reason: '卖家缺貨' },
    covers: [],
    check: (g) => expect(g.compensation.ruleId).toBe('comp-tmall-2019'),
  },
  {
    top: 7,
    name: '描述不符 refund: no 12/6/3 points and no closure note; a complaint shows them',
    seed: 'S0:231 (发起投诉后,如果投诉成立,涉及违规扣分)',
    audit: '§1 #60–63 #82',
    facts: { ...shipped, reason: '描述不符' },
    covers: [],
    check: (g) => {
      expect(penaltyIds(g)).toEqual([]);
      expect(g.notes?.map((n) => n.ruleId)).not.toContain('note-shop-closure-12');
    },
  },
  {
    top: 8,
    name: 'Tmall 错发 refund: no 30 %, no "未能按时发货" reply; a 错发 complaint follows the delay rule, if confirmed',
    seed: 'S0:46 (only 10 and 11 marked 涉及赔付), S3:65 (其他4个投诉原因按延迟发货规则处理)',
    audit: '§1 #50 #125',
    facts: complaint('错发', { tradeStatus: '卖家已发货' }),
    covers: ['comp-tmall-2019-complaint'],
    check: (g) => {
      expect(g.compensation).toMatchObject({
        triggered: true,
        amount: '30.00',
        ruleId: 'comp-tmall-2019-complaint',
      });
      expect(g.compensation.confirm).toBeDefined();
      expect(replyIds(g)).not.toContain('reply-apology-delivery');
    },
  },
  {
    top: 9,
    name: 'notes reach the agent; a Tmall refund read without its countdown says so',
    seed: 'S0 "如果2天23时7分51秒内商家未处理" (S0:199), S1 单选7 B',
    audit: '§1 #4 #75–84, case 30',
    facts: { ...unshipped, reason: '卖家缺货' },
    covers: ['note-never-say'],
    check: (g) => {
      expect(g.warnings.find((w) => w.fields?.includes('platformCountdown'))?.ruleId).toBe(
        'timer-seller-response-tmall',
      );
      expect(g.notes?.map((n) => n.ruleId)).toEqual(
        expect.arrayContaining(['note-dispute-rate', 'note-never-say']),
      );
    },
  },
  {
    top: 10,
    name: 'Taobao late shipping: no "automatic" compensation; S2’s 30 % shown as a low-authority note only',
    seed: 'S1:14 (24小时内主动赔付), S2:217 (订单金额的30%)',
    audit: '§1 #52 #87, §2 #21',
    facts: { ...unshipped, reason: '未按约定时间发货', refundRequestedAt: '2026-11-24T11:00:00+08:00' },
    opts: { ...taobao, now: '2026-11-24T12:00:00+08:00' },
    covers: ['act-settle-refund-taobao', 'note-taobao-30-percent-s2'],
    check: (g) => {
      expect(g.compensation).toMatchObject({ triggered: true, amount: null, contestable: false });
      expect(actionIds(g)[0]).toBe('act-settle-refund-taobao');
      expect(g.actions.map((a) => a.text.zh).join()).not.toContain('自动执行');
      expect(g.notes?.find((n) => n.ruleId === 'note-taobao-30-percent-s2')?.citation.authority).toBe(
        'shop-policy',
      );
    },
  },
  {
    top: 10,
    name: 'Taobao 同意赔付: the action says the 3rd settlement in a block is penalised',
    seed: 'S1:95',
    audit: 'case 14, §1 #72 #88',
    facts: complaint('未按约定时间发货', { tradeStatus: '交易关闭', paidAt: '2026-11-10T10:00:00+08:00' }),
    opts: taobao,
    covers: [],
    check: (g) =>
      expect(g.actions.find((a) => a.ruleId === 'act-settle-complaint-taobao')?.text.zh).toContain('第3次'),
  },
  // ───────── further fixes and seed facts ─────────
  {
    name: 'a refund in progress stops the auto-confirm payment: no 货款打给卖家 timer, a note instead',
    seed: 'S1:197 (未在指定时间内确认收货或申请退款)',
    audit: '§1 #27–30, §2 #3',
    facts: { ...shipped, reason: '不想要了' },
    covers: ['note-refund-stops-auto-confirm'],
    check: (g) => expect(deadline(g, 'auto-confirm-receipt')).toBeUndefined(),
  },
  {
    name: '破损 → its own category: resend or partial refund; Tmall 先行赔付 noted',
    seed: 'S0:146 (破损、少货), S2:27 (补发新的,或者部分退款), S0:31 (先行赔付)',
    audit: '§2 #14 #20',
    facts: { ...shipped, reason: '包装/商品破损/污渍' },
    covers: ['reason-damaged', 'act-damaged'],
    check: (g) => expect(g.notes?.map((n) => n.ruleId)).toContain('note-advance-payment-tmall'),
  },
  {
    name: '效果不好/不喜欢: the seller cannot refuse on that ground',
    seed: 'S1:153 C (single-choice 10, answer C marks the opposite false)',
    audit: '§2 #13',
    facts: { ...shipped, reason: '效果不好/不喜欢' },
    covers: ['reason-dislike', 'note-dislike-no-reject'],
  },
  {
    name: '没收到货 with stalled tracking: check the carrier, mind the timeout; unshipped → no tracking step',
    seed: 'S1:117 D, S0:46 (11.未收到货(涉及赔付))',
    audit: '§1 #41 #97, §2 #30',
    facts: { ...shipped, reason: '没收到货' },
    covers: ['act-stalled-tracking'],
    check: (g) => expect(g.compensation.confirm).toBeDefined(),
  },
  {
    name: 'harassment complaint: evidence, no gifts or cash on the ladder',
    seed: 'S3:51 (提供在线聊天记录,手机短信照片及通话记录)',
    audit: '§1 #114, §2 #32',
    facts: complaint('骚扰他人'),
    covers: ['act-harassment-evidence'],
    check: (g) => {
      expect(actionIds(g)).not.toContain('remedy-small-gift');
      expect(actionIds(g)).not.toContain('remedy-small-cash');
      expect(actionIds(g)).toContain('remedy-apology');
    },
  },
  {
    name: 'at most three first steps, then the remedy ladder',
    seed: 'S3:97 (处理权限)',
    audit: '§5 #6',
    facts: complaint('未按约定时间发货', { tradeStatus: '买家已付款' }),
    covers: [],
    check: (g) => {
      const groups = g.actions.map((a) => a.group);
      expect(groups.filter((x) => x === 'first').length).toBeLessThanOrEqual(3);
      const firstLadder = groups.indexOf('ladder');
      expect(groups.slice(0, firstLadder).every((x) => x === 'first')).toBe(true);
      expect(g.actions.find((a) => a.ruleId === 'remedy-free-order')?.text.zh).toContain('法务');
    },
  },
  {
    name: 'after-sale cases count in no rate (Tmall)',
    seed: 'S0:214 (售后维权目前暂没有率的考核)',
    audit: '§2 #25',
    facts: { ...success, reason: '商品质量问题' },
    covers: ['note-aftersale-no-rate'],
  },
  {
    name: 'gift problems are settled on their own',
    seed: 'S1:39',
    audit: '§2 #16',
    facts: complaint('赠品承诺未履行'),
    covers: ['note-gift-separate'],
  },
  {
    name: 'legacy 30 % is of the item price (paid − postage)',
    seed: 'S0:125 (赔付消费者商品价格的30%)',
    audit: '§1 #51',
    facts: { ...unshipped, reason: '缺货', paidAmount: 110, shippingFee: 10 },
    opts: { profile: 'tmall-legacy' },
    covers: [],
    check: (g) => expect(g.compensation.amount).toBe('30.00'),
  },
  // ───────── issue 13 item 3: the countdown while the platform has stepped in ─────────
  {
    name: '客服介入中 with a countdown (Tmall): the countdown is the intervention/evidence period, never the seller’s time to answer',
    seed: 'S1:14 (在淘宝介入处理后,双方均有72小时的举证期)',
    audit: '§1 #4, issue 13 item 4',
    facts: {
      ...shipped,
      reason: '描述不符',
      refundStatus: '客服介入中',
      platformCountdown: '剩余2天0时0分0秒',
    },
    covers: ['timer-intervention-countdown', 'evidence-period-intervened'],
    check: (g) => {
      expect(deadline(g, 'intervention-countdown')).toMatchObject({
        source: 'platform',
        dueAt: '2026-11-23T12:00:00+08:00',
        ruleId: 'timer-intervention-countdown',
      });
      expect(deadline(g, 'seller-response')).toBeUndefined();
      expect(deadline(g, 'intervention-open')).toBeUndefined();
      for (const d of g.deadlines) expect(d.label.zh).not.toContain('商家处理退款');
      expect(deadline(g, 'intervention-countdown')!.label.zh).toContain('举证');
      expect(g.evidence?.ruleId).toBe('evidence-period-intervened');
    },
  },
  {
    name: '客服已经介入 without a countdown (Taobao): the warning names the intervention countdown, not 商家处理退款',
    seed: 'S1:14',
    audit: 'issue 13 item 4',
    facts: { ...shipped, reason: '质量问题', refundStatus: '客服已经介入' },
    opts: taobao,
    covers: [],
    check: (g) => {
      const w = g.warnings.find((x) => x.fields?.includes('platformCountdown'));
      expect(w?.ruleId).toBe('timer-intervention-countdown');
      expect(w?.message.zh).not.toContain('商家处理退款');
      expect(deadline(g, 'seller-response')).toBeUndefined();
    },
  },
  // ───────── issue 13 item 2: the audit’s §2 facts #4–12, 15, 17, 18, 23, 24, 26, 31, 34–36 ─────────
  {
    name: '§2 #4 #31: shipped as 无需物流 — auto-confirm still follows the buyer’s method; a wrong click: tell the buyer, give the tracking number',
    seed: 'S1:129 (平邮 + 无需物流 → 30 天, answer D), S1:125–127 (错选了“无需物流” … answer B)',
    audit: '§2 #4 #31',
    facts: { ...shipped, logistics: '无需物流', reason: '没收到货' },
    covers: ['note-no-logistics-auto-confirm', 'act-wrong-no-logistics'],
    check: (g) => {
      expect(g.notes?.find((n) => n.ruleId === 'note-no-logistics-auto-confirm')?.text.zh).toContain('30天');
      expect(g.actions.find((a) => a.ruleId === 'act-wrong-no-logistics')?.text.zh).toContain('快递单号');
    },
  },
  {
    name: '§2 #5: Taobao late shipping — the promise is the shop’s 发货合约 (72 h by default, editable): check it before contesting',
    seed: 'S1:163 (Q12, answer C is the false one: D 默认的72小时发货时间…卖家可自行更改 holds)',
    audit: '§2 #5',
    facts: { ...unshipped, reason: '未按约定时间发货', refundRequestedAt: '2026-11-24T11:00:00+08:00' },
    opts: { ...taobao, now: '2026-11-24T12:00:00+08:00' },
    covers: ['note-taobao-ship-contract'],
    check: (g) =>
      expect(g.notes?.find((n) => n.ruleId === 'note-taobao-ship-contract')?.citation.authority).toBe(
        'platform',
      ),
  },
  {
    name: '§2 #6: "shipped in time" is checked against the carrier’s record, not the back-office 发货时间 alone',
    seed: 'S0:213 (卖家的发货时间,以快递公司系统内记录的时间为准)',
    audit: '§2 #6',
    facts: {
      ...unshipped,
      tradeStatus: '卖家已发货',
      shippedAt: '2026-11-20T20:00:00+08:00',
      reason: '未按约定时间发货',
    },
    covers: ['contest-late-ship-shipped-in-time'],
    check: (g) => {
      expect(g.compensation.contestable).toBe(true);
      expect(g.compensation.explanation.zh).toContain('快递公司系统记录');
      expect(g.evidence?.items.map((i) => i.ruleId)).toContain('evidence-shipping-record');
    },
  },
  {
    name: '§2 #7: a Taobao complaint the seller rejects goes to the evidence period (the refusal line says so)',
    seed: 'S1:14 (卖家自判无责,则可拒绝处理后进入举证期)',
    audit: '§2 #7',
    facts: complaint('未按约定时间发货', { tradeStatus: '交易关闭' }),
    opts: taobao,
    covers: ['refuse-taobao-complaint'],
    check: (g) => expect(g.refusal?.text.zh).toContain('举证期'),
  },
  {
    name: '§2 #10: after 退款成功 a reply says when the money arrives (credit card 1–5 working days, inferred); nothing left to agree',
    seed: 'S1:207 (信用卡支付的…1到5个工作日; multi-choice, no key), S0:216 (退款完成,自动完成赔付)',
    audit: '§2 #10',
    facts: { ...unshipped, reason: '卖家缺货', refundStatus: '退款成功', tradeStatus: '交易关闭' },
    covers: ['reply-refund-arrival', 'act-refund-done-tmall'],
    check: (g) => {
      // the refund is done: no "agree quickly", no "ask them to withdraw the request"
      expect(actionIds(g)[0]).toBe('act-refund-done-tmall');
      expect(actionIds(g)).not.toContain('act-settle-refund');
      expect(actionIds(g)).not.toContain('act-contact-first');
      expect(g.replies.find((r) => r.ruleId === 'reply-refund-arrival')?.text).toContain('1到5个工作日');
      expect(g.replies.map((r) => r.ruleId)).not.toContain('reply-apology-delivery');
    },
  },
  {
    name: '§2 #15: 商品需要维修 is a known reason (repair): answer promptly, no compensation, not "unknown"',
    seed: 'S0:130 (商品需要维修), S0:144 (交易成功后我申请售后维修,卖家不响应怎么办?)',
    audit: '§2 #15',
    facts: { ...success, reason: '商品需要维修' },
    covers: ['reason-repair', 'act-repair'],
    check: (g) => {
      expect(warningCodes(g)).not.toContain('unknown-reason');
      expect(g.compensation.triggered).toBe(false);
      expect(actionIds(g)[0]).toBe('act-repair');
    },
  },
  {
    name: '§2 #17: a damaged parcel on Taobao — the shop may file a 推荐物流 complaint once the carrier accepted it',
    seed: 'S1:171–173 (推荐物流投诉发起条件是: B 物流公司已接单)',
    audit: '§2 #17',
    facts: { ...shipped, reason: '商品破损' },
    opts: taobao,
    covers: ['act-carrier-complaint'],
    check: (g) =>
      expect(g.actions.find((a) => a.ruleId === 'act-carrier-complaint')?.text.zh).toContain('已接单'),
  },
  {
    name: '§2 #18 #23: counterfeit — prove the source; 退一赔一/退一赔三 is escalated, never replaced by a free order',
    seed: 'S1:266 (提供你产品正规进货渠道证明), S3:137 (退一赔一或退一赔三)',
    audit: '§2 #18 #23',
    facts: complaint('承诺未履行'),
    covers: ['remedy-free-order'],
    check: (g) =>
      expect(g.actions.find((a) => a.ruleId === 'remedy-free-order')?.text.zh).toMatch(
        /法务.*不要用免单代替/,
      ),
  },
  {
    name: '§2 #24: a Tmall complaint lists what an upheld complaint costs beyond points',
    seed: 'S3:33 (扣分、支付违约金、店铺监管…查封账户)',
    audit: '§2 #24',
    facts: complaint('违背承诺'),
    covers: ['note-complaint-consequences'],
    check: (g) =>
      expect(g.notes?.find((n) => n.ruleId === 'note-complaint-consequences')?.text.zh).toContain('违约金'),
  },
  {
    name: '§2 #26: serious delay needs both conditions, said with the 1 point',
    seed: 'S3:67–71 (延迟发货情节严重+小二介入投诉判定成立)',
    audit: '§2 #26',
    facts: complaint('未按约定时间发货', { tradeStatus: '买家已付款' }),
    covers: ['pen-serious-delay'],
    check: (g) =>
      expect(g.penalties.find((p) => p.ruleId === 'pen-serious-delay')?.when.zh).toMatch(
        /揽收及时率.*且小二判定投诉成立/,
      ),
  },
  {
    name: '§2 #34: a no-reason refusal — the shop’s 拒签运费险, if it has one (no answer key: inferred)',
    seed: 'S1:191 (卖家可以申请拒签运费险; multi-choice 4 D, no key)',
    audit: '§2 #34',
    facts: { ...shipped, reason: '拒签' },
    covers: ['note-refusal-insurance'],
    check: (g) =>
      expect(g.notes?.find((n) => n.ruleId === 'note-refusal-insurance')?.citation.authority).toBe(
        'inferred',
      ),
  },
  {
    name: '§2 #36: a settled Taobao complaint — the buyer may withdraw it, their choice, no pressure',
    seed: 'S1:147 (single-choice 9, answer C: B 处理完毕后可引导买家自行撤销投诉 holds)',
    audit: '§2 #36',
    facts: complaint('未按约定时间发货', { tradeStatus: '交易关闭' }),
    opts: taobao,
    covers: ['act-complaint-withdraw-taobao'],
    check: (g) =>
      expect(g.actions.find((a) => a.ruleId === 'act-complaint-withdraw-taobao')?.text.zh).toContain(
        '不施压',
      ),
  },
];
