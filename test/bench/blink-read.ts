/**
 * Diagnostic: core/pages `readPage` itself in Blink, without the extension. An unminified
 * esbuild bundle of core/pages (with a source map) is added to a generated list page
 * served at a back-office URL the content script does not match, timed with
 * performance.now() in the page and profiled with CDP `Profiler`. The ticks are mapped
 * back to `core/…:line`, which says what in the reader is slow. The extension's own build
 * is minified, so its profile would not name anything.
 */
import type { RawSourceMap } from 'source-map-js';
import type { Page } from 'playwright-core';
import type { Harness } from '../e2e/harness';
import { ROOT } from './build';
import { listPage, workbenchRows, workbenchShell } from './pages';
import { sourceLine, type HotSpot } from './profile';
import { spread, type Spread } from './stats';
import { join, relative } from 'node:path';

/** Served here: same host, a path outside the content script's matches (`/dispute/*`). */
const PLAIN_URL = 'https://refund2.tmall.com/bench/list.htm';
const WORKBENCH_PLAIN_URL = 'https://myseller.taobao.com/bench/workbench.htm';
const LIST_URL_FOR_READER = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
const SOURCE_URL = 'aftersale-bench://core-pages.js';

export interface BlinkRead {
  /** The first call (the median over the loads, when cold): cold JIT, and every node touched gets its JS wrapper created then. */
  firstMs: number;
  timing: Spread;
  functions: HotSpot[];
  lines: Array<HotSpot & { source: string }>;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  positionTicks?: Array<{ line: number; ticks: number }>;
}

/** What to read: a generated page, served at `url` (outside the content script's matches), and the cases it holds. */
interface BlinkPage {
  html: string;
  url: string;
  cases: number;
}

/** The 退款管理 list of `rows` rows (its platform given: the URL the reader is told names none). */
export function blinkListPage(rows: number): BlinkPage {
  return { html: listPage(rows, Date.now()), url: PLAIN_URL, cases: rows };
}

/** The 千牛 workbench list (per-case Fusion tables) with `rows` cases in it. */
export function blinkWorkbenchPage(rows: number): BlinkPage {
  const html = workbenchShell().replace(
    '<div class="next-table-body" id="wb-body"></div>',
    `<div class="next-table-body" id="wb-body">${workbenchRows(rows, Date.now())}</div>`,
  );
  return { html, url: WORKBENCH_PLAIN_URL, cases: rows };
}

/**
 * `cold`: the profile is of the first call on a fresh page load (`loops` loads) — the content
 * script's case; else of `loops` warm calls.
 */
export async function blinkRead(h: Harness, target: BlinkPage, loops = 7, cold = false): Promise<BlinkRead> {
  const esbuild = await import('esbuild');
  const { SourceMapConsumer } = await import('source-map-js');
  const out = await esbuild.build({
    entryPoints: [join(ROOT, 'core/pages/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: '__asPages',
    platform: 'browser',
    write: false,
    outdir: join(ROOT, '.tmp-bench'),
    sourcemap: 'external',
    minify: false,
    logLevel: 'silent',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const mapFile = out.outputFiles.find((f) => f.path.endsWith('.map'))!;
  const map = new SourceMapConsumer(JSON.parse(mapFile.text) as RawSourceMap);
  const mapDir = join(ROOT, '.tmp-bench');

  h.serve(target.url, target.html);
  const page: Page = await h.context.newPage();
  try {
    await page.goto(target.url, { waitUntil: 'domcontentloaded' });
    await page.addScriptTag({ content: `${js}\n//# sourceURL=${SOURCE_URL}` });
    const call = `(() => { const t0 = performance.now(); const r = __asPages.readPage(document, ${JSON.stringify(LIST_URL_FOR_READER)}, { platform: 'tmall' }); return [performance.now() - t0, r.cases.length]; })()`;
    const first = await page.evaluate<[number, number]>(call);
    if (first[1] !== target.cases)
      throw new Error(`readPage found ${first[1]} cases of ${target.cases} in Blink`);
    for (let i = 0; i < 2; i++) await page.evaluate(call);
    const samples: number[] = [];
    for (let i = 0; i < loops; i++) samples.push((await page.evaluate<[number, number]>(call))[0]);

    const cdp = await h.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    const profiled = async (run: () => Promise<void>): Promise<Profile> => {
      await cdp.send('Profiler.start');
      await run();
      return ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile;
    };
    const profiles: Profile[] = [];
    const firsts = [first[0]];
    if (cold) {
      // The content script's case: the first call on a freshly loaded page, `loops` times.
      for (let i = 0; i < loops; i++) {
        await page.goto(target.url, { waitUntil: 'domcontentloaded' });
        await page.addScriptTag({ content: `${js}\n//# sourceURL=${SOURCE_URL}` });
        profiles.push(
          await profiled(async () => void firsts.push((await page.evaluate<[number, number]>(call))[0])),
        );
      }
    } else {
      profiles.push(
        await profiled(async () => {
          for (let i = 0; i < loops; i++) await page.evaluate(call);
        }),
      );
    }
    await cdp.detach();

    const ticks = profiles.reduce((n, p) => n + p.samples.length, 0) || 1;
    const msPerTick = profiles.reduce((n, p) => n + (p.endTime - p.startTime) / 1000, 0) / ticks;
    // Shares of the busy time (the waits between calls are idle).
    const idle = profiles
      .flatMap((p) => p.nodes)
      .reduce((n, x) => n + (x.callFrame.functionName === '(idle)' ? (x.hitCount ?? 0) : 0), 0);
    const total = ticks - idle || 1;
    const orig = (line1: number) => {
      const p = map.originalPositionFor({
        line: line1,
        column: 0,
        bias: SourceMapConsumer.LEAST_UPPER_BOUND,
      });
      return p.source ? `${relative(ROOT, join(mapDir, p.source))}:${p.line}` : null;
    };
    const fns = new Map<string, number>();
    const lines = new Map<string, number>();
    for (const n of profiles.flatMap((p) => p.nodes)) {
      const hits = n.hitCount ?? 0;
      const name = n.callFrame.functionName;
      if (!hits || name === '(idle)') continue;
      const ours = n.callFrame.url === SOURCE_URL;
      const fnKey = ours
        ? `${name || '(anonymous)'} ${orig(n.callFrame.lineNumber + 1) ?? ''}`
        : `${name || '(anonymous)'} ${n.callFrame.url ? '(page)' : '(native)'}`;
      fns.set(fnKey, (fns.get(fnKey) ?? 0) + hits);
      if (!ours) continue;
      for (const pt of n.positionTicks ?? []) {
        const o = orig(pt.line);
        if (o)
          lines.set(
            `${o} (in ${name || 'anonymous'})`,
            (lines.get(`${o} (in ${name || 'anonymous'})`) ?? 0) + pt.ticks,
          );
      }
    }
    const top = (m: Map<string, number>, k: number) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([where, t]) => ({
          where,
          selfMs: Math.round(t * msPerTick * 10) / 10,
          pct: Math.round((t / total) * 1000) / 10,
        }));
    return {
      firstMs: spread(firsts).median,
      timing: spread(samples),
      functions: top(fns, 12),
      lines: top(lines, 15).map((x) => ({ ...x, source: sourceLine(x.where) })),
    };
  } finally {
    await page.close();
  }
}
