/**
 * The 千牛 workbench as agents use it, in real Chromium at its real URLs: an agent lands on
 * the home route and clicks through to the refund list and a case's detail (in-app route
 * changes, no reload); cases that arrive 700 ms after load; a list inside the shell's
 * iframe; a shop with no shop-type mark, which gets no verdict until the agent says 天猫 or
 * 淘宝. The clicks are the agent's (Playwright); the extension clicks nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { BADGE, launch, readBadges, screenshot, waitForBadges, type Harness } from './harness';

const HOME = 'https://myseller.taobao.com/home.htm/QnworkbenchHome/';
const SHELL = 'https://myseller.taobao.com/home.htm/trade-platform/tp/refund-list';
const QN_LIST = 'https://qn.taobao.com/home.htm/trade-platform/refund-list';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

/** Badges inside a frame (the shell's list). */
async function frameBadges(frame: Frame): Promise<Array<{ caseKey: string | null; due: string | null }>> {
  return frame.evaluate(
    (tag) =>
      Array.from(document.querySelectorAll(tag)).map((b) => ({
        caseKey: b.getAttribute('data-case'),
        due: b.getAttribute('data-due'),
      })),
    BADGE,
  );
}

describe('the workbench (single-page app)', () => {
  it('home → list → detail by in-app navigation: no badge on home, one per case on the list, the detail’s own badge after the route change', async () => {
    const page = await h.open(HOME);
    await page.waitForSelector('#to-list');
    expect(await page.locator(BADGE).count()).toBe(0);
    await page.click('#to-list');
    await page.waitForURL('**/trade-platform/refund-list');
    const onList = await waitForBadges(page, 2);
    expect(onList.map((b) => b.caseKey).sort()).toEqual([
      'tmall:refund:202611230901',
      'tmall:refund:202611230902',
    ]);
    expect(onList.every((b) => b.countdown !== null)).toBe(true);
    await screenshot(page, 'workbench-list');
    await page.click('.go-detail[data-id="202611230901"]');
    await page.waitForURL('**/refund-list/detail?disputeId=202611230901&type=1');
    await expect
      .poll(async () => (await readBadges(page)).map((b) => b.caseKey), { timeout: 10_000 })
      .toEqual(['tmall:refund:202611230901']);
    await screenshot(page, 'workbench-detail');
    // back to home: no badge stays behind
    await page.goBack();
    await page.goBack();
    await page.waitForURL('**/QnworkbenchHome/');
    await expect.poll(() => page.locator(BADGE).count(), { timeout: 10_000 }).toBe(0);
    await page.close();
  });

  it('a list inside the shell’s iframe gets its badges in the frame, and the shell itself gets none', async () => {
    const page: Page = await h.open(SHELL);
    const frame = (await (await page.waitForSelector('iframe#tp')).contentFrame())!;
    await frame.waitForSelector(BADGE, { timeout: 15_000 });
    await expect.poll(async () => (await frameBadges(frame)).length, { timeout: 10_000 }).toBe(60);
    expect(await page.locator(BADGE).count()).toBe(0);
    // The worker holds the frame's cases for the tab (the shell's own frame reads none and
    // must not replace them): the side panel lists all 60.
    const panel = await h.openSidePanel();
    await expect.poll(() => panel.locator('[data-testid="case"]').count(), { timeout: 10_000 }).toBe(60);
    await panel.close();
    await page.close();
  });

  it('cases that arrive 700 ms after load, on a shop with no shop-type mark: the page says why there is no verdict, the side panel asks 天猫 or 淘宝 once, and the answer brings the badges without a reload', async () => {
    const page = await h.open(QN_LIST);
    const [marker] = await waitForBadges(page, 1);
    expect(marker!.unreadable).toBe('platform');
    expect(marker!.text).toContain('天猫店还是淘宝店');
    expect(marker!.countdown).toBeNull();
    await screenshot(page, 'workbench-platform-unknown');
    // The side panel (opened as a tab: it shows the back-office tab that reported last).
    const panel = await h.openSidePanel();
    const question = panel.locator('[data-testid="platform-question"]');
    await question.waitFor({ timeout: 10_000 });
    expect(await question.textContent()).toContain('3 个案件在你回答之前暂不判断');
    await screenshot(panel, 'panel-platform-question');
    await panel.click('[data-testid="platform-answer-taobao"]');
    const keys = ['taobao:refund:202611220801', 'taobao:refund:202611220802', 'taobao:refund:202611220803'];
    // The worker tells the page; it reads again with the answer (no reload).
    await expect
      .poll(async () => (await readBadges(page)).map((b) => b.caseKey).sort(), { timeout: 15_000 })
      .toEqual(keys);
    await expect
      .poll(() => panel.locator('[data-testid="platform-question"]').count(), { timeout: 10_000 })
      .toBe(0);
    await expect.poll(() => panel.locator('[data-testid="case"]').count(), { timeout: 10_000 }).toBe(3);
    // Asked once: the shop's next page load goes straight to its badges.
    await page.reload();
    await expect
      .poll(async () => (await readBadges(page)).map((b) => b.caseKey).sort(), { timeout: 15_000 })
      .toEqual(keys);
    expect(await panel.locator('[data-testid="platform-question"]').count()).toBe(0);
    // The options list the answer and can forget it.
    const options = await h.openOptions();
    await options.waitForSelector('[data-testid="shop-platforms"] li');
    expect(await options.locator('[data-testid="shop-platforms"] li').allTextContents()).toEqual([
      '（未填写店铺名称）：淘宝',
    ]);
    await options.close();
    await panel.close();
    // The nick `剩余0天0时59分` is no countdown: the case counts down from its status column.
    const b = (await readBadges(page)).find((x) => x.caseKey === 'taobao:refund:202611220802')!;
    expect(Date.parse(b.due!) - Date.now()).toBeGreaterThan(24 * 3_600_000);
    await page.close();
  });
});
