import { describe, expect, it } from 'vitest';
import {
  batchCheck,
  batchCheckOf,
  caseCategory,
  compensatingCategories,
  groupBatches,
  type BatchCheck,
} from '../../../core/batch/safe-batches';
import {
  defaultPack,
  evaluate,
  SafeBatchesSchema,
  SettingsSchema,
  yuanToFen,
  type Facts,
  type Platform,
} from '../../../core/index';

/** Safe batches: which refunds qualify under the shop's policy, and their grouping by the platform's batch limit. */

const NOW = '2026-11-21T12:00:00+08:00';
const policy = SafeBatchesSchema.parse({});
const base: Facts = {
  refundId: '9001',
  orderId: '4001',
  reason: '拍错了',
  refundAmount: 59,
  paidAmount: 59,
  paidAt: '2026-11-21T09:00:00+08:00',
  refundRequestedAt: '2026-11-21T09:20:00+08:00',
  tradeStatus: '买家已付款',
  refundStatus: '退款待处理',
};
const check = (facts: Facts, platform: Platform = 'tmall', p = policy): BatchCheck => {
  const g = evaluate(facts, defaultPack, { now: NOW, platform });
  return batchCheckOf({ kind: g.kind, platform, facts }, g, defaultPack, p);
};
const why = (c: BatchCheck) => (c.ok ? [] : c.why);

describe('which refunds qualify', () => {
  it('the default is S0’s: 拍错了/订单信息错误 and 不想买了, before shipping, on both platforms', () => {
    expect(policy).toMatchObject({
      enabled: true,
      categories: ['buyer-mistake', 'no-longer-wanted'],
      tradeStatuses: ['买家已付款'],
      maxRefundYuan: null,
      maxMinutesSincePayment: null,
    });
    for (const platform of ['tmall', 'taobao'] as const) {
      expect(check(base, platform)).toEqual({ ok: true, refundFen: 5900 });
      expect(check({ ...base, reason: '不想要了', refundAmount: 88.8 }, platform)).toEqual({
        ok: true,
        refundFen: 8880,
      });
      expect(check({ ...base, reason: '多拍了' }, platform).ok).toBe(true);
    }
  });

  it('unshipped only by default: the same reason after shipping does not qualify', () => {
    expect(why(check({ ...base, tradeStatus: '卖家已发货', refundType: '退货退款' }))).toEqual(['state']);
    expect(why(check({ ...base, reason: '不想要了', tradeStatus: '卖家已发货' }, 'taobao'))).toEqual([
      'state',
    ]);
  });

  it('a shop that allows shipped orders still never batches a refund-only request on one (or one whose 要求 was not read)', () => {
    const shipped = SafeBatchesSchema.parse({ tradeStatuses: ['买家已付款', '卖家已发货'] });
    expect(check({ ...base, tradeStatus: '卖家已发货', refundType: '退货退款' }, 'tmall', shipped).ok).toBe(
      true,
    );
    expect(
      why(check({ ...base, tradeStatus: '卖家已发货', refundType: '仅退款' }, 'tmall', shipped)),
    ).toEqual(['refund-only-shipped']);
    expect(why(check({ ...base, tradeStatus: '卖家已发货' }, 'tmall', shipped))).toEqual([
      'refund-only-shipped',
    ]);
  });

  it('never a reason that triggers compensation (缺货, 未按约定时间发货, 错发 on Tmall), even when the shop lists it', () => {
    const greedy = SafeBatchesSchema.parse({
      categories: ['buyer-mistake', 'no-longer-wanted', 'out-of-stock', 'late-ship', 'wrong-shipment'],
    });
    for (const reason of ['卖家缺货', '未按约定时间发货', '发不了货']) {
      for (const platform of ['tmall', 'taobao'] as const)
        expect(why(check({ ...base, reason }, platform, greedy)), `${reason} ${platform}`).toContain(
          'compensation',
        );
    }
    expect(why(check({ ...base, reason: '错发/漏发/少发' }, 'tmall', greedy))).toContain('compensation');
    expect(compensatingCategories(defaultPack, 'tmall')).toEqual(
      new Set([
        'out-of-stock',
        'late-ship',
        'wrong-shipment',
        'fake-shipment',
        'counterfeit',
        'not-received',
      ]),
    );
    // the check does not rely on the policy alone: a compensated case is refused with no pack knowledge at all
    expect(
      why(
        batchCheck(
          { kind: 'refund', facts: base, category: 'buyer-mistake', compensationTriggered: true },
          policy,
          new Set(),
        ),
      ),
    ).toEqual(['compensation']);
  });

  it('unreadable is never guessed: no amount, an unreadable amount, no trade state, an unknown or negated reason', () => {
    const { refundAmount: _a, ...noAmount } = base;
    expect(why(check(noAmount))).toEqual(['amount-unknown']);
    expect(why(check({ ...base, unreadable: ['refundAmount'] }))).toEqual(['amount-unknown']);
    const { tradeStatus: _s, ...noState } = base;
    expect(why(check(noState))).toEqual(['state-unknown']);
    expect(why(check({ ...noState, unreadable: ['tradeStatus'] }))).toEqual(['state-unknown']);
    expect(check({ ...base, reason: '多拍/拍错/不想要' }).ok).toBe(true); // a decorated name the pack knows
    expect(why(check({ ...base, reason: '说不清' }))).toEqual(['reason-unknown']);
    expect(why(check({ ...base, reason: '非拍错' }))).toEqual(['reason-unknown']);
  });

  it('the shop’s amount and minutes-since-payment limits; payment times not read → excluded', () => {
    const strict = SafeBatchesSchema.parse({ maxRefundYuan: 50, maxMinutesSincePayment: 30 });
    expect(why(check(base, 'tmall', strict))).toEqual(['amount-over']);
    expect(check({ ...base, refundAmount: 50 }, 'tmall', strict).ok).toBe(true);
    expect(
      why(
        check({ ...base, refundAmount: 50, refundRequestedAt: '2026-11-21T09:31:00+08:00' }, 'tmall', strict),
      ),
    ).toEqual(['payment-time']);
    const { paidAt: _p, ...noPaid } = base;
    expect(why(check({ ...noPaid, refundAmount: 50 }, 'tmall', strict))).toEqual(['payment-time-unknown']);
  });

  it('not a closed, agreed or intervened refund, not an after-sale or a complaint, nothing when switched off', () => {
    for (const refundStatus of ['退款成功', '退款关闭', '客服已经介入', '退款协议达成，等待买家退货'])
      expect(why(check({ ...base, refundStatus })), refundStatus).toContain('status');
    expect(why(check({ ...base, tradeStatus: '交易成功' }))).toEqual(['kind', 'state']);
    expect(why(check(base, 'tmall', SafeBatchesSchema.parse({ enabled: false })))).toEqual(['disabled']);
  });

  it('reads the category the engine matched', () => {
    const g = evaluate(base, defaultPack, { now: NOW, platform: 'tmall' });
    expect(caseCategory(g, defaultPack)).toBe('buyer-mistake');
  });
});

describe('grouping into batches', () => {
  const rows = (fen: number[]) => fen.map((refundFen, i) => ({ id: i, refundFen }));
  const ids = (r: ReturnType<typeof groupBatches<{ id: number; refundFen: number }>>) =>
    r.batches.map((b) => b.cases.map((c) => c.id));

  it('the limits are shop defaults in the settings: Taobao 20 / ¥6,000, Tmall 30 / ¥10,000', () => {
    expect(SettingsSchema.parse({}).safeBatches.limits).toEqual({
      tmall: { count: 30, yuan: 10_000 },
      taobao: { count: 20, yuan: 6_000 },
    });
  });

  it('by count: 45 small refunds → 20 + 20 + 5 on Taobao, 30 + 15 on Tmall', () => {
    const small = rows(Array.from({ length: 45 }, () => 1000));
    expect(groupBatches(small, { count: 20, yuan: 6000 }).batches.map((b) => b.cases.length)).toEqual([
      20, 20, 5,
    ]);
    expect(groupBatches(small, { count: 30, yuan: 10_000 }).batches.map((b) => b.cases.length)).toEqual([
      30, 15,
    ]);
  });

  it('by amount: no batch over ¥6,000 (a batch may close early, page order kept), exactly the limit fits', () => {
    const r = groupBatches(rows([300_000, 200_000, 100_000, 50_000, 1, 250_000]), { count: 20, yuan: 6000 });
    expect(ids(r)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(r.batches.map((b) => b.totalFen)).toEqual([600_000, 300_001]);
    for (const b of r.batches) expect(b.totalFen).toBeLessThanOrEqual(yuanToFen(6000));
  });

  it('a refund larger than the amount limit fits no batch: agreed on its own', () => {
    const r = groupBatches(rows([1000, 700_000, 2000]), { count: 20, yuan: 6000 });
    expect(ids(r)).toEqual([[0, 2]]);
    expect(r.tooLarge.map((c) => c.id)).toEqual([1]);
  });

  it('every qualifying case is in exactly one batch or in tooLarge, and every batch respects both limits (seeded)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 200; run++) {
      const limit = { count: 1 + Math.floor(rnd() * 30), yuan: 100 + Math.floor(rnd() * 10_000) };
      const cs = rows(Array.from({ length: Math.floor(rnd() * 80) }, () => 1 + Math.floor(rnd() * 300_000)));
      const r = groupBatches(cs, limit);
      const seen = [...r.batches.flatMap((b) => b.cases), ...r.tooLarge]
        .map((c) => c.id)
        .sort((a, b) => a - b);
      expect(seen).toEqual(cs.map((c) => c.id));
      for (const b of r.batches) {
        expect(b.cases.length).toBeGreaterThan(0);
        expect(b.cases.length).toBeLessThanOrEqual(limit.count);
        expect(b.totalFen).toBe(b.cases.reduce((s, c) => s + c.refundFen, 0));
        expect(b.totalFen).toBeLessThanOrEqual(yuanToFen(limit.yuan));
      }
      for (const c of r.tooLarge) expect(c.refundFen).toBeGreaterThan(yuanToFen(limit.yuan));
    }
  });
});
