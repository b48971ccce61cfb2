/**
 * The side panel, opened as a tab after the agent visited a case: the compensation verdict
 * with its amount (卖家缺货 on a 500.00 order → 30 % = 150.00), the deadlines as live
 * countdowns, and a reply copied to the clipboard with a confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, panelCaseKeys, screenshot, waitForBadges, type Harness } from './harness';
import { countdownMinutes } from './pages';
import { detectPageKind } from '../../core/pages';
import { fixturePages, readFixture } from './site';

let h: Harness;
let detailUrl: string;
let panel: Page;

/** A refund detail fixture with reason 卖家缺货 and 500.00 paid (the seeds' worked example). */
function outOfStockDetail(): { url: string; html: string } {
  for (const p of fixturePages()) {
    if (detectPageKind(p.url) !== 'refund-detail') continue;
    const html = readFixture(p.file);
    if (html.includes('卖家缺货') && /500\.00/.test(html)) return { url: p.url, html };
  }
  throw new Error('no refund detail fixture with 卖家缺货 and 500.00 in test/fixtures/pages/README.md');
}

let caseKey: string;

beforeAll(async () => {
  h = await launch();
  detailUrl = outOfStockDetail().url;
  const page = await h.open(detailUrl);
  const [badge] = await waitForBadges(page);
  caseKey = badge!.caseKey!;
  await page.bringToFront();
  // The agent clicks the badge: the background focuses that case (and opens the docked panel).
  await page.locator('aftersale-sentinel-badge').first().click();
  panel = await h.openSidePanel();
  await panel.waitForSelector(`[data-testid="case"][data-case="${caseKey}"]`, { timeout: 15_000 });
});
afterAll(async () => {
  await h?.close();
});

describe('side panel (as a tab, after visiting a refund detail)', () => {
  it('clicking the badge opened the docked side panel on that case', async () => {
    const docked = await h.dockedSidePanel();
    const sel = JSON.stringify(`[data-testid="case"][data-case="${caseKey}"] [data-testid="verdict"]`);
    let verdict: string | null = null;
    for (let i = 0; i < 50 && !verdict; i++) {
      verdict = await docked.evaluate<string | null>(`document.querySelector(${sel})?.textContent ?? null`);
      if (!verdict) await new Promise((r) => setTimeout(r, 200));
    }
    expect(verdict).toContain('150.00');
  });

  it('shows the cases of the most recently active back-office tab', async () => {
    const page = h.context.pages().find((p) => p.url() === detailUrl)!;
    await page.bringToFront();
    const fresh = await h.openSidePanel();
    const tabCases = fresh.locator(
      'section.tab-cases [data-testid="case"], [data-testid="tab-cases"] [data-testid="case"]',
    );
    await expect.poll(() => tabCases.count(), { timeout: 10_000 }).toBe(1);
    expect(await tabCases.first().getAttribute('data-case')).toBe(caseKey);
    await fresh.close();
  });

  it('shows the compensation verdict for the page: 卖家缺货 on 500.00 paid → 150.00', async () => {
    const verdict = panel
      .locator(`[data-testid="case"][data-case="${caseKey}"] [data-testid="verdict"]`)
      .first();
    await verdict.waitFor();
    const text = (await verdict.textContent()) ?? '';
    // One sentence naming the page's reason and the amount: 30 % of the 500.00 paid.
    expect(text).toContain('卖家缺货');
    expect(text).toContain('150.00');
    expect(text.trim().match(/[。！？](?=.)/g) ?? [], 'one sentence').toHaveLength(0);
    await screenshot(panel, 'sidepanel');
  });

  it('explains why on demand: the rule and its citation (the source by its title, the file on hover)', async () => {
    const why = panel.locator(`[data-testid="case"][data-case="${caseKey}"] [data-testid="why"]`).first();
    await why.locator('summary').click();
    const text = (await why.textContent()) ?? '';
    expect(text).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    const files = await why
      .locator('.source')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
    expect(text).toContain('150.00');
  });

  it('lists the case’s deadlines with live countdowns, most urgent first', async () => {
    const rows = panel.locator(`[data-testid="case"][data-case="${caseKey}"] [data-testid="deadline"]`);
    expect(await rows.count()).toBeGreaterThan(0);
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-deadline')));
    expect(ids.every((id) => id && id.length > 0)).toBe(true);
    const minutes = await rows.evaluateAll((els) =>
      els.map((e) => e.querySelector('[data-testid="countdown"]')?.textContent ?? ''),
    );
    const parsed = minutes.map((m) => countdownMinutes(m));
    expect(
      parsed.every((m) => m !== null),
      `countdowns: ${minutes.join(' | ')}`,
    ).toBe(true);
    const sorted = [...(parsed as number[])].sort((a, b) => a - b);
    expect(parsed).toEqual(sorted);
    // The badge on the page counts down to the most urgent seller deadline; it is in the list.
    const page = h.context.pages().find((p) => p.url() === detailUrl)!;
    const badgeDeadline = await page.$eval('aftersale-sentinel-badge', (e) =>
      e.getAttribute('data-deadline'),
    );
    expect(ids).toContain(badgeDeadline);
  });

  it('shows the recommended next actions', async () => {
    expect(await panel.locator('[data-testid="action"]').count()).toBeGreaterThan(0);
  });

  it('copies a reply: the exact reply text lands on the clipboard and the copy is confirmed', async () => {
    const reply = panel.locator(`[data-testid="case"][data-case="${caseKey}"] [data-testid="reply"]`).first();
    await reply.waitFor();
    const text = ((await reply.locator('[data-testid="reply-text"]').textContent()) ?? '').trim();
    expect(text.length).toBeGreaterThan(10);
    expect(await panel.locator('[data-testid="copied"]').count()).toBe(0);
    await panel.bringToFront();
    await panel.evaluate(() => navigator.clipboard.writeText('— before copy —'));
    await reply.locator('button[data-testid="copy-reply"]').click();
    await panel.locator('[data-testid="copied"]').first().waitFor({ timeout: 5_000 });
    const clip = await panel.evaluate(() => navigator.clipboard.readText());
    expect(clip.trim()).toBe(text);
  });

  it('the panel lists the case seen in the open back-office tab once: in the tab’s list, not again in the other tabs’ queue', async () => {
    await panel.locator('[data-testid="queue"]').first().waitFor({ timeout: 5_000 });
    const keys = await panelCaseKeys(panel);
    expect(keys).toContain(caseKey);
    expect(await panel.locator(`[data-testid="queue-item"][data-case="${caseKey}"]`).count()).toBe(0);
  });
});
