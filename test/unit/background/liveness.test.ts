import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPack } from '../../../core';
import { Clock, NOW, URL_LIST, freshProfile, sentinel, tab, tmallRefund } from './helpers';

/**
 * Issue 17 item 5 (review M3, M4): a page reported in chunks is committed whole (a worker
 * stopped between chunks keeps the previous page, never a part); a pack, settings or ledger
 * change tells every open back-office tab to read again (fresh badges).
 */

beforeEach(freshProfile);

const cases = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    tmallRefund(
      { refundId: String(202611200000 + from + i), orderId: String(3921845507000000 + from + i) },
      from + i,
    ),
  );

describe('chunked reports commit atomically', () => {
  it('staged chunks change nothing; the last chunk commits the whole page at once', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage({ url: URL_LIST, cases: cases(0, 2) }, tab(4)); // the page as it was
    const first = await s.handlers.reportPage(
      { url: URL_LIST, cases: cases(100, 300), staged: true, answer: 'badges' as const },
      tab(4),
    );
    expect(first.cases).toHaveLength(300); // answered: the page can badge them
    const second = await s.handlers.reportPage(
      { url: URL_LIST, cases: cases(400, 300), append: true, staged: true },
      tab(4),
    );
    expect(second.cases).toHaveLength(300);
    // in between, the tab still holds the previous page, whole
    expect((await s.handlers.getTabCases({ tabId: 4 }, {})).cases).toHaveLength(2);
    const last = await s.handlers.reportPage({ url: URL_LIST, cases: cases(700, 50), append: true }, tab(4));
    expect(last.cases).toHaveLength(50);
    expect((await s.handlers.getTabCases({ tabId: 4 }, {})).cases).toHaveLength(650);
    await s.settled(); // no write of this test left running into the next file
  });

  it('a worker stopped between two chunks: the restarted one has the previous page whole and asks for the report again', async () => {
    const clock = new Clock(NOW);
    const s = sentinel(clock);
    await s.handlers.reportPage({ url: URL_LIST, cases: cases(0, 3) }, tab(4));
    await s.settled();
    await s.handlers.reportPage({ url: URL_LIST, cases: cases(100, 300), staged: true }, tab(4));
    await s.settled();
    const restarted = sentinel(clock);
    expect(
      (await restarted.handlers.getTabCases({ tabId: 4 }, {})).cases.map((c) => c.read.facts.refundId),
    ).toEqual(cases(0, 3).map((c) => c.facts.refundId));
    // the page's next chunk finds nothing staged: resync (the content script reports whole)
    expect(
      await restarted.handlers.reportPage(
        { url: URL_LIST, cases: cases(400, 10), append: true, staged: true },
        tab(4),
      ),
    ).toEqual({ cases: [], resync: true });
    await restarted.settled();
  });
});

describe('a pack change reaches the open pages', () => {
  it('every open back-office tab is told to read again after a pack is confirmed or reset', async () => {
    const notifyTab = vi.fn(async () => undefined);
    const s = sentinel(new Clock(NOW), { notifyTab });
    await s.handlers.reportPage({ url: URL_LIST, cases: cases(0, 1) }, tab(4));
    await s.handlers.reportPage({ url: URL_LIST, cases: cases(10, 1) }, tab(5));
    const staged = await s.handlers.importPack({
      json: JSON.stringify({ ...JSON.parse(JSON.stringify(defaultPack)), id: 'team', version: '2' }),
    });
    expect(notifyTab).not.toHaveBeenCalled(); // staged: nothing changed yet
    expect(staged.ok).toBe(true);
    if (staged.ok) await s.handlers.decidePack({ token: staged.preview.token, accept: true });
    expect(notifyTab.mock.calls.map((c) => (c as unknown[])[0]).sort()).toEqual([4, 5]);
    notifyTab.mockClear();
    await s.handlers.resetPack(undefined);
    expect(notifyTab.mock.calls.map((c) => (c as unknown[])[0]).sort()).toEqual([4, 5]);
    await s.settled();
  });
});

describe('after a downgrade (the database is from a newer build)', () => {
  it('the worker runs read-only on the built-in pack: pages are badged, warnings scheduled, changes refused with the notice', async () => {
    const { openDB } = await import('idb');
    const { DB_VERSION } = await import('../../../core/store');
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const dbName = `downgraded-${Date.now()}`;
    const future = await openDB(dbName, DB_VERSION + 1, {
      upgrade: (db) => void db.createObjectStore('future'),
    });
    future.close();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = sentinel(new Clock(NOW), { dbName });
    const { cases } = await s.handlers.reportPage({ url: URL_LIST, cases: cases_(1) }, tab(4));
    expect(cases[0]!.guidance.pack.id).toBe(defaultPack.id);
    expect(cases[0]!.guidance.deadlines.length).toBeGreaterThan(0);
    await s.settled();
    expect((await fakeBrowser.alarms.getAll()).some((a) => a.name.startsWith('as-dl|'))).toBe(true);
    const info = await s.handlers.getPackInfo(undefined);
    expect(info.active.source).toBe('default');
    expect(info.readOnly?.zh).toContain('只读运行');
    expect((await s.handlers.getTabSummaries({ tabId: 4 }, {})).notice?.zh).toContain('只读运行');
    await expect(s.handlers.saveSettings({ locale: 'en' })).rejects.toThrow(/newer version/);
    const staged = await s.handlers.importPack({ json: JSON.stringify(defaultPack) });
    expect(staged.ok).toBe(false);
    // the newer build's data is untouched
    const again = await openDB(dbName);
    expect(again.version).toBe(DB_VERSION + 1);
    expect([...again.objectStoreNames]).toEqual(['future']);
    again.close();
    await s.settled();
  });
});

function cases_(n: number) {
  return cases(0, n);
}
