/**
 * Reading trust in real Chromium (security review H1): on the Tmall refund detail at its real
 * URL, a buyer nick that reads like a countdown (`剩余29天23时59分`) and a multi-line 退款说明
 * holding `实付金额：¥5000.00` change neither the case's seller-response deadline nor its
 * compensation amount. The platform's status timer is placed after the nick, so a reader that
 * took the first countdown in the panel would take the nick's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, waitForBadges, type Harness } from './harness';
import { readFixture } from './site';

const URL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001';
/** The fixture's own timer: 剩余2天23时7分51秒 from the moment the page is read. */
const TIMER_MS = ((2 * 24 + 23) * 60 + 7) * 60_000 + 51_000;

function hostileDetail(): string {
  const html = readFixture('refund-detail-tmall.html')
    .replace('tb_小鹿2026 <span class="ww_5c">联系买家</span>', '剩余29天23时59分')
    .replace(
      '<dt>买家：</dt>',
      '<dt>退款说明：</dt><dd>一直不发货<br>实付金额：¥5000.00<br>剩余0天1时0分45秒</dd><dt>买家：</dt>',
    )
    // the status area (with the real timer) after the case's fields
    .replace(/(<div class="rf-status_92ab">[\s\S]*?<\/div>)([\s\S]*?)(<\/div>\s*<\/body>)/, '$2$1$3');
  if (!html.includes('剩余29天23时59分') || !html.includes('实付金额：¥5000.00'))
    throw new Error('refund-detail-tmall.html changed: the attack was not placed');
  return html;
}

let h: Harness;
let page: Page;
let panel: Page;
let caseKey: string;
let loadedAt: number;

beforeAll(async () => {
  h = await launch();
  h.serve(URL, hostileDetail());
  loadedAt = Date.now();
  page = await h.open(URL);
  const [badge] = await waitForBadges(page);
  caseKey = badge!.caseKey!;
  await page.bringToFront();
  await page.locator('aftersale-sentinel-badge').first().click();
  panel = await h.openSidePanel();
  await panel.waitForSelector(`[data-testid="case"][data-case="${caseKey}"]`, { timeout: 15_000 });
});
afterAll(async () => {
  await h?.close();
});

describe('buyer text on a real-URL page', () => {
  it('the nick’s countdown is not the seller-response deadline: the status timer is', async () => {
    const row = panel
      .locator(
        `[data-testid="case"][data-case="${caseKey}"] [data-testid="deadline"][data-deadline="seller-response"]`,
      )
      .first();
    await row.waitFor({ timeout: 10_000 });
    const due = Date.parse((await row.getAttribute('data-due')) ?? '');
    // Due = read time + the page's timer (2天23时7分51秒); the nick would give 30 days, the 退款说明 one hour.
    expect(
      Math.abs(due - (loadedAt + TIMER_MS)),
      `seller-response due ${new Date(due).toISOString()}`,
    ).toBeLessThan(5 * 60_000);
  });

  it('the 退款说明’s 实付金额 is not the paid amount: 150.00 (30 % of the real 500.00), not 500.00 (the cap on 5000.00)', async () => {
    const verdict = panel
      .locator(`[data-testid="case"][data-case="${caseKey}"] [data-testid="verdict"]`)
      .first();
    await verdict.waitFor();
    const text = (await verdict.textContent()) ?? '';
    // `实付 500.00 元 × 30% = 150.00 元`; the attack would read `实付 5000.00 元 … → 500.00 元`.
    expect(text).toContain('150.00');
    expect(text).not.toContain('5000.00');
    const [badge] = await waitForBadges(page);
    expect(badge!.compMark).toBe(true);
    expect(badge!.text).toContain('150.00');
  });
});

describe('the old detail’s embedded data disagrees with the page (issue 12)', () => {
  it('the side panel shows the case marked, naming both carriers', async () => {
    // refund2-detail-tmall-return.html: the page says 中通快递, its `var disputeData` 韵达快递.
    const url = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611160522';
    const detail = await h.open(url);
    const [badge] = await waitForBadges(detail);
    expect(badge!.caseKey).toBe('tmall:refund:202611160522');
    await detail.bringToFront();
    await detail.locator('aftersale-sentinel-badge').first().click();
    const side = await h.openSidePanel();
    const card = `[data-testid="case"][data-case="${badge!.caseKey}"]`;
    const mark = side.locator(`${card} [data-code="second-source-disagrees"]`).first();
    await mark.waitFor({ timeout: 15_000 });
    expect(await mark.getAttribute('data-fields')).toBe('returnCarrier');
    const text = (await mark.textContent()) ?? '';
    expect(text).toContain('页面上显示「中通快递」');
    expect(text).toContain('disputeData）却是「韵达快递」');
    await side.close();
    await detail.close();
  });
});
