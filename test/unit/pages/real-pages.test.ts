/**
 * Pages in the shapes of the real back-office (test/fixtures/pages/README.md): the 千牛
 * workbench's Fusion list and detail route, the old refund2 list and detail. Exact facts per
 * case, in page order, written out from what each page shows; a column title is never read
 * as a value, buyer text never sets a countdown, and the workbench's platform is never
 * guessed from its host.
 */
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../../core/model/facts';
import { readPage, readPageWithAnchors } from '../../../core/pages';
import { REFUND_LIST_ROWS, REFUND_LIST_URL } from '../../fixtures/pages/generate-refund-list';
import { loadFixture, parseHtml } from './load';

const QN_LIST = 'https://qn.taobao.com/home.htm/trade-platform/refund-list';
const TITLES = [
  '宝贝',
  '商品信息',
  '数量',
  '退款金额',
  '退款总额',
  '申请时间',
  '退款原因',
  '退货物流',
  '退款状态',
  '售后状态',
  '操作',
  '实付款',
];

function facts(file: string, url: string, opts = {}) {
  const r = readPage(loadFixture(file, url), url, opts);
  return { ...r, facts: r.cases.map((c) => c.facts) };
}

/** No fact value anywhere is a column title. */
function noTitleValues(all: readonly Facts[]): void {
  for (const f of all) for (const v of Object.values(f)) expect(TITLES).not.toContain(v);
}

describe('workbench list (Fusion: header table, one table per case)', () => {
  it('refund-list-tmall.html: 60 cases in page order, ids from the group-header line, values by column position', () => {
    const { cases } = facts('refund-list-tmall.html', REFUND_LIST_URL);
    expect(cases).toHaveLength(60);
    cases.forEach((c, i) => {
      const row = REFUND_LIST_ROWS[i]!;
      expect(c.adapter).toBe('refund-list');
      expect(c.platform, 'the 天猫商家 mark outside the cases').toBe('tmall');
      const want: Facts = {
        refundId: row.refundId,
        orderId: row.orderId,
        reason: row.reason,
        ...(row.refundFen === null ? {} : { refundAmount: row.refundFen / 100 }),
        ...(row.paidFen === null ? {} : { paidAmount: row.paidFen / 100 }),
        paidAt: i % 3 === 1 ? row.paidAt.replace(/:\d{2}\+08:00$/, ':00+08:00') : row.paidAt,
        refundRequestedAt: row.refundRequestedAt,
        tradeStatus: row.tradeStatus,
        refundStatus: '退款待处理',
        platformCountdown: row.workbenchCountdown,
      };
      const unreadable = [
        ...(row.refundFen === null ? ['refundAmount'] : []),
        ...(row.paidFen === null ? ['paidAmount'] : []),
      ];
      expect(c.facts, `case ${i}`).toEqual(unreadable.length ? { ...want, unreadable } : want);
    });
    noTitleValues(cases.map((c) => c.facts));
  });

  it('the statistics strip, chip, batch buttons, sort and pagination are no case; the nick is not read as a fact', () => {
    const { cases } = facts('refund-list-tmall.html', REFUND_LIST_URL);
    expect(cases.every((c) => c.facts.buyer === undefined)).toBe(true);
    expect(cases.map((c) => c.facts.refundId)).toEqual(REFUND_LIST_ROWS.map((r) => r.refundId));
  });

  it('each case is anchored in its own value row (the badge goes there)', () => {
    const doc = loadFixture('refund-list-tmall.html', REFUND_LIST_URL);
    const { cases } = readPageWithAnchors(doc, REFUND_LIST_URL);
    expect(new Set(cases.map((c) => c.anchor)).size).toBe(60);
    for (const c of cases)
      expect(c.anchor.closest('table.next-table-row')?.getAttribute('data-row-key')).toBe(c.facts.refundId);
  });

  it('workbench-list-qn.html before its data call: a list with no case yet is empty, not unreadable', () => {
    const r = facts('workbench-list-qn.html', QN_LIST);
    expect(r.cases).toEqual([]);
    expect(r.empty).toBe(true);
  });

  it('workbench-list-qn.html after its rows arrive: no shop-type mark → no verdict until the agent says 天猫 or 淘宝', () => {
    const doc = loadFixture('workbench-list-qn.html', QN_LIST);
    const script = doc.querySelector('script')!.textContent;
    const cases = JSON.parse(/var CASES = (\[.*\]);/.exec(script)![1]!) as Array<{
      oid: string;
      rid: string;
      nick: string;
      cells: string[];
    }>;
    doc.getElementById('body')!.innerHTML = cases
      .map(
        (c) =>
          `<table class="next-table-row" role="row"><tbody><tr class="next-table-group-header"><td colspan="6"><div><a>订单号：${c.oid}</a> <span>退款编号：${c.rid}</span> <span>${c.nick}</span></div></td></tr><tr>${c.cells.map((v) => `<td role="gridcell"><div>${v}</div></td>`).join('')}</tr></tbody></table>`,
      )
      .join('');
    const unknown = readPage(doc, QN_LIST);
    expect(unknown.cases).toEqual([]);
    expect(unknown.platformUnknown).toEqual({ cases: 3 });
    const { cases: read } = readPage(doc, QN_LIST, { fallbackPlatform: 'taobao' });
    expect(
      read.map((c) => [
        c.platform,
        c.facts.refundId,
        c.facts.reason,
        c.facts.refundAmount,
        c.facts.refundStatus,
        c.facts.platformCountdown,
      ]),
    ).toEqual([
      ['taobao', '202611220801', '未按约定时间发货', 168, '待商家处理', '还剩 2天 23时 10分'],
      ['taobao', '202611220802', '多拍/拍错/不想要', 59, '待商家处理', '还剩 2天 21时 43分'],
      ['taobao', '202611220803', '商品质量问题', 299, '买家退货 已签收', '还剩 4天 11时 25分'],
    ]);
    // the nick `剩余0天0时59分` sits in the group-header line: it is never a countdown
    expect(read[1]!.facts.platformCountdown).not.toContain('59分');
    noTitleValues(read.map((c) => c.facts));
  });

  // Found by the corpus drill's workbench layout: a body of as many case tables as there are
  // titles looked like one row of values (its cells: the case tables); 0 of 2 ids per case read.
  it('as many cases as columns: each case table is still a case (the body is no row of values)', () => {
    const titles = ['宝贝', '退款金额', '申请时间', '退款原因', '退款状态', '操作'];
    const body = titles
      .map(
        (_, i) =>
          `<table class="next-table-row" role="row"><tbody><tr class="next-table-group-header"><td colspan="6"><div><a>订单号：39218455077600${i}0</a> <span>退款编号：20261122080${i}</span> <span>剩余29天23时59分</span></div></td></tr><tr><td role="gridcell"><div>毛线帽</div></td><td role="gridcell"><div>¥${i + 1}0.00</div></td><td role="gridcell"><div>2026-11-22 09:15:4${i}</div></td><td role="gridcell"><div>拍错了</div></td><td role="gridcell"><div><span>待商家处理</span><br><span>还剩 2天 1${i}时 10分</span></div></td><td role="gridcell"><div><a>查看详情</a></div></td></tr></tbody></table>`,
      )
      .join('');
    const html = `<div class="next-table"><div class="next-table-header"><table><thead><tr>${titles.map((t) => `<th><div>${t}</div></th>`).join('')}</tr></thead></table></div><div class="next-table-body">${body}</div></div>`;
    const { cases } = readPage(parseHtml(html, QN_LIST), QN_LIST, { fallbackPlatform: 'taobao' });
    expect(
      cases.map((c) => [c.facts.refundId, c.facts.orderId, c.facts.refundAmount, c.facts.platformCountdown]),
    ).toEqual(
      titles.map((_, i) => [`20261122080${i}`, `39218455077600${i}0`, (i + 1) * 10, `还剩 2天 1${i}时 10分`]),
    );
  });

  it('a 天猫 inside a case (an item title, a nick) is no shop-type signal', () => {
    const html = `<div class="next-table"><table><thead><tr><th>宝贝</th><th>退款金额</th><th>退款原因</th><th>申请时间</th></tr></thead></table>
<div><table role="row"><tbody><tr><td colspan="4"><span>退款编号：2026112299</span> <span>天猫超市粉丝</span></td></tr><tr><td>天猫同款杯子</td><td>¥10.00</td><td>拍错了</td><td>2026-11-22 10:00:00</td></tr></tbody></table></div></div>`;
    expect(readPage(parseHtml(html, QN_LIST), QN_LIST).platformUnknown).toEqual({ cases: 1 });
  });
});

describe('workbench detail route (label + span items, ASCII colons)', () => {
  it('workbench-detail-tmall.html: 要求, ids, the seeds’ 卖家缺货 on 500.00, the countdown without seconds; 猜你喜欢 is noise', () => {
    const url =
      'https://myseller.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611200001&type=1';
    const { cases } = facts('workbench-detail-tmall.html', url);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.platform).toBe('tmall');
    expect(cases[0]!.facts).toEqual({
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
      refundStatus: '请处理买家的退款申请',
      refundType: '仅退款',
      platformCountdown: '还剩 2天 23时 07分',
    });
  });

  it('workbench-detail-qn.html: 退货退款 with a countdown that has no day part; no shop-type mark → the agent decides', () => {
    const url =
      'https://qn.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611210455&type=3&spm=a1z0k.1';
    expect(facts('workbench-detail-qn.html', url).platformUnknown).toEqual({ cases: 1 });
    const { cases } = facts('workbench-detail-qn.html', url, { fallbackPlatform: 'tmall' });
    expect(cases[0]!.facts).toEqual({
      refundId: '202611210455',
      orderId: '3921845507760455',
      reason: '商品质量问题',
      refundAmount: 89,
      paidAmount: 89,
      paidAt: '2026-11-15T20:01:12+08:00',
      shippedAt: '2026-11-16T10:30:00+08:00',
      refundRequestedAt: '2026-11-21T09:40:00+08:00',
      tradeStatus: '卖家已发货',
      refundStatus: '买家已退货',
      refundType: '退货退款',
      platformCountdown: '还剩 20时 15分',
    });
  });
});

describe('old refund2 list (per-case blocks, span + em header, unlabelled columns)', () => {
  it('refund2-list-tmall.html: 3 cases in page order; 退款(售后) makes an after-sale; 退货物流 is never the reason', () => {
    const { cases } = facts(
      'refund2-list-tmall.html',
      'https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1',
    );
    expect(cases.map((c) => [c.kind, c.platform, c.facts])).toEqual([
      [
        'refund',
        'tmall',
        {
          refundId: '202611190301',
          orderId: '3921845507763301',
          reason: '拍错了/多拍',
          refundAmount: 128,
          refundRequestedAt: '2026-11-19T16:20:00+08:00',
          refundStatus: '退款待处理',
        },
      ],
      [
        'aftersale',
        'tmall',
        {
          refundId: '202611190302',
          orderId: '3921845507763302',
          reason: '商品质量问题',
          refundAmount: 356,
          refundRequestedAt: '2026-11-18T09:05:33+08:00',
          refundStatus: '买家已退货,待商家收货',
        },
      ],
      [
        'refund',
        'tmall',
        {
          refundId: '202611190303',
          orderId: '3921845507763303',
          reason: '卖家缺货',
          refundAmount: 79.9,
          refundRequestedAt: '2026-11-20T11:45:10+08:00',
          refundStatus: '退款待处理',
        },
      ],
    ]);
    noTitleValues(cases.map((c) => c.facts));
  });

  it('refund2-list-taobao.html: another column order is read by its titles; a countdown-like nick is no countdown', () => {
    const { cases } = facts(
      'refund2-list-taobao.html',
      'https://refund2.taobao.com/dispute/sellerDisputeList.htm?type=1&showFrame=false',
    );
    expect(
      cases.map((c) => [
        c.platform,
        c.facts.refundId,
        c.facts.reason,
        c.facts.refundAmount,
        c.facts.refundRequestedAt,
        c.facts.platformCountdown ?? null,
      ]),
    ).toEqual([
      ['taobao', '202611210501', '不想要了', 19.9, '2026-11-21T08:12:00+08:00', null],
      ['taobao', '202611210502', '未按约定时间发货', 45, '2026-11-20T22:40:00+08:00', null],
    ]);
  });

  it('a value under no known title stays unread (never guessed from its look), and the title row is no case', () => {
    const html = `<ul><li>宝贝</li><li>？？</li><li>退款金额</li><li>退款原因</li></ul><div id="b">
<div id="sellerGridContainer_1"><ul><li><span>退款编号</span><em>2026112201</em></li></ul><div><div>杯子</div><div>2026-11-22 10:00:00</div><div>¥10.00</div><div>拍错了</div></div></div>
<div id="sellerGridContainer_2"><ul><li><span>退款编号</span><em>2026112202</em></li></ul><div><div>碗</div><div>2026-11-22 11:00:00</div><div>¥12.00</div><div>不想要了</div></div></div></div>`;
    const url = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm';
    const { cases } = readPage(parseHtml(html, url), url);
    expect(cases.map((c) => c.facts)).toEqual([
      { refundId: '2026112201', reason: '拍错了', refundAmount: 10 },
      { refundId: '2026112202', reason: '不想要了', refundAmount: 12 },
    ]);
  });
});

describe('old refund2 detail (原因, 成交时间, event sentences)', () => {
  it('refund2-detail-tmall.html: 原因 is the reason, 成交时间 is not the payment time, the request time comes from the event sentence', () => {
    const { cases } = facts(
      'refund2-detail-tmall.html',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611190301',
    );
    expect(cases).toHaveLength(1);
    expect(cases[0]!.facts).toEqual({
      refundId: '202611190301',
      orderId: '3921845507763301',
      buyer: 't**7',
      reason: '卖家缺货',
      refundAmount: 128,
      refundRequestedAt: '2026-11-19T16:20:00+08:00',
      platformCountdown: '02天23时59分',
    });
  });

  it('refund2-detail-taobao.html: opened by order id; the countdown split over spans; the state from its sentence', () => {
    const { cases } = facts(
      'refund2-detail-taobao.html',
      'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3921845507769901&disputeType=1',
    );
    expect(cases.map((c) => [c.platform, c.facts])).toEqual([
      [
        'taobao',
        {
          refundId: '202611170611',
          orderId: '3921845507769901',
          buyer: 'tb_晴天88',
          reason: '七天无理由退换货',
          refundAmount: 59.9,
          refundRequestedAt: '2026-11-17T09:30:00+08:00',
          refundStatus: '买家已退货',
          platformCountdown: '06天12时30分',
        },
      ],
    ]);
  });

  it('refund2-detail-tmall-return.html: a return; its embedded disputeData names another carrier (marked, see dispute-data.test.tsx)', () => {
    const { cases } = facts(
      'refund2-detail-tmall-return.html',
      'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611160522',
    );
    expect(cases.map((c) => [c.platform, c.facts, c.secondSource])).toEqual([
      [
        'tmall',
        {
          refundId: '202611160522',
          orderId: '3921845507765522',
          buyer: 'm**9',
          reason: '七天无理由退换货',
          refundAmount: 89,
          refundRequestedAt: '2026-11-16T11:05:00+08:00',
          refundStatus: '买家已退货',
          platformCountdown: '05天08时10分',
        },
        [{ field: 'returnCarrier', page: '中通快递', script: '韵达快递' }],
      ],
    ]);
  });

  it('two different request times in event sentences make the request time unreadable', () => {
    const html = `<div><span>原因：</span><span>卖家缺货</span><span>退款编号：</span><span>2026112203</span><ul><li>a于2026-11-19 16:20:00创建了退款申请</li><li>b于2026-11-20 09:00:00创建了退款申请</li></ul></div>`;
    const url = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=2026112203';
    const [c] = readPage(parseHtml(html, url), url).cases;
    expect(c!.facts.refundRequestedAt).toBeUndefined();
    expect(c!.unreadable).toContain('refundRequestedAt');
  });
});
