/**
 * The compensation ledger is real (issue 13 item 7), in real Chromium with the built
 * extension: a 卖家缺货 refund seen 退款成功 is recorded by the worker as a platform payout
 * and listed in the options page; the agent's 同意赔付 on a Taobao complaint, clicked and
 * confirmed in the side panel, is listed too; the next case of the same buyer key is capped
 * by the payout (S3: 同买卖双方24小时内赔付上限500元).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, settled, waitForBadges, type Harness } from './harness';
import { outOfStockRefund } from './pages';
import { fixturePages, readFixture } from './site';

let h: Harness;
let options: Page;

const urlOf = (file: string) => {
  const p = fixturePages().find((x) => x.file === file);
  if (!p) throw new Error(`${file} is not served (test/fixtures/pages/README.md)`);
  return p.url;
};
const DETAIL = readFixture('refund-detail-tmall.html');
const COMPLETED = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200201';
const NEXT = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200202';

/** The options page's ledger rows as [kind, buyer, amount], read after a reload until `want` rows show. */
async function ledgerRows(want: number): Promise<string[][]> {
  let rows: string[][] = [];
  await expect
    .poll(
      async () => {
        await options.reload();
        await options.locator('[data-testid="ledger"]').waitFor();
        await options.locator('[data-testid="ledger-row"], [data-testid="ledger-empty"]').first().waitFor();
        rows = await options
          .locator('[data-testid="ledger-row"]')
          .evaluateAll((trs) =>
            trs.map((tr) => [
              tr.getAttribute('data-kind') ?? '',
              tr.querySelector('[data-testid="ledger-buyer"]')!.textContent ?? '',
              tr.querySelector('[data-testid="ledger-amount"]')!.textContent ?? '',
            ]),
          );
        return rows.length;
      },
      { timeout: 15_000, interval: 300 },
    )
    .toBe(want);
  return rows;
}

/** Click a badge (the background focuses its case) and open the side panel as a tab on it. */
async function panelOn(page: Page, caseKey: string): Promise<Page> {
  await page.bringToFront();
  await page.locator(`aftersale-sentinel-badge[data-case="${caseKey}"]`).first().click();
  const panel = await h.openSidePanel();
  await panel
    .locator(`[data-testid="case"][data-case="${caseKey}"] [data-testid="verdict"]`)
    .waitFor({ timeout: 15_000 });
  return panel;
}

beforeAll(async () => {
  h = await launch();
  h.serve(
    COMPLETED,
    outOfStockRefund(DETAIL, {
      refundId: '202611200201',
      orderId: '3921845507760201',
      paid: '500.00',
      completed: true,
    }),
  );
  h.serve(
    NEXT,
    outOfStockRefund(DETAIL, {
      refundId: '202611200202',
      orderId: '3921845507760202',
      paid: '1500.00',
      completed: false,
    }),
  );
  options = await h.openOptions();
});
afterAll(async () => {
  await h?.close();
});

describe('the compensation ledger', () => {
  it('starts empty', async () => {
    expect(await ledgerRows(0)).toEqual([]);
  });

  it('a 卖家缺货 refund seen 退款成功: the worker records the platform payout (500.00 × 30 % = 150.00), once', async () => {
    // (a refund seen 退款成功 has no deadline left: no badge, but the page is read and reported)
    const page = await h.open(COMPLETED);
    await settled(page);
    expect(await ledgerRows(1)).toEqual([['platform-payout', 't***', '150.00']]);
    // seen again: still one entry
    await page.reload();
    await settled(page);
    expect(await ledgerRows(1)).toHaveLength(1);
    expect(await options.locator('[data-testid="ledger"]').textContent()).not.toContain('小鹿');
    await page.close();
  });

  it('the same buyer’s next 卖家缺货 case is capped: 1,500.00 × 30 % = 450.00, but 150.00 already paid within 24 h → 350.00', async () => {
    const page = await h.open(NEXT);
    const [badge] = await waitForBadges(page);
    const panel = await panelOn(page, badge!.caseKey!);
    const card = panel.locator(`[data-testid="case"][data-case="${badge!.caseKey}"]`);
    await expect
      .poll(async () => (await card.locator('[data-testid="verdict"]').textContent()) ?? '', {
        timeout: 10_000,
      })
      .toContain('350.00');
    expect(
      await card.locator('[data-testid="warning"][data-code="compensation-cap"]').textContent(),
    ).toContain('150.00');
    await panel.close();
    await page.close();
  });

  it('同意赔付 on a Taobao complaint, clicked and confirmed in the side panel: listed in the options page', async () => {
    const page = await h.open(urlOf('complaint-list-taobao.html'));
    const badges = await waitForBadges(page);
    const key = badges.map((b) => b.caseKey).find((k) => k === 'taobao:complaint:2871609934211100');
    expect(key).toBeDefined();
    const panel = await panelOn(page, key!);
    const card = panel.locator(`[data-testid="case"][data-case="${key}"]`);
    // Taobao's sources give no amount: the agent types what was pressed on the platform
    await card.locator('[data-testid="settle-amount"]').fill('30');
    await card.locator('[data-testid="settle-record"]').click();
    expect(await card.locator('[data-testid="settle-confirm"]').textContent()).toContain('¥30.00');
    await card.locator('[data-testid="settle-yes"]').click();
    await card.locator('[data-testid="settle-recorded"]').waitFor({ timeout: 10_000 });
    const rows = await ledgerRows(2);
    expect(rows).toContainEqual(['proactive-settlement', '阿***', '30.00']);
    expect(rows).toContainEqual(['platform-payout', 't***', '150.00']);
    await panel.close();
    await page.close();
  });

  it('the ledger downloads as CSV with the buyer masked', async () => {
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.locator('[data-testid="ledger-export"]').click(),
    ]);
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('150.00');
    expect(text).toContain('30.00');
    expect(text).not.toContain('小鹿');
    expect(text).not.toContain('阿福');
  });
});
