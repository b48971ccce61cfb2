/**
 * The review's H2 replayed in real Chromium (issue 17 "done when": the phishing pack
 * through a content script): from a back-office tab's content-script world — found through
 * the DevTools Protocol, as drills-hostile.test.ts does — every admin and read-all message
 * is sent in @webext-core/messaging's wire format. The review got: every tab's cases with
 * buyer nicks, a phishing pack active and copied from the side panel, a team URL on any
 * *.taobao.com host, a 5 MB ledger entry, a reset pack, and a case stored for a foreign URL.
 * Now each is answered `<type>: refused from a content script` before its handler runs, and
 * afterwards the extension pages see nothing changed: the same pack (nothing staged), the
 * same settings, an empty ledger, no case for the foreign URL, and the side panel's replies
 * are the built-in pack's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PHISHING_TEMPLATES, phishingPack } from '../fixtures/packs/hostile';
import { launch, waitForBadges, type Harness } from './harness';
import { ContentWorld, wire, type Answer } from './content-world';
import { fixturePages } from './site';

const LIST = fixturePages().find((f) => f.file === 'refund-list-tmall.html')!;
const DETAIL = fixturePages().find((f) => f.file === 'refund-detail-tmall.html')!;
const EVIL_URL = 'https://evil.taobao.com/anything';
/** A valid pack whose every reply is the review's phishing text (so any case's replies would show it). */
const PHISH = (() => {
  const p = JSON.parse(phishingPack()) as { rules: Array<{ type: string; template?: string }> };
  for (const r of p.rules) if (r.type === 'reply') r.template = PHISHING_TEMPLATES[0];
  return JSON.stringify(p);
})();

let h: Harness;
let list: Page;
let detail: Page;
let ext: Page;
let world: ContentWorld;
let otherTabCase: string;
let stagedToken = 'none';
let before: Record<string, unknown>;

/** A message sent from the detail tab's content-script world. */
async function fromContentScript(type: string, data?: unknown): Promise<Answer> {
  return world.send(wire(type, data));
}
/** The same message sent from an extension page (the options page): the legitimate sender. */
async function fromExtensionPage(type: string, data?: unknown): Promise<unknown> {
  const a: Answer = await ext.evaluate(
    (msg): Promise<Answer> =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<Answer | undefined> } };
        }
      ).chrome.runtime
        .sendMessage(JSON.parse(msg))
        .then(
          (x): Answer => x ?? {},
          (e: Error): Answer => ({ err: { message: String(e.message) } }),
        ),
    wire(type, data),
  );
  if (a.err) throw new Error(`${type} from the options page: ${a.err.message}`);
  return a.res;
}

/** What an extension page sees of the state the attacks aimed at. */
async function visibleState(): Promise<Record<string, unknown>> {
  const info = (await fromExtensionPage('getPackInfo')) as {
    active: unknown;
    previous: unknown;
    pending?: unknown;
  };
  const settings = await fromExtensionPage('getSettings');
  const ledger = (await fromExtensionPage('getLedger', {})) as { entries: unknown[] };
  const queue = (await fromExtensionPage('getQueue')) as {
    cases: Array<{ url?: string; tabUrl?: string; key: string }>;
  };
  return {
    active: info.active,
    previous: info.previous,
    pending: info.pending ?? null,
    settings,
    ledger: ledger.entries.length,
    exported: ((await fromExtensionPage('exportPack')) as { json: string }).json,
    foreign: queue.cases.filter((c) => JSON.stringify(c).includes('evil.taobao.com')).length,
  };
}

beforeAll(async () => {
  h = await launch();
  list = await h.open(LIST.url);
  const listBadges = await waitForBadges(list, 60);
  otherTabCase = listBadges.find((b) => b.caseKey)!.caseKey!;
  detail = await h.open(DETAIL.url);
  await waitForBadges(detail);
  ext = await h.openOptions();
  world = await ContentWorld.attach(h.context, detail, h.extensionId);
  before = await visibleState();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** The review's attacks (exp1.ts A–G) and the rest of the extension-page messages; the pack reset before the phishing import, which would stay. */
const REFUSED: Array<[string, () => unknown]> = [
  ['getQueue', () => undefined],
  ['getQueueSummaries', () => undefined],
  ['getTabCases', () => ({})],
  ['getTabSummaries', () => ({})],
  ['getCase', () => ({ key: otherTabCase })],
  ['getFocusedCase', () => undefined],
  ['getPackInfo', () => undefined],
  ['exportPack', () => undefined],
  ['resetPack', () => undefined],
  ['importPack', () => ({ json: PHISH })],
  // with the token of the preview, had the import been staged
  ['decidePack', () => ({ token: stagedToken, accept: true })],
  [
    'saveSettings',
    () => ({ teamPack: { url: 'https://evil.taobao.com/pack.json' }, warningThresholdsHours: [0.001] }),
  ],
  ['refreshTeamPack', () => undefined],
  ['recordSettlement', () => ({ key: otherTabCase, amount: 50_000 })],
  ['deleteLedgerEntry', () => ({ seq: 1 })],
  ['getLedger', () => ({})],
];

describe('admin and read-all messages from a content script (review H2, real Chromium)', () => {
  it('control: the same world may read the settings (the channel works)', async () => {
    const a = await fromContentScript('getSettings');
    expect(a.err).toBeUndefined();
    expect(a.res).toHaveProperty('warningThresholdsHours');
  });

  it.each(REFUSED)('%s is refused before its handler runs', async (type, data) => {
    const a = await fromContentScript(type, data());
    stagedToken = (a.res as { preview?: { token?: string } } | undefined)?.preview?.token ?? stagedToken;
    expect(a.res, JSON.stringify(a.res)?.slice(0, 200)).toBeUndefined();
    expect(a.err?.message).toBe(`${type}: refused from a content script`);
  });

  it('a report for a page on another host is refused', async () => {
    const read = {
      kind: 'refund',
      adapter: 'refund-detail',
      platform: 'tmall',
      index: 0,
      unreadable: [],
      facts: { refundId: '777000000009', reason: '卖家缺货' },
    };
    const a = await fromContentScript('reportPage', { url: EVIL_URL, cases: [read] });
    expect(a.err?.message).toContain('not on the sender’s site');
  });

  it('nothing changed for the extension pages: same pack (none staged), settings, empty ledger, no foreign case', async () => {
    const after = await visibleState();
    expect(after).toEqual(before);
    expect(after.pending).toBeNull();
    expect(after.ledger).toBe(0);
    expect(after.foreign).toBe(0);
  });

  it('the side panel’s replies for the tab are the built-in pack’s: no phishing text to copy', async () => {
    await detail.bringToFront();
    const panel = await h.openSidePanel();
    await panel.locator('[data-testid="reply-text"]').first().waitFor({ timeout: 15_000 });
    const replies = await panel.locator('[data-testid="reply-text"]').allTextContents();
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.join('\n')).not.toContain('tb-refund-claim.example');
    await panel.close();
  });
});
