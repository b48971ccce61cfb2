/**
 * `npm start` (after `npm run build`): serve the demo back-office and open a Chromium with
 * the extension loaded on it.
 *
 * The content script only runs on the real back-office URLs (https://myseller.taobao.com/home.htm/…, refund2…),
 * so the browser is started through playwright-core and those hosts are routed to the local
 * demo server. Environment:
 *   CHROME_PATH          browser binary (else the usual install locations are tried)
 *   DEMO_HEADLESS=1      headless (default: a visible window)
 *   DEMO_EXIT_AFTER_MS=n stop after n ms (used to check the demo in CI-like runs)
 *   DEMO_SCREENSHOT=file write the README picture (refund list with badges + side panel) to file
 *
 * The side panel opens DOCKED beside the refund list: Chromium opens it only on a user
 * gesture (chrome.sidePanel.open), so the demo clicks the list's first badge as an agent
 * would (a Playwright click is a real input event); if no docked panel appears, it says why
 * and shows the panel as a tab instead.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BACK_OFFICE_HOSTS, REPO_ROOT } from '../e2e/site';
import { attachDocked, dockedTargetId, type DockedPanel } from '../e2e/docked';
import { DEMO_INDEX_URL, startBackOffice, type BackOffice } from './backoffice';

const CHROME_DIST = join(REPO_ROOT, '.output/chrome-mv3');
const EDGE_DIST = join(REPO_ROOT, '.output/edge-mv3');
const BADGE = 'aftersale-sentinel-badge';

type Flavour = 'chromium' | 'chrome' | 'edge';
interface Browser {
  path: string;
  flavour: Flavour;
}

function candidates(): string[] {
  const list: string[] = [];
  if (process.platform === 'darwin') {
    list.push(
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
  } else if (process.platform === 'win32') {
    for (const base of [
      process.env['PROGRAMFILES'],
      process.env['PROGRAMFILES(X86)'],
      process.env['LOCALAPPDATA'],
    ]) {
      if (!base) continue;
      list.push(
        join(base, 'Chromium/Application/chrome.exe'),
        join(base, 'Google/Chrome/Application/chrome.exe'),
        join(base, 'Microsoft/Edge/Application/msedge.exe'),
      );
    }
  } else {
    list.push(
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/snap/bin/chromium',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/usr/bin/microsoft-edge',
      '/usr/bin/microsoft-edge-stable',
    );
  }
  return list;
}

function flavourOf(path: string): Flavour {
  const p = path.toLowerCase();
  if (p.includes('edge') || p.includes('msedge')) return 'edge';
  if (p.includes('chrome for testing')) return 'chromium';
  if (p.includes('google-chrome') || p.includes('google chrome') || p.includes('google/chrome'))
    return 'chrome';
  if (process.platform !== 'win32') {
    try {
      const v = execFileSync(path, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      });
      if (/Google Chrome(?! for Testing)/.test(v)) return 'chrome';
      if (/Microsoft Edge/.test(v)) return 'edge';
    } catch {
      /* the version probe is only a hint */
    }
  }
  return 'chromium';
}

function findBrowser(): Browser | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      console.error(`CHROME_PATH=${fromEnv} does not exist.`);
      return null;
    }
    return { path: fromEnv, flavour: flavourOf(fromEnv) };
  }
  for (const path of candidates()) if (existsSync(path)) return { path, flavour: flavourOf(path) };
  return null;
}

function manualInstructions(): string {
  return [
    'Load the extension by hand:',
    '  Chrome:  open chrome://extensions → turn on "Developer mode" → "Load unpacked" → choose',
    `           ${CHROME_DIST}`,
    '  Edge:    open edge://extensions → turn on "Developer mode" → "Load unpacked" → choose',
    `           ${EDGE_DIST}`,
    'The extension runs only on the seller back-office: the 千牛 workbench (https://myseller.taobao.com/home.htm/…,',
    'https://qn.taobao.com/home.htm/…), the refund2 list and detail pages, and the complaint list (see README).',
  ].join('\n');
}

function noBrowserHelp(): string {
  return [
    'No Chromium, Chrome or Edge found (looked at CHROME_PATH, then:',
    ...candidates().map((c) => `  ${c}`),
    ').',
    'Install one:',
    '  Debian/Ubuntu:  sudo apt-get install -y chromium fonts-noto-cjk',
    '  Fedora:         sudo dnf install chromium',
    '  macOS:          brew install --cask chromium   (or download Chrome: https://www.google.com/chrome/)',
    '  Windows:        download Chrome (https://www.google.com/chrome/) or use Edge',
    'or point CHROME_PATH at a browser binary, then run `npm start` again.',
    '',
    manualInstructions(),
  ].join('\n');
}

async function routeBackOffice(context: BrowserContext, office: BackOffice): Promise<void> {
  for (const host of BACK_OFFICE_HOSTS) {
    await context.route(`https://${host}/**`, async (route) => {
      try {
        const res = await fetch(office.localUrl(route.request().url()));
        await route.fulfill({
          status: res.status,
          contentType: res.headers.get('content-type') ?? 'text/plain',
          body: Buffer.from(await res.arrayBuffer()),
        });
      } catch {
        await route.abort().catch(() => {});
      }
    });
  }
}

/** Badges (with an open shadow root) on the page, and how many count down to a future time. */
async function countBadges(
  page: Page,
  timeoutMs: number,
): Promise<{ total: number; live: number; sample: string | null }> {
  try {
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 0, BADGE, {
      timeout: timeoutMs,
    });
  } catch {
    /* none within the time: report 0 */
  }
  return page.$$eval(BADGE, (els) => {
    const texts = els
      .filter((e) => e.shadowRoot !== null)
      .map((e) => e.shadowRoot!.querySelector('[data-testid="countdown"]')?.textContent ?? null);
    const counting = texts.filter((t): t is string => t !== null);
    return {
      total: texts.length,
      live: counting.filter((t) => !t.startsWith('-')).length,
      sample: counting.find((t) => !t.startsWith('-')) ?? null,
    };
  });
}

/**
 * Open the docked side panel: click the list's first badge (the extension's own path: the
 * badge asks the worker, which calls chrome.sidePanel.open within the click's gesture), then
 * wait for the panel's target. Returns why not when it does not appear.
 */
async function openDockedPanel(
  context: BrowserContext,
  list: Page,
  extensionId: string,
): Promise<{ panel: DockedPanel } | { why: string }> {
  const badge = list.locator(`${BADGE}[data-deadline]`).first();
  if ((await badge.count()) === 0) return { why: 'no badge on the refund list to click' };
  const browser = context.browser();
  if (!browser) return { why: 'no browser-level DevTools session in this Playwright context' };
  const session = await browser.newBrowserCDPSession();
  const panelUrl = `chrome-extension://${extensionId}/sidepanel.html`;
  await badge.click();
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    const id = await dockedTargetId(session, panelUrl);
    if (id) return { panel: await attachDocked(session, id) };
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    why: 'Chromium did not open it within 10 s of the badge click (chrome.sidePanel.open needs Chrome/Edge 116+ and a user gesture)',
  };
}

/** Poll the docked panel until its list shows (or 10 s): the number of case blocks and queue items. */
async function dockedCounts(panel: DockedPanel): Promise<{ cases: number; queued: number }> {
  const read = () =>
    panel.evaluate<{ cases: number; queued: number }>(
      `({ cases: document.querySelectorAll('[data-testid="case"]').length, queued: document.querySelectorAll('[data-testid="queue-item"]').length })`,
    );
  const end = Date.now() + 10_000;
  let n = await read();
  while (n.cases === 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    n = await read();
  }
  return n;
}

/** The README picture: the refund list with its badges on the left, the side panel on the right. */
async function readmePicture(
  context: BrowserContext,
  list: Page,
  panel: Page | DockedPanel,
  file: string,
): Promise<void> {
  await list.setViewportSize({ width: 1100, height: 720 });
  if ('setViewportSize' in panel) await panel.setViewportSize({ width: 560, height: 720 });
  await list.waitForTimeout(300);
  const left = (await list.screenshot()).toString('base64');
  const right = (await panel.screenshot()).toString('base64');
  const sheet = await context.newPage();
  await sheet.setViewportSize({ width: 1100 + 560 + 12, height: 720 });
  await sheet.setContent(
    `<body style="margin:0;background:#888;display:flex;gap:12px"><img src="data:image/png;base64,${left}"><img src="data:image/png;base64,${right}"></body>`,
  );
  await sheet.screenshot({ path: file });
  await sheet.close();
  console.log(`README picture written: ${file}`);
}

async function main(): Promise<number> {
  if (!existsSync(join(CHROME_DIST, 'manifest.json'))) {
    console.error(`No build at ${CHROME_DIST}: run \`npm run build\` (npm start does it first).`);
    return 1;
  }
  const office = await startBackOffice();
  // The 千牛 workbench's refund list, where agents work today.
  const list =
    office.pages.find((p) => p.url === 'https://myseller.taobao.com/home.htm/trade-platform/refund-list') ??
    office.pages[0];
  console.log(
    `售后哨兵 demo back-office: ${office.origin}/  (${office.pages.length} pages, dates moved so countdowns are live)`,
  );
  for (const p of office.pages) console.log(`  ${p.url}  ←  ${p.file}`);

  const browser = findBrowser();
  if (!browser) {
    console.error('\n' + noBrowserHelp());
    await office.close();
    return 1;
  }
  const headless = process.env.DEMO_HEADLESS === '1' || process.env.DEMO_HEADLESS === 'true';
  const dist = browser.flavour === 'edge' ? EDGE_DIST : CHROME_DIST;
  const branded = browser.flavour === 'chrome';
  console.log(`\nBrowser: ${browser.path} (${browser.flavour}${headless ? ', headless' : ''})`);
  if (branded) {
    console.log(
      [
        '',
        'Note: branded Google Chrome ignores --load-extension, so the extension is NOT loaded',
        'automatically. In the window that opens:',
        manualInstructions(),
        'then reload the demo tab. The demo pages are routed to the real back-office URLs in that',
        'window only; opening them elsewhere shows the plain pages without the extension.',
        'Chromium (or Chrome for Testing via CHROME_PATH) loads it automatically.',
      ].join('\n'),
    );
  }

  const profile = mkdtempSync(join(tmpdir(), 'aftersale-demo-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: browser.path,
      headless,
      viewport: null,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        ...(branded ? [] : [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`]),
        ...(process.platform === 'linux' ? ['--no-sandbox'] : []),
        '--no-first-run',
        '--disable-quic',
        '--lang=zh-CN',
      ],
    });
  } catch (err) {
    console.error(`\nThe browser did not start: ${(err as Error).message.split('\n')[0]}`);
    if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      console.error(
        'No display found: run `DEMO_HEADLESS=1 npm start` for a headless check, or start it from a desktop session.',
      );
    }
    console.error('\n' + manualInstructions());
    await office.close();
    rmSync(profile, { recursive: true, force: true });
    return 1;
  }
  await routeBackOffice(context, office);

  let extensionId: string | null = null;
  if (!branded) {
    const sw =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => null));
    extensionId = sw ? new URL(sw.url()).host : null;
    if (!extensionId) {
      console.log(
        `\nThis browser did not load the extension from the command line.\n${manualInstructions()}`,
      );
    } else {
      console.log(`Extension loaded: chrome-extension://${extensionId}/ (from ${dist})`);
    }
  }

  const indexPage = context.pages()[0] ?? (await context.newPage());
  await indexPage.goto(DEMO_INDEX_URL);
  console.log(`Demo index: ${DEMO_INDEX_URL}`);
  if (list) {
    const listPage = await context.newPage();
    await listPage.goto(list.url);
    console.log(`Refund list: ${list.url}`);
    if (extensionId) {
      const n = await countBadges(listPage, 10_000);
      console.log(
        n.total > 0
          ? `Badges on the refund list: ${n.total} (${n.live} counting down to a future time${n.sample ? `, e.g. ${n.sample}` : ''})`
          : 'No badges appeared on the refund list (is the content script built?)',
      );
      await listPage.bringToFront();
      const docked = await openDockedPanel(context, listPage, extensionId);
      let panel: Page | DockedPanel;
      if ('panel' in docked) {
        panel = docked.panel;
        console.log(
          "Side panel: docked beside the refund list, opened by a click on the list's first badge (its case is marked 已定位)",
        );
      } else {
        console.log(
          `The side panel did not open docked: ${docked.why}. Showing it as a tab instead: chrome-extension://${extensionId}/sidepanel.html`,
        );
        const tab = await context.newPage();
        await tab.goto(`chrome-extension://${extensionId}/sidepanel.html`);
        await tab.waitForSelector('[data-testid="case"]', { timeout: 5_000 }).catch(() => {});
        panel = tab;
      }
      const { cases, queued } =
        'panel' in docked
          ? await dockedCounts(docked.panel)
          : {
              cases: await (panel as Page).locator('[data-testid="case"]').count(),
              queued: await (panel as Page).locator('[data-testid="queue-item"]').count(),
            };
      const size = 'panel' in docked ? await docked.panel.size() : null;
      console.log(
        `Side panel shows ${cases} case(s) of the refund list tab; queue: ${queued} case(s)${size ? `; docked ${size.width}×${size.height} px` : ''}`,
      );
      const shot = process.env.DEMO_SCREENSHOT;
      if (shot) await readmePicture(context, listPage, panel, shot);
      // Leave the list in front, the side panel beside it.
      await listPage.bringToFront();
    }
  }

  const exitAfter = Number(process.env.DEMO_EXIT_AFTER_MS ?? '');
  console.log(
    Number.isFinite(exitAfter) && exitAfter > 0
      ? `Stopping in ${exitAfter} ms (DEMO_EXIT_AFTER_MS).`
      : '\nRunning. Close the browser or press Ctrl+C to stop.',
  );
  await new Promise<void>((resolve) => {
    context.on('close', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    if (Number.isFinite(exitAfter) && exitAfter > 0) setTimeout(resolve, exitAfter).unref();
  });
  await context.close().catch(() => {});
  await office.close();
  rmSync(profile, { recursive: true, force: true });
  console.log('Demo stopped.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
