import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MANAGED_WAIT_MS } from '../../../entrypoints/background/settings-service';
import { Clock, NOW, URL_LIST, fakeAsync, freshProfile, sentinel, tab, tmallRefund } from './helpers';

/**
 * Chromium answers the first `storage.managed` read of a session only once its policy store
 * has loaded, on a low-priority task: beside a page that changes every 10 ms the e2e suite
 * measured 57 s, and every report (so every badge) waited for it
 * (test/e2e/mutating-page.test.ts). The worker now goes on without the policy after
 * MANAGED_WAIT_MS and applies it — every tab evaluated again, the pages told — once it comes.
 */

beforeEach(freshProfile);

describe('an enterprise policy store that answers late', () => {
  it('settings and reports are answered without it; once it answers, it applies and the pages read again', async () => {
    const policy = { warningThresholdsHours: [6, 2] };
    let answered = false;
    let answer: () => void = () => undefined;
    const late = new Promise<typeof policy>(
      (resolve) => (answer = () => ((answered = true), resolve(policy))),
    );
    const get = fakeAsync(fakeBrowser.storage.managed, 'get', () =>
      answered ? Promise.resolve(policy) : late,
    );
    const notifyTab = vi.fn(async () => undefined);
    const s = sentinel(new Clock(NOW), { notifyTab });

    expect((await s.handlers.getSettings(undefined)).warningThresholdsHours).toEqual([4, 1]);
    const report = await s.handlers.reportPage({ url: URL_LIST, cases: [tmallRefund()] }, tab(4));
    expect(report.cases).toHaveLength(1);
    expect(notifyTab).not.toHaveBeenCalled();

    answer();
    await vi.waitFor(() => expect(notifyTab).toHaveBeenCalledWith(4), { timeout: MANAGED_WAIT_MS * 5 });
    expect((await s.handlers.getSettings(undefined)).warningThresholdsHours).toEqual([6, 2]);
    await s.settled();
    get.mockRestore();
  });

  it('an empty policy answering late changes nothing and tells no page', async () => {
    let answer: () => void = () => undefined;
    const late = new Promise<Record<string, unknown>>((resolve) => (answer = () => resolve({})));
    const get = fakeAsync(fakeBrowser.storage.managed, 'get', () => late);
    const notifyTab = vi.fn(async () => undefined);
    const s = sentinel(new Clock(NOW), { notifyTab });
    await s.handlers.reportPage({ url: URL_LIST, cases: [tmallRefund()] }, tab(4));
    answer();
    await late;
    await s.settled();
    expect(notifyTab).not.toHaveBeenCalled();
    get.mockRestore();
  });
});
