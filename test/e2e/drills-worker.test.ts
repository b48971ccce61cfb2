/**
 * Drill 4 — the MV3 worker stopped while an alarm is pending (issue 7 item 4). worker.test.ts
 * (e2e engineer) covers stop/restart with the same due times and alarms still scheduled;
 * this drill adds what it does not: the pending alarm FIRES while the worker is stopped (it
 * wakes the worker) and the warning notification is shown, with the badges' due times
 * unchanged throughout and the side panel showing the same due time afterwards.
 *
 * Fixture: test/fixtures/drills/refund-detail-alarm-soon.html — the page's own countdown
 * (剩余 01:00:50) puts the 1-hour warning crossing ~50 s after the page is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, readBadges, waitForBadges, type Harness } from './harness';
import { REPO_ROOT } from './site';

const URL = 'https://refund2.tmall.com/dispute/seller/detail.htm?refundId=202611239901';
const CASE = 'tmall:refund:202611239901';
const HTML = readFileSync(join(REPO_ROOT, 'test/fixtures/drills/refund-detail-alarm-soon.html'), 'utf8');

type Alarm = { name: string; scheduledTime: number };
type Chrome = {
  alarms: { getAll(): Promise<Alarm[]> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: { session: { get(k: string | null): Promise<Record<string, unknown>> } };
};

let h: Harness;
let page: Page;
let due: string;
let warning: Alarm;

async function inWorker<T>(fn: (c: Chrome) => Promise<T>): Promise<T> {
  const w = await h.serviceWorker();
  return w.evaluate(`(${fn.toString()})(chrome)`) as Promise<T>;
}
const dueOfCase = async () => (await readBadges(page)).filter((b) => b.caseKey === CASE && b.deadline === 'seller-response').map((b) => b.due);

beforeAll(async () => {
  h = await launch();
  h.serve(URL, HTML);
  page = await h.open(URL);
  await waitForBadges(page);
  const badges = await readBadges(page);
  const b = badges.find((x) => x.caseKey === CASE && x.deadline === 'seller-response') ?? badges.find((x) => x.caseKey === CASE);
  if (!b?.due) throw new Error(`no seller-response badge on the drill page: ${JSON.stringify(badges)}`);
  due = b.due;
  const name = `as-dl|1|seller-response|${CASE}`;
  let found: Alarm | undefined;
  for (let i = 0; i < 100 && !found; i++) {
    found = (await inWorker((c) => c.alarms.getAll())).find((a) => a.name === name);
    if (!found) await new Promise((r) => setTimeout(r, 100));
  }
  if (!found) throw new Error(`the 1-hour warning alarm ${name} was not scheduled`);
  warning = found;
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('drill: worker stopped with a warning alarm pending', () => {
  it('the warning alarm is due 1 h before the page countdown ends, within about a minute', () => {
    expect(warning.scheduledTime).toBe(Date.parse(due) - 3_600_000);
    expect(warning.scheduledTime - Date.now()).toBeLessThan(70_000);
    expect(warning.scheduledTime - Date.now()).toBeGreaterThan(5_000);
  });

  it('stopped worker: the badge keeps its due time and keeps counting down', async () => {
    await h.stopServiceWorker();
    const t1 = (await readBadges(page)).find((b) => b.caseKey === CASE)?.countdown;
    await page.waitForTimeout(1_500);
    expect(await dueOfCase()).toEqual([due]);
    const t2 = (await readBadges(page)).find((b) => b.caseKey === CASE)?.countdown;
    expect(t1).toMatch(/^\d+时\d{2}分|^\d+天/);
    expect(t2).toBeTruthy();
  });

  it('the alarm fires while the worker is stopped: the worker wakes and shows the warning notification', async () => {
    const wait = warning.scheduledTime - Date.now() + 2_000;
    if (wait > 0) await page.waitForTimeout(wait);
    await h.waitForWorkerRestart(30_000);
    let shown: Record<string, boolean> = {};
    let notified: unknown;
    for (let i = 0; i < 150; i++) {
      shown = await inWorker((c) => c.notifications.getAll());
      notified = (await inWorker((c) => c.storage.session.get('notified'))).notified;
      if (shown[`as-dl|1|seller-response|${CASE}`]) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(Object.keys(shown)).toContain(`as-dl|1|seller-response|${CASE}`);
    expect(notified).toEqual(expect.arrayContaining([`as-dl|1|seller-response|${CASE}@${due}`]));
    // the 1-hour alarm is spent; the breach alarm (threshold 0) is still pending for the same due time
    const left = await inWorker((c) => c.alarms.getAll());
    expect(left.find((a) => a.name === `as-dl|1|seller-response|${CASE}`)).toBeUndefined();
    expect(left.find((a) => a.name === `as-dl|0|seller-response|${CASE}`)?.scheduledTime).toBe(Date.parse(due));
    expect(await dueOfCase()).toEqual([due]);
  }, 120_000);

  it('the side panel recovers with the same due time', async () => {
    await h.stopServiceWorker();
    await page.bringToFront();
    const panel = await h.openSidePanel();
    const d = panel.locator(`[data-testid="deadline"][data-deadline="seller-response"]`).first();
    await d.waitFor({ timeout: 20_000 });
    expect(await d.getAttribute('data-due')).toBe(due);
    expect(await panel.locator('[data-testid="queue-item"]').count()).toBeGreaterThanOrEqual(1);
    await panel.close();
    expect(await dueOfCase()).toEqual([due]);
  }, 60_000);
});
