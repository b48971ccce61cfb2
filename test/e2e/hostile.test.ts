/**
 * A hostile back-office page (issue 7 item 6): every scraped value carries HTML or script.
 * In real Chromium: no dialog fires, nothing is added to the page outside our badges' shadow
 * roots, and the side panel shows the text literally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, waitForBadges, type Harness } from './harness';
import { fixturePages, readFixture } from './site';

let h: Harness;
const dialogs: string[] = [];

const REFUND_ID = '202611237777';
const HOSTILE_URL = `https://refund2.tmall.com/dispute/seller/detail.htm?refundId=${REFUND_ID}`;
/** Same HTML at a path the content script does not match: the page as it is without us. */
const CONTROL_URL = `https://refund2.tmall.com/e2e-control/detail.htm?refundId=${REFUND_ID}`;
const XSS_REASON = '卖家缺货<img src=x onerror="alert(\'reason\')">';
const XSS_BUYER = '"><svg onload=alert(\'buyer\')>';
const XSS_STATUS = '<script>alert("status")</script>等待商家处理';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The fixtures' own hostile page when there is one, else ours (values escaped in the HTML, so they are TEXT on the page). */
function hostilePage(): { url: string; html: string; ours: boolean } {
  const theirs = fixturePages().find((p) => /hostile|xss/i.test(p.file) && /\/dispute\/seller\/detail\.htm/.test(p.url));
  if (theirs) return { url: theirs.url, html: readFixture(theirs.file), ours: false };
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>退款详情</title></head><body>
<div class="refund-panel"><h2>退款详情</h2><table>
<tr><th>退款编号</th><td>${REFUND_ID}</td></tr>
<tr><th>订单编号</th><td>4400112233445566</td></tr>
<tr><th>买家</th><td>${esc(XSS_BUYER)}</td></tr>
<tr><th>退款原因</th><td>${esc(XSS_REASON)}</td></tr>
<tr><th>退款金额</th><td>¥500.00</td></tr>
<tr><th>实付金额</th><td>¥500.00</td></tr>
<tr><th>付款时间</th><td>2026-11-22 09:00:00</td></tr>
<tr><th>申请时间</th><td>2026-11-22 10:00:00</td></tr>
<tr><th>订单状态</th><td>买家已付款</td></tr>
<tr><th>退款状态</th><td>${esc(XSS_STATUS)}</td></tr>
<tr><th>活动</th><td>${esc('<iframe src="javascript:alert(1)"></iframe>'.repeat(40))}</td></tr>
</table></div></body></html>`;
  return { url: HOSTILE_URL, html, ours: true };
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
  h.context.on('page', (p) => p.on('dialog', (d) => void (dialogs.push(`${p.url()}: ${d.message()}`), d.dismiss())));
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
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });

  it('no element is added outside our shadow roots (DOM compared with the same page unread)', async () => {
    const control = await h.open(CONTROL_URL);
    expect(await control.locator('aftersale-sentinel-badge').count(), 'the control URL is not matched by the content script').toBe(0);
    expect(await domShape(page)).toEqual(await domShape(control));
    await control.close();
    // Our hosts carry only our data attributes.
    const attrs = await page.$$eval('aftersale-sentinel-badge', (els) => els.flatMap((e) => e.getAttributeNames()));
    for (const a of attrs) expect(a).toMatch(/^(data-(deadline|due|case|unreadable|urgency)|class|style|title|role|tabindex|aria-[a-z]+)$/);
  });

  it('the side panel shows the scraped text literally and runs none of it', async () => {
    await page.bringToFront();
    const panel = await h.openSidePanel();
    await panel.locator('[data-testid="case"]').first().waitFor({ timeout: 15_000 });
    await panel.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    const injected = await panel.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload], iframe, script:not([src])').length);
    expect(injected).toBe(0);
    if (hostile.ours) {
      // The reason is shown as the characters the page shows (or not at all) — never as markup.
      const text = await panel.evaluate(() => document.body.innerText);
      if (text.includes('onerror')) expect(text).toContain(XSS_REASON.slice(4));
      expect(text).not.toMatch(/<iframe src="javascript:alert\(1\)"><\/iframe>(<iframe src="javascript:alert\(1\)"><\/iframe>){20}/);
    }
    await panel.close();
    expect(dialogs).toEqual([]);
  });
});
