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
import { servedAt } from '../fixtures/clock';

export { baseTimeOf, datesIn, shiftDates } from '../fixtures/clock';

/** Real back-office URL of the demo index page (no case on it: the content script reads nothing). */
export const DEMO_INDEX_URL = 'https://refund2.tmall.com/sentinel-demo/index.htm';

interface DemoPage extends FixturePage {
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

function localPathFor(url: string): string {
  const u = new URL(url);
  return `/${u.host}${u.pathname}${u.search}`;
}

/** The demo pages: fixtures with dates shifted so their latest event is `now` (minus DEMO_LAST_EVENT_AGO_MS). */
function demoPages(now = Date.now(), pages = fixturePages()): DemoPage[] {
  return pages.map((p) => {
    const { html, shiftMs } = servedAt(readFixture(p.file), now, DEMO_LAST_EVENT_AGO_MS);
    return { ...p, localPath: localPathFor(p.url), html, shiftMs };
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The index page; `real` links point at the back-office URLs (for the routed browser). */
function indexHtml(pages: DemoPage[], real: boolean): string {
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
