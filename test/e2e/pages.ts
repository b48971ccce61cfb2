/**
 * Helpers the e2e tests use to know what a page SAYS, independently of the extension:
 * they read the served HTML's labels and values in the browser (tables and label/value
 * pairs), so expected due times are computed from the page's own timestamps.
 */
import type { Page } from 'playwright-core';

const BEIJING_MS = 8 * 3_600_000;

/** `2026-11-20 10:00[:00]`, `2026/11/20 10:00`, `2026年11月20日 10:00:00` → epoch ms (Beijing time). */
export function beijingMs(text: string): number | null {
  const t = text.normalize('NFKC');
  const m =
    /(\d{4})(?:[-/](\d{1,2})[-/](\d{1,2})|年(\d{1,2})月(\d{1,2})日)\s*(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(t);
  if (!m) return null;
  const [, y, mo1, d1, mo2, d2, hh, mi, ss] = m;
  return (
    Date.UTC(Number(y), Number(mo1 ?? mo2) - 1, Number(d1 ?? d2), Number(hh), Number(mi), Number(ss ?? 0)) -
    BEIJING_MS
  );
}

/** epoch ms → `2026-11-23T10:00:00+08:00` */
export function beijingIso(ms: number): string {
  return new Date(ms + BEIJING_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/**
 * A countdown as shown → the signed minutes it says and how precise it is (minutes): the
 * panel's `2天23时07分`, the badge's compact `2天23时` (to the hour), `5时07分`, `42分`, and
 * past the deadline `已超时 1时05分`.
 */
function countdownShown(text: string): { minutes: number; unit: number } | null {
  const m = /^(已超时 )?(?:(\d+)天)?(?:(\d+)时)?(?:(\d+)分)?$/.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined && m[4] === undefined)) return null;
  const v = Number(m[2] ?? 0) * 1440 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return { minutes: m[1] ? -v : v, unit: m[4] === undefined ? 60 : 1 };
}

/** The signed minutes a countdown says (its lower bound at the precision shown). */
export function countdownMinutes(text: string): number | null {
  return countdownShown(text)?.minutes ?? null;
}

/** Whether a shown countdown agrees with `minutesLeft` at the precision it shows (±1 minute of reading lag). */
export function countdownAgrees(text: string, minutesLeft: number): boolean {
  const c = countdownShown(text);
  if (!c) return false;
  return (
    Math.abs(Math.abs(minutesLeft) - Math.abs(c.minutes)) <= c.unit &&
    Math.sign(minutesLeft) * Math.sign(c.minutes) >= 0
  );
}

/** What a badge's countdown looks like (compact, two units at most). */
export const BADGE_COUNTDOWN = /^(已超时 )?(\d+天\d{2}时|\d+时\d{2}分|\d+分)$/;

/** First value paired with one of `labels` on the page (th/td, dt/dd, sibling, "label：value"). */
export async function labelValue(page: Page, labels: string[]): Promise<string | null> {
  return page.evaluate((wanted) => {
    const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    const bare = (s: string) => clean(s).replace(/[:：]\s*$/, '');
    const all = Array.from(document.body.querySelectorAll('*')).filter(
      (e) => e.localName !== 'aftersale-sentinel-badge',
    );
    for (const el of all) {
      const own = bare(
        Array.from(el.childNodes)
          .filter((n) => n.nodeType === 3)
          .map((n) => n.textContent)
          .join(''),
      );
      if (!own) continue;
      for (const w of wanted) {
        if (own === w && el.children.length === 0) {
          let next = el.nextElementSibling;
          while (next && next.localName === 'aftersale-sentinel-badge') next = next.nextElementSibling;
          const v = clean(next?.textContent);
          if (v) return v;
        }
        const inline = new RegExp(`^${w}\\s*[:：]\\s*(.+)$`).exec(own);
        if (inline?.[1]) return clean(inline[1]);
      }
    }
    return null;
  }, labels);
}

export const LABELS = {
  refundRequestedAt: ['申请时间', '退款申请时间', '售后申请时间'],
  paidAt: ['付款时间', '买家付款时间'],
  paidAmount: ['实付金额', '实付款', '买家实付', '订单金额'],
  reason: ['退款原因', '售后原因', '申请原因'],
  refundId: ['退款编号', '退款单号'],
  complaintFiledAt: ['投诉时间', '发起时间'],
  tradeSucceededAt: ['交易成功时间', '确认收货时间'],
} as const;

/** The value of the first of `labels` present in a table row record. */
export function pick(rec: Record<string, string>, labels: readonly string[]): string | undefined {
  for (const l of labels) if (rec[l] !== undefined) return rec[l];
  return undefined;
}

interface ListRow {
  values: Record<string, string>;
  /** Attributes of the badge inside this row (null when the row has none). */
  badge: {
    deadline: string | null;
    due: string | null;
    caseKey: string | null;
    unreadable: string | null;
    countdown: string | null;
  } | null;
  badges: number;
}

/** Body rows of the first table whose header has `label` (or of the body table after it), each with the badge placed in it. */
export async function listRows(page: Page, label: string): Promise<ListRow[]> {
  return page.evaluate((want) => {
    const clean = (s: string | null | undefined) =>
      (s ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[:：]$/, '');
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const headRow = table.querySelector('thead tr') ?? table.querySelector('tr');
      if (!headRow) continue;
      const heads = Array.from(headRow.children).map((c) => clean(c.textContent));
      if (!heads.includes(want)) continue;
      let rows = Array.from(table.querySelectorAll('tr')).filter(
        (r) => r !== headRow && r.querySelector('td'),
      );
      if (rows.length === 0) {
        // Fusion-style tables: the header and the body are two separate <table>s.
        const tables = Array.from(document.querySelectorAll('table'));
        const body = tables.slice(tables.indexOf(table) + 1).find((t) => t.querySelector('tr td'));
        rows = body ? Array.from(body.querySelectorAll('tr')).filter((r) => r.querySelector('td')) : [];
      }
      return rows.map((r) => {
        const values: Record<string, string> = {};
        Array.from(r.children).forEach((c, i) => {
          const copy = c.cloneNode(true) as Element;
          copy.querySelectorAll('aftersale-sentinel-badge').forEach((b) => b.remove());
          const h = heads[i];
          if (h) values[h] = clean(copy.textContent);
        });
        const all = r.querySelectorAll('aftersale-sentinel-badge');
        const b = all[0];
        return {
          values,
          badges: all.length,
          badge: b
            ? {
                deadline: b.getAttribute('data-deadline'),
                due: b.getAttribute('data-due'),
                caseKey: b.getAttribute('data-case'),
                unreadable: b.getAttribute('data-unreadable'),
                countdown: b.shadowRoot?.querySelector('[data-testid="countdown"]')?.textContent ?? null,
              }
            : null,
        };
      });
    }
    return [];
  }, label);
}

/**
 * The label-layout Tmall refund detail (卖家缺货, tb_小鹿2026) as another refund of the same
 * buyer: `refundId`, `paid` (yuan, also the refund amount) and, with `completed`, the refund
 * seen after it succeeded (退款成功, the trade closed, no countdown).
 */
export function outOfStockRefund(
  html: string,
  o: { refundId: string; orderId: string; paid: string; completed: boolean },
): string {
  let out = html
    .replace('202611200001', o.refundId)
    .replace('3921845507761234', o.orderId)
    .replaceAll('¥500.00', `¥${o.paid}`);
  if (o.completed) {
    out = out
      .replace('<p class="st-title_0b7d">等待商家处理退款申请</p>', '<p class="st-title_0b7d">退款成功</p>')
      .replace(/<p class="st-timer_e5a0">[\s\S]*?<\/p>/, '')
      .replace('<dd>等待商家处理</dd>', '<dd>退款成功</dd>')
      .replace('<dd>买家已付款</dd>', '<dd>交易关闭</dd>');
  }
  if (out.includes('202611200001') || (o.completed && !out.includes('<dd>退款成功</dd>')))
    throw new Error('outOfStockRefund: the fixture changed');
  return out;
}
