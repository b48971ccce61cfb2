/**
 * What an agent sees in the back-office: countdown badges (one per case, in open shadow
 * roots) with due times that follow from the page's own timestamps, counting down; and a
 * page that cannot be read gets only the "unreadable" marker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_IDS } from '../../core/model/guidance';
import { shiftDates } from '../demo/backoffice';
import { countdownSeconds, detailValues, expectedDue, platformOf } from './expect';
import type { Page } from 'playwright-core';
import { launch, readBadges, screenshot, waitForBadges, type Badge, type Harness } from './harness';
import { BADGE_COUNTDOWN, countdownAgrees, countdownMinutes, listRows } from './pages';
import { fixturePages } from './site';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
/** The 60-case list in the label layout (one labelled row per case), served at the old list's URL. */
const LIST_URL = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm';

let h: Harness;
beforeAll(async () => {
  // An agent working from Los Angeles: back-office times are still Beijing time.
  h = await launch({ timezoneId: 'America/Los_Angeles' });
});
afterAll(async () => {
  await h?.close();
});

function fixtureAt(test: (url: string) => boolean, what: string) {
  const p = fixturePages().find((f) => test(f.url));
  if (!p) throw new Error(`no fixture page for ${what} in test/fixtures/pages/README.md`);
  return p;
}

/** Minutes between due and now, as the badge should round it (floor toward -∞ of seconds / 60, sign kept). */
function minutesLeft(dueIso: string, nowMs: number): number {
  const s = Math.floor(Math.abs(Date.parse(dueIso) - nowMs) / 1000);
  const m = Math.floor(s / 60);
  return Date.parse(dueIso) - nowMs < 0 ? -m : m;
}

describe('badges (browser in America/Los_Angeles)', () => {
  it('the pages really run in Los Angeles time', async () => {
    const page = await h.open(LIST_URL);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/Los_Angeles',
    );
    await page.close();
  });

  it('refund list: one badge per row, in its open shadow root, with due times from the row’s own timestamps', async () => {
    fixtureAt((u) => u === LIST_URL, 'the Tmall refund list');
    const t0 = Date.now();
    const page = await h.open(LIST_URL);
    const before = await listRows(page, '退款编号');
    expect(before.length, 'the fixture list has rows').toBeGreaterThan(1);
    await waitForBadges(page, before.length);
    const rows = await listRows(page, '退款编号');
    const now = Date.now();
    const all = await readBadges(page);
    expect(all).toHaveLength(rows.length);
    expect(all.every((b) => b.shadow)).toBe(true);

    let exact = 0;
    let fromCountdown = 0;
    for (const [i, row] of rows.entries()) {
      expect(row.badges, `row ${i} has exactly one badge`).toBe(1);
      const b = row.badge!;
      // A row whose amount cell shows no amount (`--`, 待定) keeps its countdown: only the
      // amount is unknown (a compensation mark then says 金额待定).
      expect(b.unreadable, `row ${i} unreadable fields`).toBeNull();
      expect(DEADLINE_IDS as readonly string[]).toContain(b.deadline);
      expect(b.due).toMatch(ISO);
      expect(b.caseKey).toContain(row.values['退款编号']);
      expect(b.countdown, `row ${i} countdown`).toMatch(BADGE_COUNTDOWN);
      expect(
        countdownAgrees(b.countdown!, minutesLeft(b.due!, now)),
        `row ${i} countdown "${b.countdown}" vs ${minutesLeft(b.due!, now)} min`,
      ).toBe(true);
      const want = expectedDue(b.deadline!, row.values, platformOf(LIST_URL));
      if (want !== null) {
        expect(b.due, `row ${i} (${row.values['退款编号']}) ${b.deadline}`).toBe(want);
        exact++;
      } else {
        fromCountdown++;
        // Not derived from a timestamp: the platform's own countdown (剩余…) counted from the read.
        const secs = countdownSeconds(Object.values(row.values).find((v) => /剩余|还剩/.test(v)) ?? '');
        expect(secs, `row ${i}: ${b.deadline} is neither timestamp- nor countdown-derived`).not.toBeNull();
        const due = Date.parse(b.due!);
        expect(due, `row ${i} ${b.deadline} due ${b.due} vs countdown ${secs} s`).toBeGreaterThanOrEqual(
          t0 + secs! * 1000 - 60_000,
        );
        expect(due).toBeLessThanOrEqual(now + secs! * 1000 + 60_000);
      }
    }
    // Every counting badge is checked: against its row's timestamps, or — the headline where the
    // row shows the platform's own countdown — against that countdown.
    expect(exact + fromCountdown, 'every counting badge is checked').toBe(
      rows.filter((r) => r.badge?.due).length,
    );
    expect(fromCountdown, 'the platform countdown is the headline where the page shows one').toBeGreaterThan(
      0,
    );
    await screenshot(page, 'refund-list-badges', { fullPage: false });
    await page.close();
  });

  it('badges count down: the text drops by a minute as the due time approaches', async () => {
    // Serve the list with its dates moved (to the second) so that one badge's minute
    // boundary falls a few seconds after the page is read.
    const first0 = await h.open(LIST_URL);
    await waitForBadges(first0);
    await first0.close();
    // The list as first served (its dates placed at that moment): `due` below is on its clock.
    // Without the platform's own countdown texts, the badges count down to deadlines computed
    // from the page's dates, which the shift below moves.
    const raw = h.served(LIST_URL)!.replace(/(还剩|剩余)[\s\d天时分秒]*/g, '');
    // A badge whose due time comes from the page's dates (not from the platform's countdown text).
    const fromDates = [
      'ship-promise',
      'intervention-open',
      'late-ship-reason-available',
      'after-sale-window',
    ];
    h.serve(`${LIST_URL}?e2e=probe`, raw, { asIs: true });
    const probe = await h.open(`${LIST_URL}?e2e=probe`);
    await waitForBadges(probe);
    const first = (await readBadges(probe)).find(
      (b) => b.due !== null && fromDates.includes(b.deadline ?? ''),
    );
    await probe.close();
    expect(first, 'a counting badge on the list').toBeDefined();
    const due = Date.parse(first!.due!);
    const key = first!.caseKey;
    // Put the due time 2 h 00 min + lead after now: shift = target - due. If the machine was
    // slow and the page was read after that minute boundary, try again with a longer lead.
    let page: Page | undefined;
    let b0: Badge | undefined;
    for (let attempt = 0, lead = 5_000; attempt < 3 && !b0; attempt++, lead *= 2) {
      const url = `${LIST_URL}?e2e=countdown-${attempt}`;
      h.serve(url, shiftDates(raw, Date.now() + 2 * 3_600_000 + lead - due, 'second'), { asIs: true });
      page = await h.open(url);
      await waitForBadges(page);
      const b = (await readBadges(page)).find((x) => x.caseKey === key);
      expect(b?.countdown, 'the shifted row has its badge').toBeTruthy();
      if (Date.parse(b!.due!) - Date.now() > 2 * 3_600_000 + 1_000) b0 = b;
      else await page.close();
    }
    expect(b0, 'the page was read before its badge’s minute boundary').toBeDefined();
    const read = async () => (await readBadges(page!)).find((b) => b.caseKey === key);
    const m0 = countdownMinutes(b0!.countdown!)!;
    expect(m0).toBe(120);
    await page!.waitForFunction(
      ({ k, t }) =>
        [...document.querySelectorAll('aftersale-sentinel-badge')].some(
          (e) =>
            e.getAttribute('data-case') === k &&
            e.shadowRoot?.querySelector('[data-testid="countdown"]')?.textContent !== t,
        ),
      { k: key, t: b0!.countdown },
      { timeout: 45_000 },
    );
    const b1 = await read();
    expect(countdownMinutes(b1!.countdown!)).toBe(m0 - 1);
    expect(b1!.due, 'the due time itself does not move').toBe(b0!.due);
    await page!.close();
  });

  it('refund detail: the panel gets its badge with the due time from the panel’s timestamps', async () => {
    const detail = fixtureAt(
      (u) => /refund2\.tmall\.com\/dispute\/detail\.htm\?disputeId=\d+/.test(u),
      'a Tmall refund detail',
    );
    const page = await h.open(detail.url);
    const badges = await waitForBadges(page);
    expect(badges).toHaveLength(1);
    const b = badges[0]!;
    expect(b.shadow).toBe(true);
    expect(b.unreadable).toBeNull();
    expect(DEADLINE_IDS as readonly string[]).toContain(b.deadline);
    expect(b.due).toMatch(ISO);
    expect(b.caseKey).toContain(new URL(detail.url).searchParams.get('disputeId'));
    const want = expectedDue(b.deadline!, await detailValues(page), platformOf(detail.url));
    if (want !== null) expect(b.due).toBe(want);
    expect(
      countdownAgrees(b.countdown ?? '', minutesLeft(b.due!, Date.now())),
      `${b.countdown} vs ${minutesLeft(b.due!, Date.now())} min`,
    ).toBe(true);
    await page.close();
  });

  it('a page whose key values cannot be read shows only the unreadable marker, naming the fields', async () => {
    const url = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611239999';
    h.serve(
      url,
      `<!doctype html><html><head><meta charset="utf-8"><title>退款详情</title></head><body>
<div class="panel"><h2>退款详情</h2>
<dl><dt>退款编号：</dt><dd>202611239999</dd><dt>订单编号：</dt><dd>3300112233445566</dd>
<dt>退款原因：</dt><dd>卖家缺货</dd><dt>退款金额：</dt><dd>¥120.00</dd>
<dt>实付金额：</dt><dd>请稍后再试</dd><dt>付款时间：</dt><dd>--</dd>
<dt>申请时间：</dt><dd>2026-11-22 09:30:00</dd><dt>订单状态：</dt><dd>买家已付款</dd></dl></div></body></html>`,
    );
    const page = await h.open(url);
    const badges = await waitForBadges(page);
    expect(badges).toHaveLength(1);
    const b = badges[0]!;
    expect(b.unreadable?.split(',').sort()).toEqual(['paidAmount', 'paidAt']);
    expect(b.due).toBeNull();
    expect(b.countdown).toBeNull();
    expect(b.compMark).toBe(false);
    expect(b.text).toContain('实付金额');
    expect(b.text).toContain('付款时间');
    await page.close();
  });

  it('a list that changes row by row: a new row, an edited reason and a removed row show in the badges and the side panel', async () => {
    const url = `${LIST_URL}?e2e=rows`;
    const head = [
      '退款编号',
      '订单编号',
      '退款原因',
      '实付金额',
      '申请时间',
      '付款时间',
      '订单状态',
      '退款状态',
    ];
    const wall = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    const rowHtml = (id: string, reason: string, paid: string) =>
      `<tr><td>${id}</td><td>4${id}</td><td>${reason}</td><td>¥${paid}</td><td>${wall(Date.now() - 3_600_000)}</td><td>${wall(Date.now() - 7_200_000)}</td><td>买家已付款</td><td>等待商家处理</td></tr>`;
    const ids = ['2026112300001', '2026112300002', '2026112300003', '2026112300004'];
    h.serve(
      url,
      `<!doctype html><html><head><meta charset="utf-8"><title>退款管理</title></head><body><h2>退款管理</h2>
<table><thead><tr>${head.map((x) => `<th>${x}</th>`).join('')}</tr></thead><tbody>${ids.map((id) => rowHtml(id, '拍错了', '88.00')).join('')}</tbody></table></body></html>`,
      { asIs: true }, // its times are already relative to now, like the rows added below
    );
    const page = await h.open(url);
    await waitForBadges(page, 4);
    const badgeOf = async (id: string) =>
      (await readBadges(page)).find((b) => b.caseKey === `tmall:refund:${id}`);
    const tabCases = async () => {
      await page.bringToFront();
      const panel = await h.openSidePanel();
      const cases = panel.locator(
        'section.tab-cases [data-testid="case"], [data-testid="tab-cases"] [data-testid="case"]',
      );
      await cases.first().waitFor({ timeout: 10_000 });
      return { panel, cases };
    };

    // a new refund arrives at the top: 卖家缺货 on 500.00 paid → its own badge with the 150.00 mark
    await page.evaluate(
      (html) => document.querySelector('tbody')!.insertAdjacentHTML('afterbegin', html),
      rowHtml('2026112300099', '卖家缺货', '500.00'),
    );
    await expect
      .poll(async () => (await badgeOf('2026112300099'))?.compMark ?? null, { timeout: 10_000 })
      .toBe(true);
    expect(
      await page.evaluate(
        () => document.querySelector('tbody tr')!.querySelectorAll('aftersale-sentinel-badge').length,
      ),
    ).toBe(1);
    // read on its own: the content script's last pass read one row, not the page
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-as-rows'))).toBe('1');
    let { panel, cases } = await tabCases();
    await expect.poll(() => cases.count(), { timeout: 10_000 }).toBe(5);
    const entry = panel.locator('[data-testid="case"][data-case="tmall:refund:2026112300099"]').first();
    if ((await entry.locator('button.case-head').getAttribute('aria-expanded')) !== 'true')
      await entry.locator('button.case-head').click();
    const added = entry.locator('[data-testid="verdict"]').first();
    await expect.poll(async () => (await added.textContent()) ?? '', { timeout: 10_000 }).toContain('150.00');
    await panel.close();

    // the agent's list re-renders a row's reason: its badge gains the mark
    expect((await badgeOf(ids[2]!))?.compMark).toBe(false);
    await page.evaluate(() => {
      document.querySelectorAll('tbody tr')[3]!.querySelectorAll('td')[2]!.textContent = '卖家缺货';
    });
    await expect.poll(async () => (await badgeOf(ids[2]!))?.compMark ?? null, { timeout: 10_000 }).toBe(true);
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-as-rows'))).toBe('1');

    // a case leaves the list: its badge and its side-panel entry go
    await page.evaluate(() => document.querySelectorAll('tbody tr')[1]!.remove());
    await expect.poll(async () => (await readBadges(page)).length, { timeout: 10_000 }).toBe(4);
    expect(await badgeOf(ids[0]!)).toBeUndefined();
    ({ panel, cases } = await tabCases());
    await expect.poll(() => cases.count(), { timeout: 10_000 }).toBe(4);
    expect(await panel.locator(`[data-testid="case"][data-case="tmall:refund:${ids[0]}"]`).count()).toBe(0);
    await panel.close();
    await page.close();
  });
});
