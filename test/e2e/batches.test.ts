/**
 * Safe batches, the refusal line, evidence on time and the memo line, in real Chromium with
 * the built extension, at the real back-office URLs: the workbench list (60 cases, generated:
 * test/fixtures/pages/generate-refund-list.ts) gets a `可批量同意` chip on exactly the rows
 * the default policy lets be agreed without a call (S0: 拍错了/订单信息错误, 不想要了, before
 * shipping, amount read); the side panel groups them under Tmall's batch limit (30 refunds /
 * ¥10,000 per batch: the 14 qualifying rows total ¥16,178.30, so two batches); nothing on the
 * page is clicked, ticked or changed by us. On a detail page the panel shows what refusing
 * leads to, the evidence checklist with its deadline, and copies the memo line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REFUND_LIST_ROWS, REFUND_LIST_URL } from '../fixtures/pages/generate-refund-list';
import { BADGE, launch, waitForBadges, type Harness } from './harness';

const DETAIL =
  'https://myseller.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611200001&type=1';
const SAFE_REASONS = ['不想要了', '拍错了/订单信息错误'];
const key = (refundId: string) => `tmall:refund:${refundId}`;
const qualifying = REFUND_LIST_ROWS.filter(
  (r) => SAFE_REASONS.includes(r.reason) && r.tradeStatus === '买家已付款' && r.refundFen !== null,
);
const QUALIFYING = qualifying.map((r) => key(r.refundId)).sort();

let h: Harness;
beforeAll(async () => {
  h = await launch();
  // Every click, change, input or submit any script causes on a back-office page, recorded in
  // the page's own world at the capture phase (a content script's element.click() dispatches
  // there too). The test itself never clicks the back-office page.
  await h.context.addInitScript(() => {
    if (!/taobao\.com|tmall\.com/.test(location.hostname)) return;
    const log: string[] = [];
    (window as unknown as { __sentinelEvents: string[] }).__sentinelEvents = log;
    for (const type of ['click', 'change', 'input', 'submit'])
      document.addEventListener(
        type,
        (e) => log.push(`${type}:${(e.target as Element | null)?.tagName ?? '?'}`),
        true,
      );
  });
});
afterAll(async () => {
  await h?.close();
});

async function chips(page: Page): Promise<Array<{ key: string | null; chip: string | null }>> {
  return page.evaluate(
    (tag) =>
      Array.from(document.querySelectorAll(tag)).map((b) => ({
        key: b.getAttribute('data-case'),
        chip:
          b.shadowRoot?.querySelector('[data-testid="batch-mark"]')?.textContent?.replace(/\u200b/g, '') ??
          null,
      })),
    BADGE,
  );
}
const pageEvents = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sentinelEvents?: string[] }).__sentinelEvents ?? null);

describe('safe batches on the workbench list', () => {
  let page: Page;
  let panel: Page;

  beforeAll(async () => {
    page = await h.open(REFUND_LIST_URL);
    await waitForBadges(page, REFUND_LIST_ROWS.length, 20_000);
  });

  it('qualifying rows carry the 可批量同意 chip; shipped, compensation-reason and unreadable-amount rows do not', async () => {
    expect(QUALIFYING).toHaveLength(14);
    await expect
      .poll(
        async () =>
          (await chips(page))
            .filter((c) => c.chip !== null)
            .map((c) => c.key)
            .sort(),
        { timeout: 15_000 },
      )
      .toEqual(QUALIFYING);
    const all = await chips(page);
    expect(all.filter((c) => c.chip !== null).every((c) => c.chip === '可批量同意')).toBe(true);
    const chipOf = (i: number) => all.find((c) => c.key === key(REFUND_LIST_ROWS[i]!.refundId))?.chip ?? null;
    // row 9: 不想要了 but 卖家已发货; row 59: 拍错了 but shipped; row 0: 卖家缺货 (compensated); row 17: 拍错了 with a `--` amount
    expect([REFUND_LIST_ROWS[9]!.reason, REFUND_LIST_ROWS[9]!.tradeStatus]).toEqual([
      '不想要了',
      '卖家已发货',
    ]);
    expect([REFUND_LIST_ROWS[17]!.reason, REFUND_LIST_ROWS[17]!.refundFen]).toEqual([
      '拍错了/订单信息错误',
      null,
    ]);
    expect(REFUND_LIST_ROWS[0]!.reason).toBe('卖家缺货');
    for (const i of [0, 9, 17, 59]) expect(chipOf(i), `row ${i}`).toBeNull();
    // the chip is in our own shadow roots, never in the page's own DOM
    expect(await page.evaluate(() => document.body.textContent?.includes('可批量同意'))).toBe(false);
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.screenshot({ path: '/tmp/batches-list.png' });
  });

  it('the panel lists them in batches within Tmall’s limits (30 refunds / ¥10,000): two batches for ¥16,178.30', async () => {
    panel = await h.openSidePanel();
    await panel.setViewportSize({ width: 420, height: 1400 });
    const batches = panel.locator('[data-testid="batch"]');
    await expect.poll(() => batches.count(), { timeout: 15_000 }).toBe(2);
    const groups = await batches.evaluateAll((els) =>
      els.map((e) => ({
        count: Number(e.getAttribute('data-count')),
        totalFen: Number(e.getAttribute('data-total-fen')),
        keys: Array.from(e.querySelectorAll('[data-testid="batch-case"]')).map((c) =>
          c.getAttribute('data-case'),
        ),
      })),
    );
    for (const g of groups) {
      expect(g.count).toBe(g.keys.length);
      expect(g.count).toBeLessThanOrEqual(30);
      expect(g.totalFen).toBeLessThanOrEqual(1_000_000);
    }
    expect(groups.flatMap((g) => g.keys).sort()).toEqual(QUALIFYING);
    const byKey = new Map(qualifying.map((r) => [key(r.refundId), r.refundFen!]));
    for (const g of groups) expect(g.totalFen).toBe(g.keys.reduce((s, k) => s + byKey.get(k!)!, 0));
    expect(groups.reduce((s, g) => s + g.totalFen, 0)).toBe(1_617_830);
    const text = (await panel.locator('[data-testid="batches"]').textContent()) ?? '';
    expect(text).toContain('批量同意退款');
    expect(text).toContain('店铺默认值');
    expect(await panel.locator('[data-testid="batch-excluded"]').textContent()).toContain('原因涉及赔付');
    await panel.locator('[data-testid="batches"]').scrollIntoViewIfNeeded();
    await panel.locator('[data-testid="batches"]').screenshot({ path: '/tmp/batches-panel.png' });
  });

  it('nothing on the page was clicked, ticked or changed by us', async () => {
    expect(await pageEvents(page)).toEqual([]);
  });
});

describe('a detail page: if you refuse, evidence on time, the memo line', () => {
  let page: Page;
  let panel: Page;
  let caseKey: string;

  beforeAll(async () => {
    page = await h.open(DETAIL);
    const [badge] = await waitForBadges(page);
    caseKey = badge!.caseKey!;
    panel = await h.openSidePanel();
    await panel.setViewportSize({ width: 420, height: 2200 });
    await panel.waitForSelector(`[data-testid="case"][data-case="${caseKey}"] [data-testid="case-detail"]`, {
      timeout: 15_000,
    });
  });

  it('beside the verdict (卖家缺货 on 500.00 → 150.00): on Tmall the buyer may ask for 小二介入 72 h after requesting, counted in 退款纠纷率', async () => {
    const card = panel.locator(`[data-testid="case"][data-case="${caseKey}"]`);
    expect(await card.locator('[data-testid="verdict"]').textContent()).toContain('150.00');
    const refusal = card.locator('[data-testid="refusal"]');
    expect(await refusal.getAttribute('data-rule')).toBe('refuse-tmall-refund');
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('72小时');
    expect(text).toContain('退款纠纷率');
  });

  it('the evidence checklist for 缺货 (shipping record, tracking, chat), due when intervention opens', async () => {
    const evidence = panel.locator(`[data-testid="case"][data-case="${caseKey}"] [data-testid="evidence"]`);
    expect(
      await evidence
        .locator('[data-testid="evidence-item"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule'))),
    ).toEqual(['evidence-shipping-record', 'evidence-tracking', 'evidence-chat']);
    expect(await evidence.getAttribute('data-deadline')).toBe('intervention-open');
    const due = await panel
      .locator(
        `[data-testid="case"][data-case="${caseKey}"] [data-testid="deadline"][data-deadline="intervention-open"]`,
      )
      .getAttribute('data-due');
    expect(await evidence.locator('[data-testid="evidence-due"]').textContent()).toContain(
      `${due!.slice(0, 10)} ${due!.slice(11, 16)}`,
    );
  });

  it('one click copies the memo line (the decision clicked, the compensation rule, Beijing time) to the clipboard', async () => {
    const memo = panel.locator(`[data-testid="case"][data-case="${caseKey}"] [data-testid="memo"]`);
    await panel.bringToFront();
    await panel.evaluate(() => navigator.clipboard.writeText('— before copy —'));
    await memo.locator('button[data-testid="copy-memo"][data-decision="refuse"]').click();
    await memo.locator('[data-testid="memo-copied"]').waitFor({ timeout: 5_000 });
    const clip = await panel.evaluate(() => navigator.clipboard.readText());
    expect(clip).toMatch(
      /^拒绝退款｜原因：卖家缺货｜依据：.+（comp-tmall-2019）｜【客服签名】｜\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
    expect(clip).toBe(((await memo.locator('[data-testid="memo-text"]').textContent()) ?? '').trim());
    await panel
      .locator(`[data-testid="case"][data-case="${caseKey}"] [data-testid="case-detail"]`)
      .screenshot({ path: '/tmp/batches-detail-panel.png' });
  });

  it('and nothing on the detail page was clicked by us', async () => {
    expect(await pageEvents(page)).toEqual([]);
  });
});
