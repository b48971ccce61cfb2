import { describe, expect, it } from 'vitest';
import {
  defaultPack,
  evaluate,
  GuidanceSchema,
  type EvaluateOptions,
  type Facts,
  type Guidance,
} from '../../../core/index';
import { AUDIT_ROWS } from './audit-rows';
import { actionIds, deadline, NOW, penaltyIds, replyIds, ruleIdsIn, unshipped } from './helpers';

/**
 * Table-driven: every row is a case an agent meets, the rule ids it must exercise (each must
 * appear in the guidance: a deadline, the verdict, a penalty, an action, a reply, a warning or
 * an explanation entry) and what the agent relies on. The last test checks that the rows
 * together cover every rule of the default pack.
 */
interface Row {
  name: string;
  facts: Facts;
  opts?: Partial<EvaluateOptions>;
  covers: string[];
  check?: (g: Guidance) => void;
}

const taobao = { platform: 'taobao' as const };
const legacy = { profile: 'tmall-legacy' };
/** The refund was withdrawn or refused (退款关闭) and the order is still unshipped: it must ship, so the ship-by time is listed again. */
const stillToShip: Facts = { ...unshipped, refundStatus: '退款关闭' };
const shipped: Facts = { ...unshipped, shippedAt: '2026-11-20T20:00:00+08:00', tradeStatus: '卖家已发货' };
const success: Facts = {
  orderId: '4002',
  buyer: 'buyer-b',
  paidAmount: 200,
  paidAt: '2026-11-10T10:00:00+08:00',
  shippedAt: '2026-11-10T18:00:00+08:00',
  tradeSucceededAt: '2026-11-15T10:00:00+08:00',
  refundRequestedAt: '2026-11-20T10:00:00+08:00',
  tradeStatus: '交易成功',
};
/** S1's example: 100 yuan incl. 5 postage, promised 72 h, not shipped, refund on day 4, trade closed, complaint. */
const s1Complaint: Facts = {
  orderId: '5001',
  buyer: 'buyer-c',
  complaintType: '未按约定时间发货',
  paidAmount: 100,
  shippingFee: 5,
  paidAt: '2026-11-20T10:00:00+08:00',
  refundRequestedAt: '2026-11-24T11:00:00+08:00',
  tradeClosedAt: '2026-11-24T12:00:00+08:00',
  complaintFiledAt: '2026-11-24T15:00:00+08:00',
  tradeStatus: '交易关闭',
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

/** A 未按约定时间发货 complaint on a closed, unshipped trade, filed a day after payment. */
const lateShipComplaint: Facts = {
  orderId: '5002',
  complaintType: '未按约定时间发货',
  paidAmount: 100,
  paidAt: '2026-11-20T10:00:00+08:00',
  complaintFiledAt: '2026-11-21T10:00:00+08:00',
  tradeStatus: '交易关闭',
};
/** A 未按约定时间发货 refund whose payment time was not read. */
const lateShipNoPaidAt: Facts = {
  orderId: '4009',
  buyer: 'buyer-z',
  paidAmount: 100,
  reason: '未按约定时间发货',
  tradeStatus: '买家已付款',
};

const ROWS: Row[] = [
  {
    name: 'Tmall refund, 卖家缺货, unshipped, with the platform countdown',
    facts: { ...unshipped, reason: '卖家缺货', platformCountdown: '剩余2天23时7分51秒' },
    covers: [
      'reason-out-of-stock',
      'comp-tmall-2019',
      'timer-intervention-open',
      'timer-seller-response-tmall',
      'act-settle-refund',
      'act-contact-first',
      'act-general-procedure',
      'act-reply-within-24h',
      'reply-apology-delivery',
      'reply-generic',
      'note-dispute-rate',
    ],
    check: (g) => {
      expect(g.kind).toBe('refund');
      expect(g.compensation).toMatchObject({
        triggered: true,
        amount: '150.00',
        amountFen: 15000,
        contestable: false,
      });
      expect(deadline(g, 'intervention-open')).toMatchObject({
        dueAt: '2026-11-24T10:00:00+08:00',
        source: 'computed',
        breached: false,
      });
      expect(deadline(g, 'seller-response')).toMatchObject({
        dueAt: '2026-11-24T11:07:51+08:00',
        source: 'platform',
      });
      // The refund is open: answering it is what the seller does next, the ship-by time no longer matters.
      expect(deadline(g, 'ship-promise')).toBeUndefined();
      // The 72 h "reason available" rule is the older era's (S0:207); 2019+ uses 48 h (S3:55).
      expect(deadline(g, 'late-ship-reason-available')).toBeUndefined();
      // Points only on an upheld complaint (S3:67), not on a refund.
      expect(g.penalties).toEqual([]);
      expect(actionIds(g)[0]).toBe('act-settle-refund');
      expect(g.warnings).toEqual([]);
    },
  },
  {
    name: 'Tmall after-sale (交易成功), 商品质量问题',
    facts: { ...success, reason: '商品质量问题' },
    covers: [
      'timer-intervention-open-aftersale',
      'timer-complaint-after-success-tmall',
      'timer-after-sale-window-tmall',
      'timer-review-window',
      'reason-quality',
      'act-phone-about-reason',
      'act-quality-severe',
      'act-quality-minor',
      'act-size-deviation',
      'act-waive-difference',
      'act-shipping-fault',
      'reply-quality',
      'note-review-change',
    ],
    check: (g) => {
      expect(g.kind).toBe('aftersale');
      expect(deadline(g, 'intervention-open')?.ruleId).toBe('timer-intervention-open-aftersale');
      expect(deadline(g, 'after-sale-window')?.dueAt).toBe('2026-11-30T10:00:00+08:00');
      expect(deadline(g, 'complaint-after-success')?.dueAt).toBe('2026-11-30T10:00:00+08:00');
      expect(deadline(g, 'review-window')?.dueAt).toBe('2026-11-30T10:00:00+08:00');
      expect(g.compensation.triggered).toBe(false);
      expect(g.actions.find((a) => a.ruleId === 'act-waive-difference')?.text.zh).toContain('¥5.00');
    },
  },
  {
    name: 'Taobao refund, 不想要了: 5-day response, the buyer may still switch to late shipping, intervention after rejection',
    facts: { ...unshipped, reason: '不想要了' },
    opts: taobao,
    covers: [
      'timer-seller-response-taobao',
      'timer-late-ship-reason-taobao',
      'reason-no-longer-wanted',
      'comp-none-buyer-side',
      'act-refund-directly',
      'reply-buyer-side-refund',
      'note-intervention-after-reject',
    ],
    check: (g) => {
      expect(deadline(g, 'seller-response')).toMatchObject({
        dueAt: '2026-11-26T10:00:00+08:00',
        source: 'computed',
      });
      expect(deadline(g, 'ship-promise')).toBeUndefined();
      // Another reason was chosen: 3 days after payment the buyer may still switch to 未按约定时间发货.
      expect(deadline(g, 'late-ship-reason-available')?.dueAt).toBe('2026-11-23T10:00:00+08:00');
      expect(deadline(g, 'intervention-open')).toBeUndefined();
      expect(g.compensation).toMatchObject({
        triggered: false,
        amount: null,
        ruleId: 'comp-none-buyer-side',
      });
    },
  },
  {
    name: 'Tmall refund closed, still unshipped: the 48 h ship-by time is listed again',
    facts: { ...stillToShip, reason: '不想买了' },
    covers: ['timer-ship-promise-tmall'],
    check: (g) => {
      expect(deadline(g, 'ship-promise')).toMatchObject({
        dueAt: '2026-11-22T10:00:00+08:00',
        source: 'computed',
        actor: 'seller',
      });
      expect(deadline(g, 'seller-response')).toBeUndefined();
    },
  },
  {
    name: 'Taobao refund closed, still unshipped: 3-day shipping',
    facts: { ...stillToShip, reason: '不想要了' },
    opts: taobao,
    covers: ['timer-ship-promise-taobao'],
    check: (g) => expect(deadline(g, 'ship-promise')?.dueAt).toBe('2026-11-23T10:00:00+08:00'),
  },
  {
    name: 'Taobao refund for 未按约定时间发货: the time the buyer may choose it is not listed (already chosen), nor the ship-by time',
    facts: { ...unshipped, reason: '未按约定时间发货', refundRequestedAt: '2026-11-23T11:00:00+08:00' },
    opts: { ...taobao, now: '2026-11-23T12:00:00+08:00' },
    covers: ['reason-late-ship'],
    check: (g) => {
      expect(g.deadlines.map((d) => d.id)).toEqual(['seller-response']);
      expect(g.compensation.triggered).toBe(true);
    },
  },
  {
    name: 'Tmall presale: no computed ship promise (the listing decides)',
    facts: { ...stillToShip, reason: '拍错了', activity: '预售' },
    covers: ['timer-ship-promise-tmall-special', 'reason-buyer-mistake'],
    check: (g) => {
      expect(deadline(g, 'ship-promise')).toBeUndefined();
      expect(g.explanation.find((e) => e.ruleId === 'timer-ship-promise-tmall-special')?.facts.computed).toBe(
        false,
      );
    },
  },
  {
    name: 'Tmall legacy profile, 定制: listing decides',
    facts: { ...stillToShip, reason: '订单信息错误', activity: '定制' },
    opts: legacy,
    covers: ['timer-ship-promise-tmall-legacy-special'],
    check: (g) => expect(deadline(g, 'ship-promise')).toBeUndefined(),
  },
  {
    name: 'Tmall legacy profile, 聚划算, 缺货: 7 days, 30 % as points, no min, no points deducted',
    facts: { ...stillToShip, reason: '缺货', activity: '聚划算', paidAmount: 10 },
    opts: legacy,
    covers: ['timer-ship-promise-tmall-legacy-jhs', 'comp-tmall-legacy', 'pen-legacy-delay-after-payment'],
    check: (g) => {
      expect(g.profile).toBe('tmall-legacy');
      expect(deadline(g, 'ship-promise')?.dueAt).toBe('2026-11-27T10:00:00+08:00');
      expect(g.compensation).toMatchObject({ triggered: true, amount: '3.00', ruleId: 'comp-tmall-legacy' });
      expect(g.compensation.explanation.zh).toContain('天猫积分');
      expect(g.penalties).toEqual([
        expect.objectContaining({ ruleId: 'pen-legacy-delay-after-payment', points: 0 }),
      ]);
    },
  },
  {
    name: 'Tmall legacy profile: 72 h shipping',
    facts: { ...stillToShip, reason: '不想买了' },
    opts: legacy,
    covers: ['timer-ship-promise-tmall-legacy', 'timer-late-ship-reason-tmall'],
    check: (g) => {
      expect(deadline(g, 'ship-promise')?.dueAt).toBe('2026-11-23T10:00:00+08:00');
      expect(deadline(g, 'late-ship-reason-available')?.dueAt).toBe('2026-11-23T10:00:00+08:00');
    },
  },
  {
    name: 'Taobao presale',
    facts: { ...stillToShip, activity: '预售' },
    opts: taobao,
    covers: ['timer-ship-promise-taobao-special'],
    check: (g) => expect(deadline(g, 'ship-promise')).toBeUndefined(),
  },
  {
    name: 'Taobao 聚划算: 7 days',
    facts: { ...stillToShip, activity: '聚划算' },
    opts: taobao,
    covers: ['timer-ship-promise-taobao-activity'],
    check: (g) => expect(deadline(g, 'ship-promise')?.dueAt).toBe('2026-11-27T10:00:00+08:00'),
  },
  {
    name: 'Taobao 闪电发货 virtual: 1 h (breached)',
    facts: { ...stillToShip, activity: '闪电发货', logistics: '虚拟' },
    opts: taobao,
    covers: ['timer-ship-promise-taobao-flash-virtual'],
    check: (g) =>
      expect(deadline(g, 'ship-promise')).toMatchObject({
        dueAt: '2026-11-20T11:00:00+08:00',
        breached: true,
      }),
  },
  {
    name: 'Taobao 闪电发货 physical: 24 h',
    facts: { ...stillToShip, activity: '闪电发货', logistics: '快递' },
    opts: taobao,
    covers: ['timer-ship-promise-taobao-flash'],
    check: (g) =>
      expect(deadline(g, 'ship-promise')).toMatchObject({
        dueAt: '2026-11-21T10:00:00+08:00',
        breached: true,
      }),
  },
  {
    name: 'S1: Taobao complaint 未按约定时间发货 on a 100-yuan order not shipped within 72 h',
    facts: s1Complaint,
    opts: { ...taobao, now: '2026-11-24T16:00:00+08:00' },
    covers: [
      'timer-complaint-seller-handle-taobao',
      'timer-complaint-buyer-confirm',
      'timer-complaint-evidence',
      'timer-complaint-platform-decision',
      'calendar-cn-2026',
      'timer-breach-window-taobao',
      'reason-late-ship',
      'comp-taobao-delivery',
      'pen-taobao-settle-no-points',
      'recidivism-taobao-late-ship',
      'act-settle-complaint-taobao',
      'act-complaint-verify',
      'act-complaint-escalate',
      'act-complaint-upload',
      'remedy-apology',
      'remedy-price-difference',
      'remedy-small-gift',
      'remedy-return-refund',
      'remedy-exchange',
      'remedy-coupon',
      'remedy-small-cash',
      'remedy-cash-below-compensation',
      'remedy-free-order',
      'remedy-courier-claim',
      'reply-complaint-ack',
      'reply-apology-delivery-complaint',
    ],
    check: (g) => {
      expect(g.kind).toBe('complaint');
      // A complaint has no refund to process: its apology promises none (the refunds' one is not offered).
      expect(g.replies.map((r) => r.ruleId ?? r.id)).not.toContain('reply-apology-delivery');
      expect(
        g.replies.find((r) => (r.ruleId ?? r.id) === 'reply-apology-delivery-complaint')?.text,
      ).not.toMatch(/退款/);
      expect(deadline(g, 'complaint-seller-handle')).toMatchObject({
        dueAt: '2026-11-25T15:00:00+08:00',
        actor: 'seller',
        source: 'computed',
      });
      expect(deadline(g, 'complaint-buyer-confirm')).toMatchObject({
        dueAt: '2026-11-27T15:00:00+08:00',
        actor: 'buyer',
      });
      expect(deadline(g, 'complaint-evidence')?.dueAt).toBe('2026-11-30T15:00:00+08:00');
      // Intervention Friday 11-27 15:00 + 4 working days (weekend skipped) → Thursday 12-03.
      expect(deadline(g, 'complaint-platform-decision')).toMatchObject({
        dueAt: '2026-12-03T15:00:00+08:00',
        actor: 'platform',
      });
      expect(deadline(g, 'breach-complaint-window')?.dueAt).toBe('2026-12-09T12:00:00+08:00');
      // Taobao: compensation applies, but the sources give no amount — never invented.
      expect(g.compensation).toMatchObject({
        triggered: true,
        amount: null,
        amountFen: null,
        contestable: false,
        ruleId: 'comp-taobao-delivery',
      });
      expect(actionIds(g)[0]).toBe('act-complaint-verify');
      expect(actionIds(g)[1]).toBe('act-settle-complaint-taobao');
      expect(g.actions.find((a) => a.ruleId === 'remedy-small-cash')?.text.zh).toContain('¥5.00–¥10.00');
      expect(g.actions.find((a) => a.ruleId === 'remedy-exchange')?.text.zh).toContain('¥130.00');
      expect(g.actions.find((a) => a.ruleId === 'remedy-coupon')?.text.zh).toContain('¥100.00');
    },
  },
  {
    name: 'Tmall complaint 描述不符 with the page countdown: points at risk, no negotiation period',
    facts: complaint('描述不符', { platformCountdown: '还剩 1天 3小时' }),
    covers: [
      'timer-complaint-seller-handle-tmall',
      'reason-description-mismatch',
      'pen-desc-severe',
      'pen-desc-defect',
      'pen-desc-minor',
      'note-complaint-direct-intervention',
      'note-shop-closure-12',
      'act-complaint-not-at-fault',
    ],
    check: (g) => {
      expect(deadline(g, 'complaint-seller-handle')).toMatchObject({
        dueAt: '2026-11-22T15:00:00+08:00',
        source: 'platform',
      });
      expect(g.penalties.map((p) => p.points)).toEqual([12, 6, 3]);
      expect(deadline(g, 'complaint-buyer-confirm')).toBeUndefined();
    },
  },
  {
    name: 'Tmall refund after the trade closed: breach-complaint window 0–15 days',
    facts: {
      ...unshipped,
      reason: '不想买了',
      tradeStatus: '交易关闭',
      tradeClosedAt: '2026-11-21T11:00:00+08:00',
    },
    covers: ['timer-breach-window-tmall'],
    check: (g) =>
      expect(deadline(g, 'breach-complaint-window')).toMatchObject({
        dueAt: '2026-12-06T11:00:00+08:00',
        actor: 'buyer',
      }),
  },
  {
    name: 'Shipped by express, 未收到货: auto-confirm 10 days, check logistics',
    facts: { ...shipped, reason: '未收到货', logistics: '快递', refundStatus: '退款关闭' },
    covers: [
      'timer-auto-confirm-express',
      'reason-not-received',
      'act-check-logistics',
      'reply-logistics',
      'act-phone-about-reason',
      'comp-not-received-tmall',
    ],
    check: (g) => {
      expect(deadline(g, 'auto-confirm-receipt')?.dueAt).toBe('2026-11-30T20:00:00+08:00');
      expect(deadline(g, 'ship-promise')).toBeUndefined();
      // S0:46 marks 未收到货 涉及赔付 — but only once the goods really did not arrive.
      expect(g.compensation).toMatchObject({
        triggered: true,
        amount: null,
        ruleId: 'comp-not-received-tmall',
      });
      expect(g.compensation.confirm?.zh).toContain('未送达');
    },
  },
  {
    name: '平邮: 30 days',
    facts: { ...shipped, logistics: '平邮', refundStatus: '退款关闭' },
    covers: ['timer-auto-confirm-post'],
    check: (g) => expect(deadline(g, 'auto-confirm-receipt')?.dueAt).toBe('2026-12-20T20:00:00+08:00'),
  },
  {
    name: '虚拟: 3 days',
    facts: { ...shipped, logistics: '虚拟', refundStatus: '退款关闭' },
    covers: ['timer-auto-confirm-virtual'],
    check: (g) => expect(deadline(g, 'auto-confirm-receipt')?.dueAt).toBe('2026-11-23T20:00:00+08:00'),
  },
  {
    name: '自动发货: 1 day',
    facts: { ...shipped, logistics: '自动发货', refundStatus: '退款关闭' },
    covers: ['timer-auto-confirm-auto-delivery'],
    check: (g) =>
      expect(deadline(g, 'auto-confirm-receipt')).toMatchObject({
        dueAt: '2026-11-21T20:00:00+08:00',
        breached: false,
      }),
  },
  {
    name: 'Taobao after-sale: 15-day window, no complaint entry after success',
    facts: { ...success, reason: '七天无理由退货', shippingFee: 0 },
    opts: taobao,
    covers: [
      'timer-after-sale-window-taobao',
      'note-no-complaint-after-success-taobao',
      'reason-seven-day',
      'act-seven-day-check',
      'act-seven-day-postage-free',
      'reply-seven-day-free-shipping',
      'timer-seven-day-window',
    ],
    check: (g) => {
      expect(deadline(g, 'after-sale-window')?.dueAt).toBe('2026-11-30T10:00:00+08:00');
      expect(deadline(g, 'complaint-after-success')).toBeUndefined();
      expect(actionIds(g)).not.toContain('act-seven-day-postage-buyer');
      // Requested 5 days after success: inside the 7 days, so no out-of-window step.
      expect(actionIds(g)).not.toContain('act-seven-day-late');
      expect(deadline(g, 'seven-day-window')?.dueAt).toBe('2026-11-22T10:00:00+08:00');
    },
  },
  {
    name: '七天无理由 on a non-free-shipping item: the buyer pays postage',
    facts: { ...success, reason: '7天无理由退换货', shippingFee: 12 },
    covers: ['act-seven-day-postage-buyer', 'reply-seven-day-paid-shipping'],
    check: (g) => expect(actionIds(g)).not.toContain('act-seven-day-postage-free'),
  },
  {
    name: 'Tmall complaint 违背承诺',
    facts: complaint('违背承诺'),
    covers: [
      'reason-breach-promise',
      'pen-breach-refuse-before-payment',
      'pen-breach-gift-postage',
      'pen-breach-official-activity',
      'pen-breach-invoice',
    ],
    check: (g) => expect(g.penalties.map((p) => p.points)).toEqual([1, 4, 6, 6]),
  },
  {
    name: 'Tmall complaint 卖家拒绝使用支付宝',
    facts: complaint('卖家拒绝使用支付宝'),
    covers: ['reason-refuse-alipay', 'pen-refuse-alipay'],
    check: (g) => expect(g.penalties.map((p) => p.points)).toEqual([6]),
  },
  {
    name: 'Tmall complaint 骚扰他人',
    facts: complaint('骚扰他人'),
    covers: [
      'reason-harassment',
      'pen-harassment-general',
      'pen-harassment-serious',
      'note-account-sealed-48',
    ],
    check: (g) => expect(g.penalties.map((p) => p.points)).toEqual([12, 48]),
  },
  {
    name: 'Tmall complaint 赠品承诺未履行',
    facts: complaint('赠品承诺未履行'),
    covers: ['reason-promise-unfulfilled', 'pen-promise-platform', 'pen-promise-own'],
    check: (g) => expect(g.penalties.map((p) => p.points)).toEqual([6, 4]),
  },
  {
    name: 'Tmall refund 商家加价不发货: no compensation; the 4 points only if a complaint is upheld',
    facts: { ...unshipped, reason: '商家加价不发货' },
    covers: ['reason-price-raise', 'comp-none-price-raise', 'act-price-raise', 'reply-price-raise'],
    check: (g) => {
      expect(g.compensation).toMatchObject({
        triggered: false,
        amount: null,
        ruleId: 'comp-none-price-raise',
      });
      expect(g.penalties).toEqual([]);
      expect(actionIds(g)[0]).toBe('act-price-raise');
    },
  },
  {
    name: 'Tmall complaint 商家加价不发货: 4 points if upheld',
    facts: complaint('商家加价不发货'),
    covers: ['pen-price-raise'],
    check: (g) => {
      expect(g.penalties).toEqual([expect.objectContaining({ ruleId: 'pen-price-raise', points: 4 })]);
      expect(g.penalties[0]!.when.zh).toContain('投诉成立');
    },
  },
  {
    name: 'Tmall complaint 未按约定时间发货, true: settle within authority; 权限8 never trades less than the platform pays',
    facts: complaint('未按约定时间发货', { tradeStatus: '买家已付款' }),
    covers: ['act-settle-complaint-tmall', 'comp-tmall-2019-late-ship', 'pen-serious-delay'],
    check: (g) => {
      expect(g.compensation).toMatchObject({ triggered: true, amount: '30.00' });
      const rung = g.actions.find((a) => a.ruleId === 'remedy-cash-below-compensation')!.text.zh;
      expect(rung).toContain('如实告知');
      expect(rung).not.toContain('低于 ¥');
    },
  },
  {
    name: 'Tmall 错发 refund: not a compensated refund reason (S0:46), resend',
    facts: { ...shipped, reason: '错发' },
    covers: [
      'reason-wrong-shipment',
      'act-wrong-shipment',
      'reply-wrong-shipment',
      'reply-short-shipment',
      'comp-wrong-shipment-refund-tmall',
      'note-advance-payment-tmall',
    ],
    check: (g) =>
      expect(g.compensation).toMatchObject({
        triggered: false,
        amount: null,
        ruleId: 'comp-wrong-shipment-refund-tmall',
      }),
  },
  {
    name: 'Tmall 虚假发货',
    facts: { ...shipped, reason: '虚假发货' },
    covers: ['reason-fake-shipment'],
    check: (g) => {
      expect(g.compensation.triggered).toBe(false);
      expect(actionIds(g)).toContain('act-check-logistics');
    },
  },
  {
    name: 'Tmall after-sale 发票问题: complaint option, invoice points at risk',
    facts: { ...success, reason: '发票问题' },
    covers: ['reason-invoice', 'act-invoice', 'reply-invoice', 'note-complaint-option'],
    // S0:231: points only when the buyer files a complaint and it is upheld.
    check: (g) => expect(penaltyIds(g)).toEqual([]),
  },
  {
    name: 'Tmall 收到假货: 假一赔十, no amount invented',
    facts: { ...success, reason: '收到假货' },
    covers: ['reason-counterfeit', 'comp-counterfeit-tmall', 'act-counterfeit'],
    check: (g) => {
      expect(g.compensation).toMatchObject({
        triggered: true,
        amount: null,
        ruleId: 'comp-counterfeit-tmall',
      });
      expect(g.compensation.explanation.zh).toContain('假一赔十');
      expect(g.compensation.explanation.zh).toMatch(/^如经核实/);
      expect(actionIds(g)[0]).toBe('act-verify-claim');
      expect(actionIds(g)).not.toContain('act-settle-refund');
    },
  },
  {
    name: 'Taobao 收到假货: 假一赔三',
    facts: { ...success, reason: '收到假货' },
    opts: taobao,
    covers: ['comp-counterfeit-taobao'],
    check: (g) => expect(g.compensation.explanation.zh).toContain('假一赔三'),
  },
  {
    name: '买家拒签: who pays postage',
    facts: { ...shipped, reason: '买家拒签' },
    covers: ['reason-refused-delivery', 'act-refused-no-reason', 'act-refused-with-reason'],
  },
  {
    name: 'Contestable: 未按约定时间发货 but shipped inside the 48 h promise',
    facts: { ...shipped, reason: '未按约定时间发货', refundRequestedAt: '2026-11-23T11:00:00+08:00' },
    opts: { now: '2026-11-23T12:00:00+08:00' },
    covers: [
      'act-ask-correct-reason',
      'act-intervention-if-refused',
      'reply-ask-correct-reason',
      'note-no-pressure',
    ],
    check: (g) => {
      expect(g.compensation).toMatchObject({ triggered: true, contestable: true, amount: '150.00' });
      expect(actionIds(g).slice(0, 2)).toEqual(['act-ask-correct-reason', 'act-intervention-if-refused']);
      expect(actionIds(g)).not.toContain('act-settle-refund');
      expect(replyIds(g)[0]).toBe('reply-ask-correct-reason');
      expect(g.replies[0]!.text).toContain('未按约定时间发货');
    },
  },
  {
    name: 'Contest rule: shipped inside the promise, cited in the explanation',
    facts: { ...shipped, reason: '未按约定时间发货', refundRequestedAt: '2026-11-23T11:00:00+08:00' },
    opts: { now: '2026-11-23T12:00:00+08:00' },
    covers: ['contest-late-ship-shipped-in-time'],
    check: (g) =>
      expect(g.explanation.find((e) => e.verdict === 'contest')?.facts).toEqual({
        shippedAt: shipped.shippedAt,
        'deadline:ship-promise': '2026-11-22T10:00:00+08:00',
      }),
  },
  {
    name: 'Contest rule (legacy): 未按约定时间发货 requested before the reason is available, shipped late',
    facts: {
      ...unshipped,
      reason: '未按约定时间发货',
      tradeStatus: '卖家已发货',
      shippedAt: '2026-11-23T12:00:00+08:00',
    },
    opts: { ...legacy, now: '2026-11-23T13:00:00+08:00' },
    covers: ['contest-late-ship-request-too-early'],
    check: (g) => expect(g.compensation.contestable).toBe(true),
  },
  {
    name: 'Contest rule: a late-shipping complaint filed before the reason is available',
    facts: lateShipComplaint,
    opts: legacy,
    covers: ['contest-late-ship-complaint-too-early'],
    check: (g) => expect(g.compensation.contestable).toBe(true),
  },
  {
    name: 'Taobao: a late-shipping complaint filed inside the item’s 3-day promise',
    facts: lateShipComplaint,
    opts: taobao,
    covers: ['contest-late-ship-claimed-before-promise'],
    check: (g) => {
      expect(g.compensation.contestable).toBe(true);
      expect(g.explanation.find((e) => e.verdict === 'contest')?.facts).toEqual({
        complaintFiledAt: '2026-11-21T10:00:00+08:00',
        'deadline:ship-promise': '2026-11-23T10:00:00+08:00',
      });
    },
  },
  {
    name: 'Taobao 闪电发货 (24 h): a complaint 30 h after payment is late, not “too early”',
    facts: {
      ...lateShipComplaint,
      orderId: '5003',
      complaintFiledAt: '2026-11-21T16:00:00+08:00',
      activity: '闪电发货',
    },
    opts: taobao,
    covers: ['comp-taobao-delivery', 'act-settle-complaint-taobao'],
    check: (g) => {
      // Before, a 3-day rule made it contestable and the 24 h to 同意赔付 went unmentioned.
      expect(g.compensation).toMatchObject({
        triggered: true,
        contestable: false,
        ruleId: 'comp-taobao-delivery',
      });
      expect(g.compensation.confirm).toBeUndefined();
      expect(actionIds(g)).toContain('act-settle-complaint-taobao');
    },
  },
  {
    name: 'Taobao items with their own ship-by time get no 3-day “buyer may complain” deadline',
    facts: { ...unshipped, reason: '不想买了', activity: '闪电发货' },
    opts: taobao,
    covers: ['comp-none-buyer-side'],
    check: (g) => {
      expect(deadline(g, 'late-ship-reason-available')).toBeUndefined();
      for (const activity of ['聚划算', '预售']) {
        const other = evaluate({ ...unshipped, reason: '不想买了', activity }, defaultPack, {
          now: NOW,
          platform: 'taobao',
        });
        expect(deadline(other, 'late-ship-reason-available'), activity).toBeUndefined();
      }
    },
  },
  {
    name: 'Tmall 预售 refund 60 h after payment, not shipped: owed only once the agreed date has passed',
    facts: {
      ...unshipped,
      reason: '未按约定时间发货',
      activity: '预售',
      refundRequestedAt: '2026-11-22T22:00:00+08:00',
    },
    covers: ['comp-tmall-2019-late-ship-agreed'],
    check: (g) => {
      expect(g.compensation).toMatchObject({
        triggered: true,
        amount: '150.00',
        ruleId: 'comp-tmall-2019-late-ship-agreed',
        contestable: false,
      });
      expect(g.compensation.confirm?.zh).toContain('约定的发货时间');
      expect(g.compensation.explanation.zh).toMatch(/^如经核实/);
      // Not "agree the refund quickly": the 48 h does not apply to a presale item.
      expect(actionIds(g)).not.toContain('act-settle-refund');
    },
  },
  {
    name: 'Tmall legacy 定制: the same, under the older rule',
    facts: {
      ...unshipped,
      reason: '未按约定时间发货',
      activity: '定制',
      refundRequestedAt: '2026-11-24T22:00:00+08:00',
    },
    opts: legacy,
    covers: ['comp-tmall-legacy-late-ship-agreed'],
    check: (g) => {
      expect(g.compensation).toMatchObject({ triggered: true, ruleId: 'comp-tmall-legacy-late-ship-agreed' });
      expect(g.compensation.confirm?.zh).toContain('约定的发货时间');
    },
  },
  {
    name: 'Taobao 预售: the same, with no amount',
    facts: { ...unshipped, reason: '未按约定时间发货', activity: '预售' },
    opts: taobao,
    covers: ['comp-taobao-delivery-agreed'],
    check: (g) => {
      expect(g.compensation).toMatchObject({
        triggered: true,
        amount: null,
        ruleId: 'comp-taobao-delivery-agreed',
      });
      expect(g.compensation.confirm?.zh).toContain('约定的发货时间');
    },
  },
  {
    name: 'Late shipping with no payment time read: to be confirmed, never owed outright (legacy, Taobao)',
    facts: lateShipNoPaidAt,
    opts: legacy,
    covers: ['comp-tmall-legacy-late-ship'],
    check: (g) => {
      expect(g.compensation).toMatchObject({ triggered: true, ruleId: 'comp-tmall-legacy-late-ship' });
      expect(g.compensation.confirm?.zh).toContain('付款时间');
      expect(g.warnings).toContainEqual(
        expect.objectContaining({ code: 'missing-fact', fields: ['paidAt'] }),
      );
      const tb = evaluate(lateShipNoPaidAt, defaultPack, { now: NOW, platform: 'taobao' });
      expect(tb.compensation).toMatchObject({ triggered: true, ruleId: 'comp-taobao-delivery' });
      expect(tb.compensation.confirm?.zh).toContain('付款时间');
    },
  },
  {
    name: 'Taobao 缺货: the same-day settlement, no payment time needed',
    facts: { orderId: '4010', buyer: 'buyer-y', paidAmount: 100, reason: '缺货', tradeStatus: '买家已付款' },
    opts: taobao,
    covers: ['comp-taobao-out-of-stock'],
    check: (g) => {
      expect(g.compensation).toMatchObject({ triggered: true, ruleId: 'comp-taobao-out-of-stock' });
      expect(g.compensation.confirm).toBeUndefined();
    },
  },
  {
    name: 'Contest rule: 缺货 on a shipped order',
    facts: { ...unshipped, reason: '缺货', shippedAt: '2026-11-20T12:00:00+08:00' },
    covers: ['contest-out-of-stock-shipped'],
    check: (g) => expect(g.compensation.explanation.zh).toContain('与“缺货”不符'),
  },
  {
    name: 'Awaiting payment: breach complaint possible, no countdown',
    facts: { orderId: '7001', tradeStatus: '等待买家付款', reason: '拍错了' },
    covers: ['note-breach-unpaid'],
    check: (g) => expect(g.deadlines).toEqual([]),
  },
  // ── If you refuse / evidence on time (refusal, evidence-period, evidence rules) ──
  {
    name: 'Tmall refund, 描述不符 shipped: the complaint the buyer may add; photos and chat before intervention opens',
    facts: { ...shipped, reason: '描述不符', refundStatus: '等待商家处理' },
    covers: ['refuse-tmall-desc-invoice', 'evidence-period-refund-tmall', 'evidence-photos', 'evidence-chat'],
    check: (g) => expect(g.evidence?.deadlineId).toBe('intervention-open'),
  },
  {
    name: 'Tmall refund, 卖家缺货 unshipped: refusal line; shipping record and tracking',
    facts: { ...unshipped, reason: '卖家缺货' },
    covers: ['refuse-tmall-refund', 'evidence-shipping-record', 'evidence-tracking'],
  },
  {
    name: 'Tmall after-sale, 商品质量问题: no rate; the buyer’s own evidence',
    facts: { ...success, reason: '商品质量问题' },
    covers: ['refuse-tmall-aftersale', 'evidence-buyer-proof'],
  },
  {
    name: 'Taobao refund, 买家拒签: intervention as soon as the seller refuses; the refusal record and the carrier’s statement',
    facts: { ...shipped, reason: '买家拒签' },
    opts: taobao,
    covers: [
      'refuse-taobao-refund',
      'evidence-period-refund-taobao',
      'evidence-refused-record',
      'evidence-carrier-proof',
    ],
    check: (g) => expect(g.evidence?.deadlineId).toBe('seller-response'),
  },
  {
    name: 'Taobao after-sale, 商品质量问题: refusal line',
    facts: { ...success, reason: '商品质量问题' },
    opts: taobao,
    covers: ['refuse-taobao-aftersale'],
  },
  {
    name: 'Taobao complaint (S1 example): evidence period after the buyer’s confirmation',
    facts: s1Complaint,
    opts: taobao,
    covers: ['refuse-taobao-complaint', 'evidence-period-complaint-taobao', 'evidence-complaint-statement'],
    check: (g) => expect(g.evidence?.deadlineId).toBe('complaint-evidence'),
  },
  {
    name: 'Tmall complaint 骚扰他人: the platform decides; chats, texts and calls',
    facts: complaint('骚扰他人'),
    covers: ['refuse-tmall-complaint', 'evidence-period-complaint-tmall', 'evidence-harassment'],
  },
  {
    name: 'Tmall complaint 拒绝使用支付宝: the Alipay record',
    facts: complaint('卖家拒绝使用支付宝'),
    covers: ['evidence-alipay'],
  },
  {
    name: 'Tmall refund already in intervention, 收到假货: no evidence time in the sources; proof of source',
    facts: { ...shipped, reason: '收到假货', refundStatus: '客服已经介入' },
    covers: ['evidence-period-intervened', 'evidence-counterfeit'],
    check: (g) => expect(g.evidence?.deadlineId).toBeNull(),
  },
];

describe('evaluate: every rule of the default pack, case by case', () => {
  const covered = new Set<string>();
  for (const row of ROWS) {
    it(row.name, () => {
      const g = evaluate(row.facts, defaultPack, { now: NOW, ...row.opts });
      expect(GuidanceSchema.safeParse(g).success).toBe(true);
      const ids = ruleIdsIn(g);
      for (const id of row.covers) {
        expect(ids.has(id), `${id} should be exercised`).toBe(true);
        covered.add(id);
      }
      row.check?.(g);
    });
  }

  it('covers every rule id in the default pack', () => {
    const all = defaultPack.rules.map((r) => r.id);
    const declared = new Set([...ROWS.flatMap((r) => r.covers), ...AUDIT_ROWS.flatMap((r) => r.covers)]);
    expect(all.filter((id) => !declared.has(id))).toEqual([]);
    // Ids named in the table must exist (no stale names).
    expect([...declared].filter((id) => !all.includes(id))).toEqual([]);
    expect([...covered].sort()).toEqual([...new Set(ROWS.flatMap((r) => r.covers))].sort());
  });
});
