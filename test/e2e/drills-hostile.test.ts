/**
 * Drill 6 (Chromium part) — hostile.test.ts (e2e engineer) covers scraped HTML/script never
 * executing, nothing injected outside our shadow roots and the long value cut in the side
 * panel. This drill adds what it lacks: a content script that is made to message the worker
 * with payloads failing the zod schema. The payloads are sent from the content script's OWN
 * isolated world (found through the DevTools Protocol), in @webext-core/messaging's wire
 * format; each must be answered with an error, and nothing may change: same badges, same
 * queue in the side panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  PANEL_CASE,
  launch,
  panelCaseKeys,
  readBadges,
  settled,
  waitForBadges,
  type Harness,
} from './harness';
import { REPO_ROOT } from './site';
import { ContentWorld, wire, type Answer } from './content-world';

const URL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611230001';
const HTML = readFileSync(join(REPO_ROOT, 'test/fixtures/drills/refund-detail-address-phone.html'), 'utf8');

const good = {
  kind: 'refund',
  adapter: 'refund-detail',
  platform: 'tmall',
  index: 0,
  unreadable: [],
  facts: {
    refundId: '777000000001',
    reason: '卖家缺货',
    paidAmount: 500,
    refundRequestedAt: '2026-11-23T10:02:37+08:00',
  },
};
/** Payloads that fail ReportPagePayload, each a different way. */
const BAD: Array<[string, unknown]> = [
  ['no payload', undefined],
  ['a string', 'hello'],
  ['no url', { cases: [good] }],
  ['url not a url', { url: 'not a url', cases: [good] }],
  ['cases not an array', { url: URL, cases: good }],
  ['kind unknown', { url: URL, cases: [{ ...good, kind: 'evil' }] }],
  ['platform unknown', { url: URL, cases: [{ ...good, platform: 'jd' }] }],
  ['negative amount', { url: URL, cases: [{ ...good, facts: { ...good.facts, paidAmount: -500 } }] }],
  ['three decimals', { url: URL, cases: [{ ...good, facts: { ...good.facts, paidAmount: 1.234 } }] }],
  ['amount as text', { url: URL, cases: [{ ...good, facts: { ...good.facts, paidAmount: '<b>500</b>' } }] }],
  [
    'time without +08:00',
    { url: URL, cases: [{ ...good, facts: { ...good.facts, refundRequestedAt: '2026-11-23 10:02:37' } }] },
  ],
  [
    'refundId with markup',
    { url: URL, cases: [{ ...good, facts: { ...good.facts, refundId: '<img src=x onerror=alert(1)>' } }] },
  ],
  ['unreadable key unknown', { url: URL, cases: [{ ...good, unreadable: ['cookie'] }] }],
  ['index negative', { url: URL, cases: [{ ...good, index: -1 }] }],
  ['301 cases', { url: URL, cases: Array.from({ length: 301 }, (_, i) => ({ ...good, index: i })) }],
  ['over 1 MB', { url: URL, cases: [{ ...good, facts: { ...good.facts, reason: '啊'.repeat(1_100_000) } }] }],
];

let h: Harness;
let page: Page;
let world: ContentWorld;
let badgesBefore: Array<{ caseKey: string | null; due: string | null }>;
let panelBefore: { items: number; dues: Array<string | null> };

async function panelState(): Promise<{ items: number; dues: Array<string | null>; text: string }> {
  const panel = await h.openSidePanel();
  await panel.locator(PANEL_CASE).first().waitFor({ timeout: 15_000 });
  await panel.locator('[data-testid="deadline"]').first().waitFor({ timeout: 15_000 });
  const state = {
    items: (await panelCaseKeys(panel)).length,
    dues: await panel
      .locator('[data-testid="deadline"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-due'))),
    text: await panel.evaluate(() => document.body.innerText),
  };
  await panel.close();
  return state;
}
const dialogs: string[] = [];

beforeAll(async () => {
  h = await launch();
  h.serve(URL, HTML);
  page = await h.open(URL);
  page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  await waitForBadges(page);
  await settled(page);
  badgesBefore = (await readBadges(page)).map((b) => ({ caseKey: b.caseKey, due: b.due }));
  world = await ContentWorld.attach(h.context, page, h.extensionId);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function sendFromContentScript(data: unknown): Promise<Answer> {
  return world.send(wire('reportPage', data, 4242));
}

describe('drill: the content script cannot make the worker accept a payload failing the schema', () => {
  it('control: a well-formed report from the same world is accepted (the channel works)', async () => {
    const r = await sendFromContentScript({
      url: URL,
      cases: [{ ...good, facts: { ...good.facts, refundId: '202611230001' } }],
    });
    expect(r.err).toBeUndefined();
    expect((r.res as { cases: unknown[] }).cases).toHaveLength(1);
    // the page reports its own cases again (as it would after any DOM change): the reference state
    await page.reload();
    await waitForBadges(page);
    await settled(page);
    await world.find();
    badgesBefore = (await readBadges(page)).map((b) => ({ caseKey: b.caseKey, due: b.due }));
    const st = await panelState();
    panelBefore = { items: st.items, dues: st.dues };
    expect(panelBefore.dues.length).toBeGreaterThan(0);
  });

  it('every malformed payload is answered with an error naming reportPage and the path', async () => {
    const answers: string[] = [];
    for (const [name, data] of BAD) {
      const r = await sendFromContentScript(data);
      answers.push(
        `${name}: ${r.err ? (r.err.message ?? '').slice(0, 120) : `ACCEPTED ${JSON.stringify(r.res).slice(0, 80)}`}`,
      );
    }
    const accepted = answers.filter((a) => a.includes('ACCEPTED'));
    expect(accepted).toEqual([]);
    for (const a of answers) expect(a).toMatch(/reportPage: invalid payload/);
  });

  it('nothing changed: the same badges, and the side panel queue holds only the page’s own case', async () => {
    expect((await readBadges(page)).map((b) => ({ caseKey: b.caseKey, due: b.due }))).toEqual(badgesBefore);
    const after = await panelState();
    expect({ items: after.items, dues: after.dues }).toEqual(panelBefore);
    expect(after.items).toBe(1);
    expect(after.text).not.toContain('777000000001');
    expect(after.text).not.toContain('onerror');
    expect(dialogs).toEqual([]);
  });
});
