import type { LedgerRecord, RecentCase } from '../../../core/store/schema';

/**
 * A seeded store for the day page's tests. Every case is built FROM a label chosen first
 * (its outcome, each deadline's fate), so a test can count the labels to know the figures
 * without running the code under test. Times are built with Date.UTC arithmetic only (not
 * core/time), Beijing = UTC+8.
 */

export const H = 3600_000;
export const D = 24 * H;
const BJ = 8 * H;

/** 2026-11-20 14:30:00 Beijing. */
export const NOW = Date.UTC(2026, 10, 20, 14 - 8, 30, 0);

/** `YYYY-MM-DDTHH:mm:ss+08:00` by shifting to UTC+8 and reading the UTC fields. */
export function iso(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + BJ).toISOString().slice(0, 19)}+08:00`;
}
/** Beijing date of an instant, `YYYY-MM-DD`. */
export const bjDate = (ms: number) => new Date(ms + BJ).toISOString().slice(0, 10);

/** The Beijing dates a window covers: today and the n − 1 days before. */
export function windowDates(n: number, now = NOW): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < n; i++) out.add(bjDate(now - i * D));
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export type Label =
  | 'in-window'
  | 'handled-late'
  | 'handled-unknown'
  | 'intervention'
  | 'intervention-then-closed'
  | 'open-overdue'
  | 'open'
  | 'no-status'
  | 'complaint';
type Fate = 'breached' | 'unseen' | 'future' | 'buyer';

export interface Seeded {
  rec: RecentCase;
  label: Label;
  fates: Array<{ id: string; fate: Fate; dueMs: number }>;
}

const REASONS = [
  '卖家缺货',
  '未按约定时间发货',
  '七天无理由退换货',
  '多拍/拍错/不想要',
  '商品质量问题',
  '错发/漏发',
  '<img src=x onerror=alert(1)>',
];
const PAGES = ['refund-list', 'refund-detail', 'complaint-list', undefined];
const LABELS: Label[] = [
  'in-window',
  'handled-late',
  'handled-unknown',
  'intervention',
  'intervention-then-closed',
  'open-overdue',
  'open',
  'no-status',
  'complaint',
];
const SELLER_IDS = ['seller-response', 'ship-promise', 'intervention-open'];

export function seedCases(count: number, seed = 7, now = NOW): Seeded[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: Seeded[] = [];
  for (let i = 0; i < count; i++) {
    const label = pick(LABELS);
    // Last seen within the last 40 days (some before every window), never after now.
    const lastSeen = now - Math.floor(r() * 40 * 86400) * 1000;
    const firstSeen = lastSeen - Math.floor(r() * 6 * 86400) * 1000;
    const kind: RecentCase['kind'] = label === 'complaint' ? 'complaint' : r() < 0.3 ? 'aftersale' : 'refund';
    const rec: RecentCase = {
      key: `tmall:${kind}:${100000 + i}`,
      platform: r() < 0.5 ? 'tmall' : 'taobao',
      kind,
      refundId: String(202611000000 + i),
      deadlines: [],
      compensation: { triggered: false, amount: null },
      pack: { id: 'default', version: '1' },
      firstSeenAt: iso(firstSeen),
      lastSeenAt: iso(lastSeen),
      lastSeenMs: lastSeen,
    };
    const reason = r() < 0.85 ? pick(REASONS) : undefined;
    if (reason) rec.reason = reason;
    const page = pick(PAGES);
    if (page) rec.page = page;
    const requested = firstSeen - Math.floor(r() * 20 * H);
    switch (label) {
      case 'in-window':
        rec.refundStatus = pick(['退款成功', '退款协议达成,等待买家退货', '退款关闭']);
        rec.requestedAt = iso(requested);
        rec.statusSince = iso(requested + Math.floor(r() * 72 * H));
        break;
      case 'handled-late':
        rec.refundStatus = '退款成功';
        rec.requestedAt = iso(requested);
        rec.statusSince = iso(requested + 72 * H + 1000 + Math.floor(r() * 48 * H));
        break;
      case 'handled-unknown':
        rec.refundStatus = '退款成功';
        if (r() < 0.5) rec.requestedAt = iso(requested);
        break;
      case 'intervention':
        rec.refundStatus = pick(['小二已介入,等待卖家举证', '淘宝介入处理']);
        rec.requestedAt = iso(requested);
        rec.statusSince = iso(firstSeen);
        rec.interventionSeenAt = iso(firstSeen);
        break;
      case 'intervention-then-closed':
        rec.refundStatus = '退款成功';
        rec.requestedAt = iso(requested);
        rec.statusSince = iso(requested + H);
        rec.interventionSeenAt = iso(firstSeen);
        break;
      case 'open-overdue':
        rec.refundStatus = pick(['等待卖家处理', '卖家已拒绝退款']);
        rec.requestedAt = iso(now - 72 * H - 1000 - Math.floor(r() * 10 * D));
        rec.statusSince = rec.firstSeenAt;
        break;
      case 'open':
        rec.refundStatus = '等待卖家处理';
        // Inside 72 h of now, or no request time recorded (then the window cannot be said to have passed).
        if (r() < 0.7) rec.requestedAt = iso(now - Math.floor(r() * 71 * H));
        rec.statusSince = rec.firstSeenAt;
        break;
      case 'no-status':
        break;
      case 'complaint':
        rec.complaintType = pick(['未按约定时间发货', '违背承诺']);
        delete rec.reason;
        if (r() < 0.5) rec.reason = '违背承诺';
        break;
    }
    const fates: Seeded['fates'] = [];
    const nd = Math.floor(r() * 4);
    for (let k = 0; k < nd; k++) {
      const fate = pick<Fate>(['breached', 'unseen', 'future', 'buyer']);
      let due: number;
      let id = pick(SELLER_IDS);
      if (fate === 'breached') due = lastSeen - 1000 - Math.floor(r() * 3 * D);
      else if (fate === 'unseen') due = lastSeen + Math.floor(r() * (now - lastSeen));
      else if (fate === 'future') due = now + 1000 + Math.floor(r() * 3 * D);
      else {
        id = 'auto-confirm-receipt';
        due = lastSeen - Math.floor(r() * D);
      }
      rec.deadlines.push({ id, dueAt: iso(due) });
      fates.push({ id, fate, dueMs: Math.floor(due / 1000) * 1000 });
    }
    if (r() < 0.2) rec.compensation = { triggered: true, amount: '150.00' };
    out.push({ rec, label, fates });
  }
  return out;
}

interface SeededLedger {
  rec: Omit<LedgerRecord, 'seq'>;
  atMs: number;
  fen: number;
}

export function seedLedger(count: number, seed = 11, now = NOW): SeededLedger[] {
  const r = rng(seed);
  const out: SeededLedger[] = [];
  for (let i = 0; i < count; i++) {
    const at = now - Math.floor(r() * 35 * 86400) * 1000;
    const fen = 1 + Math.floor(r() * 50000);
    out.push({
      atMs: Math.floor(at / 1000) * 1000,
      fen,
      rec: {
        buyer: r() < 0.5 ? `tb_买家${i}` : `1381234${String(1000 + i)}`,
        amount: fen / 100,
        at: iso(at),
        kind: r() < 0.5 ? 'platform-payout' : 'proactive-settlement',
        orderId: String(3900000000000000 + i),
        reason: '未按约定时间发货',
        confirmedAt: iso(at),
      },
    });
  }
  return out;
}
