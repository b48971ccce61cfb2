/**
 * Every fixture page: the exact facts the readers take from it (written out by hand from
 * what the page shows), the page kind, the adapter and the platform.
 */
import { describe, expect, it } from 'vitest';
import { FactsSchema, type Facts } from '../../../core/model/facts';
import { readPage } from '../../../core/pages';
import { REFUND_LIST_ROWS, LABELLED_LIST_URL } from '../../fixtures/pages/generate-refund-list';
import { SAVED_PAGE, loadFixture } from './load';

function read(file: string, url: string) {
  const result = readPage(loadFixture(file, url), url);
  for (const c of result.cases) expect(FactsSchema.safeParse(c.facts).success).toBe(true);
  return result;
}

interface Expected {
  file: string;
  url: string;
  adapter: string;
  platform: 'tmall' | 'taobao';
  kind: 'refund' | 'aftersale' | 'complaint';
  facts: Facts;
}

const DETAIL_PAGES: Expected[] = [
  {
    file: 'refund-detail-tmall.html',
    url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001',
    adapter: 'refund-detail',
    platform: 'tmall',
    kind: 'refund',
    facts: {
      refundId: '202611200001',
      orderId: '3921845507761234',
      buyer: 'tb_小鹿2026',
      reason: '卖家缺货',
      refundAmount: 500,
      paidAmount: 500,
      shippingFee: 0,
      paidAt: '2026-11-19T21:14:05+08:00',
      refundRequestedAt: '2026-11-20T10:02:37+08:00',
      tradeStatus: '买家已付款',
      refundStatus: '等待商家处理',
      platformCountdown: '剩余2天23时7分51秒',
    },
  },
  {
    file: 'refund-detail-tmall-small.html',
    url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200007',
    adapter: 'refund-detail',
    platform: 'tmall',
    kind: 'refund',
    facts: {
      refundId: '202611200007',
      orderId: '3921845507769911',
      buyer: 'jojo_买买买',
      reason: '卖家缺货',
      refundAmount: 10,
      paidAmount: 10,
      shippingFee: 0,
      paidAt: '2026-11-21T08:40:00+08:00',
      refundRequestedAt: '2026-11-21T16:55:12+08:00',
      tradeStatus: '买家已付款',
      refundStatus: '待商家处理',
      platformCountdown: '还剩 1天 3小时',
    },
  },
  {
    file: 'refund-detail-tmall-inline.html',
    url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611180012',
    adapter: 'refund-detail',
    platform: 'tmall',
    kind: 'refund',
    facts: {
      refundId: '202611180012', // full-width digits
      orderId: '3921845507770421',
      buyer: 'cat_lover_88', // zero-width space removed
      reason: '未按约定时间发货',
      refundAmount: 2399, // ￥２，３９９．００
      paidAmount: 2399, // RMB 2,399.00
      shippingFee: 0, // ０．００元
      paidAt: '2026-11-14T20:45:10+08:00', // 2026年11月14日 20:45:10
      refundRequestedAt: '2026-11-18T09:12:00+08:00',
      tradeStatus: '买家已付款', // 买家已付款，等待卖家发货
      refundStatus: '退款中',
      activity: '预售',
      platformCountdown: '剩余 05:12:09',
    },
  },
  {
    file: 'refund-detail-taobao.html',
    url: 'https://refund2.taobao.com/dispute/detail.htm?disputeId=202611210455',
    adapter: 'refund-detail',
    platform: 'taobao',
    kind: 'refund',
    facts: {
      refundId: '202611210455',
      orderId: '2871609934215567',
      buyer: '小石头_abc',
      reason: '不想要了',
      refundAmount: 68,
      paidAmount: 76,
      shippingFee: 8,
      paidAt: '2026-11-19T13:20:00+08:00',
      shippedAt: '2026-11-20T10:05:00+08:00',
      refundRequestedAt: '2026-11-21T22:30:00+08:00',
      tradeStatus: '卖家已发货',
      refundStatus: '等待卖家处理',
      logistics: '快递',
      platformCountdown: '还剩4天23小时59分钟',
    },
  },
  {
    file: 'aftersale-detail-tmall.html',
    url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200088',
    adapter: 'refund-detail',
    platform: 'tmall',
    kind: 'aftersale',
    facts: {
      refundId: '202611200088',
      orderId: '3921845507765500',
      buyer: '晴天的猫',
      reason: '商品质量问题',
      refundAmount: 299,
      paidAmount: 299,
      shippingFee: 0,
      paidAt: '2026-11-08T11:02:45+08:00',
      shippedAt: '2026-11-09T17:30:00+08:00',
      refundRequestedAt: '2026-11-20T11:30:00+08:00',
      tradeSucceededAt: '2026-11-12T16:20:00+08:00',
      tradeStatus: '交易成功',
      refundStatus: '等待商家处理',
      logistics: '快递',
      platformCountdown: '剩余 1天 20时 15分',
    },
  },
  {
    file: 'aftersale-detail-taobao.html',
    url: 'https://refund2.taobao.com/dispute/detail.htm?disputeId=202611170342',
    adapter: 'refund-detail',
    platform: 'taobao',
    kind: 'aftersale',
    facts: {
      refundId: '202611170342',
      orderId: '2871609934219001',
      buyer: 'dd_小满',
      reason: '七天无理由退换货',
      refundAmount: 59.9,
      paidAmount: 59.9,
      shippingFee: 0,
      paidAt: '2026-11-10T19:08:00+08:00',
      refundRequestedAt: '2026-11-17T08:45:30+08:00',
      tradeSucceededAt: '2026-11-15T12:00:00+08:00',
      tradeStatus: '交易成功',
      refundStatus: '退款协议达成,等待买家退货',
      logistics: '快递',
      platformCountdown: '剩余 6天 23小时',
    },
  },
  {
    file: 'complaint-detail-taobao.html',
    url: SAVED_PAGE,
    adapter: 'complaint-detail',
    platform: 'taobao',
    kind: 'complaint',
    facts: {
      orderId: '2871609934211100',
      buyer: '阿福_2014',
      complaintType: '未按约定时间发货',
      paidAmount: 100,
      shippingFee: 5,
      paidAt: '2026-11-16T09:30:00+08:00',
      refundRequestedAt: '2026-11-20T10:15:00+08:00',
      complaintFiledAt: '2026-11-21T09:00:00+08:00',
      tradeClosedAt: '2026-11-20T18:40:00+08:00',
      tradeStatus: '交易关闭',
      refundStatus: '等待卖家处理',
      platformCountdown: '剩余23小时12分',
    },
  },
  {
    file: 'complaint-detail-tmall.html',
    url: SAVED_PAGE,
    adapter: 'complaint-detail',
    platform: 'tmall',
    kind: 'complaint',
    facts: {
      orderId: '3921845507760077',
      buyer: 'tb_橙子不酸',
      complaintType: '违背承诺', // 投诉类型 comes before 投诉原因 in the panel
      paidAmount: 168,
      shippingFee: 0,
      paidAt: '2026-11-10T20:11:09+08:00',
      shippedAt: '2026-11-11T15:40:22+08:00',
      complaintFiledAt: '2026-11-21T14:30:00+08:00',
      tradeSucceededAt: '2026-11-16T09:00:00+08:00',
      tradeStatus: '交易成功',
      refundStatus: '小二已介入,等待卖家举证',
      platformCountdown: '剩余 2天 18时 30分',
      // 营销活动：无 → no activity (not unreadable)
    },
  },
  {
    file: 'refund-detail-noise.html',
    url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611220031',
    adapter: 'refund-detail',
    platform: 'tmall',
    kind: 'refund',
    // Not read: 账户余额/保证金 in the top bar, the ad's 订单金额 ¥99.00, 商品单价 ¥158.00,
    // 猜你喜欢 cards (实付款 ¥99.00, 退款原因, 剩余0天1时2分3秒), the <aside>, the
    // recommend-list block, the <script> text.
    facts: {
      refundId: '202611220031',
      reason: '发不了货',
      refundAmount: 128,
      paidAmount: 128,
      paidAt: '2026-11-21T10:20:30+08:00',
      refundRequestedAt: '2026-11-22T09:00:00+08:00',
      tradeStatus: '买家已付款',
      platformCountdown: '剩余1天5时40分12秒',
    },
  },
  {
    file: 'refund-detail-pending-amount.html',
    url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611220077',
    adapter: 'refund-detail',
    platform: 'tmall',
    kind: 'refund',
    facts: {
      refundId: '202611220077',
      orderId: '3921845507769000',
      buyer: 'tb_等等看',
      reason: '卖家缺货',
      paidAt: '2026-11-21T19:00:00+08:00',
      refundRequestedAt: '2026-11-22T08:00:00+08:00',
      tradeStatus: '买家已付款',
      platformCountdown: '剩余2天10时0分0秒',
      unreadable: ['refundAmount', 'paidAmount'], // 待定
    },
  },
  {
    file: 'refund-detail-broken.html',
    url: 'https://refund2.taobao.com/dispute/detail.htm?disputeId=202611220101',
    adapter: 'refund-detail',
    platform: 'taobao',
    kind: 'refund',
    // 实付金额 <dd></dd>; 付款时间 with no <dd>; 申请时间 --; 订单状态 处理中 (no trade state);
    // 运费 到付; values with no label (2026-11-19 08:00:00, ¥88.00) are not used;
    // the file ends inside the buyer cell (truncated HTML).
    facts: {
      refundId: '202611220101',
      buyer: 'tb_半截',
      reason: '卖家缺货',
      refundAmount: 88,
      unreadable: ['paidAmount', 'shippingFee', 'paidAt', 'refundRequestedAt', 'tradeStatus'],
    },
  },
];

describe('fixture detail pages: exact facts', () => {
  for (const page of DETAIL_PAGES) {
    it(`${page.file} → ${page.adapter} (${page.platform}, ${page.kind})`, () => {
      const result = read(page.file, page.url);
      expect(result.errors).toEqual([]);
      expect(result.cases).toHaveLength(1);
      const [c] = result.cases;
      expect(c!.adapter).toBe(page.adapter);
      expect(c!.platform).toBe(page.platform);
      expect(c!.kind).toBe(page.kind);
      expect(c!.index).toBe(0);
      expect(c!.facts).toEqual(page.facts);
      expect(c!.unreadable).toEqual(page.facts.unreadable ?? []);
    });
  }
});

describe('hostile text is read as plain text', () => {
  const url = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611220666';
  it('refund-detail-hostile.html: markup stays text, invisible marks are stripped, long strings survive whole', () => {
    const doc = loadFixture('refund-detail-hostile.html', url);
    const result = read('refund-detail-hostile.html', url);
    expect(result.cases).toHaveLength(1);
    const { facts } = result.cases[0]!;
    const { activity, ...rest } = facts;
    expect(rest).toEqual({
      refundId: '202611220666', // 2026 1122 0666 joined by zero-width spaces
      buyer: 'tb_evil<script>alert(1)</script>', // RTL override removed; the tag is text
      reason: '<img src=x onerror=alert(document.cookie)>卖家缺货',
      refundAmount: 199, // label 退款金额 with a zero-width space inside; value with an RLM
      paidAmount: 199, // BOM + full-width digits + ZWJ
      paidAt: '2026-11-21T10:00:00+08:00', // LRM inside the time
      refundRequestedAt: '2026-11-22T10:00:00+08:00',
      tradeStatus: '买家已付款',
      platformCountdown: '剩余2天23时7分51秒',
    });
    expect(activity).toHaveLength(10_000);
    expect(activity!.startsWith('聚划算啊啊')).toBe(true);
    // <template>, <script> and <noscript> content (实付金额 0.01 / 0.02 / 0.03) is not read, and
    // reading created no element from the page's text.
    expect(doc.querySelectorAll('img').length).toBe(0);
    readPage(doc, url);
    expect(doc.querySelectorAll('img').length).toBe(0);
    expect(doc.querySelectorAll('script').length).toBe(1);
  });
});

describe('fixture list pages: one case per row, values by column', () => {
  it('refund-list-rows.html: 60 rows, split header/body tables, noise ignored', () => {
    const result = read('refund-list-rows.html', LABELLED_LIST_URL);
    expect(result.errors).toEqual([]);
    expect(result.cases).toHaveLength(60);
    result.cases.forEach((c, i) => {
      const row = REFUND_LIST_ROWS[i]!;
      const unreadable = [
        ...(row.refundFen === null ? ['refundAmount'] : []),
        ...(row.paidFen === null ? ['paidAmount'] : []),
      ];
      const expected: Record<string, unknown> = {
        refundId: row.refundId,
        orderId: row.orderId,
        buyer: row.buyer,
        reason: row.reason,
        ...(row.refundFen === null ? {} : { refundAmount: row.refundFen / 100 }),
        ...(row.paidFen === null ? {} : { paidAmount: row.paidFen / 100 }),
        paidAt: row.paidAt,
        refundRequestedAt: row.refundRequestedAt,
        tradeStatus: row.tradeStatus,
        refundStatus: row.refundStatus,
        platformCountdown: row.countdown,
        ...(unreadable.length ? { unreadable } : {}),
      };
      expect({ i, ...c.facts }).toEqual({ i, ...expected });
      expect(c).toMatchObject({ kind: 'refund', adapter: 'refund-list', platform: 'tmall', index: i });
    });
  });

  it("refund-list-rows.html: the seeds' amounts in the first rows, written out", () => {
    const [first, second, third] = read('refund-list-rows.html', LABELLED_LIST_URL).cases;
    expect(first!.facts).toEqual({
      refundId: '202611200100',
      orderId: '3921845507700000',
      buyer: 'tb_小鹿100',
      reason: '卖家缺货',
      refundAmount: 500,
      paidAmount: 500,
      paidAt: '2026-11-20T04:00:00+08:00',
      refundRequestedAt: '2026-11-20T10:00:00+08:00',
      tradeStatus: '买家已付款',
      refundStatus: '等待商家处理',
      platformCountdown: '剩余3天0时0分0秒',
    });
    expect(second!.facts).toMatchObject({
      reason: '未按约定时间发货',
      refundAmount: 10,
      paidAmount: 10,
      refundRequestedAt: '2026-11-20T09:06:00+08:00',
    });
    expect(third!.facts).toMatchObject({
      reason: '卖家缺货',
      refundAmount: 2399,
      paidAmount: 2399,
      refundRequestedAt: '2026-11-20T08:13:58+08:00',
    });
  });

  it('refund-list-taobao.html: role=grid rows, inline 订单信息 cells, an after-sale row, unreadable cells', () => {
    const result = read(
      'refund-list-taobao.html',
      'https://refund2.taobao.com/dispute/sellerDisputeList.htm',
    );
    expect(result.errors).toEqual([]);
    expect(result.cases.map((c) => [c.kind, c.adapter, c.platform, c.index])).toEqual([
      ['refund', 'refund-list', 'taobao', 0],
      ['refund', 'refund-list', 'taobao', 1],
      ['aftersale', 'refund-list', 'taobao', 2],
      ['refund', 'refund-list', 'taobao', 3],
      ['refund', 'refund-list', 'taobao', 4],
      ['refund', 'refund-list', 'taobao', 5],
    ]);
    expect(result.cases.map((c) => c.facts)).toEqual([
      {
        refundId: '202611210455',
        orderId: '2871609934215567',
        buyer: '小石头_abc',
        reason: '不想要了',
        refundAmount: 68,
        paidAmount: 76,
        refundRequestedAt: '2026-11-21T22:30:00+08:00',
        tradeStatus: '卖家已发货',
        refundStatus: '等待卖家处理',
        platformCountdown: '还剩4天23小时59分钟',
      },
      {
        refundId: '202611210460',
        orderId: '2871609934215600',
        buyer: 'tb_风铃',
        reason: '卖家缺货',
        refundAmount: 500,
        paidAmount: 500,
        refundRequestedAt: '2026-11-21T09:00:00+08:00',
        tradeStatus: '买家已付款',
        refundStatus: '等待卖家处理',
        platformCountdown: '还剩4天10小时29分钟',
      },
      {
        refundId: '202611200388',
        orderId: '2871609934210001',
        buyer: 'dd_小满',
        reason: '七天无理由退换货',
        refundAmount: 59.9,
        paidAmount: 59.9,
        refundRequestedAt: '2026-11-17T08:45:30+08:00',
        tradeStatus: '交易成功',
        refundStatus: '退款协议达成,等待买家退货',
      },
      {
        refundId: '202611200390',
        orderId: '2871609934210002',
        reason: '未按约定时间发货',
        refundAmount: 2399,
        refundRequestedAt: '2026-11-20T20:15:00+08:00',
        tradeStatus: '买家已付款',
        refundStatus: '等待卖家处理',
        unreadable: ['buyer', 'paidAmount'], // 买家： (empty) and 订单金额 --
      },
      {
        refundId: '202611190021',
        orderId: '2871609934209876',
        buyer: '米粒妈妈',
        reason: '拍错了/订单信息错误',
        refundAmount: 10,
        paidAmount: 10,
        refundRequestedAt: '2026-11-19T23:59:59+08:00',
        tradeStatus: '买家已付款',
        refundStatus: '退款成功',
      },
      {
        refundId: '202611180007',
        orderId: '2871609934208888',
        buyer: '老王_1988',
        reason: '商品质量问题',
        refundAmount: 35.5,
        paidAmount: 128,
        refundRequestedAt: '2026-11-18T14:02:11+08:00',
        tradeStatus: '卖家已发货',
        refundStatus: '等待卖家处理',
        platformCountdown: '还剩 1天 3小时',
      },
    ]);
  });

  it('complaint-list-tmall.html: table rows; the 为你推荐 table below is not a list', () => {
    const result = read(
      'complaint-list-tmall.html',
      'https://rights.taobao.com/complaint/sellerList.htm?page=2',
    );
    expect(result.errors).toEqual([]);
    expect(
      result.cases.every(
        (c) => c.kind === 'complaint' && c.adapter === 'complaint-list' && c.platform === 'tmall',
      ),
    ).toBe(true);
    expect(result.cases.map((c) => c.facts)).toEqual([
      {
        orderId: '3921845507760077',
        buyer: 'tb_橙子不酸',
        complaintType: '违背承诺',
        paidAmount: 168,
        complaintFiledAt: '2026-11-21T14:30:00+08:00',
        refundStatus: '小二已介入,等待卖家举证',
        platformCountdown: '剩余 2天 18时 30分',
      },
      {
        orderId: '3921845507761234',
        buyer: 'tb_小鹿2026',
        complaintType: '未按约定时间发货',
        paidAmount: 500,
        complaintFiledAt: '2026-11-20T16:12:09+08:00',
        refundStatus: '等待卖家处理',
        platformCountdown: '剩余 05:12:09',
      },
      {
        orderId: '3921845507760555',
        buyer: '晴天的猫',
        complaintType: '描述不符',
        paidAmount: 2399,
        complaintFiledAt: '2026-11-19T10:00:00+08:00',
        refundStatus: '投诉完结',
      },
      {
        orderId: '3921845507760808',
        buyer: 'jojo_买买买',
        complaintType: '未按约定时间发货',
        paidAmount: 10,
        complaintFiledAt: '2026-11-18T08:00:00+08:00',
        refundStatus: '卖家已处理,等待买家确认',
      },
    ]);
  });

  it('complaint-list-taobao.html: role=table rows, S1 100-yuan order with 5 yuan shipping, an unreadable amount', () => {
    const result = read('complaint-list-taobao.html', 'https://rights.taobao.com/complaint/sellerList.htm');
    expect(result.errors).toEqual([]);
    expect(result.cases.map((c) => [c.kind, c.adapter, c.platform, c.index])).toEqual([
      ['complaint', 'complaint-list', 'taobao', 0],
      ['complaint', 'complaint-list', 'taobao', 1],
      ['complaint', 'complaint-list', 'taobao', 2],
    ]);
    expect(result.cases.map((c) => c.facts)).toEqual([
      {
        orderId: '2871609934211100',
        buyer: '阿福_2014',
        complaintType: '未按约定时间发货',
        paidAmount: 100,
        shippingFee: 5,
        paidAt: '2026-11-16T09:30:00+08:00',
        complaintFiledAt: '2026-11-21T09:00:00+08:00',
        tradeStatus: '交易关闭',
        refundStatus: '等待卖家处理',
        platformCountdown: '剩余23小时12分',
      },
      {
        orderId: '2871609934211200',
        buyer: 'tb_风铃',
        complaintType: '违背承诺',
        paidAmount: 45,
        shippingFee: 0, // 包邮
        paidAt: '2026-11-12T20:00:00+08:00',
        complaintFiledAt: '2026-11-20T21:45:00+08:00',
        tradeStatus: '交易成功',
        refundStatus: '等待买家确认',
      },
      {
        orderId: '2871609934211300',
        buyer: '小石头_abc',
        complaintType: '描述不符',
        shippingFee: 0,
        paidAt: '2026-11-10T10:10:10+08:00',
        complaintFiledAt: '2026-11-19T09:15:00+08:00',
        tradeStatus: '交易成功',
        refundStatus: '淘宝介入处理',
        unreadable: ['paidAmount'], // 待定
      },
    ]);
    expect(result.cases[2]!.unreadable).toEqual(['paidAmount']);
  });
});
