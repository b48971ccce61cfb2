import { ReadOnlyStore, StoreDowngradedError, openSentinelStore } from '../../core/store';
import { toBeijingIso } from '../../core/time';
import { sendMessage } from '../../protocol/messaging';
import { AlarmScheduler } from './alarm-scheduler';
import { Evaluator } from './evaluation';
import { createEvents } from './events';
import { createHandlers, door } from './handlers';
import { copyThroughOffscreen } from './clipboard';
import { KeyboardCommands } from './keyboard-commands';
import { Notifier } from './notifier';
import { OpenTabs, bringTabForward } from './open-tabs';
import { PackService } from './pack-service';
import { lazily, serialQueue } from './promises';
import { PayoutRecorder } from './payouts';
import { RecentCasesRecorder } from './recent-cases';
import type { RulesApi } from './rules-api';
import type { Services } from './services';
import { TeamPackRefresher } from './team-pack';
import { ToolbarBadge } from './toolbar-badge';

export interface WorkerDeps {
  rules: RulesApi;
  /** The clock (tests pass a fixed one). Only entrypoints read the real clock. */
  nowMs?: () => number;
  dbName?: string;
  fetchFn?: typeof fetch;
  /** Tell extension pages a tab's cases changed (default: the `casesChanged` message). */
  broadcast?: (tabId: number) => Promise<void>;
  /** Tell a back-office tab's content scripts the settings changed (default: `settingsChanged` to the tab). */
  notifyTab?: (tabId: number) => Promise<void>;
  /** The keyboard commands' clipboard (default: the offscreen document). */
  copy?: (text: string) => Promise<void>;
  /** A keyboard command's line on a back-office tab (default: the `showCue` message to the tab). */
  cue?: (tabId: number, d: { key?: string; text: string }) => Promise<void>;
}

/**
 * The background worker, composed: the services (evaluation context, open tabs, alarm
 * scheduler, notifier, recent-cases recorder, packs, keyboard commands), the message handler table behind the
 * payload check, and the browser events. register.ts wires it to the browser.
 */
/**
 * The store. A database from a newer build (the extension was downgraded): run read-only on
 * the built-in pack and defaults, with a notice, instead of failing every message.
 */
async function openStoreOrReadOnly(dbName: string | undefined) {
  try {
    return await openSentinelStore(dbName);
  } catch (e) {
    if (!(e instanceof StoreDowngradedError)) throw e;
    console.error('[sentinel] database from a newer version: running read-only', e);
    return new ReadOnlyStore(e);
  }
}

/** The side panels are told a tab's cases changed (none open: nothing to do). */
async function casesChangedToPanels(tabId: number): Promise<void> {
  await sendMessage('casesChanged', { tabId }).catch(() => undefined);
}

/** A back-office tab is asked to read its page again (a pack, settings or ledger change). */
async function settingsChangedToTab(tabId: number): Promise<void> {
  await sendMessage('settingsChanged', undefined, tabId).catch(() => undefined);
}

async function showCueInTab(tabId: number, cue: { key?: string; text: string }): Promise<void> {
  await sendMessage('showCue', cue, tabId).catch(() => undefined);
}

export function createWorker(deps: WorkerDeps) {
  const nowMs = deps.nowMs ?? (() => Date.now());
  const nowIso = () => toBeijingIso(nowMs());
  const db = lazily(() => openStoreOrReadOnly(deps.dbName));
  const store = () => db.get();
  const packs = new PackService(store, deps.rules, nowIso);
  // A late enterprise policy is a policy change (events.onManagedChanged): every tab evaluated again.
  const policyLate = () =>
    void serial(() => services.reevaluateAll()).catch((e: unknown) =>
      console.error('[sentinel] late policy', e),
    );
  const evaluator = new Evaluator({ store, packs, rules: deps.rules, nowMs, policyLate });
  const broadcast = deps.broadcast ?? casesChangedToPanels;
  const notifyTab = deps.notifyTab ?? settingsChangedToTab;
  const announce = (tabId: number) => {
    broadcast(tabId).catch((e: unknown) => console.warn('[sentinel] broadcast failed', e));
  };
  const tabs: OpenTabs = new OpenTabs({
    evaluator,
    nowMs,
    nowIso,
    onDropped: (dropped) => {
      // Session storage was full: other tabs' cases were dropped; alarms and badge follow.
      alarms.refresh().catch((e: unknown) => console.error('[sentinel] refresh after drop failed', e));
      dropped.forEach(announce);
    },
  });
  const alarms = new AlarmScheduler({ tabs, evaluator, badge: new ToolbarBadge(), nowMs });
  /** Settings, pack or ledger changed: every tab's cases evaluated again with the new context. */
  const rederive = async () => {
    evaluator.invalidate();
    const [st, c, have] = await Promise.all([tabs.state(), evaluator.context(), alarms.alarms()]);
    alarms.derive(st, c, have); // evaluates every tab with the new context
    return st;
  };
  const serial = serialQueue();

  const services: Services = {
    nowMs,
    nowIso,
    store,
    packs,
    evaluator,
    tabs,
    alarms,
    notifier: new Notifier({ tabs, evaluator, nowMs }),
    recent: new RecentCasesRecorder(nowMs),
    // (not awaiting `settled()`: the payout write is itself side work of the report)
    payouts: new PayoutRecorder(async () => {
      const st = await rederive();
      for (const id of st.tabs.keys()) announce(id);
      // A ledger change: the back-office tabs' badges (compensation caps) follow.
      for (const id of st.tabs.keys())
        notifyTab(id).catch((e: unknown) => console.warn('[sentinel] settingsChanged failed', e));
    }),
    serial,
    warnings: serialQueue(),
    teamPack: new TeamPackRefresher({
      store,
      packs,
      config: async () => (await evaluator.settings()).settings.teamPack,
      nowIso,
      serial,
      ...(deps.fetchFn ? { fetchFn: deps.fetchFn } : {}),
    }),
    broadcast,
    announce,
    notifyTab,
    async reevaluateAll() {
      const st = await rederive();
      await st.settled();
      for (const id of st.tabs.keys()) await broadcast(id);
      // The back-office tabs read again and get fresh badges (a pack, settings or ledger change).
      for (const id of st.tabs.keys())
        notifyTab(id).catch((e: unknown) => console.warn('[sentinel] settingsChanged failed', e));
    },
    async notice() {
      const st = await store();
      return st instanceof ReadOnlyStore ? { zh: st.reason.zh, en: st.reason.message } : null;
    },
    async dropTab(tabId) {
      tabs.dropStaging(tabId);
      const st = await tabs.state();
      if (!st.tabs.delete(tabId)) return false;
      st.persistTab(tabId);
      const [c, have] = await Promise.all([evaluator.context(), alarms.alarms()]);
      alarms.derive(st, c, have);
      return true;
    },
  };
  const commands = new KeyboardCommands({
    tabs,
    evaluator,
    copy: deps.copy ?? copyThroughOffscreen,
    cue: deps.cue ?? showCueInTab,
    activate: bringTabForward,
    broadcast,
  });
  const table = createHandlers(services);
  const handlers = door(table);
  const events = createEvents(services);
  return {
    /** The message handlers behind the payload check (register.ts puts the sender policy in front). */
    handlers,
    events,
    commands,
    packs,
    store,
    refreshDerived: () => alarms.refresh(),
    settled: async () => (await tabs.state()).settled(),
  };
}

export type BackgroundWorker = ReturnType<typeof createWorker>;
