/**
 * Seeded generator of back-office panel pages for the "never a wrong verdict" drill.
 *
 * Every page is built from known facts (the truth): layouts from panel-fields.md (table rows
 * th/td and td/td, dt/dd, sibling spans, wrappers, one text node, list page header + rows),
 * every label synonym with and without `：`/`:`, noise (ads, recommended items with prices,
 * extra wrappers, renamed classes, shuffled order, zero-width / bidi marks, td header rows)
 * and damaged values (待定, --, 1.234,
 * 13月45日, truncated). The truth is kept in plain numbers / wall-clock parts so the oracle in
 * oracle.ts never needs the code under test.
 *
 * No dependency on core/: the labels below are copied from panel-fields.md on purpose.
 */

import { prng } from '../../helpers/prng';

export class Rng {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
  id(prefix = 'x'): string {
    const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let s = prefix;
    for (let i = 0; i < 4; i++) s += chars[this.int(0, chars.length - 1)];
    return s;
  }
}

/** panel-fields.md, copied (the generator must not trust the reader's own table). */
const LABELS = {
  refundId: ['退款编号', '退款单号'],
  orderId: ['订单编号', '订单号'],
  buyer: ['买家', '买家昵称', '买家账号'],
  reason: ['退款原因', '售后原因', '申请原因'],
  complaintType: ['投诉类型', '投诉原因'],
  refundAmount: ['退款金额', '申请金额'],
  paidAmount: ['实付金额', '实付款', '买家实付', '订单金额'],
  shippingFee: ['运费', '邮费'],
  paidAt: ['付款时间', '买家付款时间'],
  shippedAt: ['发货时间', '卖家发货时间'],
  refundRequestedAt: ['申请时间', '退款申请时间', '售后申请时间'],
  complaintFiledAt: ['投诉时间', '发起时间'],
  tradeStatus: ['订单状态', '交易状态'],
  refundStatus: ['退款状态', '售后状态', '处理状态'],
  logistics: ['物流方式', '运送方式', '配送方式'],
  activity: ['活动', '营销活动', '活动类型'],
} as const;
export type Key = keyof typeof LABELS;
/** Labels that make a panel an after-sale one (售后状态 does not: it is every case's status column on the workbench). */
const AFTERSALE_LABEL_TEXTS = new Set(['售后原因', '售后申请时间']);

type Platform = 'tmall' | 'taobao';
type Kind = 'refund' | 'aftersale' | 'complaint';
type Layout = 'th-td' | 'td-td' | 'dl' | 'spans' | 'wrappers' | 'text' | 'list' | 'workbench' | 'refund2';
/**
 * `workbench`: the 千牛 list (a header table of titles, one table per case: a group-header line
 * with `订单号：` `退款编号：` and the nick, then unlabelled value cells). `refund2`: the old list
 * (a title row, one block per case: `span` + `em` header items, unlabelled body columns).
 */
export const LAYOUTS: readonly Layout[] = [
  'th-td',
  'td-td',
  'dl',
  'spans',
  'wrappers',
  'text',
  'list',
  'workbench',
  'refund2',
];

/** Beijing wall clock, kept as parts (the truth). */
export interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

type TimeFormat = 'dash-s' | 'dash-m' | 'slash-m' | 'cn-s' | 'fullwidth';
const REASONS_TRIGGER = [
  '卖家缺货',
  '缺货',
  '发不了货',
  '未按约定时间发货',
  '错发/漏发/少发',
  '虚假发货',
] as const;
const REASONS_OTHER = [
  '不想买了',
  '拍错了',
  '商品质量问题',
  '七天无理由退换货',
  '描述不符',
  '未收到货',
] as const;
const COMPLAINT_TYPES = ['未按约定时间发货', '缺货', '描述不符', '违背承诺'] as const;

/** The truth of one case: what the page shows, before damage. */
export interface TrueCase {
  kind: Kind;
  platform: Platform;
  /** Value as the reader must report it (yuan numbers for money, ISO for times, strings). */
  values: Partial<Record<Key, string | number>>;
  /** Money in fen (for the oracle). */
  fen: Partial<Record<'refundAmount' | 'paidAmount' | 'shippingFee', number>>;
  /** Times as wall-clock parts (for the oracle). */
  walls: Partial<Record<Key, Wall>>;
  timeFormats: Partial<Record<Key, TimeFormat>>;
  /** The platform countdown text on the page and its seconds; null when none. */
  countdown: { text: string; seconds: number } | null;
  /** Keys whose value is damaged on the page (must come back unreadable). */
  damaged: Set<Key>;
  /** What the damaged cell shows instead. */
  damage: Partial<Record<Key, string>>;
  /** The label text chosen per key. */
  labels: Partial<Record<Key, string>>;
  /** The case's header says `退款(售后)` (refund2 list): an after-sale. */
  headerAftersale?: boolean;
}

export interface GeneratedPage {
  seed: number;
  layout: Layout;
  url: string;
  html: string;
  cases: TrueCase[];
  noise: string[];
  /** The agent's platform answer, for workbench pages whose host and page say nothing. */
  fallbackPlatform?: Platform;
  /** The agent's platform for a saved file (`guidance --platform`): complaint details. */
  platform?: Platform;
  /** Adversarial buyer-written texts on the page (nicks, 退款说明, 留言): none may become a fact. */
  adversarial: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isoOf(w: Wall): string {
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}+08:00`;
}

const FULLWIDTH = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function renderTime(w: Wall, f: TimeFormat): string {
  switch (f) {
    case 'dash-s':
      return `${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
    case 'dash-m':
      return `${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}`;
    case 'slash-m':
      return `${w.y}/${pad(w.mo)}/${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}`;
    case 'cn-s':
      return `${w.y}年${w.mo}月${w.d}日 ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
    case 'fullwidth':
      return FULLWIDTH(`${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`);
  }
}

function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${pad(fen % 100)}`;
}

function renderMoney(fen: number, r: Rng): string {
  const plain = yuanText(fen);
  const sep = `${String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+$)/g, ',')}.${pad(fen % 100)}`;
  return r.pick([
    `¥${plain}`,
    `￥${plain}`,
    `${plain}元`,
    `RMB ${plain}`,
    `¥${sep}`,
    `¥ ${plain}`,
    FULLWIDTH(`¥${plain}`),
  ]);
}

/** Epoch ms of a Beijing wall clock (independent of core/time). */
export function wallMs(w: Wall): number {
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - 8 * 3600_000;
}

export function msWall(ms: number): Wall {
  const d = new Date(ms + 8 * 3600_000);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
}

const NOW_WALL: Wall = { y: 2026, mo: 11, d: 21, h: 12, mi: 0, s: 0 };
export const NOW_ISO = isoOf(NOW_WALL);

function timeWall(r: Rng, baseMs: number, spanMs: number, f: TimeFormat): Wall {
  const w = msWall(baseMs + Math.floor(r.next() * spanMs));
  if (f === 'dash-m' || f === 'slash-m') w.s = 0;
  return w;
}

/** A damaged rendering of a key's value: never a valid value of another truth. */
function damageFor(key: Key, r: Rng, rendered: string): string {
  // An empty cell (label with nothing next to it) is as likely as a placeholder text.
  if (key !== 'activity' && r.chance(0.2)) return '';
  const placeholders = ['待定', '加载中...', '暂无'];
  if (key === 'paidAmount' || key === 'refundAmount' || key === 'shippingFee') {
    const dot = rendered.indexOf('.');
    const truncated = dot > 0 ? rendered.slice(0, dot + 1) : `${rendered}.`; // `¥500.` cut mid-amount
    return r.pick([...placeholders, '--', '1.234', '¥12元5角', truncated, '-5.00']);
  }
  if (key === 'paidAt' || key === 'shippedAt' || key === 'refundRequestedAt' || key === 'complaintFiledAt') {
    const cut = rendered.slice(0, rendered.lastIndexOf(':') + 1); // `2026-11-20 10:` cut mid-time
    return r.pick([
      ...placeholders,
      '--',
      '2026年13月45日 10:00',
      '2026-02-30 10:00:00',
      cut || '2026-11-20 10:',
    ]);
  }
  if (key === 'refundId' || key === 'orderId')
    return r.pick([...placeholders, '--', `${rendered.slice(0, 6)}…`, '12a45']);
  if (key === 'tradeStatus') return r.pick([...placeholders, '--', '买家已付款/卖家已发货']);
  // text keys: only what the back-office shows for "no value yet" (`活动：暂无` means none)
  return key === 'activity' ? r.pick(['待定', '加载中...']) : r.pick(placeholders);
}

const DAMAGEABLE: readonly Key[] = [
  'refundId',
  'orderId',
  'reason',
  'complaintType',
  'refundAmount',
  'paidAmount',
  'shippingFee',
  'paidAt',
  'shippedAt',
  'refundRequestedAt',
  'complaintFiledAt',
  'tradeStatus',
  'activity',
];

function countdown(r: Rng): { text: string; seconds: number } {
  const d = r.int(0, 4);
  const h = r.int(0, 23);
  const m = r.int(0, 59);
  const s = r.int(0, 59);
  switch (r.int(0, 2)) {
    case 0:
      return { text: `剩余${d}天${h}时${m}分${s}秒`, seconds: d * 86400 + h * 3600 + m * 60 + s };
    case 1:
      return { text: `还剩 ${d + 1}天 ${h}小时`, seconds: (d + 1) * 86400 + h * 3600 };
    default:
      return { text: `剩余 ${pad(h)}:${pad(m)}:${pad(s)}`, seconds: h * 3600 + m * 60 + s };
  }
}

/**
 * Buyer-written text that looks like a label, a countdown or an amount. Nicks hold no colon
 * (the platform allows none); 退款说明 / 留言 hold anything, on several lines.
 */
const ADVERSARIAL_NICKS = [
  '剩余29天23时59分',
  '剩余0天1时0分45秒',
  '还剩 2天 3时',
  '¥5000.00',
  '实付款5000',
  '退款编号123',
  '2天23时59分',
  '请在1天内处理',
];
const ADVERSARIAL_LINES = [
  '实付金额：¥5000.00',
  '实付款: ¥5000.00',
  '付款时间：2026-11-01 00:00:00',
  '退款原因：卖家缺货',
  '申请时间：2026-11-01 08:00:00',
  '剩余29天23时59分',
  '还剩 0天 1时 0分',
  '请在02天23时59分内处理，逾期未处理，将自动同意退款',
  '¥5000.00',
  '退款金额 ¥9999.00',
  '订单编号：1234567890123456',
  '一直不发货，不想等了',
  '等待商家处理',
];
const FREE_TEXT_LABEL_TEXTS = ['退款说明', '买家留言', '留言', '备注', '问题描述', '补充说明'];

function adversarialLines(r: Rng): string[] {
  return Array.from({ length: r.int(1, 4) }, () => r.pick(ADVERSARIAL_LINES));
}

/** One case's truth. `listRow`: fewer fields (what a list page shows). */
function makeCase(r: Rng, platform: Platform, complaint: boolean, listRow: boolean): TrueCase {
  const c: TrueCase = {
    kind: 'refund',
    platform,
    values: {},
    fen: {},
    walls: {},
    timeFormats: {},
    countdown: null,
    damaged: new Set(),
    damage: {},
    labels: {},
  };
  const fmt = (): TimeFormat => r.pick(['dash-s', 'dash-m', 'slash-m', 'cn-s', 'fullwidth'] as const);
  const setTime = (key: Key, w: Wall, f: TimeFormat) => {
    c.walls[key] = w;
    c.timeFormats[key] = f;
    c.values[key] = isoOf(w);
  };
  const setMoney = (key: 'refundAmount' | 'paidAmount' | 'shippingFee', fen: number) => {
    c.fen[key] = fen;
    c.values[key] = fen / 100;
  };
  const base = Date.UTC(2026, 10, 14, 0, 0, 0) - 8 * 3600_000;
  const paidF = fmt();
  const paid = timeWall(r, base, 6 * 86400_000, paidF);
  const paidMs = wallMs(paid);
  // Paid amounts around every boundary of 30 % / min 5 / max 500.
  const paidFen = r.pick([
    r.int(1, 1666),
    r.int(1667, 20000),
    r.int(20001, 166666),
    r.int(166667, 166700),
    r.int(166701, 9_999_999),
  ]);
  const shipped = r.chance(0.3);
  if (r.chance(0.9)) c.values.orderId = String(r.int(1e15, 9e15));
  if (r.chance(listRow ? 0.5 : 0.8))
    c.values.buyer = r.chance(0.35)
      ? r.pick(ADVERSARIAL_NICKS)
      : r.pick(['tb_小鹿2026', 'buyer_88', '快乐的猫', 'tb8812734', 'Anna_L']);
  setMoney('paidAmount', paidFen);
  setTime('paidAt', paid, paidF);
  if (shipped) {
    const f = fmt();
    setTime('shippedAt', timeWall(r, paidMs + 3600_000, 4 * 86400_000, f), f);
  }
  c.values.tradeStatus = shipped ? r.pick(['卖家已发货', '交易成功']) : '买家已付款';
  if (!listRow && r.chance(0.5)) c.values.logistics = r.pick(['快递', '货运', '平邮']);
  if (!listRow && r.chance(0.4)) c.values.activity = r.pick(['聚划算', '预售', '定制']);
  if (!listRow && r.chance(0.5)) setMoney('shippingFee', r.chance(0.5) ? 0 : r.int(1, 3000));
  if (complaint) {
    c.kind = 'complaint';
    c.values.complaintType = r.pick(COMPLAINT_TYPES);
    const f = fmt();
    setTime('complaintFiledAt', timeWall(r, paidMs + 3600_000, 5 * 86400_000, f), f);
  } else {
    c.values.refundId = String(r.int(1e11, 9e11));
    c.values.reason = r.chance(0.6) ? r.pick(REASONS_TRIGGER) : r.pick(REASONS_OTHER);
    setMoney('refundAmount', r.int(1, paidFen));
    const f = fmt();
    setTime('refundRequestedAt', timeWall(r, paidMs + 60_000, 5 * 86400_000, f), f);
    c.values.refundStatus = r.pick(['等待商家处理', '退款中', '买家已退货，等待卖家确认收货']);
  }
  if (r.chance(0.5)) c.countdown = countdown(r);
  // Labels: every synonym, picked at random.
  // 售后 labels (售后原因/售后申请时间) make the panel an after-sale one: a third of the cases.
  const aftersaleLabels = r.chance(0.33);
  for (const key of Object.keys(c.values) as Key[]) {
    const options = LABELS[key].filter((l) => aftersaleLabels || !AFTERSALE_LABEL_TEXTS.has(l));
    c.labels[key] = r.pick(options);
  }
  if (c.values.shippingFee === 0) c.values.shippingFee = 0;
  // Damage 0–3 fields.
  const nDamage = r.pick([0, 0, 1, 1, 2, 3]);
  const candidates = r.shuffle(DAMAGEABLE.filter((k) => c.values[k] !== undefined));
  for (const key of candidates.slice(0, nDamage)) c.damaged.add(key);
  return c;
}

/** The kind the back-office panel is (panel-fields.md) judged from what stays readable. */
export function expectedKind(c: TrueCase): Kind {
  if (c.kind === 'complaint') return 'complaint';
  if (c.headerAftersale) return 'aftersale';
  if (c.values.tradeStatus === '交易成功' && !c.damaged.has('tradeStatus')) return 'aftersale';
  for (const key of Object.keys(c.labels) as Key[])
    if (AFTERSALE_LABEL_TEXTS.has(c.labels[key]!)) return 'aftersale';
  return 'refund';
}

function render(c: TrueCase, key: Key, r: Rng): string {
  const v = c.values[key]!;
  let text: string;
  if (key === 'paidAmount' || key === 'refundAmount') text = renderMoney(c.fen[key]!, r);
  else if (key === 'shippingFee')
    text = c.fen.shippingFee === 0 ? r.pick(['包邮', '¥0.00', '0.00元']) : renderMoney(c.fen.shippingFee!, r);
  else if (c.walls[key]) text = renderTime(c.walls[key], c.timeFormats[key]!);
  else text = String(v);
  if (c.damaged.has(key)) {
    const d = damageFor(key, r, text);
    c.damage[key] = d;
    return d;
  }
  return text;
}

/** Sometimes a zero-width space / bidi mark / soft hyphen inside a text (the page's own noise). */
function invisible(text: string, r: Rng): string {
  if (text.length < 2 || !r.chance(0.15)) return text;
  const at = r.int(1, text.length - 1);
  return (
    text.slice(0, at) + r.pick(['\u200b', '\u200e', '\u200f', '\ufeff', '\u00ad', '\u2060']) + text.slice(at)
  );
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function colon(r: Rng): string {
  return r.pick(['：', ':', '', ' ：']);
}

/** A value cell's inner HTML: sometimes wrapped, sometimes with a UI word after it. */
function valueHtml(key: Key, text: string, r: Rng, extraWrappers: boolean): string {
  let html = esc(text);
  if (extraWrappers && r.chance(0.5)) html = `<span class="${r.id('v')}"><em>${html}</em></span>`;
  if ((key === 'refundId' || key === 'orderId') && r.chance(0.3))
    html += ` <a class="${r.id('c')}" href="javascript:;">复制</a>`;
  if (key === 'buyer' && r.chance(0.3)) html += ` <span class="${r.id('w')}">联系买家</span>`;
  return html;
}

function detailFields(
  c: TrueCase,
  r: Rng,
  layout: Layout,
  extraWrappers: boolean,
  shuffle: boolean,
): string[] {
  const keys = Object.keys(c.values) as Key[];
  if (shuffle) r.shuffle(keys);
  return keys.map((key) => {
    const label = invisible(c.labels[key]!, r);
    const value = invisible(render(c, key, r), r);
    const cls = r.id('k');
    switch (layout) {
      case 'th-td':
        return `<tr class="${r.id('r')}"><th class="${cls}">${label}${colon(r)}</th><td>${valueHtml(key, value, r, extraWrappers)}</td></tr>`;
      case 'td-td':
        return `<tr><td class="${cls}">${label}${colon(r)}</td><td class="${r.id('v')}">${valueHtml(key, value, r, extraWrappers)}</td></tr>`;
      case 'dl':
        return `<dt class="${cls}">${label}${colon(r)}</dt><dd>${valueHtml(key, value, r, extraWrappers)}</dd>`;
      case 'spans':
        return `<div class="${r.id('row')}"><span class="${cls}">${label}${colon(r)}</span><span class="${r.id('x')}">${valueHtml(key, value, r, extraWrappers)}</span></div>`;
      case 'wrappers':
        return `<div class="${r.id('f')}"><div class="${r.id('l')}"><label>${label}${colon(r)}</label></div><div class="${r.id('v')}"><div><em>${valueHtml(key, value, r, extraWrappers)}</em></div></div></div>`;
      case 'text':
      default:
        return `<p class="${cls}">${label}${r.pick(['：', ':'])}${esc(value)}</p>`;
    }
  });
}

/** A free-text field (退款说明, 留言 …) in the page's layout, several lines of adversarial text. */
function freeTextField(layout: Layout, r: Rng): string {
  const label = r.pick(FREE_TEXT_LABEL_TEXTS);
  const lines = adversarialLines(r);
  const html = r.chance(0.5) ? lines.map(esc).join('<br>') : lines.map((l) => `<p>${esc(l)}</p>`).join('');
  const cls = r.id('k');
  switch (layout) {
    case 'th-td':
      return `<tr><th class="${cls}">${label}${colon(r)}</th><td>${html}</td></tr>`;
    case 'td-td':
      return `<tr><td class="${cls}">${label}${colon(r)}</td><td class="${r.id('v')}">${html}</td></tr>`;
    case 'dl':
      return `<dt class="${cls}">${label}${colon(r)}</dt><dd>${html}</dd>`;
    case 'spans':
      return `<div class="${r.id('row')}"><span class="${cls}">${label}${colon(r)}</span><span class="${r.id('x')}">${lines.map(esc).join('<br>')}</span></div>`;
    case 'wrappers':
      return `<div class="${r.id('f')}"><div class="${r.id('l')}"><label>${label}${colon(r)}</label></div><div class="${r.id('v')}"><div>${html}</div></div></div>`;
    default:
      return `<p class="${cls}">${label}${r.pick(['：', ':'])}${lines.map(esc).join('<br>')}</p>`;
  }
}

/** The status area with the platform's timer, in one of the shapes the back office uses. */
function statusBlock(c: TrueCase, r: Rng): string {
  if (!c.countdown) return '';
  const state = c.kind === 'complaint' ? '请及时处理投诉' : '等待商家处理退款申请';
  const cd = esc(c.countdown.text);
  switch (r.int(0, 2)) {
    case 0:
      return `<div class="${r.id('st')}"><p>${state}</p><p>处理时限：<span class="${r.id('cd')}">${cd}</span>，逾期系统将自动处理。</p></div>`;
    case 1:
      return `<div class="${r.id('st')}"><h4>${state}</h4><p class="${r.id('timer')}">${cd}</p><p>逾期未处理，系统将自动同意退款</p></div>`;
    default:
      return `<div class="${r.id('st')}">${state}，<b>${cd}</b></div>`;
  }
}

function wrapFields(parts: string[], layout: Layout, r: Rng): string {
  switch (layout) {
    case 'th-td':
    case 'td-td':
      return `<table class="${r.id('t')}"><tbody>${parts.join('')}</tbody></table>`;
    case 'dl':
      return `<dl class="${r.id('dl')}">${parts.join('')}</dl>`;
    default:
      return `<div class="${r.id('s')}">${parts.join('')}</div>`;
  }
}

/** Noise blocks: ads, recommended items with prices (some with labels), prices without labels. */
/** Noise blocks placed around the page's content: the even ones before it, the odd ones after. */
function aroundPage(blocks: ReadonlyArray<{ html: string }>): [before: string, after: string] {
  const side = (odd: number) =>
    blocks
      .filter((_, i) => i % 2 === odd)
      .map((b) => b.html)
      .join('');
  return [side(0), side(1)];
}

function noiseBlocks(r: Rng, platform: Platform): Array<{ name: string; html: string }> {
  const price = () => `¥${r.int(1, 2999)}.${pad(r.int(0, 99))}`;
  const blocks = [
    {
      name: 'ad-class',
      html: `<div class="ad_${r.id('')}"><span>实付金额</span><span>${price()}</span><p>退款原因：卖家缺货</p></div>`,
    },
    {
      name: 'recommend-heading',
      html: `<div class="${r.id('m')}"><h4>猜你喜欢</h4><ul><li><span>实付款：${price()}</span></li><li>付款时间：2026-01-01 00:00:00</li><li>热卖 ${price()}</li></ul></div>`,
    },
    {
      name: 'aside',
      html: `<aside class="${r.id('sb')}"><p>为你推荐</p><dl><dt>实付金额</dt><dd>${price()}</dd><dt>运费</dt><dd>${price()}</dd></dl></aside>`,
    },
    {
      name: 'bare-prices',
      html: `<div class="${r.id('p')}"><b>${price()}</b> <s>${price()}</s> 限时特价</div>`,
    },
    {
      name: 'recommended-class',
      html: `<section class="rec-goods ${r.id('g')}"><div>订单金额：${price()}</div><div>活动：聚划算</div></section>`,
    },
  ];
  // Taobao pages must not say 天猫 outside noise (the platform would flip, as documented).
  if (platform === 'tmall')
    blocks.push({ name: 'tmall-banner', html: `<div class="banner_${r.id('')}">天猫双11 满300减50</div>` });
  return r.shuffle(blocks).slice(0, r.int(0, 3));
}

const DETAIL_URL: Record<Platform, string> = {
  tmall: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=1',
  taobao: 'https://refund2.taobao.com/dispute/detail.htm?disputeId=1',
};
/** Complaint details have no known back-office URL: they are read as saved files, with the agent's platform. */
const SAVED_COMPLAINT = 'file:///home/agent/complaint.html';
const LIST_URL: Record<Platform, string> = {
  tmall: 'https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1',
  taobao: 'https://refund2.taobao.com/dispute/sellerDisputeList.htm?type=1',
};

const COMPLAINT_LIST_URL: Record<Platform, string> = {
  tmall: 'https://rights.taobao.com/complaint/sellerList.htm?page=2',
  taobao: 'https://rights.taobao.com/complaint/sellerList.htm',
};

function page(title: string, platform: Platform, body: string, r: Rng): string {
  const head = platform === 'tmall' ? '天猫商家中心' : '千牛卖家中心';
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><div class="${r.id('hd')}">${head} · 售后管理</div>${body}</body></html>`;
}

export function generatePage(seed: number): GeneratedPage {
  const r = new Rng(prng(seed));
  const layout = LAYOUTS[seed % LAYOUTS.length]!;
  const platform: Platform = r.chance(0.5) ? 'tmall' : 'taobao';
  const noise = noiseBlocks(r, platform);
  const extraWrappers = r.chance(0.5);
  const shuffle = r.chance(0.5);
  if (layout === 'list') {
    const n = r.int(2, 8);
    const complaints = r.chance(0.25);
    const cases = Array.from({ length: n }, () => makeCase(r, platform, complaints, true));
    // One column set for the page: the union of the rows' keys, labels from row 0.
    const keys: Key[] = complaints
      ? ['orderId', 'complaintType', 'paidAmount', 'paidAt', 'complaintFiledAt', 'tradeStatus']
      : [
          'refundId',
          'orderId',
          'reason',
          'refundAmount',
          'paidAmount',
          'paidAt',
          'refundRequestedAt',
          'tradeStatus',
          'refundStatus',
        ];
    if (cases.some((c) => c.values.buyer !== undefined)) keys.splice(2, 0, 'buyer');
    if (cases.some((c) => c.values.shippedAt !== undefined)) keys.push('shippedAt');
    if (shuffle) r.shuffle(keys);
    const labels = Object.fromEntries(keys.map((k) => [k, r.pick(LABELS[k])])) as Record<Key, string>;
    for (const c of cases) {
      for (const k of Object.keys(c.values) as Key[]) if (!keys.includes(k)) delete c.values[k];
      c.labels = { ...labels };
      for (const k of [...c.damaged]) if (!keys.includes(k)) c.damaged.delete(k);
    }
    const withCountdown = cases.some((c) => c.countdown);
    // A 留言 / 备注 column of buyer text: never read.
    const freeColumn = r.chance(0.4) ? r.pick(['留言', '备注', '买家留言']) : null;
    const headTag = r.chance(0.3) ? 'td' : 'th';
    const headCell = (text: string) =>
      r.chance(0.5)
        ? `<${headTag}>${text}</${headTag}>`
        : `<${headTag}><span class="${r.id('h')}">${text}</span></${headTag}>`;
    const header =
      `<tr>${keys.map((k) => headCell(invisible(labels[k], r) + r.pick(['', '', '：']))).join('')}${withCountdown ? `<${headTag}>超时提醒</${headTag}>` : ''}${freeColumn ? `<${headTag}>${freeColumn}</${headTag}>` : ''}<${headTag}>操作</${headTag}>` +
      '</tr>';
    let adversarial = cases.filter((c) => ADVERSARIAL_NICKS.includes(String(c.values.buyer))).length;
    const rows = cases
      .map((c) => {
        const cells = keys.map((k) => {
          if (c.values[k] !== undefined)
            return `<td class="${r.id('c')}">${valueHtml(k, render(c, k, r), r, extraWrappers)}</td>`;
          // A column this row has no value for shows `--`: the reader must call it unreadable.
          c.damaged.add(k);
          c.damage[k] = '--';
          return '<td>--</td>';
        });
        if (withCountdown) cells.push(`<td>${c.countdown ? esc(c.countdown.text) : ''}</td>`);
        if (freeColumn) {
          adversarial++;
          cells.push(`<td>${adversarialLines(r).map(esc).join(' ')}</td>`);
        }
        cells.push(
          complaints
            ? '<td><a href="javascript:;">处理</a></td>'
            : '<td><a href="javascript:;">同意退款</a> <a href="javascript:;">查看详情</a></td>',
        );
        return `<tr class="${r.id('row')}">${cells.join('')}</tr>`;
      })
      .join('');
    const table = r.chance(0.5)
      ? `<table class="${r.id('t')}"><thead>${header}</thead><tbody>${rows}</tbody></table>`
      : `<table><tbody>${header}${rows}</tbody></table>`;
    const [before, after] = aroundPage(noise);
    const title = complaints ? '投诉管理' : '退款管理';
    const url = complaints ? COMPLAINT_LIST_URL[platform] : LIST_URL[platform];
    return {
      seed,
      layout,
      url,
      html: page(
        title,
        platform,
        `${before}<div class="${r.id('w')}"><h2>${title}</h2>${table}</div>${after}`,
        r,
      ),
      cases,
      noise: noise.map((b) => b.name),
      adversarial,
    };
  }
  if (layout === 'workbench') return workbenchPage(seed, r, platform, noise, extraWrappers);
  if (layout === 'refund2') return refund2Page(seed, r, platform, noise, extraWrappers);
  const complaint = r.chance(0.2);
  const c = makeCase(r, platform, complaint, false);
  const parts = detailFields(c, r, layout, extraWrappers, shuffle);
  const free = r.chance(0.6) ? r.int(1, 2) : 0;
  for (let i = 0; i < free; i++) parts.splice(r.int(0, parts.length), 0, freeTextField(layout, r));
  const adversarial = free + (ADVERSARIAL_NICKS.includes(String(c.values.buyer)) ? 1 : 0);
  const cut = r.int(1, Math.max(1, parts.length - 1));
  const sections = [wrapFields(parts.slice(0, cut), layout, r), wrapFields(parts.slice(cut), layout, r)];
  const status = statusBlock(c, r);
  const inner = noise.find((b) => b.name === 'ad-class' || b.name === 'recommended-class');
  const panel = `<div class="${r.id('panel')}" id="${r.id('J')}">${status}<h3>${complaint ? '投诉信息' : '退款信息'}</h3>${sections[0]}${inner && r.chance(0.5) ? inner.html : ''}<h3>订单信息</h3>${sections[1]}</div>`;
  const outer = noise.filter((b) => b !== inner);
  const [before, after] = aroundPage(outer);
  const body = `${before}${extraWrappers ? `<div class="${r.id('w')}"><div>${panel}</div></div>` : panel}${after}`;
  return {
    seed,
    layout,
    ...(complaint ? { url: SAVED_COMPLAINT, platform } : { url: DETAIL_URL[platform] }),
    html: page(complaint ? '投诉详情' : '退款详情', platform, body, r),
    cases: [c],
    noise: noise.map((b) => b.name),
    adversarial,
  };
}

/** Keep only `keys` of a list case's truth (what its list shows), with the page's labels. */
function listTruth(c: TrueCase, keys: readonly Key[], labels: Partial<Record<Key, string>>): void {
  for (const k of Object.keys(c.values) as Key[]) if (!keys.includes(k)) delete c.values[k];
  for (const k of [...c.damaged]) if (!keys.includes(k)) c.damaged.delete(k);
  c.labels = { ...labels };
}

const WORKBENCH_URL: Record<Platform, string> = {
  tmall: 'https://myseller.taobao.com/home.htm/trade-platform/refund-list',
  taobao: 'https://qn.taobao.com/home.htm/trade-platform/refund-list',
};

/** Workbench noise around the list: the statistics strip, the chip, batch buttons, sort, pagination. */
function workbenchChrome(r: Rng): { before: string; after: string } {
  const strip = `<div class="refund-list_stat__${r.id('')}"><div><span>24小时内待处理</span><b>${r.int(0, 9)}</b></div><div><span>退款待处理</span><b>${r.int(0, 30)}</b></div><div><span>退款处理时长</span><b>${r.int(1, 9)}.${r.int(0, 9)}小时</b></div></div>`;
  const bar = `<div class="refund-list_box-button-list__${r.id('')}"><span class="next-tag">24小时内即将超时</span><button>批量同意退款</button><button>批量导出</button><span>${r.pick(['最近申请排序', '临近超时排序'])}</span></div>`;
  return {
    before: strip + bar,
    after: `<div class="next-pagination"><button>上一页</button><span>1</span><button>下一页</button></div>`,
  };
}

/** The 千牛 workbench list: a header table of titles, then one table per case. */
function workbenchPage(
  seed: number,
  r: Rng,
  platform: Platform,
  noise: Array<{ name: string; html: string }>,
  extraWrappers: boolean,
): GeneratedPage {
  const n = r.int(2, 8);
  const cases = Array.from({ length: n }, () => makeCase(r, platform, false, true));
  const titled: Array<[Key | null, string]> = [
    [null, r.pick(['宝贝', '商品信息'])],
    ['refundAmount', r.pick(['退款金额', '退款总额'])],
    ['refundRequestedAt', '申请时间'],
    ['reason', '退款原因'],
    ['refundStatus', r.pick(['售后状态', '退款状态'])],
  ];
  if (r.chance(0.5))
    titled.splice(r.int(1, titled.length), 0, ['paidAmount', r.pick(['实付款', '买家实付'])]);
  // Column order varies by shop; the item column stays first.
  const rest = titled.slice(1);
  if (r.chance(0.5)) r.shuffle(rest);
  const columns: Array<[Key | null, string]> = [titled[0]!, ...rest, [null, '操作']];
  const idLabels = { orderId: r.pick(['订单号', '订单编号']), refundId: r.pick(['退款编号', '售后单号']) };
  const keys: Key[] = ['refundId', 'orderId', ...columns.map(([k]) => k).filter((k): k is Key => k !== null)];
  const labels: Partial<Record<Key, string>> = { ...idLabels };
  for (const [k, t] of columns) if (k) labels[k] = t;
  let adversarial = 0;
  const colon = () => r.pick(['：', ':']);
  const bodies = cases.map((c, row) => {
    listTruth(c, keys, labels);
    c.values.orderId ??= String(r.int(1e15, 9e15));
    c.damaged.delete('orderId');
    c.damaged.delete('refundId');
    const nick = r.chance(0.5) ? r.pick(ADVERSARIAL_NICKS) : r.pick(['tb_阿福', 'c**t', 'm**n', '快乐的猫']);
    if (ADVERSARIAL_NICKS.includes(nick)) adversarial++;
    const time = r.chance(0.4)
      ? ` <span class="${r.id('t')}">2026-11-${pad(r.int(10, 21))} ${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:00</span>`
      : '';
    const group = `<tr class="next-table-group-header"><td colspan="${columns.length}"><div class="next-table-cell-wrapper"><a href="javascript:;">${idLabels.orderId}${colon()}${c.values.orderId}</a> <span>${idLabels.refundId}${colon()}${c.values.refundId}</span> <span class="${r.id('nick')}">${esc(nick)}</span>${time}</div></td></tr>`;
    const cells = columns.map(([k], col) => {
      let html: string;
      if (k === null)
        html =
          col === 0
            ? `<span>${r.pick(['加厚羽绒服 黑色 XL', '毛线帽', '蓝牙耳机'])}</span>`
            : '<a href="javascript:;">查看详情</a>';
      else if (c.values[k] === undefined) {
        c.damaged.add(k);
        c.damage[k] = '--';
        html = '--';
      } else html = valueHtml(k, render(c, k, r), r, extraWrappers);
      if (k === 'refundStatus' && c.countdown)
        html = `<span>${html}</span>${r.pick([' ', '<br>'])}<span class="${r.id('cd')}">${esc(c.countdown.text)}</span>`;
      return `<td class="next-table-cell" role="gridcell"><div class="next-table-cell-wrapper" data-next-table-col="${col}" data-next-table-row="${row}">${html}</div></td>`;
    });
    return `<table class="next-table-row" role="row"><tbody>${group}<tr>${cells.join('')}</tr></tbody></table>`;
  });
  const head = `<div class="next-table-header"><table><thead><tr>${columns.map(([, t]) => `<th><div class="next-table-cell-wrapper">${invisible(t, r)}</div></th>`).join('')}</tr></thead></table></div>`;
  const chrome = workbenchChrome(r);
  const [before, after] = aroundPage(noise);
  const list = `<div class="next-table ${r.id('tb')}">${head}<div class="next-table-body">${bodies.join('')}</div></div>`;
  const html = page(
    '退款/售后 - 千牛工作台',
    platform,
    `${before}${chrome.before}${list}${chrome.after}${after}`,
    r,
  );
  return {
    seed,
    layout: 'workbench',
    url: WORKBENCH_URL[platform],
    html,
    cases,
    noise: noise.map((b) => b.name),
    fallbackPlatform: platform,
    adversarial,
  };
}

/** The old refund2 list: a title row, then one block per case (header items of `span` + `em`, unlabelled columns). */
function refund2Page(
  seed: number,
  r: Rng,
  platform: Platform,
  noise: Array<{ name: string; html: string }>,
  extraWrappers: boolean,
): GeneratedPage {
  const n = r.int(2, 8);
  const cases = Array.from({ length: n }, () => makeCase(r, platform, false, true));
  const columns: Array<[Key | null, string]> = [
    [null, '宝贝'],
    [null, '数量'],
    ['refundAmount', '退款金额'],
    ['reason', '退款原因'],
    ['refundRequestedAt', '申请时间'],
    [null, '退货物流'],
    ['refundStatus', '退款状态'],
    [null, '操作'],
  ];
  if (r.chance(0.5)) {
    // Shops see another column order (the item first, the actions last).
    const middle = columns.slice(1, -1);
    r.shuffle(middle);
    columns.splice(1, middle.length, ...middle);
  }
  const idLabels = { orderId: r.pick(['订单号', '订单编号']), refundId: '退款编号' };
  const keys: Key[] = ['refundId', 'orderId', ...columns.map(([k]) => k).filter((k): k is Key => k !== null)];
  const labels: Partial<Record<Key, string>> = { ...idLabels };
  for (const [k, t] of columns) if (k) labels[k] = t;
  let adversarial = 0;
  const blocks = cases.map((c) => {
    listTruth(c, keys, labels);
    c.values.orderId ??= String(r.int(1e15, 9e15));
    c.damaged.delete('orderId');
    c.damaged.delete('refundId');
    c.headerAftersale = r.chance(0.3);
    const nick = r.chance(0.5) ? r.pick(ADVERSARIAL_NICKS) : r.pick(['tb_晴天88', 'c**t', '快乐的猫']);
    if (ADVERSARIAL_NICKS.includes(nick)) adversarial++;
    const items = [
      `<li data-index="0"><span class="text-span">${idLabels.refundId}</span><em>${c.values.refundId}</em></li>`,
      `<li data-index="1"><span class="text-span">${idLabels.orderId}</span><em>${c.values.orderId}</em></li>`,
      `<li data-index="2">${c.headerAftersale ? '退款(售后)' : '退款(售中)'}</li>`,
      `<li data-index="3">${esc(nick)}</li>`,
    ];
    const cols = columns.map(([k, t]) => {
      let html: string;
      if (k === null)
        html =
          t === '宝贝'
            ? '手机壳 透明'
            : t === '数量'
              ? String(r.int(1, 5))
              : t === '退货物流'
                ? r.pick(['未发货', '已签收'])
                : '<a href="javascript:;">详情</a>';
      else if (c.values[k] === undefined) {
        c.damaged.add(k);
        c.damage[k] = '--';
        html = '--';
      } else html = valueHtml(k, render(c, k, r), r, extraWrappers);
      if (k === 'refundStatus')
        html = `<font>${html}</font>${c.countdown ? ` <span>${esc(c.countdown.text)}</span>` : ''}`;
      return `<div class="${t === '操作' ? 'mod-dispute-body-col brand' : r.id('c')}">${html}</div>`;
    });
    const id = c.values.refundId;
    return `<div id="sellerGridContainer_${id}" class="${r.id('grid')}"><ul class="mod-dispute-header ${r.id('hd')}">${items.join('')}</ul><div class="mod-dispute-body ${r.id('bd')}">${cols.join('')}</div></div>`;
  });
  const title = `<div class="${r.id('title')}">${columns.map(([, t]) => `<span>${t}</span>`).join('')}</div>`;
  const [before, after] = aroundPage(noise);
  const body = `${before}<div id="disputelist">${title}<div id="bottomContainer_1">${blocks.join('')}</div><div class="rc-pagination"><a>1</a></div></div>${after}`;
  return {
    seed,
    layout: 'refund2',
    url: LIST_URL[platform],
    html: page('退款管理', platform, body, r),
    cases,
    noise: noise.map((b) => b.name),
    adversarial,
  };
}
