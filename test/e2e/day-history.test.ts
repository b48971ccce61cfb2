/**
 * The shop's day with a month of history, in real Chromium: 300 recent cases and 120 ledger
 * entries spread over the last 40 days (the unit suite's labelled seed, placed relative to
 * now) are written into the extension's own IndexedDB from the day page, as the worker would
 * have left them. The 30-day view must count what a plain count of the seed says, its charts
 * must carry one bar a day, and its screenshot is the README's picture of the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DB_NAME } from '../../core/store/schema';
import { bjDate, seedCases, seedLedger, windowDates } from '../unit/day/seed';
import { launch, screenshot, type Harness } from './harness';

let h: Harness;
let day: Page;
const now = Date.now();
// The seed's one hostile reason belongs to the unit tests; a README picture shows real ones.
const cases = seedCases(300, 7, now).map((s) =>
  s.rec.reason?.startsWith('<') ? { ...s, rec: { ...s.rec, reason: '商品破损' } } : s,
);
const ledger = seedLedger(120, 11, now);

beforeAll(async () => {
  h = await launch();
  day = await h.context.newPage();
  await day.setViewportSize({ width: 1280, height: 900 });
  // The page opens (and upgrades) the store first; the seed then goes into its current version.
  await day.goto(`${h.origin}/day.html`);
  await day.locator('[data-testid="day-empty"]').waitFor({ timeout: 10_000 });
  await day.evaluate(
    async ({ name, cases, ledger }) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error ?? new Error('indexedDB.open failed'));
      });
      await new Promise<void>((ok, fail) => {
        const tx = db.transaction(['cases', 'ledger'], 'readwrite');
        for (const c of cases) tx.objectStore('cases').put(c);
        for (const l of ledger) tx.objectStore('ledger').add(l);
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error ?? new Error('transaction failed'));
      });
      db.close();
    },
    { name: DB_NAME, cases: cases.map((s) => s.rec), ledger: ledger.map((l) => l.rec) },
  );
  await day.reload();
});
afterAll(async () => {
  await h?.close();
});

const value = (id: string) => day.locator(`[data-testid="${id}-value"]`).textContent();

describe('the shop’s day with a month of history', () => {
  it('30 days: cases seen and new as a plain count of the seed says, one bar a day, no first-day line', async () => {
    await day.locator('[data-testid="range-30d"]').click();
    const inWindow = windowDates(30, now);
    const seen = cases.filter((s) => inWindow.has(bjDate(s.rec.lastSeenMs))).length;
    const fresh = cases.filter((s) => inWindow.has(bjDate(Date.parse(s.rec.firstSeenAt)))).length;
    await expect.poll(() => value('day-seen'), { timeout: 10_000 }).toBe(String(seen));
    expect(await value('day-new')).toBe(String(fresh));
    expect(await day.locator('[data-testid="chart-series"] svg .ct-bar').count()).toBe(30);
    expect(await day.locator('[data-testid="day-first"]').count()).toBe(0);
    await screenshot(day, 'day-history-30d');
  });

  it('compensation in the 30 days: platform payouts and 同意赔付 apart, summed in fen', async () => {
    const inWindow = windowDates(30, now);
    const sum = (kind: string) =>
      ledger
        .filter((l) => l.rec.kind === kind && inWindow.has(bjDate(l.atMs)))
        .reduce((a, l) => a + l.fen, 0);
    const yuan = (fen: number) =>
      `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
    expect(await value('day-comp-platform')).toBe(yuan(sum('platform-payout')));
    expect(await value('day-comp-proactive')).toBe(yuan(sum('proactive-settlement')));
  });
});
