import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerWorker } from '../../../entrypoints/background/register';
import {
  Clock,
  NOW,
  URL_DETAIL,
  URL_LIST,
  fakeAsync,
  freshProfile,
  pressCommand,
  senders,
  sentinel,
  tmallRefund,
} from './helpers';

/**
 * Keyboard commands (issue 14 item 5): copy the first reply of the case the agent is on,
 * jump to the most urgent case. The clipboard and the page line are the worker's deps here
 * (the offscreen document and the content script are exercised in e2e).
 */

let off: (() => void) | undefined;
beforeEach(freshProfile);
afterEach(() => {
  off?.();
  off = undefined;
  vi.restoreAllMocks();
});

function worker() {
  const copied: string[] = [];
  const cues: Array<{ tabId: number; key?: string; text: string }> = [];
  const activated: number[] = [];
  const s = sentinel(new Clock(NOW), {
    copy: async (text) => {
      copied.push(text);
    },
    cue: async (tabId, d) => {
      cues.push({ tabId, ...d });
    },
  });
  vi.spyOn(fakeBrowser.tabs, 'update').mockImplementation((async (id: number) => {
    activated.push(id);
    return { id, windowId: 1 };
  }) as never);
  fakeAsync(fakeBrowser.windows, 'update', async () => ({}));
  return Object.assign(s, { copied, cues, activated });
}

const activeTab = (id: number) => fakeAsync(fakeBrowser.tabs, 'query', async () => [{ id }]);

/** Tab 5: a list of two refunds (the second due sooner); tab 6: one refund due sooner still. */
async function twoTabs(s: ReturnType<typeof worker>) {
  await s.handlers.reportPage(
    {
      url: URL_LIST,
      cases: [
        tmallRefund({ refundId: '501', platformCountdown: '剩余2天0时0分0秒' }, 0),
        tmallRefund({ refundId: '502', platformCountdown: '剩余1天0时0分0秒' }, 1),
      ],
    },
    senders.contentScript(URL_LIST, 5),
  );
  await s.handlers.reportPage(
    { url: URL_DETAIL, cases: [tmallRefund({ refundId: '601', platformCountdown: '剩余0天2时0分0秒' })] },
    senders.contentScript(URL_DETAIL, 6),
  );
  await s.settled();
}

const replyOf = async (s: ReturnType<typeof worker>, key: string) =>
  (await s.handlers.getCase({ key }, senders.sidePanel())).case!.guidance.replies[0]!;

describe('copy the first reply (Alt+Shift+V)', () => {
  it('copies the first reply of the active tab’s first case and says which case on the page', async () => {
    const s = worker();
    await twoTabs(s);
    activeTab(5);
    const r = await s.commands.run('copy-first-reply');
    // the tab's first case in the queue order: 502 (due in 1 day) before 501
    const reply = await replyOf(s, 'tmall:refund:502');
    expect(r).toEqual({ done: 'copied', key: 'tmall:refund:502', replyId: reply.id });
    expect(s.copied).toEqual([reply.text]);
    expect(s.cues).toEqual([
      { tabId: 5, key: 'tmall:refund:502', text: `已复制回复「${reply.title.zh}」（退款编号 502）` },
    ]);
  });

  it('a badge click on the tab chooses the case; a focus made on another tab does not', async () => {
    const s = worker();
    await twoTabs(s);
    activeTab(5);
    await s.handlers.focusCase({ key: 'tmall:refund:501' }, senders.contentScript(URL_LIST, 5));
    expect((await s.commands.run('copy-first-reply'))?.done === 'copied' && s.copied.at(-1)).toBe(
      (await replyOf(s, 'tmall:refund:501')).text,
    );
    await s.handlers.focusCase({ key: 'tmall:refund:601' }, senders.contentScript(URL_DETAIL, 6));
    await s.commands.run('copy-first-reply');
    expect(s.copied.at(-1)).toBe((await replyOf(s, 'tmall:refund:502')).text);
  });

  it('the English line when the agent chose English', async () => {
    const s = worker();
    await s.handlers.saveSettings({ locale: 'en' }, senders.options());
    await twoTabs(s);
    activeTab(6);
    await s.commands.run('copy-first-reply');
    expect(s.cues.at(-1)?.text).toBe(
      `Copied the reply “${(await replyOf(s, 'tmall:refund:601')).title.en}” (Refund no. 601)`,
    );
  });

  it('a page with no case read, or a copy that fails, is said on the page; nothing is claimed as copied', async () => {
    const s = worker();
    await s.handlers.reportPage({ url: URL_LIST, cases: [] }, senders.contentScript(URL_LIST, 5));
    activeTab(5);
    expect(await s.commands.run('copy-first-reply')).toEqual({ done: 'nothing', why: 'no-case' });
    expect(s.cues).toEqual([{ tabId: 5, text: '本页还没有读到售后，没有可复制的回复' }]);

    const failing = sentinel(new Clock(NOW), {
      copy: () => Promise.reject(new Error('no clipboard')),
      cue: async (tabId, d) => void s.cues.push({ tabId, ...d }),
    });
    await failing.handlers.reportPage(
      { url: URL_DETAIL, cases: [tmallRefund()] },
      senders.contentScript(URL_DETAIL, 6),
    );
    activeTab(6);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await failing.commands.run('copy-first-reply')).toEqual({ done: 'nothing', why: 'copy-failed' });
    expect(s.cues.at(-1)?.text).toBe('复制失败，请在侧边栏里点“复制”');
  });

  it('the browser’s command event reaches the worker (registered listener)', async () => {
    const s = worker();
    off = registerWorker(s);
    await twoTabs(s);
    activeTab(6);
    pressCommand('copy-first-reply');
    await vi.waitFor(() => expect(s.copied).toHaveLength(1));
    expect(s.copied[0]).toBe((await replyOf(s, 'tmall:refund:601')).text);
  });
});

describe('jump to the most urgent case (Alt+Shift+J)', () => {
  it('brings the most urgent case’s tab forward, focuses it for the panel and cues its badge', async () => {
    const s = worker();
    await twoTabs(s);
    activeTab(5);
    expect(await s.commands.run('jump-most-urgent')).toEqual({
      done: 'focused',
      key: 'tmall:refund:601',
      tabId: 6,
    });
    expect(s.activated).toEqual([6]);
    expect((await s.handlers.getFocusedCase(undefined, senders.sidePanel())).key).toBe('tmall:refund:601');
    expect(s.cues).toEqual([{ tabId: 6, key: 'tmall:refund:601', text: '最紧急的售后：退款编号 601' }]);
    expect(s.broadcasts).toContain(6);
    // and the copy that follows copies that case's reply
    activeTab(6);
    await s.commands.run('copy-first-reply');
    expect(s.copied).toEqual([(await replyOf(s, 'tmall:refund:601')).text]);
  });

  it('with no open case it says so, and an unknown command does nothing', async () => {
    const s = worker();
    await s.handlers.reportPage({ url: URL_LIST, cases: [] }, senders.contentScript(URL_LIST, 5));
    activeTab(5);
    expect(await s.commands.run('jump-most-urgent')).toEqual({ done: 'nothing', why: 'queue-empty' });
    expect(s.cues).toEqual([{ tabId: 5, text: '打开的页面里没有待处理的售后' }]);
    expect(await s.commands.run('no-such-command')).toBeNull();
    expect(s.activated).toEqual([]);
  });
});
