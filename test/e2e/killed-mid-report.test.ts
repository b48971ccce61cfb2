/**
 * The extension's process killed in the middle of a report (issue 17 "done when", review
 * M4), in real Chromium: a long list is read, and while its report is still going to the
 * worker in chunks, the extension's renderer process (the one Chromium started with
 * `--extension-process`: it runs our service worker) gets SIGKILL — a crash, not CDP's
 * graceful `ServiceWorker.stopAllWorkers`, which lets the messages in flight finish (what
 * worker.test.ts and drills-worker.test.ts do).
 *
 * Before the fix the page kept 0 badges and no marker until the page itself changed. Now:
 * while the report fails the page shows the marker `售后哨兵暂时无法计算本页，正在重试`; the
 * content script retries (1 s, then longer), the retry's message starts the worker again in
 * a NEW process, and every row gets exactly one badge — with nothing on the page changing
 * (a main-world MutationObserver counts every mutation that is not one of our badges).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { CDPSession, Page } from 'playwright-core';
import { LIST_URL, listPage } from '../bench/pages';
import { BADGE, launch, type Harness } from './harness';

/** Long enough that its report goes to the worker in many chunks (300 cases each). */
const ROWS = 4_000;
const KEYS = Array.from({ length: ROWS }, (_, i) => `tmall:refund:${3_100_000_000_000 + i}`);
const RETRYING = '售后哨兵暂时无法计算本页，正在重试';

interface Watch {
  /** Mutations of the page that are not our badges (the page changing by itself). */
  foreign: number;
  /** The first time the retrying marker was on the page: how many case badges were up then. */
  marker: { caseBadges: number } | null;
  /** Whether the marker is on the page now. */
  markerNow: boolean;
}

let h: Harness;
let browser: CDPSession;
let page: Page;
let killed: number;

/** The PIDs of this browser's renderer processes started with --extension-process (ours: it is the only extension). */
async function extensionProcesses(): Promise<number[]> {
  const { processInfo } = (await browser.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number }>;
  };
  return processInfo
    .filter((p) => p.type === 'renderer')
    .map((p) => p.id)
    .filter((pid) => {
      try {
        return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).includes(
          '--extension-process',
        );
      } catch {
        return false; // gone meanwhile
      }
    });
}

const watch = () => page.evaluate(() => (window as unknown as { __killWatch: Watch }).__killWatch);
const caseBadgeKeys = () =>
  page.evaluate(
    (tag) => [...document.querySelectorAll(`${tag}[data-case]`)].map((e) => e.getAttribute('data-case')!),
    BADGE,
  );

beforeAll(async () => {
  h = await launch();
  browser = await h.context.browser()!.newBrowserCDPSession();
  // The page's dates are placed by the generator itself, relative to now.
  h.serve(LIST_URL, listPage(ROWS, Date.now()), { asIs: true });
  page = await h.context.newPage();
  // In the page's own world: count every mutation that is not one of our badge hosts (or
  // inside one), and note the retrying marker (a badge host without a case, titled with it).
  await page.addInitScript(
    ({ tag, retrying }) => {
      const w: Watch = { foreign: 0, marker: null, markerNow: false };
      (window as unknown as { __killWatch: Watch }).__killWatch = w;
      const ours = (n: Node | null): boolean => {
        for (
          let e = n && n.nodeType === 1 ? (n as Element) : (n?.parentElement ?? null);
          e;
          e = e.parentElement
        )
          if (e.localName === tag) return true;
        return false;
      };
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
          if (ours(r.target) || (nodes.length > 0 && nodes.every(ours))) continue;
          w.foreign++;
        }
        const marker = [...document.querySelectorAll(`${tag}:not([data-case])`)].some((e) =>
          (e.getAttribute('title') ?? '').includes(retrying),
        );
        w.markerNow = marker;
        if (marker && !w.marker)
          w.marker = { caseBadges: document.querySelectorAll(`${tag}[data-case]`).length };
      });
      // From the parsed page on (the parser's own insertions are not a change of the page).
      document.addEventListener('DOMContentLoaded', () =>
        observer.observe(document, { childList: true, subtree: true, characterData: true }),
      );
    },
    { tag: BADGE, retrying: RETRYING },
  );
  // Found before the page loads, so that the kill follows the read without delay.
  const before = await extensionProcesses();
  if (before.length !== 1) throw new Error(`expected one extension process, found ${JSON.stringify(before)}`);
  killed = before[0]!;
  // The worker hangs on the page's report (as in a long evaluation) until the kill: a second
  // listener, called after ours has taken the message in, keeps the thread busy. So the
  // report is in flight when the kill lands whatever the machine's load (without it a fast
  // worker could answer every chunk first, and a slow machine could delay the kill past them).
  const worker = await h.serviceWorker();
  await worker.evaluate(() => {
    const runtime = (
      globalThis as unknown as {
        chrome: { runtime: { onMessage: { addListener(f: (message: unknown) => void): void } } };
      }
    ).chrome.runtime;
    runtime.onMessage.addListener((message) => {
      if ((message as { type?: unknown } | null)?.type !== 'reportPage') return;
      const until = Date.now() + 60_000;
      while (Date.now() < until);
    });
  });
  await page.goto(LIST_URL, { waitUntil: 'domcontentloaded' });
  // The content script has read the page (`data-as-read-ms`) and its pass has not finished
  // (`data-as-passes`): it is waiting for the worker's answers to its report's chunks.
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-as-read-ms'), undefined, {
    timeout: 30_000,
    polling: 'raf',
  });
  const inFlight = await page.evaluate(() => !document.documentElement.hasAttribute('data-as-passes'));
  if (!inFlight) throw new Error(`the ${ROWS}-row report finished before the kill: the worker was not busy`);
  process.kill(killed, 'SIGKILL');
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('the extension process killed while a long report is in flight', () => {
  it('while the report fails, the page says so (no silent 0 badges)', async () => {
    await expect.poll(async () => (await watch()).marker, { timeout: 20_000 }).not.toBeNull();
    // The kill came before any answer was complete: no case had a badge when the marker went up.
    expect((await watch()).marker).toEqual({ caseBadges: 0 });
  });

  it('the retry starts the worker again in a new process; every row gets one badge, the page unchanged', async () => {
    await expect
      .poll(async () => (await caseBadgeKeys()).length, { timeout: 45_000, interval: 500 })
      .toBe(ROWS);
    await expect.poll(async () => (await watch()).markerNow, { timeout: 10_000 }).toBe(false);
    const keys = await caseBadgeKeys();
    expect(new Set(keys).size, 'no case has two badges').toBe(keys.length);
    expect([...keys].sort()).toEqual([...KEYS].sort());
    // Nothing on the page but our badges changed: the recovery came from the retry alone.
    expect((await watch()).foreign).toBe(0);
    // A new extension process runs the worker; the killed one is gone.
    const now = await extensionProcesses();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(killed);
  });

  it('the restarted worker holds the whole page (committed at once, not the part before the kill)', async () => {
    const stored = async () => {
      const w = await h.serviceWorker();
      return w.evaluate(async () => {
        const all = await (
          globalThis as unknown as {
            chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } };
          }
        ).chrome.storage.session.get(null);
        return Object.entries(all)
          .filter(([k]) => k.startsWith('tab:'))
          .map(([, v]) => (v as { cases: unknown[] }).cases.length);
      });
    };
    // (written just after the last chunk is answered)
    await expect.poll(stored, { timeout: 15_000 }).toEqual([ROWS]);
  });
});
