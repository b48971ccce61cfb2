import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate, type Facts } from '../../../core';

/**
 * Drill 1, minimal cases behind the corpus's "guessed due time" finding. A fact that decides
 * WHICH timer variant applies was on the page but unreadable; the engine must not fall back
 * to the default variant as if the fact were absent (the product never guesses).
 *
 * Found by the corpus drill (fixed in the rules core, 3caa98a): unreadable facts were treated
 * as absent, so `activity: 聚划算` (Taobao: 7 days) read as `待定` gave the 3-day
 * ship-promise, and `activity: 预售` (no fixed promise) read as `待定` gave 48 h on Tmall.
 */
const NOW = '2026-11-21T12:00:00+08:00';
const base: Facts = {
  refundId: '300000000001',
  reason: '未按约定时间发货',
  paidAmount: 100,
  paidAt: '2026-11-19T09:00:00+08:00',
  refundRequestedAt: '2026-11-20T09:00:00+08:00',
  // Closed and still unshipped: the ship-by time is listed (during an open refund it is not).
  refundStatus: '退款关闭',
  tradeStatus: '买家已付款',
};
const shipPromise = (facts: Facts, platform: 'tmall' | 'taobao') =>
  evaluate(facts, defaultPack, { now: NOW, platform, kind: 'refund' }).deadlines.find(
    (d) => d.id === 'ship-promise',
  )?.dueAt ?? null;

describe('drill: a timer-deciding fact that is unreadable is not guessed', () => {
  it('control: with the activity read, Taobao 聚划算 promises 7 days and Tmall 预售 has no fixed promise', () => {
    expect(shipPromise({ ...base, activity: '聚划算' }, 'taobao')).toBe('2026-11-26T09:00:00+08:00');
    expect(shipPromise({ ...base }, 'taobao')).toBe('2026-11-22T09:00:00+08:00');
    expect(shipPromise({ ...base, activity: '预售' }, 'tmall')).toBeNull();
    expect(shipPromise({ ...base }, 'tmall')).toBe('2026-11-21T09:00:00+08:00');
  });

  it('activity unreadable on Taobao → no 3-day ship-promise guessed (truth could be 聚划算, 7 days)', () => {
    expect(shipPromise({ ...base, unreadable: ['activity'] }, 'taobao')).toBeNull();
  });

  it('activity unreadable on Tmall → no 48 h ship-promise guessed (truth could be 预售)', () => {
    expect(shipPromise({ ...base, unreadable: ['activity'] }, 'tmall')).toBeNull();
  });

  it('tradeStatus and shippedAt unreadable → no ship-promise for an order that may have shipped', () => {
    const { tradeStatus: _t, ...rest } = base;
    expect(shipPromise({ ...rest, unreadable: ['tradeStatus', 'shippedAt'] }, 'tmall')).toBeNull();
  });
});
