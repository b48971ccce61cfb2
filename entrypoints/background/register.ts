import { browser } from '#imports';
import { onMessage, type ProtocolMap } from './messaging';
import { badgeView } from './case-summary';
import { assertSenderAllowed, type ExtensionSelf } from './sender-policy';
import type { Sentinel } from './sentinel';

type Listener<K extends keyof ProtocolMap> = Parameters<typeof onMessage<K>>[1];

/**
 * `onMessage` behind the sender policy (sender-policy.ts): a sender the table does not
 * allow for `type` is answered with an Error before the handler runs (synchronously, so
 * focusCase keeps its user gesture).
 */
function guardedOn(self: ExtensionSelf) {
  return <K extends keyof ProtocolMap>(type: K, handler: Listener<K>) =>
    onMessage(type, (m) => {
      assertSenderAllowed(type, m.sender, self);
      return handler(m);
    });
}

/**
 * Wire the sentinel to the extension: one listener per message type, each behind the sender
 * policy (payloads are validated inside each handler), and the browser events. Called
 * synchronously at worker start so events that woke the worker are delivered (MV3).
 */
export function registerSentinel(s: Sentinel): () => void {
  const h = s.handlers;
  const onMessage = guardedOn({ origin: browser.runtime.getURL('/'), id: browser.runtime.id });
  const offs = [
    onMessage('reportPage', async (m) => {
      const answer = await h.reportPage(m.data, m.sender);
      // Validated by reportPage: only 'badges' gets here as a string.
      const badges = (m.data as { answer?: unknown }).answer === 'badges';
      return badges ? { ...answer, cases: answer.cases.map(badgeView) } : answer;
    }),
    onMessage('getTabCases', (m) => h.getTabCases(m.data, m.sender)),
    onMessage('getQueue', (m) => h.getQueue(m.data)),
    onMessage('getTabSummaries', (m) => h.getTabSummaries(m.data, m.sender)),
    onMessage('getQueueSummaries', (m) => h.getQueueSummaries(m.data)),
    onMessage('getCase', (m) => h.getCase(m.data)),
    onMessage('focusCase', (m) => h.focusCase(m.data, m.sender)),
    onMessage('getFocusedCase', (m) => h.getFocusedCase(m.data)),
    onMessage('getSettings', (m) => h.getSettings(m.data)),
    onMessage('saveSettings', (m) => h.saveSettings(m.data)),
    onMessage('getPackInfo', (m) => h.getPackInfo(m.data)),
    onMessage('importPack', (m) => h.importPack(m.data)),
    onMessage('exportPack', (m) => h.exportPack(m.data)),
    onMessage('resetPack', (m) => h.resetPack(m.data)),
    onMessage('confirmLedger', (m) => h.confirmLedger(m.data)),
    onMessage('refreshTeamPack', (m) => h.refreshTeamPack(m.data)),
  ];
  const e = s.events;
  const logged =
    <A extends unknown[]>(name: string, fn: (...a: A) => Promise<void>) =>
    (...a: A) => {
      fn(...a).catch((err: unknown) => console.error(`[sentinel] ${name} failed`, err));
    };
  const onAlarm = logged('alarm', (a: { name: string }) => e.onAlarm(a));
  const onRemoved = logged('tab removed', (tabId: number) => e.onTabRemoved(tabId));
  const onUpdated = logged('tab updated', (tabId: number, info: { status?: string; url?: string }) => e.onTabUpdated(tabId, info));
  const onActivated = logged('tab activated', (info: { tabId: number }) => e.onTabActivated(info.tabId));
  const onClicked = logged('notification clicked', (id: string) => e.onNotificationClicked(id));
  const onInit = logged('init', () => e.init());
  // storage.managed's own event: a storage.onChanged listener would also receive every
  // session write of the tab state (old and new values) for nothing.
  const onManaged = logged('managed policy changed', () => e.onManagedChanged());
  // Each event with its listener, added here and removed by the returned function.
  type Listened = { addListener(fn: never): void; removeListener(fn: never): void };
  const listeners: Array<[Listened | undefined, unknown]> = [
    [browser.alarms.onAlarm, onAlarm],
    [browser.tabs.onRemoved, onRemoved],
    [browser.tabs.onUpdated, onUpdated],
    [browser.tabs.onActivated, onActivated],
    [browser.notifications.onClicked, onClicked],
    [browser.runtime.onInstalled, onInit],
    [browser.runtime.onStartup, onInit],
    [browser.storage.managed.onChanged, onManaged],
  ];
  for (const [event, fn] of listeners) event?.addListener(fn as never);
  return () => {
    offs.forEach((off) => off());
    for (const [event, fn] of listeners) event?.removeListener(fn as never);
  };
}
