import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TOTAL_BUDGET_BYTES } from '../../../entrypoints/background/tab-state';
import { LIMITS } from '../../../protocol/limits';
import { Clock, NOW, URL_LIST, fakeAsync, freshProfile, sentinel, tab, tmallRefund } from './helpers';

/**
 * Issue 17 (low finding L3): chrome.storage.session holds 10 MB; a list tab of 10,000 rows
 * (~1.4 KB of reads per case) did not fit, its write failed, and after a worker restart the
 * tab's cases were gone with nothing telling the page. Now the stored form is bounded (the
 * most urgent reads, the rest as key + fingerprint + evaluation instant, `partial`), and a
 * restarted worker asks a partial tab to report again: every case comes back, due times
 * unmoved.
 */

beforeEach(freshProfile);
afterEach(() => vi.restoreAllMocks());

const QUOTA_BYTES = 10 * 1024 * 1024;
const utf8 = (s: string) => new TextEncoder().encode(s).length;

/** storage.session as Chromium bounds it: a write that would take the store over 10 MB fails, nothing written. */
function sessionQuota(): { used: () => Promise<number> } {
  const session = fakeBrowser.storage.session;
  const realSet = session.set.bind(session);
  const used = async (extra: Record<string, unknown> = {}) =>
    Object.entries({ ...(await session.get(null)), ...extra }).reduce(
      (n, [k, v]) => n + utf8(k) + utf8(JSON.stringify(v)),
      0,
    );
  fakeAsync(session, 'set', async (items: Record<string, unknown>) => {
    if ((await used(items)) > QUOTA_BYTES) throw new Error('Session storage quota bytes exceeded');
    return realSet(items);
  });
  return { used: () => used() };
}

/** A list row with the free text a real one carries (~1.4 KB stored); row 9,999 is due first (30 minutes). */
const row = (i: number) =>
  tmallRefund(
    {
      refundId: String(202611200000 + i),
      orderId: String(3921845507000000 + i),
      buyer: `tb_买家${i}`,
      reason:
        `商品与描述不符，颜色偏差明显，买家上传了照片并附说明：收到的货物外包装破损，内件有划痕，希望商家尽快处理退款或补发新品。第${i}号`.repeat(
          4,
        ),
      platformCountdown: i === 9_999 ? '剩余0天0时30分0秒' : `剩余${1 + (i % 3)}天${i % 24}时0分0秒`,
    },
    i,
  );

/** The page reports its rows as the content script does: chunks of LIMITS.casesPerReport, the last one commits. */
async function reportAll(s: ReturnType<typeof sentinel>, tabId: number, rows: ReturnType<typeof row>[]) {
  for (let i = 0; i < rows.length; i += LIMITS.casesPerReport) {
    const last = i + LIMITS.casesPerReport >= rows.length;
    const r = await s.handlers.reportPage(
      {
        url: URL_LIST,
        cases: rows.slice(i, i + LIMITS.casesPerReport),
        ...(i > 0 ? { append: true } : {}),
        ...(last ? {} : { staged: true }),
      },
      tab(tabId),
    );
    expect('resync' in r && r.resync).toBeFalsy();
  }
}

describe('a 10,000-row tab in storage.session (10 MB)', () => {
  it('is stored within budget, most urgent first, and a restarted worker gets every case back with its due times', async () => {
    const quota = sessionQuota();
    const clock = new Clock(NOW);
    const first = sentinel(clock);
    const rows = Array.from({ length: 10_000 }, (_, i) => row(i));
    await reportAll(first, 7, rows);
    await first.settled();
    const before = (await first.handlers.getTabCases({ tabId: 7 }, {})).cases;
    expect(before).toHaveLength(10_000);
    expect(before[0]!.key).toBe('tmall:refund:202611209999'); // the most urgent

    // The write went through, within the budget, marked partial; the most urgent case is stored whole.
    expect(await quota.used()).toBeLessThanOrEqual(TOTAL_BUDGET_BYTES + 100_000);
    const stored = (await fakeBrowser.storage.session.get('tab:7'))['tab:7'] as {
      cases: Array<{ read: { facts: { refundId: string } } }>;
      seen: unknown[];
      partial?: boolean;
    };
    expect(stored.partial).toBe(true);
    expect(stored.cases.length).toBeGreaterThan(0);
    expect(stored.cases.length + stored.seen.length).toBe(10_000);
    expect(stored.cases[0]!.read.facts.refundId).toBe('202611209999');

    // The worker dies; 20 minutes later a new one starts and asks the partial tab to report again.
    clock.advance(20 * 60_000);
    fakeAsync(fakeBrowser.tabs, 'get', async (id: number) => (id === 7 ? { id } : undefined));
    const asked: number[] = [];
    const second = sentinel(clock, { notifyTab: async (tabId) => void asked.push(tabId) });
    await second.events.init();
    expect(asked).toEqual([7]);
    // Until the page answers, the stored reads are there (the most urgent one included).
    const meanwhile = (await second.handlers.getTabCases({ tabId: 7 }, {})).cases;
    expect(meanwhile[0]?.key).toBe('tmall:refund:202611209999');

    // The page reports again (same rows, same countdown text): every case is back, due times unmoved.
    await reportAll(second, 7, rows);
    await second.settled();
    const after = (await second.handlers.getTabCases({ tabId: 7 }, {})).cases;
    expect(after).toHaveLength(10_000);
    const dueOf = (cs: typeof after) =>
      new Map(cs.map((c) => [c.key, c.guidance.deadlines.map((d) => d.dueAt).join()]));
    expect(dueOf(after)).toEqual(dueOf(before));
  }, 120_000);

  it('a small tab is stored whole, not partial, and a restart asks nothing', async () => {
    sessionQuota();
    const clock = new Clock(NOW);
    const first = sentinel(clock);
    await reportAll(first, 3, [row(1), row(2)]);
    await first.settled();
    const stored = (await fakeBrowser.storage.session.get('tab:3'))['tab:3'] as {
      cases: unknown[];
      partial?: boolean;
    };
    expect(stored.cases).toHaveLength(2);
    expect(stored.partial).toBeUndefined();
    fakeAsync(fakeBrowser.tabs, 'get', async (id: number) => ({ id }));
    const asked: number[] = [];
    const second = sentinel(clock, { notifyTab: async (tabId) => void asked.push(tabId) });
    await second.events.init();
    expect(asked).toEqual([]);
    expect((await second.handlers.getTabCases({ tabId: 3 }, {})).cases).toHaveLength(2);
  });
});
