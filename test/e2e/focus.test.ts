/**
 * The case in the docked side panel follows the agent: after a badge click on one tab and a
 * move to another back-office tab, the panel's first, expanded case — and the case its replies
 * name — is the new tab's, never the one clicked on the tab left behind. Real Chromium, real
 * URLs; the clicks are the agent's (Playwright), the extension clicks nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADGE, launch, readBadges, waitForBadges, type Harness } from './harness';

const LIST = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
const DETAIL =
  'https://myseller.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611200001&type=1';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

type Docked = Awaited<ReturnType<Harness['dockedSidePanel']>>;
/** Poll the docked panel until `expression` gives `want` (JSON-equal); returns the last value. */
async function until<T>(docked: Docked, expression: string, want: T, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await docked.evaluate<T>(expression);
    if (JSON.stringify(last) === JSON.stringify(want)) return last;
    await new Promise((r) => setTimeout(r, 150));
  } while (Date.now() < end);
  return last;
}

const FIRST = `(() => {
  const c = document.querySelector('[data-testid="case"]');
  const open = document.querySelector('[data-testid="case-detail"]');
  const forWhom = document.querySelector('[data-testid="replies-for"]');
  return { first: c && c.getAttribute('data-case'), open: open && open.getAttribute('data-case'), replies: forWhom && forWhom.textContent };
})()`;

describe('the clicked case, seen', () => {
  it('a badge click on row 28 of 60 opens the docked panel with that case scrolled into view and marked 已定位', async () => {
    const list = await h.open(LIST);
    const badges = await waitForBadges(list, 60);
    const keys = [...new Set(badges.map((b) => b.caseKey).filter((k): k is string => k !== null))];
    expect(keys.length).toBeGreaterThanOrEqual(60);
    const key = keys[27]!;
    const badge = list.locator(`${BADGE}[data-case="${key}"]`).first();
    await badge.scrollIntoViewIfNeeded();
    await badge.click();
    const docked = await h.dockedSidePanel();
    const where = `(() => {
      const el = document.querySelector('[data-testid="case"][data-case=${JSON.stringify(key)}]');
      if (!el) return null;
      const r = el.getBoundingClientRect();
      const head = el.querySelector('.case-head').getBoundingClientRect();
      return {
        inView: head.top >= 0 && head.bottom <= innerHeight,
        marked: el.classList.contains('revealed') && el.getAttribute('aria-current') === 'true',
        located: el.querySelector('[data-testid="located"]')?.textContent ?? null,
        open: el.querySelector('[data-testid="case-detail"]') !== null,
        outline: getComputedStyle(el).outlineStyle + ' ' + parseFloat(getComputedStyle(el).outlineWidth),
        // where the case sits in the panel's list: below the first screen, so it had to scroll
        below: r.top + scrollY > innerHeight,
        scrolled: scrollY > 0,
        marks: document.querySelectorAll('[data-testid="located"]').length,
      };
    })()`;
    const want = {
      inView: true,
      marked: true,
      located: '已定位',
      open: true,
      outline: 'solid 3',
      below: true,
      scrolled: true,
      marks: 1,
    };
    expect(await until(docked, where, want, 20_000)).toEqual(want);
    await list.close();
  });
});

describe('focus follows the agent between tabs', () => {
  it('a badge click on the list opens that case; on the detail tab the panel shows the detail’s case and its replies name it', async () => {
    const list = await h.open(LIST);
    const badges = await waitForBadges(list, 10);
    // A case far down the list, not the one the panel would open by itself.
    const clicked = badges.filter((b) => b.caseKey && b.caseKey !== 'tmall:refund:202611200001')[20]!;
    await list.locator(`${BADGE}[data-case="${clicked.caseKey}"]`).click();
    const docked = await h.dockedSidePanel();
    const onList = await until(docked, `(${FIRST}).open`, clicked.caseKey);
    expect(onList).toBe(clicked.caseKey);

    const detail = await h.open(DETAIL);
    const [badge] = await waitForBadges(detail, 1);
    expect(badge!.caseKey).toBe('tmall:refund:202611200001');
    await detail.bringToFront();
    const want = {
      first: 'tmall:refund:202611200001',
      open: 'tmall:refund:202611200001',
      replies: '以下回复针对 退款编号 202611200001',
    };
    expect(await until(docked, FIRST, want)).toEqual(want);
    // The list's clicked case is not above it: it is not shown at all on this tab (it is in the other tabs' queue).
    const blocks = await docked.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="case"]')].map((e) => e.getAttribute('data-case'))`,
    );
    expect(blocks).toEqual(['tmall:refund:202611200001']);
    // The detail's badge counts the page's own countdown (还剩 2天 23时 07分), labelled 处理.
    const [b] = await readBadges(detail);
    expect(b!.deadline).toBe('seller-response');
    expect(b!.text.startsWith('处理')).toBe(true);
    await detail.close();
    await list.close();
  });
});
