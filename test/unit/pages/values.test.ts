/** Value normalisation per key (panel-fields.md): amounts, times, ids, enums; unreadable → undefined. */
import { describe, expect, it } from 'vitest';
import type { FactKey } from '../../../core/model/facts';
import { labelKey, parseFieldValue } from '../../../core/pages';
import { findCountdown } from '../../../core/time/duration';

const CASES: Array<[FactKey, string, string | number | null | undefined]> = [
  ['paidAmount', '¥500.00', 500],
  ['paidAmount', '￥２，３９９．００', 2399],
  ['paidAmount', 'RMB 2,399.00', 2399],
  ['paidAmount', ' 1,234.5 元 ', 1234.5],
  ['paidAmount', '10元', 10],
  ['paidAmount', '500.00（含运费5.00）', 500],
  ['paidAmount', '待定', undefined],
  ['paidAmount', '--', undefined],
  ['paidAmount', '', undefined],
  ['paidAmount', '1.234', undefined],
  ['paidAmount', '-5.00', undefined],
  ['paidAmount', '12元5角', undefined],
  ['paidAmount', '约100元', undefined],
  ['shippingFee', '包邮', 0],
  ['shippingFee', '免运费', 0],
  ['shippingFee', '0.00', 0],
  ['shippingFee', '到付', undefined],
  ['refundAmount', '¥\u200F199.00', 199],
  ['paidAt', '2026-11-20 10:00:00', '2026-11-20T10:00:00+08:00'],
  ['paidAt', '2026-11-20 10:00', '2026-11-20T10:00:00+08:00'],
  ['paidAt', '2026/11/20 10:00', '2026-11-20T10:00:00+08:00'],
  ['paidAt', '2026年11月20日 10:00:00', '2026-11-20T10:00:00+08:00'],
  ['paidAt', '２０２６－１１－２０ １０：００', '2026-11-20T10:00:00+08:00'],
  ['paidAt', '2026-02-30 10:00', undefined],
  ['paidAt', '昨天 10:00', undefined],
  ['refundId', '202611200001 复制', '202611200001'],
  ['refundId', '2026 1122 0666', '202611220666'],
  ['refundId', 'RF-2026', undefined],
  ['orderId', '３９２１８４５５０７７６１２３４', '3921845507761234'],
  ['tradeStatus', '买家已付款', '买家已付款'],
  ['tradeStatus', '买家已付款，等待卖家发货', '买家已付款'],
  ['tradeStatus', '卖家已发货，等待买家确认收货', '卖家已发货'],
  ['tradeStatus', '交易成功', '交易成功'],
  ['tradeStatus', '处理中', undefined],
  ['logistics', '快递（中通快递 7731）', '快递'],
  ['logistics', '无需物流', '无需物流'],
  ['logistics', '飞鸽传书', undefined],
  ['buyer', 'tb_小鹿2026 联系买家', 'tb_小鹿2026'],
  ['buyer', '\u202Etb_evil\u202C', 'tb_evil'],
  ['reason', '  卖家缺货 ', '卖家缺货'],
  ['reason', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ['reason', '—', undefined],
  ['activity', '聚划算', '聚划算'],
  ['activity', '无', null],
];

describe('parseFieldValue', () => {
  for (const [key, raw, want] of CASES) {
    it(`${key}: ${JSON.stringify(raw)} → ${JSON.stringify(want)}`, () =>
      expect(parseFieldValue(key, raw)).toBe(want));
  }
});

describe('labelKey: the panel-fields.md vocabulary, with or without colons', () => {
  it.each([
    ['退款原因', 'reason'],
    ['退款原因：', 'reason'],
    ['退款原因:', 'reason'],
    ['退款 原因 ：', 'reason'],
    ['售后原因', 'reason'],
    ['申请原因', 'reason'],
    // the old refund2 detail's label
    ['原因：', 'reason'],
    ['要求:', 'refundType'],
    ['售后单号', 'refundId'],
    ['退款总额', 'refundAmount'],
    ['实付款', 'paidAmount'],
    ['投诉类型', 'complaintType'],
    ['买家实付', 'paidAmount'],
    ['订单金额', 'paidAmount'],
    ['邮费', 'shippingFee'],
    ['确认收货时间', 'tradeSucceededAt'],
    ['发起时间', 'complaintFiledAt'],
    ['配送方式', 'logistics'],
    ['活动类型', 'activity'],
    ['退款\u200B金额', 'refundAmount'],
  ])('%s → %s', (label, key) => expect(labelKey(label)).toBe(key));

  it.each(['退款原因说明', '商品单价', '原因说明', '实付金额是多少', ''])('%s is no label', (label) =>
    expect(labelKey(label)).toBeUndefined(),
  );
});

describe('the platform timer in panel text (findCountdown, bare form added for the page readers)', () => {
  it.each([
    ['处理时限：剩余2天23时7分51秒，逾期自动同意', '剩余2天23时7分51秒'],
    ['如果2天23时7分51秒内商家未处理，退款申请将达成', '2天23时7分51秒'], // S0's wording, no 剩余
    ['卖家还剩4天23小时59分钟处理', '还剩4天23小时59分钟'],
    ['若商家在 剩余 05:12:09 内未处理', '剩余 05:12:09'],
    ['剩余2天10时0分0秒', '剩余2天10时0分0秒'],
  ])('%s → %s', (text, phrase) => expect(findCountdown(text)).toBe(phrase));

  it.each([
    '付款时间 2026年11月20日10时00分', // a date, not a timer
    '七天无理由退换货',
    '付款72小时后方可申请',
    '实付金额 500.00',
    '退款金额500.002天', // digits glued to a number before it
  ])('%s → no timer', (text) => expect(findCountdown(text)).toBeNull());
});
