/**
 * Fixture pages through the readers AND the engine (default pack): the verdicts the
 * seeds' worked examples call for. `now` is the moment each page was rendered (the
 * platform's countdown on the page is measured from it).
 */
import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate } from '../../../core/index';
import type { Guidance } from '../../../core/model/guidance';
import type { Platform } from '../../../core/model/vocabulary';
import { readPage } from '../../../core/pages';
import { LABELLED_LIST_URL } from '../../fixtures/pages/generate-refund-list';
import { SAVED_PAGE, loadFixture } from './load';

/** `platform`: the agent's, for a saved page whose URL says nothing (as `guidance --platform`). */
function guidance(file: string, url: string, now: string, platform?: Platform): Guidance[] {
  const { cases } = readPage(loadFixture(file, url), url, platform ? { platform } : {});
  return cases.map((c) => evaluate(c.facts, defaultPack, { now, platform: c.platform, kind: c.kind }));
}

const due = (g: Guidance, id: string) => g.deadlines.find((d) => d.id === id);

describe('compensation from a page (S3: 30 % of the paid amount, min 5, max 500)', () => {
  it('Tmall 卖家缺货, 实付 500.00 → 150.00; the page timer 剩余2天23时7分51秒 sets seller-response', () => {
    const [g] = guidance(
      'refund-detail-tmall.html',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001',
      '2026-11-20T10:05:00+08:00',
    );
    expect(g!.kind).toBe('refund');
    expect(g!.platform).toBe('tmall');
    expect(g!.compensation).toMatchObject({
      triggered: true,
      amount: '150.00',
      amountFen: 15_000,
      contestable: false,
    });
    expect(due(g!, 'seller-response')).toMatchObject({
      dueAt: '2026-11-23T09:12:51+08:00',
      source: 'platform',
      breached: false,
    });
    // 72 h after the request (S0 §一)
    expect(due(g!, 'intervention-open')).toMatchObject({
      dueAt: '2026-11-23T10:02:37+08:00',
      source: 'computed',
    });
    expect(g!.warnings).toEqual([]);
  });

  it('Tmall 卖家缺货 on a 10-yuan order → the 5.00 minimum', () => {
    const [g] = guidance(
      'refund-detail-tmall-small.html',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200007',
      '2026-11-21T17:00:00+08:00',
    );
    expect(g!.compensation).toMatchObject({ triggered: true, amount: '5.00' });
    expect(due(g!, 'seller-response')).toMatchObject({
      dueAt: '2026-11-22T20:00:00+08:00',
      source: 'platform',
    });
  });

  it('Tmall 未按约定时间发货 on a 2,399-yuan order, claimed 3½ days after payment → capped at 500.00, not contestable', () => {
    const [g] = guidance(
      'refund-detail-tmall-inline.html',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611180012',
      '2026-11-18T09:20:00+08:00',
    );
    expect(g!.compensation).toMatchObject({ triggered: true, amount: '500.00', contestable: false });
    expect(due(g!, 'seller-response')).toMatchObject({
      dueAt: '2026-11-18T14:32:09+08:00',
      source: 'platform',
    }); // 剩余 05:12:09
  });

  it('noise does not change the base: 发不了货 on ¥128.00 → 38.40 (not 30 % of an ad or a recommended product)', () => {
    const [g] = guidance(
      'refund-detail-noise.html',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611220031',
      '2026-11-22T10:00:00+08:00',
    );
    expect(g!.compensation).toMatchObject({ triggered: true, amount: '38.40' });
  });

  it('hostile page: 199.00 read through invisible marks → 59.70', () => {
    const [g] = guidance(
      'refund-detail-hostile.html',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611220666',
      '2026-11-22T10:00:00+08:00',
    );
    expect(g!.compensation).toMatchObject({ triggered: true, amount: '59.70' });
  });

  it('Taobao 不想要了 → no compensation; the 5-day seller timer from the page agrees with the pack', () => {
    const [g] = guidance(
      'refund-detail-taobao.html',
      'https://refund2.taobao.com/dispute/detail.htm?disputeId=202611210455',
      '2026-11-21T22:31:00+08:00',
    );
    expect(g!.platform).toBe('taobao');
    expect(g!.compensation).toMatchObject({ triggered: false, amount: null });
    // requested 2026/11/21 22:30 + 5 days; 还剩4天23小时59分钟 at 22:31
    expect(due(g!, 'seller-response')).toMatchObject({
      dueAt: '2026-11-26T22:30:00+08:00',
      source: 'platform',
    });
    expect(g!.warnings.map((w) => w.code)).not.toContain('pack-outdated');
  });
});

describe('unreadable fields are never guessed', () => {
  it('实付金额：待定 → triggered, amount null, an unreadable-field warning naming paidAmount', () => {
    const [g] = guidance(
      'refund-detail-pending-amount.html',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611220077',
      '2026-11-22T10:00:00+08:00',
    );
    expect(g!.compensation).toMatchObject({ triggered: true, amount: null, amountFen: null });
    const fields = g!.warnings.filter((w) => w.code === 'unreadable-field').flatMap((w) => w.fields ?? []);
    expect(fields).toContain('paidAmount');
  });

  it('broken page: amount null, no deadline computed from a time that was not read', () => {
    const [g] = guidance(
      'refund-detail-broken.html',
      'https://refund2.taobao.com/dispute/detail.htm?disputeId=202611220101',
      '2026-11-22T10:00:00+08:00',
    );
    expect(g!.compensation.amount).toBeNull();
    expect(g!.deadlines).toEqual([]);
    expect(g!.warnings.find((w) => w.code === 'unreadable-field')?.fields).toEqual([
      'paidAmount',
      'shippingFee',
      'paidAt',
      'refundRequestedAt',
      'tradeStatus',
    ]);
  });
});

describe('after-sale and complaint pages', () => {
  it('Tmall after-sale (交易成功 2026-11-12 16:20) → 15-day after-sale window', () => {
    const [g] = guidance(
      'aftersale-detail-tmall.html',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200088',
      '2026-11-20T12:00:00+08:00',
    );
    expect(g!.kind).toBe('aftersale');
    expect(due(g!, 'after-sale-window')).toMatchObject({ dueAt: '2026-11-27T16:20:00+08:00' });
    expect(g!.compensation.triggered).toBe(false); // 商品质量问题 is no compensation reason
  });

  it('S1: Taobao 未按约定时间发货 complaint on the 100-yuan order → seller handles within 24 h of the complaint', () => {
    const [g] = guidance('complaint-detail-taobao.html', SAVED_PAGE, '2026-11-21T09:48:00+08:00', 'taobao');
    expect(g!.kind).toBe('complaint');
    expect(g!.platform).toBe('taobao');
    expect(g!.compensation.triggered).toBe(true);
    // filed 2026-11-21 09:00; the page shows 剩余23小时12分 at 09:48 — both give 11-22 09:00
    expect(due(g!, 'complaint-seller-handle')).toMatchObject({
      dueAt: '2026-11-22T09:00:00+08:00',
      source: 'platform',
    });
    // trade closed 2026-11-20 18:40 + 15 days
    expect(due(g!, 'breach-complaint-window')).toMatchObject({ dueAt: '2026-12-05T18:40:00+08:00' });
    expect(g!.warnings.map((w) => w.code)).not.toContain('pack-outdated');
  });

  it('list pages: one guidance per row in page order (refund-list-tmall rows 0–2: 150.00, 5.00, 500.00)', () => {
    const gs = guidance('refund-list-rows.html', LABELLED_LIST_URL, '2026-11-20T10:00:00+08:00');
    expect(gs).toHaveLength(60);
    expect(gs.slice(0, 3).map((g) => g.compensation.amount)).toEqual(['150.00', '5.00', '500.00']);
    // row 1: 未按约定时间发货 claimed 7 h after payment, inside the shipping promise → contestable
    expect(gs[1]!.compensation.contestable).toBe(true);
    expect(gs[0]!.compensation.contestable).toBe(false);
  });
});
