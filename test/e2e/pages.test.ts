/**
 * Every fixture page, at its real back-office URL (both platforms, all five page kinds): the
 * production match patterns inject the content script, and each case gets one badge (a
 * countdown, or the unreadable marker) — detail pages exactly one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, readBadges, waitForBadges, type Harness } from './harness';
import { fixturePages } from './site';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

const pages = fixturePages();

describe('every fixture page at its real URL gets its badges', () => {
  it('the fixture table lists all five page kinds on both platforms', () => {
    const kinds = new Set(pages.map((p) => `${new URL(p.url).hostname.split('.')[1]}:${new URL(p.url).pathname}`));
    for (const platform of ['tmall', 'taobao']) {
      for (const path of ['/dispute/seller/list.htm', '/dispute/seller/detail.htm', '/dispute/seller/aftersale.htm', '/complaint/seller/detail.htm', '/complaint/seller/list.htm']) {
        expect(kinds, `${platform} ${path}`).toContain(`${platform}:${path}`);
      }
    }
  });

  for (const p of pages) {
    it.concurrent(`${p.file} → ${p.url}`, async () => {
      const page = await h.open(p.url);
      const isList = /\/list\.htm/.test(p.url);
      await waitForBadges(page, isList ? 2 : 1);
      await page.waitForTimeout(300); // a late second badge on a detail page would show here
      const badges = await readBadges(page);
      expect(badges.every((b) => b.shadow)).toBe(true);
      for (const b of badges) {
        // Either it counts down to a due time, or it says which fields it could not read.
        expect(b.due !== null || b.unreadable !== null, JSON.stringify(b)).toBe(true);
        if (b.due !== null) expect(b.countdown).toMatch(/^-?(\d+天)?\d+时\d{2}分/);
      }
      if (isList) {
        // One badge per case: no case key twice.
        const keys = badges.map((b) => b.caseKey).filter((k) => k !== null);
        expect(new Set(keys).size).toBe(keys.length);
      } else {
        expect(badges).toHaveLength(1);
      }
      await page.close();
    });
  }
});
