import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  Clock,
  NOW,
  URL_DETAIL,
  URL_LIST,
  fakeAsync,
  freshProfile,
  sentinel,
  tab,
  tmallRefund,
} from './helpers';
import { caseKey } from '../../../protocol/limits';
import type { PanelRead } from '../../../core/model/facts';
import { badgeView } from '../../../protocol/views';
import { badgeModelFor } from '../../../entrypoints/seller.content/badge-model';

beforeEach(freshProfile);

describe('reportPage', () => {
  it('evaluates each case with the active pack: S0 countdown 剩余2天23时7分51秒 and 500 yuan out of stock → 150.00', async () => {
    const s = sentinel(new Clock(NOW));
    const { cases } = await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(7));
    expect(cases).toHaveLength(1);
    const c = cases[0]!;
    expect(c.key).toBe('tmall:refund:202611200001');
    expect(c.tabId).toBe(7);
    expect(c.seenAt).toBe('2026-11-20T12:00:00+08:00');
    // 12:00:00 + 2 d 23 h 7 min 51 s
    const response = c.guidance.deadlines.find((d) => d.id === 'seller-response');
    expect(response?.dueAt).toBe('2026-11-23T11:07:51+08:00');
    expect(c.guidance.compensation).toMatchObject({ triggered: true, amount: '150.00', amountFen: 15000 });
    expect(c.guidance.pack.id).toBe('aftersale-sentinel-default');
    expect(s.broadcasts).toEqual([7]);
  });

  it('rejects an invalid payload with the zod path and keeps the tab state', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(7));
    const bad = { url: URL_DETAIL, cases: [tmallRefund({ paidAt: '2026-11-19 21:14' })] };
    await expect(s.handlers.reportPage(bad, tab(7))).rejects.toThrow(
      /reportPage: invalid payload — cases\[0\]\.facts\.paidAt/,
    );
    await expect(s.handlers.reportPage({ url: 'not a url', cases: [] }, tab(7))).rejects.toThrow(/url/);
    // only the seller back-office reports: other hosts and schemes are refused
    for (const url of [
      'javascript:alert(1)//tmall.com',
      'http://refund2.tmall.com/dispute/sellerDisputeList.htm',
      'https://evil.example/tmall.com',
      'https://tmall.com.evil.example/',
    ]) {
      await expect(s.handlers.reportPage({ url, cases: [] }, tab(7))).rejects.toThrow(/url/);
    }
    await expect(s.handlers.reportPage({ url: URL_DETAIL, cases: 'x' }, tab(7))).rejects.toThrow(/cases/);
    const { cases } = await s.handlers.getTabCases({ tabId: 7 }, {});
    expect(cases.map((c) => c.key)).toEqual(['tmall:refund:202611200001']);
  });

  it('refuses a report that does not come from a tab', async () => {
    const s = sentinel(new Clock(NOW));
    await expect(s.handlers.reportPage({ url: URL_DETAIL, cases: [] }, {})).rejects.toThrow(/content script/);
  });

  it('refuses a report with too many cases', async () => {
    const s = sentinel(new Clock(NOW));
    const many = Array.from({ length: 301 }, (_, i) => tmallRefund({ refundId: String(1000 + i) }, i));
    await expect(s.handlers.reportPage({ url: URL_LIST, cases: many }, tab(3))).rejects.toThrow(/cases/);
  });

  it('a page with more cases than one report holds is sent in chunks: append keeps the earlier ones', async () => {
    const s = sentinel(new Clock(NOW));
    const rows = Array.from({ length: 450 }, (_, i) => tmallRefund({ refundId: String(5000 + i) }, i));
    await s.handlers.reportPage({ url: URL_LIST, cases: rows.slice(0, 300) }, tab(8));
    await s.handlers.reportPage({ url: URL_LIST, cases: rows.slice(300), append: true }, tab(8));
    expect((await s.handlers.getTabCases({ tabId: 8 }, {})).cases).toHaveLength(450);
    // a new full report (no append) replaces them
    await s.handlers.reportPage({ url: URL_LIST, cases: rows.slice(0, 2) }, tab(8));
    expect((await s.handlers.getTabCases({ tabId: 8 }, {})).cases).toHaveLength(2);
  });

  it('a list page patched row by row: append replaces the rows of the same key, remove drops cases; nothing to patch → resync', async () => {
    const s = sentinel(new Clock(NOW));
    const rows = Array.from({ length: 5 }, (_, i) =>
      tmallRefund({ refundId: String(7000 + i), reason: '拍错了' }, i),
    );
    await s.handlers.reportPage({ url: URL_LIST, cases: rows }, tab(9));
    const edited = tmallRefund({ refundId: '7002', reason: '卖家缺货', paidAmount: 500 }, 2);
    const added = tmallRefund({ refundId: '7999', reason: '拍错了' }, 0);
    const answer = await s.handlers.reportPage(
      { url: URL_LIST, cases: [added, edited], append: true, remove: ['tmall:refund:7004'] },
      tab(9),
    );
    expect(answer.resync).toBeUndefined();
    expect(answer.cases.map((c) => c.key)).toEqual(['tmall:refund:7999', 'tmall:refund:7002']);
    const held = (await s.handlers.getTabCases({ tabId: 9 }, {})).cases;
    expect(held.map((c) => c.key).sort()).toEqual(
      ['7000', '7001', '7002', '7003', '7999'].map((id) => `tmall:refund:${id}`),
    );
    // the edited row's verdict is the new one: 500 yuan out of stock → 150.00
    expect(held.find((c) => c.key === 'tmall:refund:7002')!.guidance.compensation).toMatchObject({
      triggered: true,
      amount: '150.00',
    });

    // a patch for a page the worker has no cases of (another URL, or its state was lost) applies nothing
    const lost = await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [added], append: true, remove: ['tmall:refund:7000'] },
      tab(9),
    );
    expect(lost).toEqual({ cases: [], resync: true });
    expect((await s.handlers.getTabCases({ tabId: 9 }, {})).cases).toHaveLength(5);
    // remove is only ever a list of case keys
    await expect(
      s.handlers.reportPage({ url: URL_LIST, cases: [], append: true, remove: [''] }, tab(9)),
    ).rejects.toThrow(/remove/);
  });

  it('the content script gets BadgeViews: the same badges as from the whole views, a fraction of the bytes', async () => {
    const s = sentinel(new Clock(NOW));
    const rows = [
      tmallRefund({ refundId: '8001' }, 0), // 卖家缺货 on 500.00: 150.00
      tmallRefund({ refundId: '8002', reason: '拍错了' }, 1),
      {
        ...tmallRefund({ refundId: '8003', paidAmount: undefined, unreadable: ['paidAmount'] }, 2),
        unreadable: ['paidAmount' as const],
      },
    ];
    const { cases } = await s.handlers.reportPage({ url: URL_LIST, cases: rows }, tab(4));
    const focus = () => {};
    for (const v of cases) {
      const small = badgeView(v);
      expect(badgeModelFor(small, 'zh-CN', NOW, focus)).toEqual(badgeModelFor(v, 'zh-CN', NOW, focus));
      expect(badgeModelFor(small, 'en', NOW, focus)).toEqual(badgeModelFor(v, 'en', NOW, focus));
      expect(JSON.stringify(small).length * 4).toBeLessThan(JSON.stringify(v).length);
    }
    expect(badgeModelFor(badgeView(cases[0]!), 'zh-CN', NOW)).toMatchObject({
      kind: 'countdown',
      compMark: '赔 150.00',
    });
    // an unreadable amount keeps the countdown: only the amount is unknown
    expect(badgeModelFor(badgeView(cases[2]!), 'zh-CN', NOW)).toMatchObject({
      kind: 'countdown',
      deadlineId: 'seller-response',
      compMark: '赔付·金额待定',
    });
  });

  it('list rows without ids get row keys; the same case twice on a page is kept once', async () => {
    const s = sentinel(new Clock(NOW));
    const a = tmallRefund({ refundId: undefined, orderId: undefined }, 0);
    const b = tmallRefund({ refundId: undefined, orderId: undefined }, 1);
    const c = tmallRefund({}, 2);
    const d = tmallRefund({}, 3);
    const { cases } = await s.handlers.reportPage({ url: URL_LIST, cases: [a, b, c, d] }, tab(2));
    expect(cases.map((x) => x.key)).toEqual([
      'tmall:refund:row0',
      'tmall:refund:row1',
      'tmall:refund:202611200001',
    ]);
    expect(caseKey(a)).toBe('tmall:refund:row0');
  });

  it('the platform profile setting overrides the platform the page reader saw', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.saveSettings({ platformProfile: 'taobao' });
    const { cases } = await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(7));
    expect(cases[0]!.guidance.platform).toBe('taobao');
  });
});

describe('rule profile (era) per platform', () => {
  it('tmall-legacy gives the pre-2019 72 h shipping promise instead of 48 h; an unknown profile falls back', async () => {
    const s = sentinel(new Clock(NOW));
    // The refund was closed and the order is still unshipped: the ship-by time is listed.
    const stillToShip = tmallRefund({ refundStatus: '退款关闭', platformCountdown: undefined });
    const ship = async () =>
      (
        await s.handlers.reportPage({ url: URL_DETAIL, cases: [stillToShip] }, tab(7))
      ).cases[0]!.guidance.deadlines.find((d) => d.id === 'ship-promise')?.dueAt;
    expect(await ship()).toBe('2026-11-21T21:14:05+08:00'); // paid 11-19 21:14:05 + 48 h
    await s.handlers.saveSettings({ ruleProfiles: { tmall: 'tmall-legacy' } });
    expect(await ship()).toBe('2026-11-22T21:14:05+08:00'); // + 72 h
    await s.handlers.saveSettings({ ruleProfiles: { tmall: 'no-such-profile' } });
    expect(await ship()).toBe('2026-11-21T21:14:05+08:00');
  });
});

describe('tabs, queue and focus', () => {
  it('getQueue lists the cases of every open tab, most urgent first', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ refundId: '1', platformCountdown: '剩余2天0时0分0秒' })] },
      tab(1),
    );
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ refundId: '2', platformCountdown: '剩余0天3时0分0秒' })] },
      tab(2),
    );
    const { cases } = await s.handlers.getQueue(undefined);
    expect(cases.map((c) => c.key)).toEqual(['tmall:refund:2', 'tmall:refund:1']);
  });

  it("the side panel's summaries list the same cases in the same order, and getCase gives one case in full", async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ refundId: '1', platformCountdown: '剩余2天0时0分0秒' })] },
      tab(1),
    );
    const rows = [
      tmallRefund({ refundId: '2', platformCountdown: '剩余0天3时0分0秒' }, 0),
      tmallRefund({ refundId: '3', platformCountdown: '剩余1天0时0分0秒', reason: '不想买了' }, 1),
    ];
    await s.handlers.reportPage({ url: URL_LIST, cases: rows }, tab(2));
    const full = await s.handlers.getQueue(undefined);
    const light = await s.handlers.getQueueSummaries(undefined);
    expect(light.cases.map((c) => c.key)).toEqual(['tmall:refund:2', 'tmall:refund:3', 'tmall:refund:1']);
    expect(light.cases.map((c) => c.key)).toEqual(full.cases.map((c) => c.key));
    const tabLight = await s.handlers.getTabSummaries({ tabId: 2 }, {});
    expect(tabLight).toMatchObject({ tabId: 2, url: URL_LIST });
    expect(tabLight.cases.map((c) => c.key)).toEqual(
      (await s.handlers.getTabCases({ tabId: 2 }, {})).cases.map((c) => c.key),
    );
    // what the lists render: ids, reason, the most urgent due time, the verdict's amount — no read, no guidance
    const two = light.cases[0]!;
    expect(two).toMatchObject({
      key: 'tmall:refund:2',
      tabId: 2,
      platform: 'tmall',
      kind: 'refund',
      caseId: '2',
      reason: '卖家缺货',
      due: '2026-11-20T15:00:00+08:00',
    });
    expect(two.compensation).toEqual({ triggered: true, amount: '150.00' });
    expect(light.cases[1]!.compensation).toEqual({ triggered: false, amount: null });
    expect(two).not.toHaveProperty('read');
    expect(two).not.toHaveProperty('guidance');
    // the expanded case, in full, as getQueue has it
    const one = await s.handlers.getCase({ key: 'tmall:refund:2' });
    expect(one.case).toEqual(full.cases[0]);
    expect(one.case!.guidance.compensation).toMatchObject({ amount: '150.00', amountFen: 15000 });
    expect((await s.handlers.getCase({ key: 'tmall:refund:2', tabId: 1 })).case?.tabId).toBe(2);
    expect((await s.handlers.getCase({ key: 'tmall:refund:404' })).case).toBeNull();
    await expect(s.handlers.getCase({ key: '' })).rejects.toThrow(/getCase: invalid payload — key/);
    await expect(s.handlers.getQueueSummaries({ sneaky: true })).rejects.toThrow(
      /getQueueSummaries: invalid payload/,
    );
  });

  it('closing a tab or navigating away drops its cases, and the extension pages are told', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund({ refundId: '1' })] }, tab(1));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund({ refundId: '2' })] }, tab(2));
    s.broadcasts.length = 0;
    await s.events.onTabRemoved(1);
    await s.events.onTabUpdated(2, { status: 'loading', url: 'https://www.tmall.com/' });
    expect((await s.handlers.getQueue(undefined)).cases).toEqual([]);
    expect(s.broadcasts).toEqual([1, 2]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('a tab update that is not a navigation keeps the cases', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(1));
    await s.events.onTabUpdated(1, { status: 'complete' });
    expect((await s.handlers.getTabCases({ tabId: 1 }, {})).cases).toHaveLength(1);
  });

  it('getTabCases from the side panel (no tab) falls back to the last back-office tab used', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund({ refundId: '1' })] }, tab(1));
    await s.handlers.reportPage({ url: URL_LIST, cases: [tmallRefund({ refundId: '2' })] }, tab(2));
    await s.events.onTabActivated(1);
    const got = await s.handlers.getTabCases({}, {});
    expect(got).toMatchObject({ tabId: 1, url: URL_DETAIL });
    expect(got.cases.map((c) => c.key)).toEqual(['tmall:refund:1']);
  });

  it('the side panel opened as its own tab gets the last back-office tab, not its own tab', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(1));
    const panelTab = {
      tab: { id: 2, url: 'chrome-extension://abc/sidepanel.html' },
      url: 'chrome-extension://abc/sidepanel.html',
    };
    const got = await s.handlers.getTabCases({}, panelTab);
    expect(got.tabId).toBe(1);
    expect(got.cases.map((c) => c.key)).toEqual(['tmall:refund:202611200001']);
    await expect(s.handlers.reportPage({ url: URL_DETAIL, cases: [] }, panelTab)).rejects.toThrow(
      /content script/,
    );
  });

  it('focusCase opens the side panel on the sender tab and remembers the case', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(4));
    await s.handlers.focusCase({ key: 'tmall:refund:202611200001' }, tab(4));
    expect(fakeBrowser.sidePanel.open).toHaveBeenCalledWith({ tabId: 4 });
    expect(await s.handlers.getFocusedCase(undefined)).toEqual({ key: 'tmall:refund:202611200001', seq: 1 });
    // The same badge clicked again is a new request (the panel scrolls to it again).
    await s.handlers.focusCase({ key: 'tmall:refund:202611200001' }, tab(4));
    expect(await s.handlers.getFocusedCase(undefined)).toEqual({ key: 'tmall:refund:202611200001', seq: 2 });
    await expect(s.handlers.focusCase({ key: '' }, tab(4))).rejects.toThrow(
      /focusCase: invalid payload — key/,
    );
  });
});

describe('action badge = urgent cases', () => {
  it('counts cases due within the first threshold and not breached; recomputed as time passes', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    const cases = [
      tmallRefund({ refundId: '1', platformCountdown: '剩余0天3时0分0秒' }, 0), // 3 h: urgent
      tmallRefund({ refundId: '2', platformCountdown: '剩余0天0时30分0秒' }, 1), // 30 min: urgent
      tmallRefund({ refundId: '3', platformCountdown: '剩余2天0时0分0秒' }, 2), // 2 days: not yet
    ];
    await s.handlers.reportPage({ url: URL_LIST, cases }, tab(1));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');

    // 40 minutes later case 2 is breached: it no longer counts (the panel shows it breached).
    clock.advance(40 * 60_000);
    await s.events.onAlarm({ name: `as-dl|0|seller-response|tmall:refund:2` });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    // Raise the first threshold to 70 h: every case's intervention time (requested 11-20 10:02,
    // + 72 h, 69.4 h away) is now inside it — case 2 counts again for that deadline.
    await s.handlers.saveSettings({ warningThresholdsHours: [70, 1] });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    // At 60 h: case 1 (2.3 h) and case 3 (its countdown, 47.3 h), not case 2.
    await s.handlers.saveSettings({ warningThresholdsHours: [60, 1] });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });
});

describe('settings', () => {
  it('saves a partial update and answers the whole settings', async () => {
    const s = sentinel(new Clock(NOW));
    const saved = await s.handlers.saveSettings({ shopPolicy: { signature: '售后小林' }, locale: 'en' });
    expect(saved.shopPolicy.signature).toBe('售后小林');
    expect(saved.shopPolicy.remedyLimits.exchangeUpliftPercent).toBe(30);
    expect(saved.warningThresholdsHours).toEqual([4, 1]);
    expect((await s.handlers.getSettings(undefined)).locale).toBe('en');
  });

  it('an invalid value is refused with its path and nothing is saved', async () => {
    const s = sentinel(new Clock(NOW));
    await expect(s.handlers.saveSettings({ warningThresholdsHours: [-1] })).rejects.toThrow(
      /warningThresholdsHours\[0\]/,
    );
    await expect(
      s.handlers.saveSettings({
        shopPolicy: { remedyLimits: { smallCashMinPercent: 20, smallCashMaxPercent: 10 } },
      }),
    ).rejects.toThrow(/shopPolicy\.remedyLimits\.smallCashMinPercent/);
    await expect(
      s.handlers.saveSettings({ teamPack: { url: 'http://example.com/pack.json' } }),
    ).rejects.toThrow(/teamPack\.url/);
    expect((await s.handlers.getSettings(undefined)).warningThresholdsHours).toEqual([4, 1]);
  });

  it('enterprise policy (storage.managed) overrides the agent and cannot be changed by the agent', async () => {
    await fakeBrowser.storage.managed.set({
      shopPolicy: { signature: '总部统一签名' },
      warningThresholdsHours: [6, 2],
      locale: 'fr',
    });
    const s = sentinel(new Clock(NOW));
    const saved = await s.handlers.saveSettings({
      shopPolicy: { signature: '我自己的', shopName: '小店' },
      warningThresholdsHours: [3],
    });
    expect(saved.shopPolicy.signature).toBe('总部统一签名');
    expect(saved.warningThresholdsHours).toEqual([6, 2]);
    expect(saved.shopPolicy.shopName).toBe('小店'); // not managed: the agent's value
    expect(saved.locale).toBe('zh-CN'); // an invalid managed value is ignored
  });
});

describe('the platform question', () => {
  it('a page waiting for the platform: the side panel sees how many cases wait; the answer is saved and every back-office tab is told to read again', async () => {
    const notified: number[] = [];
    const s = sentinel(new Clock(NOW), { notifyTab: async (tabId) => void notified.push(tabId) });
    const workbench = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
    await s.handlers.reportPage(
      { url: workbench, cases: [], unreadable: { tried: ['refund-list'], fields: ['platform'], waiting: 3 } },
      tab(4),
    );
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(5));
    const summaries = await s.handlers.getTabSummaries({ tabId: 4 }, {});
    expect(summaries.unreadable).toEqual({ tried: ['refund-list'], fields: ['platform'], waiting: 3 });
    expect((await s.handlers.getTabSummaries({ tabId: 5 }, {})).unreadable).toBeUndefined();
    const saved = await s.handlers.saveSettings({ shopPlatforms: { '': 'tmall' } });
    expect(saved.shopPlatforms).toEqual({ '': 'tmall' });
    await vi.waitFor(() => expect(notified.sort()).toEqual([4, 5]));
  });

  it('a waiting count out of range is refused with its path', async () => {
    const s = sentinel(new Clock(NOW));
    const workbench = 'https://qn.taobao.com/home.htm/trade-platform/refund-list';
    await expect(
      s.handlers.reportPage(
        { url: workbench, cases: [], unreadable: { tried: [], fields: ['platform'], waiting: -1 } },
        tab(4),
      ),
    ).rejects.toThrow(/unreadable\.waiting/);
  });
});

describe('compensation ledger (issue 13 item 7)', () => {
  const done = (over: Partial<PanelRead['facts']> = {}) =>
    tmallRefund({ refundStatus: '退款成功', tradeStatus: '交易关闭', platformCountdown: undefined, ...over });
  const COMPLAINTS = 'https://rights.taobao.com/complaint/sellerList.htm';
  const lateShip = (orderId: string, index: number): PanelRead => ({
    kind: 'complaint',
    adapter: 'complaint-list',
    platform: 'taobao',
    index,
    unreadable: [],
    facts: {
      orderId,
      buyer: `tb_买家${orderId.slice(-2)}`,
      complaintType: '未按约定时间发货',
      paidAmount: 100,
      paidAt: '2026-11-16T09:30:00+08:00',
      complaintFiledAt: '2026-11-20T09:00:00+08:00',
      tradeStatus: '交易关闭',
    },
  });

  it('a 卖家缺货 refund seen 退款成功 is one platform payout; the next case of that buyer is capped, the completed one is not', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [done()] }, tab(1));
    await s.settled();
    // seen again (another report, another tab): still one entry
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [done()] }, tab(2));
    await s.settled();
    const store = await s.store();
    const ledger = await store.listLedger();
    expect(ledger.map(({ seq: _s, ...e }) => e)).toEqual([
      {
        buyer: 'tb_小鹿2026',
        amount: 150,
        at: '2026-11-20T12:00:00+08:00',
        kind: 'platform-payout',
        caseKey: 'tmall:refund:202611200001',
        orderId: '3921845507761234',
        refundId: '202611200001',
        orderPaidAt: '2026-11-19T21:14:05+08:00',
        reason: '卖家缺货',
        confirmedAt: '2026-11-20T12:00:00+08:00',
      },
    ]);
    // its own payout does not cap the completed case
    expect((await s.handlers.getTabCases({ tabId: 1 }, {})).cases[0]!.guidance.compensation.amount).toBe(
      '150.00',
    );
    // the same buyer's next out-of-stock case: 2,000 × 30 % = 600 → 500 max, 150 already paid within 24 h → 350
    const next = tmallRefund({
      refundId: '202611200002',
      orderId: '3921845507769999',
      paidAmount: 2000,
      refundAmount: 2000,
    });
    const { cases } = await s.handlers.reportPage({ url: URL_DETAIL, cases: [next] }, tab(3));
    expect(cases[0]!.guidance.compensation.amount).toBe('350.00');
    expect(cases[0]!.guidance.warnings.map((w) => w.code)).toContain('compensation-cap');
  });

  it('the payout re-evaluates the open cases of that buyer and tells the pages', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage(
      {
        url: URL_DETAIL,
        cases: [tmallRefund({ refundId: '202611200002', paidAmount: 2000, refundAmount: 2000 })],
      },
      tab(1),
    );
    await s.settled();
    expect((await s.handlers.getTabCases({ tabId: 1 }, {})).cases[0]!.guidance.compensation.amount).toBe(
      '500.00',
    );
    s.broadcasts.length = 0;
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [done()] }, tab(2));
    await s.settled();
    expect((await s.handlers.getTabCases({ tabId: 1 }, {})).cases[0]!.guidance.compensation.amount).toBe(
      '350.00',
    );
    expect(s.broadcasts).toContain(1);
  });

  it('no payout without a buyer, without an amount (Taobao), before 退款成功, or on a refund that was closed', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage(
      {
        url: URL_DETAIL,
        cases: [
          done({ buyer: undefined, refundId: '1' }),
          tmallRefund({ refundId: '2' }),
          done({ refundId: '3', refundStatus: '退款关闭' }),
        ],
      },
      tab(1),
    );
    await s.handlers.reportPage(
      {
        url: 'https://refund2.taobao.com/dispute/detail.htm?disputeId=4',
        cases: [{ ...done({ refundId: '4', reason: '未按约定时间发货' }), platform: 'taobao' }],
      },
      tab(2),
    );
    await s.settled();
    expect(await (await s.store()).listLedger()).toEqual([]);
  });

  it('同意赔付 from the panel: a proactive settlement of the open complaint, once; undo deletes it; it never uses the payout cap', async () => {
    const s = sentinel(new Clock(NOW));
    const { cases } = await s.handlers.reportPage(
      { url: COMPLAINTS, cases: [lateShip('2871609934211100', 0)] },
      tab(4),
    );
    const key = cases[0]!.key;
    await expect(s.handlers.recordSettlement({ key, amount: 0 })).rejects.toThrow(/amount/);
    await expect(s.handlers.recordSettlement({ key: 'tmall:refund:1', amount: 30 })).rejects.toThrow(
      /no longer open/,
    );
    const { seq } = await s.handlers.recordSettlement({ key, amount: 30 });
    expect(seq).toEqual(expect.any(Number));
    expect((await s.handlers.recordSettlement({ key, amount: 30 })).seq).toBeNull();
    const { entries } = await s.handlers.getLedger({ caseKey: key });
    expect(entries.map(({ seq: _s, ...e }) => e)).toEqual([
      {
        buyer: 'tb_买家00',
        amount: 30,
        at: '2026-11-20T12:00:00+08:00',
        kind: 'proactive-settlement',
        caseKey: key,
        orderId: '2871609934211100',
        orderPaidAt: '2026-11-16T09:30:00+08:00',
        reason: '未按约定时间发货',
        confirmedAt: '2026-11-20T12:00:00+08:00',
      },
    ]);
    // a Tmall out-of-stock case of the same buyer key: a settlement is not a platform payout
    const tm = await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ buyer: 'tb_买家00' })] },
      tab(5),
    );
    expect(tm.cases[0]!.guidance.compensation.amount).toBe('150.00');
    // a refund is not settled from the panel
    await expect(s.handlers.recordSettlement({ key: tm.cases[0]!.key, amount: 10 })).rejects.toThrow(
      /complaint/,
    );
    expect(await s.handlers.deleteLedgerEntry({ seq: seq! })).toEqual({ ok: true });
    expect(await s.handlers.deleteLedgerEntry({ seq: seq! })).toEqual({ ok: false });
    expect((await s.handlers.getLedger(undefined)).entries).toEqual([]);
  });

  it('the third 同意赔付 in one 30-day block: the recidivism warning appears on the third complaint (S1 Q1–8)', async () => {
    const s = sentinel(new Clock(NOW));
    const { cases } = await s.handlers.reportPage(
      { url: COMPLAINTS, cases: [lateShip('1001', 0), lateShip('1002', 1), lateShip('1003', 2)] },
      tab(4),
    );
    const third = cases[2]!.key;
    const warned = async () =>
      (await s.handlers.getCase({ key: third })).case!.guidance.warnings.some((w) => w.code === 'recidivism');
    expect(await warned()).toBe(false);
    await s.handlers.recordSettlement({ key: cases[0]!.key, amount: 30 });
    expect(await warned()).toBe(false);
    await s.handlers.recordSettlement({ key: cases[1]!.key, amount: 30 });
    expect(await warned()).toBe(true);
  });
});

describe('session storage full', () => {
  it('drops the oldest other tab, keeps the new report', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund({ refundId: '1' })] }, tab(1));
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund({ refundId: '2' })] }, tab(2));
    // The store is "full" while tab 1 (the oldest) is still in it.
    const realSet = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
    fakeAsync(fakeBrowser.storage.session, 'set', async (items: Record<string, unknown>) => {
      const full =
        'tab:1' in (await fakeBrowser.storage.session.get('tab:1')) &&
        (await fakeBrowser.storage.session.get('tab:1'))['tab:1'];
      if ('tab:3' in items && full) throw new Error('Session storage quota bytes exceeded');
      return realSet(items);
    });
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund({ refundId: '3' })] }, tab(3));
    await s.settled(); // the answer comes before the write; the write hits the full store
    vi.restoreAllMocks();
    const keys = (await s.handlers.getQueue(undefined)).cases.map((c) => c.key).sort();
    expect(keys).toEqual(['tmall:refund:2', 'tmall:refund:3']);
  });
});

describe('limits', () => {
  it('the options page accepts every pack size the pack schema allows', async () => {
    const { LIMITS } = await import('../../../protocol/limits');
    const { RULE_PACK_LIMITS } = await import('../../../core/model/rule-pack');
    expect(LIMITS.packJsonChars).toBe(RULE_PACK_LIMITS.maxJsonChars);
  });
});
