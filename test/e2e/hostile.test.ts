/**
 * A hostile back-office page (issue 7 item 6): every scraped value carries HTML or script.
 * In real Chromium: no dialog fires, nothing is added to the page outside our badges' shadow
 * roots, and the side panel shows the text literally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, screenshot, settled, waitForBadges, type Harness } from './harness';
import { labelValue } from './pages';
import { fixturePages, readFixture } from './site';

let h: Harness;
const dialogs: string[] = [];

/** Same HTML at a path the content script does not match: the page as it is without us. */
const CONTROL_URL = 'https://refund2.tmall.com/e2e-control/detail.htm';

/** The fixtures' hostile page: HTML and script as TEXT in the values, bidi and zero-width marks, a 10,000-character value. */
function hostilePage(): { url: string; html: string } {
  const p = fixturePages().find((f) => /hostile/i.test(f.file));
  if (!p)
    throw new Error('no hostile fixture page (refund-detail-hostile.html) in test/fixtures/pages/README.md');
  return { url: p.url, html: readFixture(p.file) };
}

/** Tag paths of every element, skipping our badge hosts' subtrees. */
async function domShape(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (el: Element, path: string) => {
      for (const c of Array.from(el.children)) {
        if (c.localName === 'aftersale-sentinel-badge') continue;
        const p = `${path}/${c.localName}`;
        out.push(p + (c.getAttributeNames().length ? `[${c.getAttributeNames().sort().join(',')}]` : ''));
        walk(c, p);
      }
    };
    walk(document.documentElement, '');
    return out;
  });
}

let page: Page;
let hostile: ReturnType<typeof hostilePage>;

beforeAll(async () => {
  h = await launch();
  h.context.on('page', (p) =>
    p.on('dialog', (d) => void (dialogs.push(`${p.url()}: ${d.message()}`), d.dismiss())),
  );
  hostile = hostilePage();
  h.serve(hostile.url, hostile.html);
  h.serve(CONTROL_URL, hostile.html);
  page = await h.open(hostile.url);
  await waitForBadges(page);
});
afterAll(async () => {
  await h?.close();
});

describe('hostile page', () => {
  it('nothing executes: no dialog on the page', async () => {
    await settled(page);
    expect(dialogs).toEqual([]);
  });

  it('no element is added outside our shadow roots (DOM compared with the same page unread)', async () => {
    const control = await h.open(CONTROL_URL);
    expect(
      await control.locator('aftersale-sentinel-badge').count(),
      'the control URL is not matched by the content script',
    ).toBe(0);
    expect(await domShape(page)).toEqual(await domShape(control));
    await control.close();
    // Our hosts carry only our data attributes.
    const attrs = await page.$$eval('aftersale-sentinel-badge', (els) =>
      els.flatMap((e) => e.getAttributeNames()),
    );
    for (const a of attrs)
      expect(a).toMatch(
        /^(data-(deadline|due|case|unreadable|urgency)|class|style|title|role|tabindex|aria-[a-z]+)$/,
      );
  });

  it('the side panel shows the scraped text literally, cuts the very long value, and runs none of it', async () => {
    const reason = await labelValue(page, ['退款原因']);
    expect(reason, 'the fixture’s 退款原因 is markup-looking text').toMatch(/<img src=x onerror=/);
    await page.bringToFront();
    await page.locator('aftersale-sentinel-badge').first().click();
    const panel = await h.openSidePanel();
    panel.on('dialog', (d) => void (dialogs.push(`panel: ${d.message()}`), d.dismiss()));
    await panel.locator('[data-testid="case"]').first().waitFor({ timeout: 15_000 });
    // Rendered: the scraped markup is on screen as text.
    await panel.waitForFunction(() => document.body.innerText.includes('<img src=x onerror='), undefined, {
      timeout: 15_000,
    });
    expect(dialogs).toEqual([]);
    const injected = await panel.evaluate(
      () => document.querySelectorAll('img[src="x"], [onerror], [onload], iframe, script:not([src])').length,
    );
    expect(injected).toBe(0);
    const text = await panel.evaluate(() => document.body.innerText);
    expect(text).toContain('<img src=x onerror=');
    expect(text).not.toMatch(/啊{300}/);
    await screenshot(panel, 'sidepanel-hostile');
    await panel.close();
    expect(dialogs).toEqual([]);
  });
});
