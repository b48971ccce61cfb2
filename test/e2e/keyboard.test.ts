/**
 * Keyboard commands in real Chromium (issue 14 item 5). The browser registers the three
 * commands with their keys (commands.getAll); the command itself is run through the test
 * build's `sentinelCommand` hook, because a synthetic key press (CDP) goes to the page, never
 * to the browser's shortcut handling — everything after the key (the worker's choice of case,
 * the offscreen clipboard, the line on the page, the tab brought forward) is the real thing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BADGE, launch, screenshot, waitForBadges, type Harness } from './harness';

const LIST = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
const DETAIL =
  'https://myseller.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611200001&type=1';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

async function command(name: string): Promise<{ done: string; key?: string; tabId?: number; why?: string }> {
  const sw = await h.serviceWorker();
  return sw.evaluate(
    (n) => (globalThis as unknown as { sentinelCommand(n: string): Promise<never> }).sentinelCommand(n),
    name,
  );
}

const cueText = (page: Page) =>
  page
    .waitForFunction(
      () =>
        document.querySelector('aftersale-sentinel-cue')?.shadowRoot?.querySelector('[role="status"]')
          ?.textContent ?? null,
    )
    .then((h) => h.jsonValue());

describe('keyboard commands', () => {
  it('are registered with the browser: open the panel, copy the first reply, jump to the most urgent', async () => {
    const sw = await h.serviceWorker();
    const all = await sw.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { commands: { getAll(): Promise<Array<{ name: string; shortcut: string }>> } };
        }
      ).chrome.commands.getAll(),
    );
    expect(Object.fromEntries(all.map((c) => [c.name, c.shortcut]))).toEqual({
      _execute_action: 'Alt+Shift+S',
      'copy-first-reply': 'Alt+Shift+V',
      'jump-most-urgent': 'Alt+Shift+J',
    });
    const options = await h.openOptions();
    const rows = options.locator('[data-testid="shortcut"]');
    await rows.first().waitFor();
    expect(await rows.allTextContents()).toEqual([
      '打开售后哨兵侧边栏Alt+Shift+S',
      '复制当前售后的第一条建议回复Alt+Shift+V',
      '跳到最紧急的售后Alt+Shift+J',
    ]);
    await options.close();
  });

  it('copy: the focused case’s first reply lands on the clipboard and the page says which case', async () => {
    const detail = await h.open(DETAIL);
    const [badge] = await waitForBadges(detail, 1);
    await detail.bringToFront();
    await detail.evaluate(() => navigator.clipboard.writeText('— before —'));
    const r = await command('copy-first-reply');
    expect(r).toMatchObject({ done: 'copied', key: badge!.caseKey });
    const clip = await detail.evaluate(() => navigator.clipboard.readText());
    expect(await cueText(detail)).toMatch(/^已复制回复「.+」（退款编号 202611200001）$/);
    await screenshot(detail, 'keyboard-copy-cue');
    // the reply the side panel shows first for that case
    const panel = await h.openSidePanel();
    const first = panel
      .locator(`[data-testid="case"][data-case="${badge!.caseKey}"] [data-testid="reply-text"]`)
      .first();
    await first.waitFor();
    expect(clip).toBe(await first.textContent());
    await panel.close();
    await detail.close();
  });

  it('jump: the most urgent case’s tab comes forward, its badge is scrolled to and marked, and the copy follows it', async () => {
    const detail = await h.open(DETAIL);
    await waitForBadges(detail, 1);
    const list = await h.open(LIST);
    const badges = await waitForBadges(list, 10);
    await detail.bringToFront();
    const r = await command('jump-most-urgent');
    expect(r.done).toBe('focused');
    const target = r.key!;
    // the most urgent case is one of the two pages'; the line is said on its tab
    const onList = badges.some((b) => b.caseKey === target);
    const page = onList ? list : detail;
    expect(await cueText(page)).toMatch(/^最紧急的售后：退款编号 \d+$/);
    expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
    const marked = await page.evaluate(
      (sel) =>
        [...document.querySelectorAll(sel)]
          .filter((b) => b.hasAttribute('data-cue'))
          .map((b) => b.getAttribute('data-case')),
      BADGE,
    );
    expect(marked).toEqual([target]);
    const inView = await page.locator(`${BADGE}[data-case="${target}"]`).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await screenshot(page, 'keyboard-jump');
    const copy = await command('copy-first-reply');
    expect(copy).toMatchObject({ done: 'copied', key: target });
    await list.close();
    await detail.close();
  });
});
