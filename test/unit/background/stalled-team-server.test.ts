import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Clock, HOUR, NOW, URL_DETAIL, freshProfile, sentinel, tab, tmallRefund } from './helpers';
import { TEAM_PACK_TIMEOUT_MS } from '../../../entrypoints/background/team-pack';

/**
 * Issue 17 item 4 (review H4): a team-pack server that never answers must not hold back a
 * deadline warning, a settings save or an import. The fetch runs outside the worker's
 * admin queue, with a timeout; warnings have a queue of their own.
 */

beforeEach(freshProfile);
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const url = 'https://packs.example.com/team.json';

/** A server that accepts the connection and never answers (only an abort ends the request). */
function stalledServer() {
  const requests: Array<{ aborted: boolean }> = [];
  const fetchFn = vi.fn((_u: string | URL | Request, init?: RequestInit) => {
    const req = { aborted: false };
    requests.push(req);
    return new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => {
        req.aborted = true;
        reject(
          init.signal?.reason instanceof Error
            ? init.signal.reason
            : new DOMException('aborted', 'AbortError'),
        );
      });
    });
  });
  return { fetchFn: fetchFn as unknown as typeof fetch, requests };
}

/**
 * Await `p` under fake timers: the worker's writes wait for a 0 ms timer after each answer
 * (promises.ts afterAnswer), so the fake clock is moved on a millisecond at a time — never
 * near the request's 15 s timeout.
 */
async function settle<T>(p: Promise<T>): Promise<T> {
  let done = false;
  void p.finally(() => (done = true)).catch(() => undefined);
  for (let ms = 0; !done; ms++) {
    if (ms > 5_000) throw new Error('not settled within 5 s of fake time');
    await vi.advanceTimersByTimeAsync(1);
  }
  return p;
}

const shown = () =>
  Object.keys(
    (
      fakeBrowser.notifications as unknown as { getAllCreateOptions(): Record<string, unknown> }
    ).getAllCreateOptions(),
  );

describe('a stalled team-pack server', () => {
  it('the pending 1 h warning still fires while the refresh hangs; the refresh ends in a timeout', async () => {
    const clock = new Clock(NOW);
    const srv = stalledServer();
    const s = sentinel(clock, { fetchFn: srv.fetchFn });
    await s.handlers.saveSettings({ teamPack: { url, refreshHours: 6 } });
    await s.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund({ platformCountdown: '剩余0天3时0分0秒' })] },
      tab(5),
    );
    clock.advance(2 * HOUR); // 14:00, the 1 h crossing of the 15:00 deadline

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // The team-pack alarm fires first and its request hangs.
    let refreshed = false;
    const refresh = s.events.onAlarm({ name: 'as-team-pack' }).then(() => (refreshed = true));
    await settle(
      new Promise<void>(
        (resolve) =>
          void (function poll() {
            if (srv.requests.length > 0) resolve();
            else setImmediate(poll);
          })(),
      ),
    );

    const name = 'as-dl|1|seller-response|tmall:refund:202611200001';
    await settle(s.events.onAlarm({ name }));
    expect(shown()).toEqual([name]);
    expect(refreshed).toBe(false);

    // Admin work does not wait for the network either.
    await settle(s.handlers.saveSettings({ shopPolicy: { shopName: '小鹿旗舰店' } }));
    expect((await settle(s.handlers.getSettings(undefined))).shopPolicy.shopName).toBe('小鹿旗舰店');
    expect(srv.requests[0]!.aborted).toBe(false);

    // The request is given up after the timeout, and says so.
    await vi.advanceTimersByTimeAsync(TEAM_PACK_TIMEOUT_MS);
    await settle(refresh);
    expect(srv.requests[0]!.aborted).toBe(true);
    const { team, active } = await settle(s.handlers.getPackInfo(undefined));
    expect(team).toMatchObject({ result: 'error' });
    expect(team?.error).toMatch(/15 s|timed out/);
    expect(active.source).toBe('default');
  });

  it('a refresh from the options page gives up after the timeout too (never hangs)', async () => {
    const srv = stalledServer();
    const s = sentinel(new Clock(NOW), { fetchFn: srv.fetchFn });
    await s.handlers.saveSettings({ teamPack: { url } });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = s.handlers.refreshTeamPack(undefined);
    await settle(
      new Promise<void>(
        (resolve) =>
          void (function poll() {
            if (srv.requests.length > 0) resolve();
            else setImmediate(poll);
          })(),
      ),
    );
    await vi.advanceTimersByTimeAsync(TEAM_PACK_TIMEOUT_MS);
    expect(await settle(pending)).toMatchObject({ result: 'error' });
  });
});
