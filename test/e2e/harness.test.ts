/**
 * The harness itself: the built extension loads in real Chromium, its id comes from the
 * service worker URL, back-office URLs are served by routing (nothing else reaches the
 * network), and the worker can be stopped and comes back as a new instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { builtManifest, launch, readBadges, waitForBadges, type Harness } from './harness';
import { REPO_ROOT } from './site';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('harness', () => {
  it('loads the built extension and reads its id from the service worker URL', async () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
    const sw = await h.serviceWorker();
    expect(sw.url()).toBe(`${h.origin}/background.js`);
  });

  it('serves pages at real back-office URLs and 404s everything else', async () => {
    const url = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm?probe=1';
    h.serve(url, '<!doctype html><title>probe</title><p id="probe">退款管理</p>');
    const page = await h.open(url);
    expect(await page.textContent('#probe')).toBe('退款管理');
    // Any other host is answered by the harness with a 404: the suite never reaches the network.
    const other = await page.goto('https://www.example.com/');
    expect(other?.status()).toBe(404);
    expect(await page.textContent('body')).toContain('not served by the e2e harness');
    const res = await page.goto('https://refund2.tmall.com/dispute/not-a-fixture.htm');
    expect(res?.status()).toBe(404);
    expect(h.unserved).toEqual(
      expect.arrayContaining([
        'https://www.example.com/',
        'https://refund2.tmall.com/dispute/not-a-fixture.htm',
      ]),
    );
    await page.close();
  });

  it('the content script is registered for the back-office hosts only', () => {
    const m = builtManifest() as {
      content_scripts?: Array<{ matches: string[] }>;
      host_permissions?: string[];
    };
    const matches = (m.content_scripts ?? []).flatMap((c) => c.matches);
    expect(matches.length).toBeGreaterThan(0);
    for (const pattern of [...matches, ...(m.host_permissions ?? [])]) {
      expect(pattern).toMatch(/^https:\/\/([a-z0-9-]+\.|\*\.)?(tmall|taobao)\.com\//);
    }
  });

  it('stops the MV3 service worker through CDP and it restarts as a new instance', async () => {
    await h.stopServiceWorker();
    // Stopping does not wake it again by itself (the CDP session lives in a blank tab).
    await new Promise((r) => setTimeout(r, 1000));
    expect(await h.workerRunning()).toBe(false);
    const page = await h.openSidePanel();
    // Any extension event wakes the worker; the side panel's own messages do once it exists.
    await page.evaluate(() => {
      const ext = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome;
      return ext.runtime.sendMessage({ e2e: 'wake' }).catch(() => null);
    });
    const w = await h.waitForWorkerRestart();
    expect(w.url()).toBe(`${h.origin}/background.js`);
    await page.close();
  });

  it('the Edge package (.output/edge-mv3) loads in Chromium and shows badges too', async () => {
    const edge = await launch({ dist: join(REPO_ROOT, '.output/edge-mv3') });
    try {
      const page = await edge.open('https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001');
      await waitForBadges(page);
      expect((await readBadges(page))[0]?.due).toMatch(/\+08:00$/);
    } finally {
      await edge.close();
    }
  });
});
