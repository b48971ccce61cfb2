import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate, FactsSchema, GuidanceSchema, type Facts } from '../../../core/index';
import { panelTimes } from '../../helpers/panel-times';

/** Random but valid panels: any subset of the facts, reasons from the pack and outside it. */
const REASONS = [
  ...defaultPack.rules.flatMap((r) => (r.type === 'reason' ? r.names : [])),
  '其他',
  '颜色不喜欢',
];
const facts: fc.Arbitrary<Facts> = fc.record(
  {
    orderId: fc.constantFrom('4001', '4002'),
    buyer: fc.constantFrom('a', 'b'),
    reason: fc.constantFrom(...REASONS),
    complaintType: fc.constantFrom('未按约定时间发货', '描述不符', '违背承诺', '骚扰他人'),
    paidAmount: fc.integer({ min: 0, max: 5_000_000 }).map((fen) => fen / 100),
    shippingFee: fc.constantFrom(0, 8),
    ...panelTimes,
    tradeStatus: fc.constantFrom('等待买家付款', '买家已付款', '卖家已发货', '交易成功', '交易关闭'),
    refundStatus: fc.constantFrom('退款中', '退款成功', '售后处理中', '客服已经介入'),
    logistics: fc.constantFrom('快递', '货运', '平邮', '无需物流', '虚拟', '自动发货'),
    activity: fc.constantFrom('聚划算', '预售', '闪电发货'),
    platformCountdown: fc.constantFrom('剩余2天23时7分51秒', '还剩 1天 3小时', '剩余 05:12:09', '剩余很久'),
    unreadable: fc.subarray(['paidAmount', 'activity', 'tradeStatus', 'shippedAt'] as const),
  },
  { requiredKeys: [] },
);
const opts = fc.record({
  platform: fc.constantFrom('tmall' as const, 'taobao' as const),
  profile: fc.constantFrom(undefined, 'tmall-legacy'),
});

describe('evaluate on any valid panel', () => {
  it('returns guidance that passes GuidanceSchema, deterministically, with amounts in bounds', () => {
    fc.assert(
      fc.property(facts, opts, (f, o) => {
        expect(FactsSchema.safeParse(f).success).toBe(true);
        const g = evaluate(f, defaultPack, { now: '2026-11-21T12:00:00+08:00', ...o });
        expect(GuidanceSchema.safeParse(g).success).toBe(true);
        expect(evaluate(f, defaultPack, { now: '2026-11-21T12:00:00+08:00', ...o })).toEqual(g);
        const c = g.compensation;
        if (c.amountFen !== null) {
          expect(c.triggered).toBe(true);
          expect(c.amountFen).toBeLessThanOrEqual(50000);
          if (g.profile === 'tmall') expect(c.amountFen).toBeGreaterThanOrEqual(500);
          expect(f.paidAmount).toBeDefined();
          expect(f.unreadable ?? []).not.toContain('paidAmount');
        }
        if (g.platform === 'taobao' && c.triggered && c.ruleId === 'comp-taobao-delivery')
          expect(c.amount).toBeNull();
        // Every deadline is derived from a fact that was read, or from the page's countdown.
        for (const d of g.deadlines) {
          if (d.source === 'platform') expect(f.platformCountdown).toBeDefined();
        }
        for (let i = 1; i < g.deadlines.length; i++)
          expect(g.deadlines[i - 1]!.dueAt <= g.deadlines[i]!.dueAt).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
