/**
 * The shop's day page (day.html) in real Chromium with the built extension: first its empty
 * state; then, after an agent read a refund detail, a refund list and a complaint list at
 * their real URLs and two compensations were confirmed through the worker, the page shows
 * the counts (cases seen = the distinct cases badged, by page kind, compensation by kind)
 * and its charts are drawn; the case CSV downloads with a BOM and one row per case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launch, screenshot, settled, waitForBadges, type Harness } from './harness';
import { fixturePages, readFixture } from './site';
import { outOfStockRefund } from './pages';

let h: Harness;
let day: Page;
/** Case key → the page kind that read it last. */
const seen = new Map<string, string>();

const VISITS: Array<{ file: string; page: string }> = [
  { file: 'workbench-detail-tmall.html', page: 'refund-detail' },
  { file: 'refund2-list-tmall.html', page: 'refund-list' },
  { file: 'complaint-list-taobao.html', page: 'complaint-list' },
  // a 卖家缺货 refund seen 退款成功: the worker records its platform payout (150.00)
  { file: 'completed', page: 'refund-detail' },
];
const COMPLETED = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200301';

const urlOf = (file: string) => {
  if (file === 'completed') return COMPLETED;
  const p = fixturePages().find((x) => x.file === file);
  if (!p) throw new Error(`${file} is not served (test/fixtures/pages/README.md)`);
  return p.url;
};

/** A message to the worker from an extension page, in the messaging binding's own format. */
async function send(page: Page, type: string, data: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ type, data }) => {
      const ext = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome;
      return ext.runtime.sendMessage({
        id: Math.floor(Math.random() * 1e9),
        type,
        data,
        timestamp: Date.now(),
      });
    },
    { type, data },
  );
}

const value = (testId: string) => day.locator(`[data-testid="${testId}-value"]`).textContent();

beforeAll(async () => {
  h = await launch();
  h.serve(
    COMPLETED,
    outOfStockRefund(readFixture('refund-detail-tmall.html'), {
      refundId: '202611200301',
      orderId: '3921845507760301',
      paid: '500.00',
      completed: true,
    }),
  );
});
afterAll(async () => {
  await h?.close();
});

describe('the shop’s day page', () => {
  it('before any page was read: the designed empty state, exports off', async () => {
    day = await h.context.newPage();
    await day.goto(`${h.origin}/day.html`);
    await day.locator('[data-testid="day-empty"]').waitFor({ timeout: 10_000 });
    expect(await day.locator('[data-testid="day-empty"] h2').textContent()).toBe('还没有记录');
    expect(await day.locator('[data-testid="export-cases"]').isDisabled()).toBe(true);
    await screenshot(day, 'day-empty');
  });

  it('after reading three back-office pages: the counts, by page kind', async () => {
    for (const v of VISITS) {
      const page = await h.open(urlOf(v.file));
      // (a refund seen 退款成功 has no deadline left, so no badge: it is seen all the same)
      if (v.file === 'completed') seen.set('tmall:refund:202611200301', v.page);
      const badges = v.file === 'completed' ? [] : await waitForBadges(page);
      await settled(page);
      for (const b of badges) if (b.caseKey) seen.set(b.caseKey, v.page);
      await page.close();
    }
    expect(seen.size).toBeGreaterThanOrEqual(5);
    // The agent's 同意赔付 on the open complaint (what the side panel's button sends).
    const complaintTab = await h.open(urlOf('complaint-list-taobao.html'));
    await waitForBadges(complaintTab);
    await settled(complaintTab);
    await send(day, 'recordSettlement', { key: 'taobao:complaint:2871609934211100', amount: 20.5 });

    // The worker writes recent cases after answering each report: read again until all are in.
    await expect
      .poll(
        async () => {
          await day.locator('[data-testid="day-refresh"]').click();
          return (await day.locator('[data-testid="day-seen-value"]').count()) ? value('day-seen') : null;
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(String(seen.size));
    expect(await value('day-new')).toBe(String(seen.size));
    expect(await value('day-comp-platform')).toBe('¥150.00');
    expect(await value('day-comp-proactive')).toBe('¥20.50');
    expect(await day.locator('[data-testid="day-first"]').textContent()).toContain('今天是记录的第一天');

    const pageRows = await day
      .locator('[data-testid="table-pages"] tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]),
      );
    const want = new Map<string, number>();
    const label: Record<string, string> = {
      'refund-detail': '退款详情',
      'refund-list': '退款列表',
      'complaint-list': '投诉列表',
    };
    for (const p of seen.values()) want.set(label[p]!, (want.get(label[p]!) ?? 0) + 1);
    expect(new Map(pageRows.map(([k, v]) => [k!, Number(v)]))).toEqual(want);

    const kinds = (await day.locator('[data-testid="day-kinds"]').textContent()) ?? '';
    const complaints = [...seen.keys()].filter((k) => k.includes(':complaint:')).length;
    expect(kinds).toContain(`投诉 ${complaints}`);
    expect(await day.locator('[data-testid="day-outcomes"] h2').textContent()).toContain(
      `${seen.size - complaints} 件`,
    );
  });

  it('its charts are drawn (SVG bars and the donut)', async () => {
    for (const id of ['chart-series', 'chart-reasons', 'chart-pages']) {
      await day
        .locator(`[data-testid="${id}"] svg .ct-bar`)
        .first()
        .waitFor({ state: 'attached', timeout: 5_000 });
      expect(await day.locator(`[data-testid="${id}"] svg .ct-bar`).count(), id).toBeGreaterThan(0);
    }
    const bars = await day.locator('[data-testid="chart-pages"] svg .ct-bar').count();
    expect(bars).toBe(new Set(seen.values()).size);
    expect(await day.locator('[data-testid="chart-outcomes"] svg .ct-slice-donut').count()).toBeGreaterThan(
      0,
    );
    const box = await day.locator('[data-testid="chart-reasons"] svg').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    const path = await screenshot(day, 'day');
    expect(path).toMatch(/day\.png$/);
  });

  it('7 and 30 days count the same cases on the first day; the CSV has a BOM and one row per case', async () => {
    await day.locator('[data-testid="range-30d"]').click();
    expect(await day.locator('[data-testid="range-30d"]').getAttribute('aria-pressed')).toBe('true');
    expect(await value('day-seen')).toBe(String(seen.size));
    expect(await day.locator('[data-testid="chart-series"] svg .ct-bar').count()).toBe(30);
    const [download] = await Promise.all([
      day.waitForEvent('download'),
      day.locator('[data-testid="export-cases"]').click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text.slice(1).trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^首次看到,最后看到,平台,类型,页面,退款编号/);
    expect(rows).toHaveLength(seen.size + 1);
    expect(text).not.toContain('tb_小鹿');
    const [ledger] = await Promise.all([
      day.waitForEvent('download'),
      day.locator('[data-testid="export-ledger"]').click(),
    ]);
    const ltext = readFileSync(await ledger.path(), 'utf8');
    expect(ltext).toContain('t***');
    expect(ltext).not.toContain('小鹿');
    expect(ltext).not.toContain('阿福');
    expect(ltext).toContain('150.00');
  });

  it('opens from the side panel header and from the toolbar button’s menu', async () => {
    const panel = await h.openSidePanel();
    const link = panel.locator('[data-testid="open-day"]');
    await link.waitFor({ timeout: 10_000 });
    expect(await link.textContent()).toBe('店铺的一天');
    const [tab] = await Promise.all([h.context.waitForEvent('page'), link.click()]);
    await tab.waitForURL(`${h.origin}/day.html`);
    await tab.locator('[data-testid="day-seen-value"]').waitFor({ timeout: 10_000 });
    expect(await tab.locator('[data-testid="day-seen-value"]').textContent()).toBe(String(seen.size));
    // The menu entry exists on the action (update fails for an unknown id).
    const worker = await h.serviceWorker();
    const menu = await worker.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const c = (
            globalThis as unknown as {
              chrome: {
                contextMenus: { update(id: string, p: object, cb: () => void): void };
                runtime: { lastError?: { message: string } };
              };
            }
          ).chrome;
          c.contextMenus.update('open-day', { contexts: ['action'] }, () =>
            resolve(c.runtime.lastError?.message ?? 'ok'),
          );
        }),
    );
    expect(menu).toBe('ok');
    await tab.close();
    await panel.close();
  });
});
