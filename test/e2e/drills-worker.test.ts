/**
 * Drill 4 — the MV3 worker stopped while an alarm is pending (issue 7 item 4). worker.test.ts
 * (e2e engineer) covers stop/restart with the same due times and alarms still scheduled;
 * this drill adds what it does not: the pending alarm still FIRES after the instance that
 * scheduled it was stopped, and a fresh instance (no in-memory state) shows the warning
 * notification, with the badges' due times unchanged throughout and the side panel showing
 * the same due time afterwards.
 *
 * Fixture: test/fixtures/drills/refund-detail-alarm-soon.html — the page's own countdown
 * (剩余 01:00:50) puts the 1-hour warning crossing ~50 s after the page is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, panelCaseKeys, readBadges, settled, waitForBadges, type Harness } from './harness';
import { REPO_ROOT } from './site';

const URL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611239901';
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
let countdownAtStop: string | null | undefined;

async function inWorker<T>(fn: (c: Chrome) => Promise<T>): Promise<T> {
  const w = await h.serviceWorker();
  return w.evaluate<T>(`(${fn.toString()})(chrome)`);
}
const MARK = '__drillScheduledHere';
/** Run `fn` in a running instance of our worker that is NOT the marked (pre-stop) one; null if none answers. */
async function inFreshWorker<T>(fn: (c: Chrome) => Promise<T>): Promise<T | null> {
  const workers = h.context
    .serviceWorkers()
    .filter((w) => w.url().startsWith(h.origin))
    .reverse();
  for (const w of workers) {
    const got = await Promise.race([
      w
        .evaluate(
          `globalThis.${MARK} === true ? { fresh: false } : (${fn.toString()})(chrome).then((v) => ({ fresh: true, v }))`,
        )
        .catch(() => null) as Promise<{ fresh: boolean; v?: T } | null>,
      new Promise<null>((r) => setTimeout(() => r(null), 2_000)),
    ]);
    if (got?.fresh) return got.v as T;
  }
  return null;
}
const dueOfCase = async () =>
  (await readBadges(page))
    .filter((b) => b.caseKey === CASE && b.deadline === 'seller-response')
    .map((b) => b.due);

beforeAll(async () => {
  h = await launch();
  h.serve(URL, HTML);
  page = await h.open(URL);
  await waitForBadges(page);
  const badges = await readBadges(page);
  const b =
    badges.find((x) => x.caseKey === CASE && x.deadline === 'seller-response') ??
    badges.find((x) => x.caseKey === CASE);
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
    // the background keeps an alarm within a minute of its wanted time (Chrome clamps `when`)
    expect(Math.abs(warning.scheduledTime - (Date.parse(due) - 3_600_000))).toBeLessThanOrEqual(60_000);
    expect(warning.scheduledTime - Date.now()).toBeLessThan(70_000);
    expect(warning.scheduledTime - Date.now()).toBeGreaterThan(5_000);
  });

  it('stopped worker: the badge keeps its due time and keeps counting down', async () => {
    // Mark the instance that scheduled the alarm: whoever handles the alarm must be another one.
    await (await h.serviceWorker()).evaluate(`globalThis.${MARK} = true`);
    await h.stopServiceWorker();
    countdownAtStop = (await readBadges(page)).find((b) => b.caseKey === CASE)?.countdown;
    await settled(page);
    expect(await dueOfCase()).toEqual([due]);
    expect(countdownAtStop).toMatch(/^1时00分/);
  });

  it('the alarm still fires after the worker that scheduled it was stopped, and a fresh instance shows the warning notification', async () => {
    // Chromium may start a fresh worker instance right after a CDP stop (DevTools attachment),
    // so "stopped" here means: the instance that scheduled the alarm is gone (it was marked);
    // the alarm must still fire and be handled by a fresh instance with no in-memory state.
    const wait = warning.scheduledTime - Date.now() + 1_000;
    if (wait > 0) await page.waitForTimeout(wait);
    let shown: Record<string, boolean> = {};
    let notified: unknown;
    for (let i = 0; i < 100; i++) {
      shown = (await inFreshWorker((c) => c.notifications.getAll())) ?? {};
      notified = (await inFreshWorker((c) => c.storage.session.get('notified')))?.notified;
      if (shown[`as-dl|1|seller-response|${CASE}`]) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(Object.keys(shown)).toContain(`as-dl|1|seller-response|${CASE}`);
    expect(notified).toEqual(expect.arrayContaining([`as-dl|1|seller-response|${CASE}@${due}`]));
    // the 1-hour alarm is spent; the breach alarm (threshold 0) is still pending for the same due time
    const left = (await inFreshWorker((c) => c.alarms.getAll())) ?? [];
    expect(left.find((a) => a.name === `as-dl|1|seller-response|${CASE}`)).toBeUndefined();
    const breach = left.find((a) => a.name === `as-dl|0|seller-response|${CASE}`);
    expect(Math.abs((breach?.scheduledTime ?? 0) - Date.parse(due))).toBeLessThanOrEqual(60_000);
    expect(await dueOfCase()).toEqual([due]);
    // the badge kept counting on its own while the worker was down: an hour is now under 60 min
    expect((await readBadges(page)).find((b) => b.caseKey === CASE)?.countdown).toMatch(/^5[89]分$/);
    expect(countdownAtStop).not.toBe((await readBadges(page)).find((b) => b.caseKey === CASE)?.countdown);
  }, 120_000);

  it('the side panel recovers with the same due time', async () => {
    await h.stopServiceWorker();
    await page.bringToFront();
    const panel = await h.openSidePanel();
    const d = panel.locator(`[data-testid="deadline"][data-deadline="seller-response"]`).first();
    await d.waitFor({ timeout: 20_000 });
    expect(await d.getAttribute('data-due')).toBe(due);
    expect((await panelCaseKeys(panel)).length).toBeGreaterThanOrEqual(1);
    await panel.close();
    expect(await dueOfCase()).toEqual([due]);
  }, 60_000);
});
