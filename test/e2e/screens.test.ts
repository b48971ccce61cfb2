/**
 * The agent's screens, as an agent sees them (issue 14): the workbench refund list, a refund
 * detail and the complaint list at 664 px (a 1,024-px window with the side panel docked), the
 * DOCKED side panel after a badge click (zh and en, light and dark), and the options page
 * (zh, en, dark). Each is written to test/e2e/screenshots/screen-*.png (git-ignored) for a
 * person to look at, and checked here for what a look would catch:
 *
 * - every text computes to ≥ 13 px in the panel and the options (12 px inside the in-page
 *   badges, the back-office table's own size), with ≥ 4.5:1 contrast, light and dark;
 * - no sideways scrolling, no tag or countdown broken over two lines;
 * - no raw developer text: ISO times, seed file names, rule ids, camelCase keys, `undefined`;
 * - in English, no Chinese left untranslated: Chinese may only be quoted — inside an element
 *   marked `lang="zh-CN"` (scraped values, source passages, the replies sent to buyers) or
 *   between brackets or quotation marks.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BADGE, SCREENSHOT_DIR, launch, screenshot, waitForBadges, type Harness } from './harness';
import type { DockedPanel } from './docked';
import { checkScript, expectClean, type Findings } from './look';

const LIST = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
const DETAIL =
  'https://myseller.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611200001&type=1';
const COMPLAINTS = 'https://rights.taobao.com/complaint/sellerList.htm';
/** 1,024 px minus a docked panel of 360 px. */
const PAGE_PX = 664;

let h: Harness;
let docked: DockedPanel;
let clicked: string;

beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

/** Poll the docked panel until `expression` is true. */
async function panelUntil(expression: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await docked.evaluate<boolean>(expression)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the docked panel never showed: ${expression}`);
}

/** Wait until the panel stops scrolling (the reveal scrolls smoothly to the clicked case). */
async function scrollSettled(): Promise<void> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const y = await docked.evaluate<number>('scrollY');
    if (y === last) return;
    last = y;
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function panelShot(name: string): Promise<void> {
  writeFileSync(join(SCREENSHOT_DIR, `${name}.png`), await docked.screenshot());
}

/** The panel with the clicked case's every disclosure open (为什么？, more actions…), so every text is checked. */
const OPEN_ALL = `document.querySelectorAll('.case.open details').forEach((d) => (d.open = true)); true`;
const CASE_TOP = (key: string) =>
  `document.querySelector('[data-testid="case"][data-case=${JSON.stringify(key)}]').scrollIntoView({ block: 'start', behavior: 'instant' }); true`;
const WHY_TOP = `document.querySelector('.case.open details.why')?.scrollIntoView({ block: 'start', behavior: 'instant' }); true`;

async function setLocale(locale: 'zh-CN' | 'en'): Promise<void> {
  const opt = await h.openOptions();
  await opt.waitForSelector('fieldset');
  await opt.selectOption('[data-testid="setting-locale"]', locale);
  await opt.click('[data-testid="settings-save"]');
  await opt.waitForSelector('[data-testid="settings-saved"]');
  await opt.close();
}

describe('back-office pages at 664 px (window 1,024 px, panel docked)', () => {
  it.each([
    ['list', LIST, 60],
    ['detail', DETAIL, 1],
    ['complaint-list', COMPLAINTS, 3],
  ] as const)(
    '%s: badges readable (≥ 12 px, the table’s own size), written as screen-<name>-zh.png',
    async (name, url, n) => {
      const page = await h.open(url);
      await page.setViewportSize({ width: PAGE_PX, height: 900 });
      await waitForBadges(page, n);
      const sizes = await page.$$eval(BADGE, (els) =>
        els.flatMap((e) =>
          [...(e.shadowRoot?.querySelectorAll('[part="badge"], [part="badge"] *') ?? [])].map((x) =>
            parseFloat(getComputedStyle(x).fontSize),
          ),
        ),
      );
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
      await screenshot(page, `screen-${name}-zh`, { fullPage: false });
      if (name !== 'list') await page.close();
    },
  );
});

describe('the docked side panel after a badge click', () => {
  beforeAll(async () => {
    const list = h.context.pages().find((p) => p.url() === LIST)!;
    await list.bringToFront();
    const keys = [
      ...new Set(
        (await waitForBadges(list, 60)).map((b) => b.caseKey).filter((k): k is string => k !== null),
      ),
    ];
    clicked = keys[27]!;
    await list.locator(`${BADGE}[data-case="${clicked}"]`).first().click();
    docked = await h.dockedSidePanel();
    await panelUntil(`document.querySelector('.case.revealed [data-testid="case-detail"]') !== null`);
  });

  for (const locale of ['zh', 'en'] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${locale}, ${scheme}: every text ≥ 13 px and ≥ 4.5:1, nothing raw${locale === 'en' ? ', nothing untranslated' : ''} — screen-panel-${locale}-${scheme}.png`, async () => {
        if (locale === 'en' && scheme === 'light') {
          await setLocale('en');
          await docked.evaluate('location.reload(); true');
          await new Promise((r) => setTimeout(r, 500));
          await panelUntil(
            `document.documentElement.querySelector('.panel[lang="en"] .case.revealed [data-testid="case-detail"]') !== null`,
          );
        }
        await docked.colorScheme(scheme);
        await docked.evaluate(OPEN_ALL);
        const size = await docked.size();
        expect(size.width, 'a docked panel, not a tab').toBeLessThan(600);
        if (locale === 'en' && scheme === 'light') {
          // Control: the check finds what it looks for (an untranslated line, a raw time, small grey text).
          await docked.evaluate(
            `document.querySelector('.panel').insertAdjacentHTML('beforeend', '<p id="e2e-control" style="font-size:11px;color:#bbb">未翻译的提示 2026-12-04T09:09:00+08:00 (引用可以)</p>'); true`,
          );
          const control = await docked.evaluate<Findings>(checkScript(13, true));
          await docked.evaluate(`document.getElementById('e2e-control').remove(); true`);
          expect(control.untranslated.join()).toContain('未翻译的提示');
          expect(control.untranslated.join()).not.toContain('引用可以');
          expect(control.raw.join()).toContain('2026-12-04T09:09');
          expect(control.small.join()).toContain('未翻译的提示');
          expect(control.lowContrast.join()).toContain('未翻译的提示');
        }
        const f = await docked.evaluate<Findings>(checkScript(13, locale === 'en'));
        console.log(`panel ${locale} ${scheme} (${size.width}×${size.height}): ${f.texts} texts checked`);
        expectClean(f, `panel ${locale} ${scheme}`);
        await scrollSettled();
        await docked.evaluate(CASE_TOP(clicked));
        await panelShot(`screen-panel-${locale}-${scheme}`);
        if (scheme === 'light') {
          await docked.evaluate(WHY_TOP);
          await panelShot(`screen-panel-${locale}-why`);
          await docked.evaluate('scrollTo(0, 0); true');
          await panelShot(`screen-panel-${locale}-top`);
        }
      });
    }
  }

  it('zh, the complaint list’s case: the order number is labelled as one — screen-panel-complaint-zh.png', async () => {
    await setLocale('zh-CN');
    await docked.colorScheme('light');
    const complaints = h.context.pages().find((p) => p.url() === COMPLAINTS) ?? (await h.open(COMPLAINTS));
    await waitForBadges(complaints, 3);
    await complaints.bringToFront();
    await docked.evaluate('location.reload(); true');
    await new Promise((r) => setTimeout(r, 500));
    await panelUntil(
      `document.querySelector('.panel[lang="zh-CN"] [data-testid="case-detail"]') !== null && document.querySelectorAll('[data-testid="case"]').length === 3`,
    );
    const heads = await docked.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="case"] .case-id')].map((e) => e.textContent)`,
    );
    expect(heads.length).toBe(3);
    for (const head of heads) expect(head).toMatch(/^订单\d+$/);
    await docked.evaluate(OPEN_ALL);
    expectClean(await docked.evaluate<Findings>(checkScript(13, false)), 'panel complaint');
    await docked.evaluate('scrollTo(0, 0); true');
    await panelShot('screen-panel-complaint-zh');
  });
});

describe('options page', () => {
  let opt: Page;
  beforeAll(async () => {
    opt = await h.openOptions();
    await opt.setViewportSize({ width: 900, height: 1000 });
  });

  for (const [locale, scheme] of [
    ['zh', 'light'],
    ['zh', 'dark'],
    ['en', 'light'],
    ['en', 'dark'],
  ] as const) {
    it(`${locale}, ${scheme}: every text ≥ 13 px and ≥ 4.5:1, nothing raw${locale === 'en' ? ', nothing untranslated' : ''} — screen-options-${locale}-${scheme}.png`, async () => {
      if (scheme === 'light') {
        await setLocale(locale === 'en' ? 'en' : 'zh-CN');
        await opt.reload();
      }
      await opt.waitForSelector('fieldset');
      await opt.emulateMedia({ colorScheme: scheme });
      await opt.evaluate(`document.querySelectorAll('details').forEach((d) => (d.open = true))`);
      // The rule list is the pack's own data (its English names platform terms in Chinese): checked closed.
      await opt.evaluate(
        `document.querySelectorAll('[data-testid="pack-rules"]').forEach((d) => (d.open = false))`,
      );
      const f = await opt.evaluate<Findings>(checkScript(13, locale === 'en'));
      expectClean(f, `options ${locale} ${scheme}`);
      // A full-page picture draws the sticky save bars where the first screen ends: let them sit in place for it.
      await opt.addStyleTag({ content: '.save-bar { position: static !important; }' });
      await screenshot(opt, `screen-options-${locale}-${scheme}`);
      await opt.evaluate(
        `document.querySelectorAll('style').forEach((s) => s.textContent.includes('position: static !important') && s.remove())`,
      );
    });
  }
});
