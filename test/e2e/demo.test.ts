/**
 * The `npm start` demo back-office: fixture pages with every date moved by one amount (so
 * the countdowns are live), served by the local static server, and read by the extension
 * at the real back-office URLs with live (not breached) countdowns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_INDEX_URL,
  DEMO_LAST_EVENT_AGO_MS,
  baseTimeOf,
  datesIn,
  startBackOffice,
  type BackOffice,
} from '../demo/backoffice';
import { launch, readBadges, waitForBadges, type Harness } from './harness';
import { countdownMinutes } from './pages';
import { fixturePages, readFixture } from './site';

const LIST_URL = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';

let h: Harness;
let office: BackOffice;
const now = Date.now();

beforeAll(async () => {
  office = await startBackOffice({ now });
  h = await launch();
  for (const p of office.pages) h.serve(p.url, p.html, { asIs: true }); // the demo placed their dates
});
afterAll(async () => {
  await h?.close();
  await office?.close();
});

describe('demo back-office (npm start)', () => {
  it('serves every fixture page listed in the fixture table, plus an index linking them', async () => {
    const listed = fixturePages();
    expect(listed.length).toBeGreaterThan(0);
    expect(office.pages.map((p) => p.url).sort()).toEqual(listed.map((p) => p.url).sort());
    const index = await (await fetch(`${office.origin}/`)).text();
    for (const p of office.pages) expect(index).toContain(p.localPath.replace(/&/g, '&#38;'));
    const routedIndex = await (await fetch(office.localUrl(DEMO_INDEX_URL))).text();
    for (const p of office.pages) expect(routedIndex).toContain(p.url.replace(/&/g, '&#38;'));
    expect((await fetch(`${office.origin}/nope.htm`)).status).toBe(404);
    const page = office.pages[0]!;
    expect(await (await fetch(office.localUrl(page.url))).text()).toBe(page.html);
  });

  it('moves every date of a page by the same amount: its latest event becomes the demo’s start', () => {
    for (const p of office.pages) {
      const raw = readFixture(p.file);
      const before = datesIn(raw).filter((d) => d.hasTime);
      const after = datesIn(p.html).filter((d) => d.hasTime);
      expect(after.length, p.file).toBe(before.length);
      if (before.length === 0) continue;
      const moved = after.map((d, i) => d.ms - before[i]!.ms);
      expect(new Set(moved).size, `${p.file}: one shift for all dates`).toBe(1);
      expect(Math.abs(baseTimeOf(p.html)! - (now - DEMO_LAST_EVENT_AGO_MS))).toBeLessThan(60_000);
    }
  });

  it('the extension reads the demo list at its real URL with live countdowns', async () => {
    const demoList = office.pages.find((p) => p.url === LIST_URL);
    expect(demoList, 'the Tmall refund list is part of the demo').toBeDefined();
    const page = await h.open(LIST_URL);
    await waitForBadges(page, 2);
    const badges = (await readBadges(page)).filter((b) => b.countdown !== null);
    expect(badges.length).toBeGreaterThan(0);
    const live = badges.filter((b) => (countdownMinutes(b.countdown!) ?? -1) > 0);
    expect(live.length, `live countdowns among ${badges.map((b) => b.countdown).join(' ')}`).toBeGreaterThan(
      0,
    );
    await page.close();
  });
});
