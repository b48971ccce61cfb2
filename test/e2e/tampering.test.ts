/**
 * Script in the back-office page's own world against the content script (issue 17 item 6,
 * review L1), in real Chromium: a page that defines our badge tag first (closed shadow root)
 * still gets its badges; a page that forges WXT's "newer copy started" event does not switch
 * us off; and the page is never told our extension id by window.postMessage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { fixturePages, readFixture } from './site';

let h: Harness;
const LIST = fixturePages().find((f) => f.file === 'refund-list-tmall.html')!;

/** The fixture page with a script of the page's own at the top of <head>. */
function withPageScript(script: string): string {
  return readFixture(LIST.file).replace(/<head[^>]*>/i, (m) => `${m}<script>${script}</script>`);
}

/** Our badges, whatever their tag (an open shadow root on an element named aftersale-sentinel-badge…). */
const ourBadges = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter((e) => e.localName.startsWith('aftersale-sentinel-badge') && e.shadowRoot !== null)
      .map((e) => e.localName),
  );

beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('page script against the content script', () => {
  it('the badge tag defined first by the page (closed shadow root): badges still appear, under a name of their own', async () => {
    h.serve(
      LIST.url,
      withPageScript(
        `customElements.define('aftersale-sentinel-badge', class extends HTMLElement { constructor() { super(); this.attachShadow({ mode: 'closed' }); } });`,
      ),
    );
    const page = await h.open(LIST.url);
    await expect
      .poll(async () => (await ourBadges(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(60);
    const names = new Set(await ourBadges(page));
    expect([...names].every((n) => n.startsWith('aftersale-sentinel-badge-'))).toBe(true);
    await page.close();
  });

  it('a forged "newer copy started" event does not switch the badges off; no postMessage gives our id away', async () => {
    h.serve(
      LIST.url,
      withPageScript(
        `window.__seen = []; addEventListener('message', (e) => window.__seen.push(JSON.stringify(e.data)));`,
      ),
    );
    const page = await h.open(LIST.url);
    await expect
      .poll(async () => (await ourBadges(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(60);
    expect(
      await page.evaluate(() =>
        (window as unknown as { __seen: string[] }).__seen.filter((m) =>
          m.includes('content-script-started'),
        ),
      ),
    ).toEqual([]);
    // The attacker knows the id (a store extension's id is public) and forges the event.
    await page.evaluate((id) => {
      for (const name of [
        `${id}:seller:wxt:content-script-started`,
        `${id}:seller.content:wxt:content-script-started`,
      ]) {
        document.dispatchEvent(
          new CustomEvent(name, { detail: { contentScriptName: 'seller', messageId: 'forged' } }),
        );
      }
    }, h.extensionId);
    // Still running: a new case on the page gets its badge.
    await page.evaluate(() => {
      const first = document.querySelector('table.next-table-row')!;
      const copy = first.cloneNode(true) as HTMLElement;
      copy.setAttribute('data-row-key', '202611209999');
      // Our own badge host is cloned with the row: drop it, so only a badge the running
      // content script puts up for the new case can pass the checks below.
      for (const el of [...copy.querySelectorAll('*')])
        if (el.localName.startsWith('aftersale-sentinel-badge')) el.remove();
      copy.innerHTML = copy.innerHTML.replaceAll('202611200100', '202611209999');
      first.parentElement!.prepend(copy);
    });
    await expect
      .poll(
        async () =>
          page.evaluate(
            () =>
              document.querySelectorAll('aftersale-sentinel-badge[data-case="tmall:refund:202611209999"]')
                .length,
          ),
        { timeout: 15_000 },
      )
      .toBe(1);
    await expect
      .poll(async () => (await ourBadges(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(61);
    await page.close();
  });
});
