/**
 * The independent oracle of the corpus drill: from a case's truth (corpus.ts) it says what
 * the reader must report and what the engine must decide — computed here with plain
 * arithmetic from after-sales-rules.md, never with the code under test.
 */
import { isoOf, msWall, wallMs, NOW_ISO, type Key, type TrueCase, type Wall, expectedKind } from './corpus';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NOW_MS = Date.parse(NOW_ISO);

/** Reasons / complaint types that make Tmall (2019+) pay 30 %, min 5, max 500 (digest §4). */
const TMALL_TRIGGER = new Set([
  '卖家缺货',
  '缺货',
  '发不了货',
  '未按约定时间发货',
  '错发/漏发/少发',
  '虚假发货',
]);
/** Taobao: out of stock / late shipping trigger a proactive settlement; the sources give no amount. */
const TAOBAO_TRIGGER = new Set(['卖家缺货', '缺货', '发不了货', '未按约定时间发货']);

interface ReadLike {
  kind: string;
  platform: string;
  facts: Record<string, unknown>;
  unreadable: string[];
}
interface GuidanceLike {
  deadlines: Array<{ id: string; dueAt: string; source: string }>;
  compensation: { triggered: boolean; amount: string | null };
  warnings: Array<{ code: string; fields?: string[] }>;
}

export type Problem = {
  kind:
    | 'wrong-fact'
    | 'invented-fact'
    | 'wrong-kind'
    | 'wrong-amount'
    | 'wrong-due'
    | 'missed-fact'
    | 'unreported-damage'
    | 'missing-due'
    | 'no-warning'
    | 'guessed-due';
  detail: string;
};

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function expectedValue(c: TrueCase, key: Key): unknown {
  const v = c.values[key];
  return typeof v === 'string' ? norm(v) : v;
}

/** 30 % of the paid amount, half up, at least 5 yuan, at most 500 — in fen, integers only. */
function tmallCompensationFen(paidFen: number): number {
  const raw = Math.floor((paidFen * 3 + 5) / 10);
  return Math.min(50000, Math.max(500, raw));
}

function fenText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const plus = (w: Wall, ms: number) => isoOf(msWall(wallMs(w) + ms));

/** Check one read case (and its guidance) against the truth; [] when all is right. */
export function checkFacts(c: TrueCase, read: ReadLike): Problem[] {
  const out: Problem[] = [];
  const facts = read.facts;
  for (const key of Object.keys(c.values) as Key[]) {
    if (c.damaged.has(key)) continue;
    const want = expectedValue(c, key);
    const got = facts[key];
    if (got === undefined) {
      out.push({
        kind: 'missed-fact',
        detail: `${key}: expected ${JSON.stringify(want)}, not read${read.unreadable.includes(key) ? ' (reported unreadable)' : ''}`,
      });
    } else if ((typeof got === 'string' ? norm(got) : got) !== want) {
      out.push({
        kind: 'wrong-fact',
        detail: `${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
      });
    }
  }
  for (const key of c.damaged) {
    if (facts[key] !== undefined)
      out.push({
        kind: 'wrong-fact',
        detail: `${key}: damaged (${JSON.stringify(c.damage[key])}) but read as ${JSON.stringify(facts[key])}`,
      });
    else if (!read.unreadable.includes(key))
      out.push({
        kind: 'unreported-damage',
        detail: `${key}: damaged (${JSON.stringify(c.damage[key])}) but not listed unreadable`,
      });
  }
  for (const key of Object.keys(facts)) {
    if (key === 'unreadable' || key === 'platformCountdown') continue;
    if (c.values[key as Key] === undefined && !c.damaged.has(key as Key))
      out.push({
        kind: 'invented-fact',
        detail: `${key}: not on the panel, read as ${JSON.stringify(facts[key])}`,
      });
  }
  const cd = facts.platformCountdown;
  const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (c.countdown) {
    if (cd === undefined)
      out.push({ kind: 'missed-fact', detail: `platformCountdown: expected ${c.countdown.text}` });
    else if (norm(shown(cd)) !== norm(c.countdown.text))
      out.push({
        kind: 'wrong-fact',
        detail: `platformCountdown: expected ${c.countdown.text}, got ${shown(cd)}`,
      });
  } else if (cd !== undefined) {
    out.push({ kind: 'invented-fact', detail: `platformCountdown: none on the panel, read ${shown(cd)}` });
  }
  if (read.kind !== expectedKind(c))
    out.push({ kind: 'wrong-kind', detail: `kind: expected ${expectedKind(c)}, got ${read.kind}` });
  if (read.platform !== c.platform)
    out.push({ kind: 'wrong-kind', detail: `platform: expected ${c.platform}, got ${read.platform}` });
  return out;
}

/** The compensation the truth calls for: triggered, and the amount (null when not computable). */
export function expectedCompensation(c: TrueCase): {
  triggered: boolean;
  amount: string | null;
  paidUnreadable: boolean;
} {
  const key: Key = c.kind === 'complaint' ? 'complaintType' : 'reason';
  const text = c.values[key];
  if (typeof text !== 'string' || c.damaged.has(key))
    return { triggered: false, amount: null, paidUnreadable: false };
  if (c.platform === 'taobao')
    return { triggered: TAOBAO_TRIGGER.has(text), amount: null, paidUnreadable: false };
  // Tmall: S0 marks 未收到货 涉及赔付 with no amount (paid only once the non-delivery is
  // established); 错发/漏发/少发 and 虚假发货 follow the delay rule as complaints only (S3),
  // not as refund reasons (S0's list marks only 10 and 11).
  if (c.kind !== 'complaint' && text === '未收到货')
    return { triggered: true, amount: null, paidUnreadable: false };
  if (!(c.kind === 'complaint' ? TMALL_TRIGGER : TAOBAO_TRIGGER).has(text))
    return { triggered: false, amount: null, paidUnreadable: false };
  if (c.damaged.has('paidAmount')) return { triggered: true, amount: null, paidUnreadable: true };
  // A list without a paid-amount column (the workbench's, refund2's): no base, no amount.
  if (c.values.paidAmount === undefined) return { triggered: true, amount: null, paidUnreadable: false };
  return { triggered: true, amount: fenText(tmallCompensationFen(c.fen.paidAmount!)), paidUnreadable: false };
}

/**
 * Due times the truth calls for (digest §3), for the deadlines this drill checks:
 * intervention-open (Tmall: request + 72 h), seller-response (the page's countdown from now,
 * else Taobao request + 5 days), ship-promise (paid + 48 h Tmall 2019 / 3 days Taobao,
 * 7 days for Taobao 聚划算, none for 预售/定制; only while unshipped and once the refund is
 * closed — during an open refund shipping is not the seller's next step), complaint-seller-handle
 * (the page's countdown). `undefined` = must be absent.
 */
export function expectedDeadlines(c: TrueCase): Record<string, string | undefined> {
  const kind = expectedKind(c);
  const out: Record<string, string | undefined> = {};
  const ok = (k: Key) => c.values[k] !== undefined && !c.damaged.has(k);
  const req = c.walls.refundRequestedAt;
  if (kind !== 'complaint') {
    out['intervention-open'] =
      c.platform === 'tmall' && req && ok('refundRequestedAt') ? plus(req, 72 * HOUR) : undefined;
    const status = String(c.values.refundStatus ?? '');
    // While the return is under way the countdown belongs to the return (S1: the return flow).
    const returning = ['等待买家退货', '买家已退货', '等待卖家确认收货'].some((s) => status.includes(s));
    if (c.countdown && returning) out['seller-response'] = undefined;
    else if (c.countdown) out['seller-response'] = isoOf(msWall(NOW_MS + c.countdown.seconds * 1000));
    else if (c.platform === 'taobao' && req && ok('refundRequestedAt') && !status.includes('买家已退货'))
      out['seller-response'] = plus(req, 5 * DAY);
    else out['seller-response'] = undefined;
  } else {
    out['complaint-seller-handle'] = c.countdown
      ? isoOf(msWall(NOW_MS + c.countdown.seconds * 1000))
      : c.platform === 'taobao' && ok('complaintFiledAt')
        ? plus(c.walls.complaintFiledAt!, 24 * HOUR)
        : 'unchecked';
  }
  const paid = c.walls.paidAt;
  const unshipped = c.values.shippedAt === undefined && c.values.tradeStatus === '买家已付款';
  const activity = String(c.values.activity ?? '');
  const refundClosed = String(c.values.refundStatus ?? '').includes('退款关闭') && ok('refundStatus');
  let ship: string | undefined;
  if (
    kind === 'refund' &&
    unshipped &&
    refundClosed &&
    paid &&
    ok('paidAt') &&
    activity !== '预售' &&
    activity !== '定制'
  ) {
    // Tmall 2019: 48 h; 聚划算 keeps S0's 7 days (S3 is silent on it).
    if (c.platform === 'tmall') ship = plus(paid, (activity === '聚划算' ? 7 * 24 : 48) * HOUR);
    else ship = plus(paid, (activity === '聚划算' ? 7 : 3) * DAY);
  }
  out['ship-promise'] = ship;
  return out;
}

export function checkGuidance(c: TrueCase, g: GuidanceLike): Problem[] {
  const out: Problem[] = [];
  const want = expectedCompensation(c);
  if (g.compensation.triggered !== want.triggered || g.compensation.amount !== want.amount) {
    out.push({
      kind: 'wrong-amount',
      detail: `compensation: expected ${want.triggered ? `triggered ${want.amount ?? 'null'}` : 'not triggered'}, got ${g.compensation.triggered ? `triggered ${g.compensation.amount ?? 'null'}` : 'not triggered'}`,
    });
  }
  if (want.paidUnreadable && !g.warnings.some((w) => (w.fields ?? []).includes('paidAmount'))) {
    out.push({ kind: 'no-warning', detail: 'paidAmount unreadable but no warning names it' });
  }
  const due = expectedDeadlines(c);
  // ship-promise depends on activity / tradeStatus / shippedAt: with one of them unreadable
  // the only right answers are the truth's due time or no due time (never a guessed variant).
  const deciders = (['activity', 'tradeStatus', 'shippedAt'] as Key[]).filter(
    (k) => c.damaged.has(k) && c.values[k] !== undefined,
  );
  for (const [id, iso] of Object.entries(due)) {
    if (iso === 'unchecked') continue;
    const got = g.deadlines.find((d) => d.id === id);
    const guessed = id === 'ship-promise' && deciders.length > 0;
    const wrong = guessed ? 'guessed-due' : 'wrong-due';
    const why = guessed
      ? ` although ${deciders.map((k) => `${k} (${String(c.values[k])}) was unreadable`).join(', ')}`
      : '';
    if (iso === undefined) {
      if (got)
        out.push({ kind: wrong, detail: `${id}: expected none, got ${got.dueAt} (${got.source})${why}` });
    } else if (!got) {
      if (!guessed) out.push({ kind: 'missing-due', detail: `${id}: expected ${iso}, none shown` });
    } else if (got.dueAt !== iso) {
      out.push({ kind: wrong, detail: `${id}: expected ${iso}, got ${got.dueAt} (${got.source})${why}` });
    }
  }
  return out;
}
