import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  Clock,
  HOUR,
  NOW,
  URL_DETAIL,
  URL_LIST,
  fakeAsync,
  freshProfile,
  sentinel,
  tab,
  tmallRefund,
} from './helpers';
import { PURGE_ALARM } from '../../../entrypoints/background/events';

beforeEach(freshProfile);
afterEach(() => vi.restoreAllMocks());

const deadlineAlarms = async () =>
  (await fakeBrowser.alarms.getAll())
    .filter((a) => a.name.startsWith('as-dl|'))
    .map((a) => [a.name, new Date(a.scheduledTime).toISOString()] as const)
    .sort();

describe('deadline alarms', () => {
  it('one alarm per future warning crossing (4 h, 1 h) and the breach, at absolute times', async () => {
    const s = sentinel(new Clock(NOW));
    // seller-response due 2026-11-20 15:00 Beijing (3 h left): 4 h crossing already past.
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天3时0分0秒' })] },
      tab(5),
    );
    const names = (await deadlineAlarms()).filter(([n]) => n.includes('seller-response'));
    expect(names).toEqual([
      ['as-dl|0|seller-response|tmall:refund:202611200001', '2026-11-20T07:00:00.000Z'],
      ['as-dl|1|seller-response|tmall:refund:202611200001', '2026-11-20T06:00:00.000Z'],
    ]);
  });

  it('survive a worker restart: a new worker recomputes the same alarms from the stored due times', async () => {
    const clock = new Clock(NOW);
    const first = sentinel(clock);
    await first.handlers.reportPage(
      {
        url: URL_LIST,
        cases: [
          tmallRefund({ refundId: '1' }, 0),
          tmallRefund({ refundId: '2', platformCountdown: '剩余0天5时0分0秒' }, 1),
        ],
      },
      tab(9),
    );
    await first.settled(); // its state written, as a worker has long before it is stopped
    const before = await deadlineAlarms();
    expect(before.length).toBeGreaterThan(4);
    // The fake browser has no tab 9: make init see it alive.
    fakeAsync(fakeBrowser.tabs, 'get', async (id: number) => (id === 9 ? { id } : undefined));

    // The worker dies: memory is gone, alarms might have been dropped (browser restart of the SW).
    await fakeBrowser.alarms.clearAll();
    clock.advance(10 * 60_000);
    const second = sentinel(clock);
    await second.events.init();
    expect(await deadlineAlarms()).toEqual(before);
    // and the cases (with the same due times) are still there for the side panel
    const { cases } = await second.handlers.getTabCases({ tabId: 9 }, {});
    expect(
      cases
        .find((c) => c.key === 'tmall:refund:2')
        ?.guidance.deadlines.find((d) => d.id === 'seller-response')?.dueAt,
    ).toBe('2026-11-20T17:00:00+08:00');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.alarms.get(PURGE_ALARM)).toBeTruthy();
  });

  it('a restart after the tab was closed while the worker was dead drops the tab and its alarms', async () => {
    const clock = new Clock(NOW);
    await sentinel(clock).handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(42));
    const second = sentinel(clock);
    await second.events.init(); // tab 42 does not exist in the (fake) browser
    expect(await deadlineAlarms()).toEqual([]);
    expect((await second.handlers.getQueue(undefined)).cases).toEqual([]);
  });

  it('the 1 h crossing shows a notification once, with the order number and no buyer data', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天3时0分0秒' })] },
      tab(5),
    );
    clock.advance(2 * HOUR); // 14:00, one hour before 15:00
    const name = 'as-dl|1|seller-response|tmall:refund:202611200001';
    await s.events.onAlarm({ name });
    await s.events.onAlarm({ name }); // a duplicate firing (e.g. after a restart) is not shown twice
    const shown = (
      fakeBrowser.notifications as unknown as {
        getAllCreateOptions(): Record<string, { title: string; message: string }>;
      }
    ).getAllCreateOptions();
    expect(Object.keys(shown)).toEqual([name]);
    const { message, title } = shown[name]!;
    expect(title).toBe('售后截止提醒');
    expect(message).toContain('3921845507761234');
    expect(message).toContain('15:00');
    expect(message).toMatch(/1 小时/);
    expect(message).not.toContain('tb_小鹿2026');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('notifications follow the locale setting (English)', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    await s.handlers.saveSettings({ locale: 'en' });
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天5时0分0秒' })] },
      tab(5),
    );
    clock.advance(HOUR);
    const name = 'as-dl|4|seller-response|tmall:refund:202611200001';
    await s.events.onAlarm({ name });
    const shown = (
      fakeBrowser.notifications as unknown as {
        getAllCreateOptions(): Record<string, { title: string; message: string }>;
      }
    ).getAllCreateOptions();
    expect(shown[name]?.title).toBe('After-sales deadline');
    expect(shown[name]?.message).toMatch(/^Refund 3921845507761234: .* is due in about 4 h, at 11-20 17:00/);
  });

  it('a stale alarm (case gone or deadline passed) shows nothing', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天3时0分0秒' })] },
      tab(5),
    );
    await s.events.onAlarm({ name: 'as-dl|1|seller-response|tmall:refund:999' });
    clock.advance(4 * HOUR);
    await s.events.onAlarm({ name: 'as-dl|1|seller-response|tmall:refund:202611200001' });
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([]);
  });

  it('after sleeping past several crossings, each deadline still ahead is warned once, on the first firing or at worker start', async () => {
    const clock = new Clock(NOW); // 12:00 Beijing
    const s = sentinel(clock);
    const rows = [
      tmallRefund({ refundId: '1', platformCountdown: '剩余0天5时0分0秒' }, 0), // due 17:00: 4 h crossing 13:00, 1 h crossing 16:00
      tmallRefund({ refundId: '2', platformCountdown: '剩余0天10时0分0秒' }, 1), // due 22:00: 4 h 18:00, 1 h 21:00
      tmallRefund({ refundId: '3', platformCountdown: '剩余0天2时0分0秒' }, 2), // due 14:00: 1 h 13:00
    ];
    await s.handlers.reportPage({ url: URL_LIST, cases: rows }, tab(9));
    const shown = () =>
      Object.keys(
        (
          fakeBrowser.notifications as unknown as { getAllCreateOptions(): Record<string, unknown> }
        ).getAllCreateOptions(),
      ).sort();
    // The lid closes at 12:00 and opens at 16:30: Chrome fires the first missed alarm once.
    clock.advance(4.5 * HOUR);
    await s.events.onAlarm({ name: 'as-dl|4|seller-response|tmall:refund:1' });
    // case 1: the 1 h crossing (16:00) supersedes the 4 h one; case 3 is already breached; case 2 is not due for a warning yet
    expect(shown()).toEqual(['as-dl|1|seller-response|tmall:refund:1']);
    await s.events.onAlarm({ name: 'as-dl|1|seller-response|tmall:refund:1' }); // a late firing of the same crossing
    await s.events.onAlarm({ name: 'as-dl|0|seller-response|tmall:refund:3' });
    expect(shown()).toEqual(['as-dl|1|seller-response|tmall:refund:1']);

    // Asleep again until 21:30 and the worker was stopped: the new worker's start warns case 2 once.
    fakeAsync(fakeBrowser.tabs, 'get', async (id: number) => (id === 9 ? { id } : undefined));
    await fakeBrowser.alarms.clearAll();
    clock.advance(5 * HOUR);
    const second = sentinel(clock);
    await second.events.init();
    expect(shown()).toEqual([
      'as-dl|1|seller-response|tmall:refund:1',
      'as-dl|1|seller-response|tmall:refund:2',
    ]);
    const message = (
      fakeBrowser.notifications as unknown as { getAllCreateOptions(): Record<string, { message: string }> }
    ).getAllCreateOptions()['as-dl|1|seller-response|tmall:refund:2']!.message;
    expect(message).toContain('22:00');
    await sentinel(clock).events.init();
    expect(shown()).toHaveLength(2);
  });

  it('clicking the notification focuses that case and its tab', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    const t = await fakeBrowser.tabs.create({ url: URL_DETAIL });
    const update = vi.spyOn(fakeBrowser.tabs, 'update');
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(t.id!));
    await s.events.onNotificationClicked('as-dl|1|seller-response|tmall:refund:202611200001');
    expect((await s.handlers.getFocusedCase(undefined)).key).toBe('tmall:refund:202611200001');
    expect(update).toHaveBeenCalledWith(t.id, { active: true });
  });
});

describe('recent cases purge', () => {
  it('the daily alarm deletes cases not seen within the retention days', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund({ refundId: '1' })] }, tab(1));
    clock.advance(20 * 24 * HOUR);
    await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund({ refundId: '2' })] }, tab(2));
    clock.advance(11 * 24 * HOUR); // case 1: 31 days, case 2: 11 days
    await s.events.onAlarm({ name: PURGE_ALARM });
    const store = await s.store();
    expect((await store.listRecentCases()).map((c) => c.key)).toEqual(['tmall:refund:2']);
    await s.handlers.saveSettings({ recentCaseRetentionDays: 7 });
    await s.events.onAlarm({ name: PURGE_ALARM });
    expect(await store.listRecentCases()).toEqual([]);
  });
});

describe('alarm churn', () => {
  it('a re-read that moves a due time by a second keeps the scheduled alarm; a real change moves it', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天3时0分0秒' })] },
      tab(5),
    );
    const name = 'as-dl|1|seller-response|tmall:refund:202611200001';
    const first = (await fakeBrowser.alarms.get(name))!.scheduledTime;
    clock.advance(2_000); // the page ticked: 2 s later it shows 2:59:59 → due 1 s later than before
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天2时59分59秒' })] },
      tab(5),
    );
    expect((await fakeBrowser.alarms.get(name))!.scheduledTime).toBe(first);
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天5时0分0秒' })] },
      tab(5),
    );
    expect((await fakeBrowser.alarms.get(name))!.scheduledTime).toBe(first + 2 * HOUR + 2_000);
  });
});

describe('ledger purge (review L5)', () => {
  it('the daily alarm deletes ledger entries older than the 400-day lookback, and keeps the rest', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    const store = await s.store();
    const entry = (at: string) => ({
      buyer: 'tb_小鹿2026',
      amount: 10,
      at,
      kind: 'platform-payout' as const,
      confirmedAt: at,
    });
    await store.addLedgerEntry(entry('2025-10-15T10:00:00+08:00')); // 401 days before NOW
    await store.addLedgerEntry(entry('2025-10-17T10:00:00+08:00')); // 399 days
    await store.addLedgerEntry(entry('2026-11-19T10:00:00+08:00'));
    await s.events.onAlarm({ name: PURGE_ALARM });
    expect((await store.listLedger()).map((e) => e.at)).toEqual([
      '2025-10-17T10:00:00+08:00',
      '2026-11-19T10:00:00+08:00',
    ]);
  });
});

describe('team pack origin (least privilege, review M6)', () => {
  it('a new team URL on another origin gives the old origin back; the same origin keeps it', async () => {
    const remove = vi.fn(async () => true);
    (fakeBrowser.permissions as unknown as Record<string, unknown>).remove = remove;
    const s = sentinel(new Clock(NOW));
    await s.handlers.saveSettings({ teamPack: { url: 'https://packs.example.com/a.json' } });
    expect(remove).not.toHaveBeenCalled();
    await s.handlers.saveSettings({ teamPack: { url: 'https://packs.example.com/b.json' } });
    expect(remove).not.toHaveBeenCalled();
    await s.handlers.saveSettings({ teamPack: { url: 'https://rules.example.net/team.json' } });
    expect(remove).toHaveBeenCalledWith({ origins: ['https://packs.example.com/*'] });
    await s.handlers.saveSettings({ teamPack: { url: '' } });
    expect(remove).toHaveBeenLastCalledWith({ origins: ['https://rules.example.net/*'] });
  });
});
