import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import type { PanelRead } from '../../../core/model/facts';
import { createWorker, type WorkerDeps } from '../../../entrypoints/background/worker';
import { coreRules } from '../../../entrypoints/background/rules';

/** Fresh fake browser + fresh IndexedDB (a new profile). */
export function freshProfile(): void {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  const sidePanel = fakeBrowser.sidePanel as unknown as Record<string, unknown>;
  sidePanel.open = vi.fn(async () => undefined);
  sidePanel.setPanelBehavior = vi.fn(async () => undefined);
  const permissions = fakeBrowser.permissions as unknown as Record<string, unknown>;
  permissions.contains = vi.fn(async () => true);
  // The fake browser has no commands event: a minimal one, fired by pressCommand().
  commandListeners.clear();
  (fakeBrowser.commands as unknown as Record<string, unknown>).onCommand = {
    addListener: (fn: (name: string) => void) => commandListeners.add(fn),
    removeListener: (fn: (name: string) => void) => commandListeners.delete(fn),
  };
}

/**
 * Replace an extension API method by an async fake. vitest types a spy by the method's last
 * overload, which for the browser APIs is the callback form (returning void): the API is
 * seen here through its Promise form instead.
 */
export function fakeAsync<T extends object>(
  api: T,
  method: keyof T & string,
  impl: (...args: never[]) => Promise<unknown>,
) {
  return vi
    .spyOn(api as unknown as Record<string, (...args: never[]) => Promise<unknown>>, method)
    .mockImplementation(impl);
}

const commandListeners = new Set<(name: string) => void>();
/** The browser delivering a keyboard command to the registered listeners. */
export function pressCommand(name: string): void {
  for (const fn of commandListeners) fn(name);
}

export class Clock {
  constructor(public ms: number) {}
  now = () => this.ms;
  advance(ms: number) {
    this.ms += ms;
  }
}

export const HOUR = 3_600_000;
/** 2026-11-20 12:00:00 Beijing. */
export const NOW = Date.parse('2026-11-20T12:00:00+08:00');

export function sentinel(clock: Clock, extra: Partial<WorkerDeps> = {}) {
  const broadcasts: number[] = [];
  const s = createWorker({
    rules: coreRules,
    nowMs: clock.now,
    broadcast: async (tabId) => {
      broadcasts.push(tabId);
    },
    ...extra,
  });
  return Object.assign(s, { broadcasts });
}

/** A Tmall refund panel as the page reader reports it (S0's countdown example). */
export function tmallRefund(over: Partial<PanelRead['facts']> = {}, index = 0): PanelRead {
  return {
    kind: 'refund',
    adapter: 'refund-detail',
    platform: 'tmall',
    index,
    unreadable: [],
    facts: {
      refundId: '202611200001',
      orderId: '3921845507761234',
      buyer: 'tb_小鹿2026',
      reason: '卖家缺货',
      refundStatus: '等待商家处理',
      refundAmount: 500,
      paidAmount: 500,
      shippingFee: 0,
      paidAt: '2026-11-19T21:14:05+08:00',
      refundRequestedAt: '2026-11-20T10:02:37+08:00',
      tradeStatus: '买家已付款',
      platformCountdown: '剩余2天23时7分51秒',
      ...over,
    },
  };
}

export const URL_DETAIL = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001';
export const URL_LIST = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm';
export const tab = (id: number) => ({ tab: { id } });

/** The extension's own origin in the fake browser (`chrome-extension://<id>/`). */
export const extensionOrigin = () => fakeBrowser.runtime.getURL('/');
/** Senders as the browser describes them (runtime.MessageSender). */
export const senders = {
  sidePanel: () => ({ id: fakeBrowser.runtime.id, url: `${extensionOrigin()}sidepanel.html` }),
  sidePanelTab: () => ({
    id: fakeBrowser.runtime.id,
    url: `${extensionOrigin()}sidepanel.html`,
    tab: { id: 50, url: `${extensionOrigin()}sidepanel.html` },
  }),
  options: () => ({ id: fakeBrowser.runtime.id, url: `${extensionOrigin()}options.html` }),
  contentScript: (url = URL_DETAIL, tabId = 7) => ({
    id: fakeBrowser.runtime.id,
    url,
    tab: { id: tabId, url },
    frameId: 0,
  }),
  /** What the fake browser's own runtime.sendMessage passes. */
  none: () => ({}),
};

/**
 * Deliver one message to the registered listeners as if `sender` sent it (the fake
 * browser's runtime.sendMessage always passes an empty sender). Rejects with the answer's
 * error message; `undefined` when no listener answers.
 */
export async function sendAs(sender: object, type: string, data?: unknown): Promise<unknown> {
  let respond: (answer: { res?: unknown; err?: { message?: string } }) => void = () => undefined;
  const answered = new Promise<{ res?: unknown; err?: { message?: string } }>(
    (resolve) => (respond = resolve),
  );
  const message = { id: 1, type, data, timestamp: Date.now() };
  const results: unknown[] = await fakeBrowser.runtime.onMessage.trigger(message, sender, respond);
  if (!results.includes(true)) return undefined;
  const { res, err } = await answered;
  if (err) throw new Error(err.message ?? 'error without a message');
  return res;
}

/**
 * A pack file through the options page's path: staged with its preview (importPack), then
 * confirmed by the agent (decidePack). Resolves to decidePack's answer; rejects with the
 * staging error when the pack is refused.
 */
export async function importAndConfirm(
  s: {
    handlers: {
      importPack(
        d: unknown,
      ): Promise<{ ok: true; preview: { token: string } } | { ok: false; error: string }>;
      decidePack(d: unknown): Promise<unknown>;
    };
  },
  json: string,
): Promise<{
  ok: boolean;
  info?: { id: string; version: string; source: string; importedAt: string };
  warnings?: string[];
  error?: string;
}> {
  const staged = await s.handlers.importPack({ json });
  if (!staged.ok) return staged;
  return (await s.handlers.decidePack({ token: staged.preview.token, accept: true })) as { ok: boolean };
}
