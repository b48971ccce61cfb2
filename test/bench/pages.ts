/**
 * Generated back-office pages for the page-cost benchmarks (seeded, so every run reads the
 * same page): a 退款管理 list page with N rows — a header row of labels and one case per
 * body row, values found by column (panel-fields.md "list pages") — and a refund detail
 * page whose reason the latency benchmark changes.
 */
import { prng } from '../helpers/prng';

/** The label-layout list (one labelled row per case) is read at the old refund2 list URL: its host says 天猫. */
export const LIST_URL = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1';
export const DETAIL_URL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=';

const REASONS = [
  '卖家缺货',
  '未按约定时间发货',
  '不想买了',
  '拍错了',
  '七天无理由退换货',
  '商品质量问题',
  '发不了货',
  '描述不符',
];
const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-20 10:00:00` in Beijing time for an epoch ms. */
function wall(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

interface RowData {
  refundId: string;
  orderId: string;
  buyer: string;
  reason: string;
  paid: string;
  refund: string;
  requestedAt: string;
  paidAt: string;
  countdown: string;
}

/** Row i of a list generated at `nowMs` (requests from 0 to 70 h ago, seconds spread). */
export function rowData(i: number, nowMs: number, r: () => number): RowData {
  const fen = 100 + Math.floor(r() * 300_000);
  const ageS = Math.floor(r() * 70 * 3600);
  const requested = nowMs - ageS * 1000;
  const left = Math.max(60, 72 * 3600 - ageS - Math.floor(r() * 3600));
  const d = Math.floor(left / 86400);
  const h = Math.floor((left % 86400) / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  return {
    refundId: String(3_100_000_000_000 + i),
    orderId: String(4_200_000_000_000 + i * 13),
    buyer: `tb_buyer_${(i * 7919) % 100000}`,
    reason: REASONS[Math.floor(r() * REASONS.length)]!,
    paid: (fen / 100).toFixed(2),
    refund: (fen / 100).toFixed(2),
    requestedAt: wall(requested),
    paidAt: wall(requested - Math.floor(r() * 48 * 3600) * 1000),
    countdown: `剩余${d}天${h}时${m}分${s}秒`,
  };
}

export function rowHtml(x: RowData): string {
  return (
    `<tr class="r-x7Fq"><td><span class="c1">${x.refundId}</span></td><td>${x.orderId}</td><td>${esc(x.buyer)}</td>` +
    `<td><em>${esc(x.reason)}</em></td><td>¥${x.paid}</td><td>¥${x.refund}</td><td>${x.requestedAt}</td><td>${x.paidAt}</td>` +
    `<td>买家已付款</td><td>等待商家处理</td><td><span class="t-9a">${x.countdown}</span></td><td><a href="#r${x.refundId}">查看详情</a></td></tr>`
  );
}

const LIST_HEADERS = [
  '退款编号',
  '订单编号',
  '买家',
  '退款原因',
  '实付金额',
  '退款金额',
  '申请时间',
  '付款时间',
  '订单状态',
  '退款状态',
  '剩余时间',
  '操作',
];

export function listPage(rows: number, nowMs: number, seed = 7): string {
  const r = prng(seed);
  const body: string[] = [];
  for (let i = 0; i < rows; i++) body.push(rowHtml(rowData(i, nowMs, r)));
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>退款管理 - 卖家中心</title>
<style>body{font:12px/1.5 sans-serif;margin:0}.hd{height:56px;background:#ff5000;color:#fff;padding:0 24px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #eee;padding:6px 8px;text-align:left}</style></head>
<body><div class="hd"><h1>卖家中心 · 退款管理</h1></div>
<div class="filters"><label>退款状态</label><select><option>全部</option><option>等待商家处理</option></select> <button>搜索</button></div>
<div class="list-wrap"><table class="refund-list" id="refund-list"><thead><tr>${LIST_HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
<tbody>${body.join('\n')}</tbody></table></div>
<div class="pager">共 ${rows} 条</div></body></html>`;
}

export function detailPage(refundId: string, reason: string, nowMs: number): string {
  const requested = nowMs - 5 * 3600_000;
  const rows: Array<[string, string]> = [
    ['退款编号', refundId],
    ['订单编号', '4200000009999'],
    ['买家', 'tb_buyer_bench'],
    ['退款原因', reason],
    ['退款金额', '¥500.00'],
    ['实付金额', '¥500.00'],
    ['付款时间', wall(requested - 26 * 3600_000)],
    ['申请时间', wall(requested)],
    ['订单状态', '买家已付款'],
    ['退款状态', '等待商家处理'],
  ];
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>退款详情</title></head>
<body><div class="panel" id="refund-panel"><h2>退款详情</h2><table>${rows
    .map(
      ([k, v]) => `<tr><th>${k}</th><td${k === '退款原因' ? ' id="bench-reason"' : ''}>${esc(v)}</td></tr>`,
    )
    .join('')}</table><p class="timer">剩余2天19时0分0秒</p></div></body></html>`;
}

// ---- The 千牛 workbench list (Fusion: a header table, one table per case) -----------------

export const WORKBENCH_URL = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
const WB_TITLES = ['宝贝', '退款金额', '实付款', '申请时间', '退款原因', '交易状态', '售后状态', '操作'];

/** One case as its own `table.next-table-row`: the group-header line (inline ids, nick), then unlabelled value cells. */
function workbenchCase(x: RowData, i: number): string {
  const left = /剩余(\d+)天(\d+)时(\d+)分/.exec(x.countdown)!;
  const cells = [
    `<div class="goods_4f1a"><a class="title_9d2e" href="javascript:;">针织开衫 ${i + 1}</a></div>`,
    `¥${x.refund}`,
    `¥${x.paid}`,
    x.requestedAt,
    `<span class="reason_3b7">${esc(x.reason)}</span>`,
    '买家已付款',
    `<div class="status_5e0"><font color="#f60">退款待处理</font><div class="timer_8aa">还剩 ${left[1]}天 ${left[2]}时 ${left[3]}分</div></div>`,
    `<a class="op_2d" href="javascript:;">查看详情</a>`,
  ]
    .map(
      (c, col) =>
        `<td class="next-table-cell" role="gridcell"><div class="next-table-cell-wrapper" data-next-table-col="${col}" data-next-table-row="${i}">${c}</div></td>`,
    )
    .join('');
  const header =
    `<a class="order_6c" href="javascript:;">订单号：${x.orderId}</a><span class="refund-no_2a">退款编号：${x.refundId}</span>` +
    `<span class="nick_b1">${esc(x.buyer)}</span><span class="time_0e">付款时间：${x.paidAt}</span>`;
  return (
    `<table class="next-table-row" role="row" data-row-key="${x.refundId}"><tbody>` +
    `<tr class="next-table-group-header"><td colspan="${WB_TITLES.length}"><div class="next-table-cell-wrapper">${header}</div></td></tr>` +
    `<tr>${cells}</tr></tbody></table>`
  );
}

/** `rows` cases starting at id offset `first` (a page change brings other ids). */
export function workbenchRows(rows: number, nowMs: number, first = 0, seed = 11): string {
  const r = prng(seed + first);
  const out: string[] = [];
  for (let i = 0; i < rows; i++) out.push(workbenchCase(rowData(first + i, nowMs, r), i));
  return out.join('\n');
}

/** The workbench list page with an empty body (`#wb-body`): the bench inserts the rows, as the app does after its data call. */
export function workbenchShell(): string {
  const th = WB_TITLES.map(
    (h) =>
      `<th class="next-table-header-node" role="columnheader"><div class="next-table-cell-wrapper">${h}</div></th>`,
  ).join('');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>退款管理 - 千牛工作台</title>
<style>body{margin:0;font:12px/1.5 sans-serif}.next-table table{width:100%;border-collapse:collapse;table-layout:fixed}.next-table td,.next-table th{border-bottom:1px solid #eee;padding:6px 8px;text-align:left}</style></head>
<body><div class="qn-top_7a1c"><span class="shop-name_2b">春日针织旗舰店</span> <span class="shop-type_9f">天猫商家</span> · 千牛工作台</div>
<div id="wb-app"><div class="refund-list_stat__Q2x"><span>退款待处理</span><b>100</b></div>
<div class="next-table next-table-group"><div class="next-table-header"><table><thead><tr>${th}</tr></thead></table></div>
<div class="next-table-body" id="wb-body"></div></div>
<div class="next-pagination"><button type="button">下一页</button></div></div></body></html>`;
}

/** The detail route's content (workbench detail shape) for refund `refundId`. */
export function workbenchDetail(refundId: string, nowMs: number): string {
  const requested = nowMs - 5 * 3600_000;
  const item = (label: string, value: string) =>
    `<div class="refundinfo_refund-refundinfo-item__Hs0m3"><label>${label}:</label><span>${esc(value)}</span></div>`;
  return (
    `<div class="refund-detail_wrap__a81Kx"><div class="refundstatus_refund-status__Zt6q1"><h3>请处理买家的退款申请</h3><p class="refundstatus_timer__L2mQe">还剩 2天 19时 00分</p><p>逾期未处理，系统将自动同意退款</p></div>` +
    `<div class="refundinfo_refund-refundinfo__Ue2d8">${item('要求', '仅退款')}${item('退款编号', refundId)}${item('退款原因', '卖家缺货')}${item('退款金额', '¥500.00')}${item('申请时间', wall(requested))}</div>` +
    `<div class="dealinfo_refund-dealinfo__3mRr0">${item('订单编号', '4200000009999')}${item('实付款', '¥500.00')}${item('付款时间', wall(requested - 26 * 3600_000))}${item('订单状态', '买家已付款')}</div></div>`
  );
}
