/**
 * Every fixture page, at its real back-office URL (both platforms, all five page kinds): the
 * production match patterns inject the content script, and each case gets one badge (a
 * countdown, or the unreadable marker) — detail pages exactly one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectPageKind, isWorkbench } from '../../core/pages';
import { launch, readBadges, settled, waitForBadges, type Harness } from './harness';
import { fixturePages, readFixture } from './site';
import { BADGE_COUNTDOWN } from './pages';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

/** Pages with their own e2e flows (test/e2e/workbench.test.ts): the shell's list is in a frame, the app starts on its home route. */
const OWN_FLOW = new Set(['workbench-shell.html', 'workbench-app.html']);
const pages = fixturePages().filter((p) => !OWN_FLOW.has(p.file));

describe('every fixture page at its real URL gets its badges', () => {
  it('the fixture table covers the real pages: workbench list and detail on both hosts, refund2 list and detail on both, the complaint list', () => {
    const served = new Set(fixturePages().map((p) => `${new URL(p.url).host}${new URL(p.url).pathname}`));
    for (const want of [
      'myseller.taobao.com/home.htm/trade-platform/refund-list',
      'qn.taobao.com/home.htm/trade-platform/refund-list',
      'myseller.taobao.com/home.htm/trade-platform/refund-list/detail',
      'qn.taobao.com/home.htm/trade-platform/refund-list/detail',
      'myseller.taobao.com/home.htm/trade-platform/tp/refund-list',
      'refund2.tmall.com/dispute/sellerDisputeList.htm',
      'refund2.taobao.com/dispute/sellerDisputeList.htm',
      'refund2.tmall.com/dispute/detail.htm',
      'refund2.taobao.com/dispute/detail.htm',
      'rights.taobao.com/complaint/sellerList.htm',
    ])
      expect(served, want).toContain(want);
    for (const p of fixturePages())
      expect(detectPageKind(p.url) !== null || isWorkbench(p.url), p.url).toBe(true);
  });

  for (const p of pages) {
    it.concurrent(`${p.file} → ${p.url}`, async () => {
      const page = await h.open(p.url);
      const isList = detectPageKind(p.url)?.endsWith('-list') ?? false;
      // A workbench page with no shop-type mark waits for the agent's platform: one page marker saying so.
      const asksPlatform = isWorkbench(p.url) && !readFixture(p.file).includes('天猫');
      await waitForBadges(page, isList && !asksPlatform ? 2 : 1);
      const badges = await readBadges(page);
      expect(badges.every((b) => b.shadow)).toBe(true);
      if (asksPlatform) {
        expect(badges.map((b) => b.unreadable)).toEqual(['platform']);
        expect(badges[0]!.text).toContain('天猫店还是淘宝店');
        await page.close();
        return;
      }
      for (const b of badges) {
        // Either it counts down to a due time, or it says which fields it could not read.
        expect(b.due !== null || b.unreadable !== null, JSON.stringify(b)).toBe(true);
        if (b.due !== null) expect(b.countdown).toMatch(BADGE_COUNTDOWN);
      }
      if (isList) {
        // One badge per case: no case key twice.
        const keys = badges.map((b) => b.caseKey).filter((k) => k !== null);
        expect(new Set(keys).size).toBe(keys.length);
      } else {
        // a late second badge on a detail page would show once the content script has settled
        await settled(page);
        expect(await readBadges(page)).toHaveLength(1);
      }
      await page.close();
    });
  }
});
