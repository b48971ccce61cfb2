/**
 * The content script's pass marks as the bench sees them: a main-world recorder notes the
 * time of every finished pass with the marks the content script wrote on <html>
 * (`data-as-*`), and `waitPass` waits for the pass a change caused.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface PassMark {
  t: number;
  passes: number;
  badges: number;
  read: number;
  mount: number;
  report: number;
  total: number;
  /** read done → every badge mounted (the content script mounts the top rows first, the rest in slices); NaN on builds without the mark. */
  mountAll: number;
  /** The read's longest slice (a read spread over tasks); NaN on builds without the mark (their read is one task). */
  readTask: number;
  /** The longest slice of badges after the first; NaN on builds without the mark. */
  mountTask: number;
}

declare global {
  interface Window {
    __asBench?: { passes: PassMark[] };
  }
}

/** Main-world recorder: the time (performance.now) of every finished content-script pass. */
export const RECORDER = `(() => {
  if (!/^https:/.test(location.href) || window.__asBench) return;
  const rec = (window.__asBench = { passes: [] });
  const num = (n) => Number(document.documentElement.getAttribute('data-as-' + n));
  new MutationObserver(() => {
    const passes = num('passes');
    if (!rec.passes.length || rec.passes[rec.passes.length - 1].passes !== passes)
      rec.passes.push({ t: performance.now(), passes, badges: num('badges'), read: num('read-ms'), mount: num('mount-ms'), report: num('report-ms'), total: num('total-ms'), mountAll: document.documentElement.hasAttribute('data-as-mount-all-ms') ? num('mount-all-ms') : NaN, readTask: document.documentElement.hasAttribute('data-as-read-task-ms') ? num('read-task-ms') : NaN, mountTask: document.documentElement.hasAttribute('data-as-mount-task-ms') ? num('mount-task-ms') : NaN });
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-as-passes'] });
})();`;

export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

export async function passes(page: Page): Promise<PassMark[]> {
  return page.evaluate(() => window.__asBench?.passes ?? []);
}

/** The content script's own failure messages (console.warn '[售后哨兵] page pass failed: …'), per page. */
const passFailures = new WeakMap<Page, string[]>();
export function watchFailures(page: Page): void {
  if (passFailures.has(page)) return;
  const list: string[] = [];
  passFailures.set(page, list);
  page.on('console', (m) => {
    const text = m.text();
    if (text.includes('page pass failed')) list.push(text.split('\n')[0]!.slice(0, 200));
  });
}

/**
 * Wait for a pass after `afterPass` with at least `badges` badges; returns its marks.
 * Fails at once (with the content script's own message) when the pass fails.
 */
export async function waitPass(
  page: Page,
  afterPass: number,
  badges: number,
  timeoutMs = 30_000,
): Promise<PassMark> {
  watchFailures(page);
  const failures = passFailures.get(page)!;
  const seen = failures.length;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const hit = (await passes(page)).find((x) => x.passes > afterPass && x.badges >= badges);
    if (hit) return hit;
    if (failures.length > seen) throw new Error(`content script: ${failures[failures.length - 1]}`);
    if (Date.now() > end)
      throw new Error(`no content-script pass with ${badges} badges within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(20);
  }
}
