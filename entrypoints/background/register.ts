import { browser } from '#imports';
import type { WorkerMessage } from '../../protocol/map';
import { onMessage } from '../../protocol/messaging';
import { SENDER_POLICY, assertSenderAllowed, type ExtensionSelf } from '../../protocol/sender-policy';
import type { MessageSender } from './open-tabs';
import type { BackgroundWorker } from './worker';

/** The messages the worker answers: those the sender policy lets someone send. */
const WORKER_MESSAGES = (Object.keys(SENDER_POLICY) as Array<keyof typeof SENDER_POLICY>).filter(
  (t): t is WorkerMessage => SENDER_POLICY[t].length > 0,
);

/**
 * Wire the worker to the extension: one listener per message of the handler table, each
 * behind the sender policy (protocol/sender-policy.ts: a sender the table does not allow is
 * answered with an Error before the handler runs, synchronously, so focusCase keeps its user
 * gesture), then the browser events. Called synchronously at worker start so events that
 * woke the worker are delivered (MV3).
 */
export function registerWorker(w: BackgroundWorker): () => void {
  const self: ExtensionSelf = { origin: browser.runtime.getURL('/'), id: browser.runtime.id };
  const handlers = w.handlers as Record<
    WorkerMessage,
    (data: unknown, sender: MessageSender) => Promise<unknown>
  >;
  const offs = WORKER_MESSAGES.map((type) =>
    onMessage(type, (m) => {
      assertSenderAllowed(type, m.sender, self);
      return handlers[type](m.data, m.sender) as never;
    }),
  );
  const e = w.events;
  const logged =
    <A extends unknown[]>(name: string, fn: (...a: A) => Promise<void>) =>
    (...a: A) => {
      fn(...a).catch((err: unknown) => console.error(`[sentinel] ${name} failed`, err));
    };
  const onInit = logged('init', () => e.init());
  // Each event with its listener, added here and removed by the returned function.
  // storage.managed's own event: a storage.onChanged listener would also receive every
  // session write of the tab state (old and new values) for nothing.
  type Listened = { addListener(fn: never): void; removeListener(fn: never): void };
  const listeners: Array<[Listened | undefined, unknown]> = [
    [browser.alarms.onAlarm, logged('alarm', (a: { name: string }) => e.onAlarm(a))],
    [browser.tabs.onRemoved, logged('tab removed', (tabId: number) => e.onTabRemoved(tabId))],
    [
      browser.tabs.onUpdated,
      logged('tab updated', (tabId: number, info: { status?: string; url?: string }) =>
        e.onTabUpdated(tabId, info),
      ),
    ],
    [
      browser.tabs.onActivated,
      logged('tab activated', (info: { tabId: number }) => e.onTabActivated(info.tabId)),
    ],
    [
      browser.notifications.onClicked,
      logged('notification clicked', (id: string) => e.onNotificationClicked(id)),
    ],
    [browser.runtime.onInstalled, onInit],
    [browser.runtime.onStartup, onInit],
    [browser.storage.managed.onChanged, logged('managed policy changed', () => e.onManagedChanged())],
    [
      browser.commands?.onCommand,
      logged('keyboard command', async (name: string) => void (await w.commands.run(name))),
    ],
  ];
  for (const [event, fn] of listeners) event?.addListener(fn as never);
  return () => {
    offs.forEach((off) => off());
    for (const [event, fn] of listeners) event?.removeListener(fn as never);
  };
}
