/**
 * Reading a generated 1,000-row (and 200-row) list page in Node with happy-dom through
 * core/pages `readPage` (issue 3: "reading a 1,000-row list page is covered by the
 * benchmark"). Same pages as the Chromium figures. Informative: the budgets of issue 6 are
 * for real Chromium (happy-dom's DOM is several times slower than Blink's); the 80 ms
 * Chromium budget is shown as the reference.
 */
import { Window } from 'happy-dom';
import { LIST_URL, listPage } from './pages';
import { profileModule, sourceLine } from './profile';
import { info, type Figure } from './report';
import { describe, spread } from './stats';

interface PagesModule {
  readPage(
    root: ParentNode,
    url: string,
    opts?: { platform?: 'tmall' | 'taobao' },
  ): { cases: unknown[]; tried: string[]; errors: unknown[] };
}

export async function loadPages(): Promise<PagesModule> {
  const path = '../../core/pages/index';
  const mod = (await import(path)) as Partial<PagesModule>;
  if (typeof mod.readPage !== 'function') throw new Error('core/pages does not export readPage');
  return mod as PagesModule;
}

export async function runDomRead(
  opts: { log?: (s: string) => void; profile?: boolean } = {},
): Promise<Figure[]> {
  const pages = await loadPages();
  const log = opts.log ?? (() => {});
  const figs: Figure[] = [];
  const nowMs = Date.parse('2026-11-20T10:00:00+08:00');
  for (const rows of [200, 1000]) {
    const window = new Window({ url: LIST_URL });
    const document = window.document;
    document.write(listPage(rows, nowMs));
    const root = document as unknown as ParentNode;
    const first = pages.readPage(root, LIST_URL);
    if (first.cases.length !== rows)
      throw new Error(
        `readPage found ${first.cases.length} cases on a ${rows}-row list page (errors: ${JSON.stringify(first.errors).slice(0, 200)})`,
      );
    const samples: number[] = [];
    for (let i = 0; i < 2; i++) pages.readPage(root, LIST_URL);
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      pages.readPage(root, LIST_URL);
      samples.push(performance.now() - t0);
    }
    const sp = spread(samples);
    log(`dom: ${rows} rows read in ${sp.median.toFixed(1)} ms (happy-dom)`);
    figs.push(
      info({
        id: `dom.read.${rows}`,
        figure: `read a ${rows.toLocaleString('en-US')}-row list page in Node (happy-dom, core/pages readPage)`,
        value: Math.round(sp.median * 10) / 10,
        unit: 'ms',
        note: `${describe(sp, 'ms')}; ${((sp.median / rows) * 1000).toFixed(0)} µs/row; reference only (Chromium budget: ${rows === 200 ? 16 : 80} ms)`,
        detail: { samples },
      }),
    );
    if (rows === 1000 && (opts.profile || sp.median > 80)) {
      const prof = await profileModule<PagesModule>('core/pages/index.ts', (m) => {
        m.readPage(root, LIST_URL);
      });
      log(
        `dom: CPU profile of readPage on ${rows} rows (happy-dom; self time)\n by function:\n` +
          prof.functions.map((h) => `  ${h.pct.toFixed(1).padStart(5)} %  ${h.where}`).join('\n') +
          '\n by line:\n' +
          prof.lines
            .map((h) => `  ${h.pct.toFixed(1).padStart(5)} %  ${h.where}  | ${sourceLine(h.where)}`)
            .join('\n'),
      );
      figs.at(-1)!.detail!.profile = {
        ...prof,
        lines: prof.lines.map((h) => ({ ...h, source: sourceLine(h.where) })),
      };
    }
    await window.happyDOM.close();
  }
  return figs;
}
