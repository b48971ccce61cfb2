/**
 * A 1,024-px window with the side panel docked leaves the page about 660 px: every badge on
 * the workbench list must still show whole — nothing cut by its cell (the Fusion cells clip
 * their overflow) and nothing cut inside the badge itself. Measured through the badges' open
 * shadow roots in real Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADGE, launch, screenshot, waitForBadges, type Harness } from './harness';

const LIST = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
/** 1,024 px minus a docked side panel of 364 px (Chrome's default width is about 360–400). */
const PAGE_PX = 660;

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('badges on a narrow page (window 1,024 px, panel docked)', () => {
  it('every badge shows whole: not clipped by its cell, not cut inside', async () => {
    const page = await h.open(LIST);
    await page.setViewportSize({ width: PAGE_PX, height: 900 });
    await waitForBadges(page, 60);
    const clipped = await page.evaluate((tag) => {
      const out: string[] = [];
      for (const host of document.querySelectorAll(tag)) {
        const box = host.shadowRoot?.querySelector('[part="badge"]') as HTMLElement | null;
        if (!box) continue;
        const r = box.getBoundingClientRect();
        // inside: every part on its own line fits the box
        if (box.scrollWidth > box.clientWidth + 1)
          out.push(`${host.getAttribute('data-case')}: inner ${box.scrollWidth} > ${box.clientWidth}`);
        // outside: every ancestor that clips its overflow holds the whole badge
        for (let el: Element | null = host.parentElement; el; el = el.parentElement) {
          const cs = getComputedStyle(el);
          if (cs.overflowX === 'visible' && cs.overflow === 'visible') continue;
          const c = el.getBoundingClientRect();
          if (r.left < c.left - 0.5 || r.right > c.right + 0.5)
            out.push(
              `${host.getAttribute('data-case')}: ${Math.round(r.left)}–${Math.round(r.right)} outside ${el.localName}.${el.className} ${Math.round(c.left)}–${Math.round(c.right)}`,
            );
          break;
        }
      }
      return out;
    }, BADGE);
    await screenshot(page, 'workbench-list-660px', { fullPage: false });
    expect(clipped).toEqual([]);
    await page.close();
  });
});
