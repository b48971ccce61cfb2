/**
 * A page that changes something every 10 ms (issue 17 "done when", review M2), in real
 * Chromium: the workbench list at its real URL with a script of the page's own that rewrites
 * a message counter in the top bar every 10 ms — not a countdown, outside the cases. Before
 * the fix every change restarted the 150 ms debounce, so such a page was never read again:
 * a case added while it ticked got no badge (review: none within 10 s). Now the debounce
 * has a max wait: the new case gets its badge while the page keeps ticking, and the page
 * reads as before (no marker, every case once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BADGE, launch, waitForBadges, type Harness } from './harness';
import { fixturePages, readFixture } from './site';

const LIST = fixturePages().find((f) => f.file === 'refund-list-tmall.html')!;
const NEW_ID = '202611209999';

let h: Harness;
let page: Page;

/** Ticks of the page's 10 ms counter so far. */
const ticks = () => page.evaluate(() => (window as unknown as { __ticks: number }).__ticks);
const caseKeys = () =>
  page.evaluate(
    (tag) => [...document.querySelectorAll(`${tag}[data-case]`)].map((e) => e.getAttribute('data-case')!),
    BADGE,
  );

beforeAll(async () => {
  h = await launch();
  const ticker =
    `window.__ticks = 0; addEventListener('DOMContentLoaded', () => {` +
    `const s = document.createElement('span'); s.id = 'im-unread'; document.body.prepend(s);` +
    `setInterval(() => { window.__ticks++; s.textContent = '未读消息 ' + window.__ticks + ' 条'; }, 10); });`;
  h.serve(
    LIST.url,
    readFixture(LIST.file).replace(/<head[^>]*>/i, (m) => `${m}<script>${ticker}</script>`),
  );
  page = await h.open(LIST.url);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('a page that changes every 10 ms', () => {
  it('is read while it ticks: every case gets its badge', async () => {
    await waitForBadges(page, 60, 20_000);
    expect(await ticks()).toBeGreaterThan(0);
    const keys = await caseKeys();
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a case added while the page keeps ticking gets its badge', async () => {
    const t0 = await ticks();
    await page.evaluate((id) => {
      const first = document.querySelector('table.next-table-row')!;
      const copy = first.cloneNode(true) as HTMLElement;
      // the clone must not carry our badge: only a badge mounted for the new case counts
      for (const el of [...copy.querySelectorAll('*')])
        if (el.localName.startsWith('aftersale-sentinel-badge')) el.remove();
      copy.setAttribute('data-row-key', id);
      copy.innerHTML = copy.innerHTML.replaceAll('202611200100', id);
      first.parentElement!.prepend(copy);
    }, NEW_ID);
    await expect
      .poll(async () => (await caseKeys()).filter((k) => k === `tmall:refund:${NEW_ID}`).length, {
        timeout: 20_000,
      })
      .toBe(1);
    // The page was still ticking all along (the badge did not wait for it to stop).
    expect(await ticks()).toBeGreaterThan(t0);
    const keys = await caseKeys();
    expect(keys).toHaveLength(61);
    expect(new Set(keys).size).toBe(61);
  });
});
