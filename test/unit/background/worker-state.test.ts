import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALARM_WINDOW } from '../../../entrypoints/background/deadline-alarms';
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

/**
 * The worker keeps the tabs' cases in memory and answers a report before its state is
 * written; the MV3 worker can be stopped at any moment, so what a new worker (fresh
 * createWorker, same storage) rebuilds must be the same.
 */

beforeEach(freshProfile);
afterEach(() => vi.restoreAllMocks());

const aliveTabs = (...ids: number[]) =>
  fakeAsync(fakeBrowser.tabs, 'get', async (id: number) => (ids.includes(id) ? { id } : undefined));

const shownNotifications = () =>
  (
    fakeBrowser.notifications as unknown as {
      getAllCreateOptions(): Record<string, { title: string; message: string }>;
    }
  ).getAllCreateOptions();

const deadlineAlarms = async () =>
  Object.fromEntries(
    (await fakeBrowser.alarms.getAll())
      .filter((a) => a.name.startsWith('as-dl|'))
      .map((a) => [a.name, new Date(a.scheduledTime).toISOString()]),
  );

describe('worker restart', () => {
  it('a fresh worker rebuilds the same guidance and due times from the stored reads and evaluation instants', async () => {
    const clock = new Clock(NOW);
    const first = sentinel(clock);
    const rows = [
      tmallRefund({ refundId: '1', platformCountdown: '剩余0天3时0分0秒' }, 0),
      tmallRefund({ refundId: '2', platformCountdown: '剩余2天23时7分51秒' }, 1),
      tmallRefund({ refundId: '3', reason: '七天无理由', platformCountdown: '剩余1天0时0分0秒' }, 2),
    ];
    const answered = (await first.handlers.reportPage({ url: URL_LIST, cases: rows }, tab(9))).cases;
    await first.settled();

    // The stored form is compact: the reads and their evaluation instants, no guidance.
    const stored = (await fakeBrowser.storage.session.get('tab:9'))['tab:9'] as {
      cases: Array<Record<string, unknown>>;
    };
    expect(stored.cases.map((c) => Object.keys(c).sort())).toEqual([
      ['read', 'seenAt'],
      ['read', 'seenAt'],
      ['read', 'seenAt'],
    ]);
    expect(JSON.stringify(stored)).not.toContain('"deadlines"');

    // The worker dies; 25 minutes later a new one starts (no memory, same storage).
    clock.advance(25 * 60_000);
    aliveTabs(9);
    const second = sentinel(clock);
    await second.events.init();
    const { cases } = await second.handlers.getTabCases({ tabId: 9 }, {});
    const byKey = (xs: typeof cases) => new Map(xs.map((c) => [c.key, c]));
    expect(byKey(cases)).toEqual(byKey(answered)); // same guidance, same seenAt, same due times
    expect(
      byKey(cases)
        .get('tmall:refund:1')
        ?.guidance.deadlines.find((d) => d.id === 'seller-response')?.dueAt,
    ).toBe('2026-11-20T15:00:00+08:00');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    // The page re-reports the same facts to the new worker: due times do not move.
    const again = (await second.handlers.reportPage({ url: URL_LIST, cases: rows }, tab(9))).cases;
    expect(again.map((c) => c.seenAt)).toEqual(answered.map((c) => c.seenAt));
    expect(again.map((c) => c.guidance.deadlines.map((d) => d.dueAt))).toEqual(
      answered.map((c) => c.guidance.deadlines.map((d) => d.dueAt)),
    );
  });

  it('reads state stored by the earlier build (full case views) the same way', async () => {
    const clock = new Clock(NOW);
    const first = sentinel(clock);
    const answered = (await first.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(4)))
      .cases;
    await first.settled();
    // what the earlier build wrote: the whole CaseView per case
    await fakeBrowser.storage.session.set({
      'tab:4': { tabId: 4, url: URL_DETAIL, cases: answered, updatedMs: NOW },
    });
    clock.advance(HOUR);
    const second = sentinel(clock);
    expect((await second.handlers.getTabCases({ tabId: 4 }, {})).cases).toEqual(answered);
  });
});

describe('a report is answered before its state is written', () => {
  it('the answer does not wait for storage.session, and the write still lands (a new worker sees the case)', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    const realSet = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written = false;
    fakeAsync(fakeBrowser.storage.session, 'set', async (items: Record<string, unknown>) => {
      await gate; // storage is slow
      await realSet(items);
      written = true;
    });
    const { cases } = await s.handlers.reportPage({ url: URL_DETAIL, cases: [tmallRefund()] }, tab(6));
    expect(cases[0]!.guidance.compensation.amount).toBe('150.00');
    expect(written).toBe(false); // answered while the write is still pending
    expect(await fakeBrowser.storage.session.get('tab:6')).toEqual({});

    // A reader of the state waits for the pending write.
    let queued = false;
    const queue = s.handlers.getQueue(undefined).then((q) => {
      queued = true;
      return q;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(queued).toBe(false);
    release();
    expect((await queue).cases.map((c) => c.key)).toEqual(['tmall:refund:202611200001']);
    expect(written).toBe(true);
    vi.restoreAllMocks();

    aliveTabs(6);
    clock.advance(5 * 60_000);
    const restarted = sentinel(clock);
    await restarted.events.init();
    const got = await restarted.handlers.getTabCases({ tabId: 6 }, {});
    expect(got.cases.map((c) => [c.key, c.seenAt])).toEqual([
      ['tmall:refund:202611200001', '2026-11-20T12:00:00+08:00'],
    ]);
  });

  it('reports that arrive while a write is pending all land, the last one wins', async () => {
    const s = sentinel(new Clock(NOW));
    const realSet = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
    let calls = 0;
    fakeAsync(fakeBrowser.storage.session, 'set', async (items: Record<string, unknown>) => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      await realSet(items);
    });
    const reports = [1, 2, 3, 4].map((n) =>
      s.handlers.reportPage(
        {
          url: URL_LIST,
          cases: Array.from({ length: n }, (_, i) => tmallRefund({ refundId: String(100 + i) }, i)),
        },
        tab(2),
      ),
    );
    await Promise.all(reports);
    await s.settled();
    const stored = (await fakeBrowser.storage.session.get('tab:2'))['tab:2'] as { cases: unknown[] };
    expect(stored.cases).toHaveLength(4);
    expect(calls).toBeLessThanOrEqual(2); // writes queued behind a pending one are coalesced
  });
});

describe('deadline warnings', () => {
  it('the next crossing fires → one notification → the following crossings stay scheduled; a restarted worker does not repeat it', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    // seller-response due 17:00 Beijing (5 h left): crossings at 13:00 (4 h), 16:00 (1 h), 17:00 (breach).
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天5时0分0秒' })] },
      tab(5),
    );
    const key = 'tmall:refund:202611200001';
    const four = `as-dl|4|seller-response|${key}`;
    const one = `as-dl|1|seller-response|${key}`;
    const breach = `as-dl|0|seller-response|${key}`;
    expect(await deadlineAlarms()).toMatchObject({
      [four]: '2026-11-20T05:00:00.000Z',
      [one]: '2026-11-20T08:00:00.000Z',
      [breach]: '2026-11-20T09:00:00.000Z',
    });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    // 13:00: the 4-hour alarm fires (Chrome removes a fired one-shot alarm).
    clock.advance(HOUR);
    await fakeBrowser.alarms.clear(four);
    await s.events.onAlarm({ name: four });
    expect(Object.keys(shownNotifications())).toEqual([four]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1'); // now within 4 h: urgent
    const left = await deadlineAlarms();
    expect(left[four]).toBeUndefined();
    expect(left).toMatchObject({ [one]: '2026-11-20T08:00:00.000Z', [breach]: '2026-11-20T09:00:00.000Z' });

    // The worker is stopped; Chrome delivers the same alarm again to a fresh worker: no second notification.
    await s.settled();
    aliveTabs(5);
    const fresh = sentinel(clock);
    await fresh.events.init();
    await fresh.events.onAlarm({ name: four });
    expect(Object.keys(shownNotifications())).toEqual([four]);
    expect(await deadlineAlarms()).toEqual(left);

    // 16:00: the 1-hour crossing → its own notification, the breach alarm remains.
    clock.advance(3 * HOUR);
    await fakeBrowser.alarms.clear(one);
    await fresh.events.onAlarm({ name: one });
    expect(Object.keys(shownNotifications()).sort()).toEqual([four, one].sort());
    expect(Object.keys(await deadlineAlarms())).toContain(breach);
    expect(Object.keys(await deadlineAlarms())).not.toContain(one);

    // 17:00: breached — no notification, the badge no longer counts it.
    clock.advance(HOUR);
    await fakeBrowser.alarms.clear(breach);
    await fresh.events.onAlarm({ name: breach });
    expect(Object.keys(shownNotifications())).toHaveLength(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('an unchanged re-report sends no alarm calls at all', async () => {
    const s = sentinel(new Clock(NOW));
    const rows = Array.from({ length: 50 }, (_, i) => tmallRefund({ refundId: String(700 + i) }, i));
    await s.handlers.reportPage({ url: URL_LIST, cases: rows }, tab(3));
    await s.settled();
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    const clear = vi.spyOn(fakeBrowser.alarms, 'clear');
    const getAll = vi.spyOn(fakeBrowser.alarms, 'getAll');
    await s.handlers.reportPage({ url: URL_LIST, cases: rows }, tab(3));
    expect(create).not.toHaveBeenCalled();
    expect(clear).not.toHaveBeenCalled();
    expect(getAll).not.toHaveBeenCalled();
  });

  it('only the next crossings are alarms; crossings at the same instant are all scheduled and each notified once, then the window moves on', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    // 30 rows due at the same instant (17:00): their 4-hour crossings all fall at 13:00.
    const rows = Array.from({ length: 30 }, (_, i) =>
      tmallRefund(
        { refundId: String(900 + i), orderId: String(3900 + i), platformCountdown: '剩余0天5时0分0秒' },
        i,
      ),
    );
    await s.handlers.reportPage({ url: URL_LIST, cases: rows }, tab(8));
    const fours = rows.map((_, i) => `as-dl|4|seller-response|tmall:refund:${900 + i}`);
    let alarms = await fakeBrowser.alarms.getAll();
    expect(
      alarms
        .filter((a) => a.name.startsWith('as-dl|'))
        .map((a) => a.name)
        .sort(),
    ).toEqual([...fours].sort());
    expect(
      alarms.every(
        (a) => !a.name.startsWith('as-dl|') || a.scheduledTime === Date.parse('2026-11-20T13:00:00+08:00'),
      ),
    ).toBe(true);
    expect(fours.length).toBeGreaterThan(ALARM_WINDOW);

    // 13:00: Chrome fires them one by one.
    clock.advance(HOUR);
    for (const name of fours) {
      await fakeBrowser.alarms.clear(name);
      await s.events.onAlarm({ name });
    }
    expect(Object.keys(shownNotifications()).sort()).toEqual([...fours].sort());
    // the window moved on: the 1-hour crossings (16:00) are next
    alarms = (await fakeBrowser.alarms.getAll()).filter((a) => a.name.startsWith('as-dl|'));
    expect(alarms.length).toBeGreaterThan(0);
    expect(
      alarms.every(
        (a) =>
          a.name.startsWith('as-dl|1|seller-response|') &&
          a.scheduledTime === Date.parse('2026-11-20T16:00:00+08:00'),
      ),
    ).toBe(true);
    expect(alarms).toHaveLength(30);
  });

  it('settings are cached, and an enterprise policy change (storage.managed) re-evaluates the open cases', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天5时0分0秒' })] },
      tab(5),
    );
    expect(await fakeBrowser.action.getBadgeText({})).toBe(''); // 5 h left, first threshold 4 h
    await fakeBrowser.storage.managed.set({ warningThresholdsHours: [6, 1] });
    await s.events.onManagedChanged();
    expect((await s.handlers.getSettings(undefined)).warningThresholdsHours).toEqual([6, 1]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });
});
