/**
 * End-to-end harness: the BUILT extension in a real Chromium — the measured build
 * (.output/chrome-mv3-measured: production code plus the content script's pass marks, which
 * `settled()` reads),
 * driven by playwright-core. Fixture pages are served at the REAL back-office URLs
 * through request routing, so the production content-script match patterns are what
 * is tested. Every other http(s) request gets a 404: no real network.
 *
 * The browser not starting is a failure with a clear message — never a skip.
 */
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedAt } from '../fixtures/clock';
import { attachDocked, dockedTargetId, tabTargetIds, type DockedPanel } from './docked';
import { BACK_OFFICE_HOSTS, REPO_ROOT, fixturePages, readFixture, routeKey } from './site';

const DIST = join(REPO_ROOT, '.output/chrome-mv3-measured');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test/e2e/screenshots');
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const BADGE = 'aftersale-sentinel-badge';

function chromeArgs(dist: string): string[] {
  return [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--lang=zh-CN',
  ];
}

export interface Badge {
  deadline: string | null;
  due: string | null;
  caseKey: string | null;
  unreadable: string | null;
  /** Whether the host has an open shadow root. */
  shadow: boolean;
  /** Text of `[data-testid="countdown"]` inside the shadow root (null when absent). */
  countdown: string | null;
  compMark: boolean;
  /** All text inside the shadow root. */
  text: string;
}

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  origin: string;
  /**
   * Serve `html` at `url` (overrides the fixture table for that URL). Its dates are placed
   * relative to the moment of the first request for it (test/fixtures/clock.ts), like every
   * fixture page; `asIs` serves it unchanged (a page whose dates the test placed itself).
   */
  serve(url: string, html: string, opts?: { asIs?: boolean }): void;
  /** The HTML requests for `url` are answered with (its dates placed at the first request). */
  served(url: string): string | undefined;
  /** Open a fresh tab at a back-office URL and wait for the DOM. */
  open(url: string): Promise<Page>;
  openSidePanel(page?: Page): Promise<Page>;
  openOptions(page?: Page): Promise<Page>;
  serviceWorker(): Promise<Worker>;
  /** Stop the extension's MV3 service worker through the DevTools Protocol; resolves once CDP reports it `stopped`. */
  stopServiceWorker(): Promise<void>;
  /** Whether a service worker of ours runs right now (CDP Target.getTargets; no side effects). */
  workerRunning(): Promise<boolean>;
  /** Resolve once the worker runs again (a NEW instance), e.g. after a message woke it. */
  waitForWorkerRestart(timeoutMs?: number): Promise<Worker>;
  /**
   * The DOCKED side panel (not a Playwright page): waits for its target, attaches through the
   * browser's CDP session and evaluates expressions in it.
   */
  dockedSidePanel(timeoutMs?: number): Promise<DockedPanel>;
  /** Every http(s) URL the pages asked for that was not served (got a 404). */
  unserved: string[];
  close(): Promise<void>;
}

/**
 * The suite cannot run: thrown (so the run fails, never skips) and also printed at once, so
 * the reason shows even when the test reporter itself fails to format errors.
 */
class BrowserStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserStartError';
    console.error(`\n${message}\n`);
  }
}

/** Checks the build and the browser binary; throws a message saying exactly what to do. */
function preflight(dist = DIST): void {
  if (!existsSync(join(dist, 'manifest.json'))) {
    throw new BrowserStartError(
      `E2E: no built extension at ${dist} — run \`npm run build\` first (npm run test:e2e does).`,
    );
  }
  if (!existsSync(CHROME_PATH)) {
    throw new BrowserStartError(
      `E2E: no Chromium at ${CHROME_PATH}. Install it (Debian/Ubuntu: \`sudo apt-get install -y chromium fonts-noto-cjk\`) ` +
        'or set CHROME_PATH to a Chromium/Chrome-for-Testing binary. The e2e suite never skips.',
    );
  }
}

const MARK = '__aftersaleSentinelE2eMark';

interface LaunchOptions {
  dist?: string;
  headless?: boolean;
  timezoneId?: string;
  /**
   * Origins (`https://host/*`) granted at install, in this run's copy of the build only: they
   * stand in for the agent accepting the optional host permission prompt (the team pack URL's
   * origin), which headless Chromium cannot show or answer. The build in .output is untouched.
   */
  grantOrigins?: string[];
}

export async function launch(opts: LaunchOptions = {}): Promise<Harness> {
  const built = opts.dist ?? DIST;
  preflight(built);
  const root = mkdtempSync(join(tmpdir(), 'aftersale-e2e-'));
  const profile = join(root, 'profile');
  // Load a snapshot of the build: a rebuild of .output during the run cannot pull files from under it.
  const dist = join(root, 'chrome-mv3');
  cpSync(built, dist, { recursive: true });
  if (opts.grantOrigins?.length) {
    const manifest = builtManifest(dist);
    manifest['host_permissions'] = [
      ...((manifest['host_permissions'] as string[] | undefined) ?? []),
      ...opts.grantOrigins,
    ];
    writeFileSync(join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2));
  }
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROME_PATH,
      headless: opts.headless ?? true,
      args: chromeArgs(dist),
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
      ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
    });
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw new BrowserStartError(
      `E2E: Chromium at ${CHROME_PATH} did not start with the extension (${(err as Error).message.split('\n')[0]}). ` +
        'Install chromium + fonts-noto-cjk or set CHROME_PATH. The e2e suite never skips.',
    );
  }

  /** URL → page; `asIs` pages are served unchanged, the others with their dates placed at request time. */
  const site = new Map<string, { html: string; asIs: boolean }>();
  for (const p of fixturePages()) site.set(p.url, { html: readFixture(p.file), asIs: false });
  const lastServed = new Map<string, string>();
  const unserved: string[] = [];

  // Later routes win in Playwright: the catch-all 404 first, then the back-office hosts.
  await context.route(/^https?:\/\//, (route) => {
    unserved.push(route.request().url());
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not served by the e2e harness' });
  });
  for (const host of BACK_OFFICE_HOSTS) {
    await context.route(`https://${host}/**`, (route) => {
      const url = route.request().url();
      const page = site.get(routeKey(url));
      if (page === undefined) {
        unserved.push(url);
        return route.fulfill({ status: 404, contentType: 'text/plain', body: 'no fixture at this URL' });
      }
      // Dates placed at the first request; a reload shows the same page, as the real one would.
      let body = lastServed.get(routeKey(url));
      if (body === undefined)
        lastServed.set(routeKey(url), (body = page.asIs ? page.html : servedAt(page.html, Date.now()).html));
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    });
  }

  const sw =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }).catch(() => null));
  if (!sw) {
    await context.close().catch(() => {});
    rmSync(root, { recursive: true, force: true });
    const problems = diagnoseDist(built);
    throw new BrowserStartError(
      `E2E: Chromium started but the extension in ${built} did not (no service worker within 15 s). ` +
        (problems.length
          ? `Problems found in the build: ${problems.join('; ')}`
          : "Load it in chrome://extensions to see Chromium's error."),
    );
  }
  const extensionId = new URL(sw.url()).host;
  const origin = `chrome-extension://${extensionId}`;
  // Chromium refuses grants for chrome-extension:// origins ("opaque"); grant them context-wide.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  const workerTargets = async (session: CDPSession): Promise<string[]> => {
    const { targetInfos } = (await session.send('Target.getTargets')) as {
      targetInfos: Array<{ type: string; url: string }>;
    };
    return targetInfos
      .filter((t) => t.type === 'service_worker' && t.url.startsWith(origin))
      .map((t) => t.url);
  };
  let browserSession: CDPSession | undefined;
  // The browser's first (blank) tab hosts the CDP session used to stop the worker; set up now,
  // so no tab is opened or closed around a stop.
  const cdpHost = (async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const session = await context.newCDPSession(page);
    await session.send('ServiceWorker.enable');
    return session;
  })();
  await cdpHost;
  const bs = async (): Promise<CDPSession> => {
    const browser = context.browser();
    if (!browser) throw new Error('E2E: no browser handle for a CDP session');
    browserSession ??= await browser.newBrowserCDPSession();
    return browserSession;
  };
  const currentWorker = (): Worker | undefined =>
    context
      .serviceWorkers()
      .filter((w) => w.url().startsWith(origin))
      .at(-1);
  const pollUntil = async (what: string, cond: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await cond()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`E2E: timed out waiting for ${what}`);
  };

  const h: Harness = {
    context,
    extensionId,
    origin,
    unserved,
    serve(url, html, opts) {
      site.set(routeKey(url), { html, asIs: opts?.asIs === true });
      lastServed.delete(routeKey(url));
    },
    served(url) {
      return lastServed.get(routeKey(url));
    },
    async open(url) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async openSidePanel(page) {
      const p = page ?? (await context.newPage());
      await p.goto(`${origin}/sidepanel.html`);
      return p;
    },
    async openOptions(page) {
      const p = page ?? (await context.newPage());
      await p.goto(`${origin}/options.html`);
      return p;
    },
    async serviceWorker() {
      return currentWorker() ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    },
    async stopServiceWorker() {
      const w = await h.serviceWorker();
      // Mark the running instance: a restarted worker is a fresh global scope without it.
      await w.evaluate((m) => {
        (globalThis as Record<string, unknown>)[m] = true;
      }, MARK);
      // The session lives in a blank tab for the whole run: an extension page would message
      // the worker, and opening/closing a tab fires tabs events — either would wake it again.
      const s = await cdpHost;
      // The ServiceWorker domain reports each version's runningStatus; wait for ours to be
      // `stopped` (a later event may start it again — that is the point of the drills).
      let onStopped: () => void = () => {};
      const stopped = new Promise<void>((resolve) => (onStopped = resolve));
      const listener = (e: { versions: Array<{ scriptURL: string; runningStatus: string }> }) => {
        if (e.versions.some((v) => v.scriptURL.startsWith(origin) && v.runningStatus === 'stopped'))
          onStopped();
      };
      s.on('ServiceWorker.workerVersionUpdated', listener);
      let timer: NodeJS.Timeout | undefined;
      try {
        await s.send('ServiceWorker.stopAllWorkers');
        await Promise.race([
          stopped,
          new Promise<never>(
            (_, reject) =>
              (timer = setTimeout(
                () =>
                  reject(
                    new Error(
                      'E2E: the service worker did not stop within 10 s (CDP ServiceWorker.stopAllWorkers)',
                    ),
                  ),
                10_000,
              )),
          ),
        ]);
      } finally {
        clearTimeout(timer);
        s.off('ServiceWorker.workerVersionUpdated', listener);
      }
    },
    async dockedSidePanel(timeoutMs = 10_000) {
      const session = await bs();
      let targetId: string | undefined;
      const panelUrl = `${origin}/sidepanel.html`;
      await pollUntil(
        'the docked side panel',
        async () => {
          // A sidepanel.html target that is not one of our tabs is the docked panel.
          targetId = await dockedTargetId(session, panelUrl, await tabTargetIds(context, panelUrl));
          return targetId !== undefined;
        },
        timeoutMs,
      );
      return attachDocked(session, targetId!);
    },
    async workerRunning() {
      return (await workerTargets(await bs())).length > 0;
    },
    async waitForWorkerRestart(timeoutMs = 15_000) {
      await pollUntil(
        'the service worker to restart',
        async () => (await workerTargets(await bs())).length > 0,
        timeoutMs,
      );
      const w = currentWorker() ?? (await context.waitForEvent('serviceworker', { timeout: timeoutMs }));
      const marked = await w.evaluate((m) => (globalThis as Record<string, unknown>)[m] === true, MARK);
      if (marked) throw new Error('E2E: the service worker was not restarted (old instance still running)');
      return w;
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
  return h;
}

/** Every badge on the page, read through its open shadow root. */
export async function readBadges(page: Page): Promise<Badge[]> {
  return page.$$eval(BADGE, (els) =>
    els.map((el) => {
      const root = el.shadowRoot;
      return {
        deadline: el.getAttribute('data-deadline'),
        due: el.getAttribute('data-due'),
        caseKey: el.getAttribute('data-case'),
        unreadable: el.getAttribute('data-unreadable'),
        shadow: root !== null,
        countdown: root?.querySelector('[data-testid="countdown"]')?.textContent ?? null,
        compMark: root?.querySelector('[data-testid="comp-mark"]') != null,
        text: (root?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      };
    }),
  );
}

/** Wait until at least `min` badges are on the page, then read them. */
export async function waitForBadges(page: Page, min = 1, timeoutMs = 10_000): Promise<Badge[]> {
  await page.waitForFunction(
    ({ sel, n }) =>
      document.querySelectorAll(sel).length >= n &&
      [...document.querySelectorAll(sel)].every((e) => e.shadowRoot),
    { sel: BADGE, n: min },
    { timeout: timeoutMs },
  );
  return readBadges(page);
}

/** Screenshot into test/e2e/screenshots/<name>.png (git-ignored); returns the path. */
/**
 * Resolves once the content script's passes have settled: it has finished at least one pass
 * (`data-as-passes` on <html>) and no further pass finished for half a second.
 */
export async function settled(page: Page, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: string | null = null;
  let stable = 0;
  while (Date.now() < end) {
    const passes = await page.evaluate(() => document.documentElement.getAttribute('data-as-passes'));
    stable = passes !== null && passes === last ? stable + 1 : 0;
    if (stable >= 5) return;
    last = passes;
    await page.waitForTimeout(100);
  }
  throw new Error('E2E: the content script did not settle');
}

export async function screenshot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true });
  return path;
}

/**
 * Reasons Chromium refuses to load an unpacked build that we can see from the files:
 * invalid locale message names (only [A-Za-z0-9_@]), __MSG_x__ without a message, missing files.
 */
function diagnoseDist(dist = DIST): string[] {
  const problems: string[] = [];
  let manifest: Record<string, unknown>;
  try {
    manifest = builtManifest(dist);
  } catch (err) {
    return [`manifest.json unreadable: ${(err as Error).message}`];
  }
  const localesDir = join(dist, '_locales');
  const defaultLocale = manifest['default_locale'] as string | undefined;
  const messages = new Map<string, Set<string>>();
  if (existsSync(localesDir)) {
    for (const loc of readdirSync(localesDir)) {
      const file = join(localesDir, loc, 'messages.json');
      try {
        const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        const bad = Object.keys(m).filter((k) => !/^[A-Za-z0-9_@]+$/.test(k));
        if (bad.length)
          problems.push(
            `_locales/${loc}/messages.json has invalid message names (Chromium allows [A-Za-z0-9_]): ${bad.join(', ')}`,
          );
        messages.set(loc, new Set(Object.keys(m)));
      } catch (err) {
        problems.push(`_locales/${loc}/messages.json: ${(err as Error).message}`);
      }
    }
  }
  if (defaultLocale && !messages.has(defaultLocale))
    problems.push(`default_locale ${defaultLocale} has no _locales/${defaultLocale}/messages.json`);
  for (const ref of JSON.stringify(manifest).match(/__MSG_(\w+)__/g) ?? []) {
    const key = ref.slice(6, -2);
    if (defaultLocale && !messages.get(defaultLocale)?.has(key))
      problems.push(`manifest uses ${ref} but _locales/${defaultLocale} has no "${key}"`);
  }
  const bg = (manifest['background'] as { service_worker?: string } | undefined)?.service_worker;
  if (bg && !existsSync(join(dist, bg))) problems.push(`background.service_worker ${bg} is missing`);
  return problems;
}

/** The built manifest, parsed. */
export function builtManifest(dist = DIST): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

/**
 * What the side panel lists: this tab's cases (`case` blocks) and the other tabs' (the queue):
 * each case once. The selector matches either, for waiting.
 */
export const PANEL_CASE = '[data-testid="case"], [data-testid="queue-item"]';
export async function panelCaseKeys(panel: Page): Promise<string[]> {
  const keys = await panel
    .locator(PANEL_CASE)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-case') ?? ''));
  return [...new Set(keys.filter(Boolean))];
}
