/**
 * The DEMO back-office: our fixture pages, with every date moved by the same amount so that
 * the page's latest event happens as the demo starts and its countdowns are live, served
 * by a small node:http server on 127.0.0.1 (random free port).
 *
 * Local layout: `/` = index (links to local copies), `/<host><path>?<query>` = the page that
 * the real back-office URL `https://<host><path>?<query>` shows. A browser started by
 * start.ts routes the real back-office hosts here, so the extension's production match
 * patterns apply.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixturePages, readFixture, type FixturePage } from '../e2e/site';

const BEIJING_MS = 8 * 3_600_000;
const MINUTE_MS = 60_000;

/** Real back-office URL of the demo index page (no case on it: the content script reads nothing). */
export const DEMO_INDEX_URL = 'https://refund2.tmall.com/sentinel-demo/index.htm';

/**
 * Dates the back-office shows: `2026-11-20 10:00:00`, `2026-11-20 10:00`, `2026/11/20 10:00`,
 * `2026年11月20日 10:00:00`, and date-only forms. Captures: year, sep|年, month, day, time part.
 */
const DATE_RE =
  /(?<![0-9０-９])([0-9０-９]{4})(?:([-/－／])([0-9０-９]{1,2})\2([0-9０-９]{1,2})|年([0-9０-９]{1,2})月([0-9０-９]{1,2})日)(?:(\s*|T)([0-9０-９]{1,2})[:：]([0-9０-９]{2})(?:[:：]([0-9０-９]{2}))?)?(?![0-9０-９])/g;

/** Full-width digits (`２０２６`) → ASCII, for reading a matched date. */
const ascii = (s: string): string => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
/** ASCII digits → full-width, to write a date back in the page's own style. */
const wide = (s: string): string => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

interface FoundDate {
  ms: number;
  hasTime: boolean;
}

function pad(n: number, like: string): string {
  return like.length >= 2 ? String(n).padStart(2, '0') : String(n);
}

function parseMatch(m: RegExpExecArray): FoundDate | null {
  const [, y, sep, mo1, d1, mo2, d2, , hh, mi, ss] = Array.from(m, (v) => (v === undefined ? undefined : ascii(v)));
  const month = Number(mo1 ?? mo2);
  const day = Number(d1 ?? d2);
  const year = Number(y);
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 2000 || year > 2100) return null;
  void sep;
  const hasTime = hh !== undefined;
  const ms = Date.UTC(year, month - 1, day, hasTime ? Number(hh) : 0, hasTime ? Number(mi) : 0, ss ? Number(ss) : 0) - BEIJING_MS;
  return Number.isFinite(ms) ? { ms, hasTime } : null;
}

/** Every date in `html`, as epoch ms (read as Beijing time). */
export function datesIn(html: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of html.matchAll(DATE_RE)) {
    const f = parseMatch(m as RegExpExecArray);
    if (f) out.push(f);
  }
  return out;
}

/** The page's base time: its latest date-with-time (its "now" when the fixture was written). */
export function baseTimeOf(html: string): number | null {
  const withTime = datesIn(html).filter((d) => d.hasTime);
  if (withTime.length === 0) return null;
  return Math.max(...withTime.map((d) => d.ms));
}

/**
 * Move every date in `html` by `deltaMs` (whole minutes, or seconds for pages whose dates
 * all carry seconds), keeping each date's own format
 * (separator, padding, seconds or not). Relative offsets between dates are unchanged; the
 * platform's countdown texts (`剩余2天23时7分51秒`) are durations relative to the page's
 * "now" and stay as they are.
 */
export function shiftDates(html: string, deltaMs: number, unit: 'minute' | 'second' = 'minute'): string {
  const step = unit === 'second' ? 1000 : MINUTE_MS;
  const delta = Math.round(deltaMs / step) * step;
  return html.replace(DATE_RE, (...args: unknown[]) => {
    const m = args.slice(0, 11) as unknown as RegExpExecArray;
    const f = parseMatch(m);
    if (!f) return m[0];
    // Date-only values move by whole days so they stay on a calendar boundary.
    const shift = f.hasTime ? delta : Math.round(delta / 86_400_000) * 86_400_000;
    const t = new Date(f.ms + shift + BEIJING_MS); // Beijing wall clock in UTC fields
    const [whole, y, sep, mo1, d1, mo2, d2, gap, hh, mi, ss] = m;
    const Y = String(t.getUTCFullYear());
    const M = pad(t.getUTCMonth() + 1, (mo1 ?? mo2)!);
    const D = pad(t.getUTCDate(), (d1 ?? d2)!);
    void y;
    let out = sep ? `${Y}${sep}${M}${sep}${D}` : `${Y}年${M}月${D}日`;
    if (hh !== undefined) {
      const colon = /：/.test(whole) ? '：' : ':';
      out += `${gap ?? ''}${pad(t.getUTCHours(), hh)}${colon}${pad(t.getUTCMinutes(), mi!)}`;
      if (ss !== undefined) out += `${colon}${pad(t.getUTCSeconds(), ss)}`;
    }
    return /[０-９]/.test(whole) ? wide(out) : out;
  });
}

export interface DemoPage extends FixturePage {
  /** Path on the local server: `/<host><path>?<query>`. */
  localPath: string;
  html: string;
  /** How far the page's dates were moved (ms). */
  shiftMs: number;
}

/**
 * How long before the demo starts the page's latest event happened. 0: the page's latest
 * timestamp becomes "now", so the platform countdown texts on it (durations counted from the
 * fixture's own moment) stay consistent with the moved dates and are kept as written.
 */
export const DEMO_LAST_EVENT_AGO_MS = 0;

export function localPathFor(url: string): string {
  const u = new URL(url);
  return `/${u.host}${u.pathname}${u.search}`;
}

/** The demo pages: fixtures with dates shifted so their latest event is `now` (minus DEMO_LAST_EVENT_AGO_MS). */
export function demoPages(now = Date.now(), pages = fixturePages()): DemoPage[] {
  return pages.map((p) => {
    const raw = readFixture(p.file);
    const base = baseTimeOf(raw);
    const shiftMs = base === null ? 0 : now - DEMO_LAST_EVENT_AGO_MS - base;
    return { ...p, localPath: localPathFor(p.url), html: shiftDates(raw, shiftMs), shiftMs };
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The index page; `real` links point at the back-office URLs (for the routed browser). */
export function indexHtml(pages: DemoPage[], real: boolean): string {
  const rows = pages
    .map((p) => {
      const href = real ? p.url : p.localPath;
      return `<li><a href="${escapeHtml(href)}">${escapeHtml(p.note || p.file)}</a><br><code>${escapeHtml(p.url)}</code></li>`;
    })
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>售后哨兵 演示后台 · Aftersale Sentinel demo back-office</title>
<style>body{font:15px/1.6 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:56em;padding:0 1em}code{color:#555;font-size:12px}li{margin:.6em 0}</style></head>
<body><h1>售后哨兵 演示后台</h1>
<p>Demo back-office: the project's fixture pages (refund lists, refund details, after-sale and complaint panels) with their dates moved so the countdowns are live. Each page is shown at its real back-office URL; the extension reads it like the real one.</p>
<ul>
${rows || '<li>(no fixture pages found in test/fixtures/pages/README.md)</li>'}
</ul></body></html>`;
}

export interface BackOffice {
  server: Server;
  port: number;
  origin: string;
  pages: DemoPage[];
  /** Local URL serving the page of a real back-office URL. */
  localUrl(realUrl: string): string;
  close(): Promise<void>;
}

/** Start the static server (127.0.0.1, random free port). */
export async function startBackOffice(opts: { now?: number; pages?: DemoPage[] } = {}): Promise<BackOffice> {
  const pages = opts.pages ?? demoPages(opts.now);
  const byPath = new Map<string, string>();
  for (const p of pages) byPath.set(p.localPath, p.html);
  byPath.set(localPathFor(DEMO_INDEX_URL), indexHtml(pages, true));
  const localIndex = indexHtml(pages, false);

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const body = path === '/' || path === '/index.html' ? localIndex : byPath.get(path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not a demo page');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    server,
    port,
    origin,
    pages,
    localUrl: (realUrl) => origin + localPathFor(realUrl),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
