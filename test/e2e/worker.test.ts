/**
 * The MV3 worker can be stopped at any moment (issue 7 item 4): stop it through the
 * DevTools Protocol while badges count down and alarms are pending; the badges keep the same
 * due times, the alarms are still scheduled after the restart, and the side panel recovers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { defaultPack } from '../../core/rules';
import { PANEL_CASE, launch, panelCaseKeys, readBadges, waitForBadges, type Harness } from './harness';

/** The 60-case list in the label layout (one labelled row per case), served at the old list's URL. */
const LIST_URL = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm';

let h: Harness;
let list: Page;
let dueBefore: Map<string, string | null>;
let deadlineBefore: Map<string, string | null>;
let readAt: number;
/** Deadlines the page's own countdown text sets (its frozen `剩余…` counts from each read). */
const FROM_PAGE_COUNTDOWN = new Set(Object.values(defaultPack.countdownTargets));
let alarmsBefore: Array<{ name: string; scheduledTime: number }>;

type AlarmApi = { alarms: { getAll(): Promise<Array<{ name: string; scheduledTime: number }>> } };

async function alarms(h: Harness): Promise<Array<{ name: string; scheduledTime: number }>> {
  const w = await h.serviceWorker();
  const all = await w.evaluate(() => (globalThis as unknown as { chrome: AlarmApi }).chrome.alarms.getAll());
  return all
    .map((a) => ({ name: a.name, scheduledTime: a.scheduledTime }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

beforeAll(async () => {
  h = await launch();
  list = await h.open(LIST_URL);
  await waitForBadges(list, 2);
  readAt = Date.now();
  const first = await readBadges(list);
  dueBefore = new Map(first.map((b) => [b.caseKey ?? b.unreadable ?? '?', b.due]));
  deadlineBefore = new Map(first.map((b) => [b.caseKey ?? b.unreadable ?? '?', b.deadline]));
  // Give the background a moment to schedule its alarms for the reported cases.
  for (let i = 0; i < 100 && (await alarms(h)).length === 0; i++)
    await new Promise((r) => setTimeout(r, 100));
  alarmsBefore = await alarms(h);
});
afterAll(async () => {
  await h?.close();
});

describe('service worker stopped and restarted', () => {
  it('badges keep their due times and countdowns while the worker is stopped', async () => {
    expect(alarmsBefore.length, 'deadline alarms are scheduled for the reported cases').toBeGreaterThan(0);
    await h.stopServiceWorker();
    const during = await readBadges(list);
    expect(new Map(during.map((b) => [b.caseKey ?? b.unreadable ?? '?', b.due]))).toEqual(dueBefore);
    expect(await h.workerRunning(), 'the worker is really stopped').toBe(false);
    expect(during.filter((b) => b.due !== null).every((b) => b.countdown !== null)).toBe(true);
  });

  it('the side panel recovers: opened after the stop, it wakes the worker and lists every case again', async () => {
    await list.bringToFront();
    const panel = await h.openSidePanel();
    await h.waitForWorkerRestart();
    // The panel lists every case of the open back-office tabs: all the list's rows, from stored state.
    await panel.locator(PANEL_CASE).first().waitFor({ timeout: 15_000 });
    expect((await panelCaseKeys(panel)).length).toBe(dueBefore.size);
    await panel.close();
  });

  it('after the restart the alarms are still scheduled and a re-read gives the same due times', async () => {
    expect(await alarms(h)).toEqual(alarmsBefore);
    await list.reload();
    await waitForBadges(list, dueBefore.size);
    const after = await readBadges(list);
    const elapsed = Date.now() - readAt;
    expect(new Map(after.map((b) => [b.caseKey ?? b.unreadable ?? '?', b.deadline]))).toEqual(deadlineBefore);
    // Dates on the page give the same due times; the served page's countdown text does not
    // tick between loads, so a due time it sets moves on by at most the time between the reads.
    const exact = after.filter((b) => !FROM_PAGE_COUNTDOWN.has(b.deadline ?? ''));
    expect(new Map(exact.map((b) => [b.caseKey ?? b.unreadable ?? '?', b.due]))).toEqual(
      new Map(
        exact.map((b) => [b.caseKey ?? b.unreadable ?? '?', dueBefore.get(b.caseKey ?? b.unreadable ?? '?')]),
      ),
    );
    // (The badges headline the page's own countdown where a row has one, so every due time may come from it.)
    expect(after.length, 'the badges came back').toBe(dueBefore.size);
    for (const b of after.filter((x) => FROM_PAGE_COUNTDOWN.has(x.deadline ?? ''))) {
      const moved = Date.parse(b.due!) - Date.parse(dueBefore.get(b.caseKey!)!);
      expect(moved, `${b.caseKey} ${b.deadline}`).toBeGreaterThanOrEqual(-1_000);
      expect(moved, `${b.caseKey} ${b.deadline}`).toBeLessThanOrEqual(elapsed + 1_000);
    }
  });

  it('an open side panel keeps working across a second stop', async () => {
    const panel = await h.openSidePanel();
    const items = panel.locator('[data-testid="case"]');
    await items.first().waitFor({ timeout: 15_000 });
    await h.stopServiceWorker();
    // The page reports again (a reload) → the worker starts → it tells the open panel, which refreshes.
    await list.reload();
    await h.waitForWorkerRestart();
    await waitForBadges(list, dueBefore.size);
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(dueBefore.size);
    // Selecting a case after the restart loads its guidance (verdict, deadlines).
    await items.nth(1).locator('.case-head').click();
    await panel.locator('[data-testid="case"] [data-testid="deadline"]').first().waitFor({ timeout: 10_000 });
    await panel.close();
  });
});
