import { browser } from '#imports';
import type { AnswerOf, WorkerMessage } from '../../protocol/map';
import { validatePayload, type Validated } from '../../protocol/schemas';
import { originPattern } from '../../protocol/permissions';
import { reportedPageUrl } from '../../protocol/sender-policy';
import {
  badgeView,
  summarizeCase,
  type BadgeView,
  type CaseView,
  type PackInfo,
  type PackPreview,
  type TeamPackStatus,
} from '../../protocol/views';
import { pageTabId, type MessageSender } from './open-tabs';
import { settlementOf } from '../../core/store/payouts';
import type { Services } from './services';
import { saveSettings } from './settings-service';
import { getTeamPackStatus, scheduleTeamPack } from './team-pack';

type Handler<K extends WorkerMessage> = (data: Validated<K>, sender: MessageSender) => Promise<AnswerOf<K>>;
/** One handler per message the worker answers; each gets its payload validated. */
type HandlerTable = { [K in WorkerMessage]: Handler<K> };

/**
 * The worker's answers, one entry per message. Payloads arrive validated (`door` below);
 * the sender policy is checked before (register.ts).
 */
export function createHandlers(s: Services) {
  const ctx = () => Promise.all([s.tabs.state(), s.evaluator.context()]);
  return {
    /**
     * Evaluate the page's cases and answer at once; the tab state is updated in memory, the
     * alarm / badge calls are issued, and the session write and the recent-cases write are
     * queued to start once the answer is posted (readers of the state wait for its write;
     * `settled()` waits for all), without making the page wait. `answer: 'badges'`: BadgeViews instead of CaseViews.
     */
    async reportPage(d, sender): Promise<ReportAnswer<CaseView> | ReportAnswer<BadgeView>> {
      const tabId = pageTabId(sender);
      if (tabId === undefined) throw new Error('reportPage: must be sent by a content script in a tab');
      // The page is the sender's own: a payload naming another page is refused (protocol/sender-policy.ts).
      const url = reportedPageUrl(d.url, sender.url);
      const [[st, c], have, db] = await Promise.all([ctx(), s.alarms.alarms(), s.store()]);
      // From here on synchronous: reports are applied in the order they arrive.
      const applied = s.tabs.apply(st, c, tabId, url, d);
      if (!applied) return { cases: [], resync: true };
      const answer = applied.answer ?? applied.views;
      // A staged chunk changes nothing yet: the page's last chunk commits it (open-tabs.ts).
      if (!applied.staged) {
        s.alarms.deriveAfterReport(st, c, have);
        s.recent.record(st, db, applied.views, applied.changed);
        s.payouts.record(st, db, applied.views);
        s.announce(tabId);
      }
      return { cases: d.answer === 'badges' ? answer.map(badgeView) : answer };
    },

    getTabCases: async (d, sender) => s.tabs.tabCases(d?.tabId ?? pageTabId(sender)),
    getQueue: async () => ({ cases: await s.tabs.queue() }),

    async getTabSummaries(d, sender) {
      const [{ cases, ...rest }, notice] = await Promise.all([
        s.tabs.tabCases(d?.tabId ?? pageTabId(sender)),
        s.notice(),
      ]);
      return { ...rest, cases: cases.map((v) => summarizeCase(v, s.nowMs())), ...(notice ? { notice } : {}) };
    },

    getQueueSummaries: async () => ({
      cases: (await s.tabs.queue()).map((v) => summarizeCase(v, s.nowMs())),
    }),
    getCase: async (d) => ({ case: await s.tabs.get(d.key, d.tabId) }),

    /** Must call sidePanel.open() before any await: the badge click's user gesture expires. */
    focusCase(d, sender): Promise<void> {
      const senderTab = pageTabId(sender);
      if (senderTab !== undefined) {
        try {
          browser.sidePanel
            .open({ tabId: senderTab })
            .catch((e: unknown) => console.warn('[sentinel] side panel not opened', e));
        } catch (e) {
          console.warn('[sentinel] side panel not opened', e);
        }
      }
      return (async () => {
        const tabId = senderTab ?? (await s.tabs.find(d.key))?.tabId ?? null;
        const st = await s.tabs.state();
        st.setFocus({ key: d.key, tabId });
        if (tabId !== null) {
          st.setLastTab(tabId);
          await s.broadcast(tabId);
        }
      })();
    },

    getFocusedCase: async () => {
      const focus = (await s.tabs.state()).focus;
      return { key: focus?.key ?? null, seq: focus?.seq ?? 0 };
    },
    getSettings: async () => (await s.evaluator.settings()).settings,

    saveSettings: (d) =>
      s.serial(async () => {
        const before = (await s.evaluator.settings()).settings.teamPack.url;
        const saved = await saveSettings(await s.store(), d);
        // The old team URL's origin is given back when the URL moves elsewhere (least privilege).
        await releaseOrigin(before, saved.settings.teamPack.url);
        s.evaluator.invalidate();
        await scheduleTeamPack(saved.settings.teamPack.url, saved.settings.teamPack.refreshHours);
        // (re-evaluates every open tab and tells their pages to read again: a platform answer, the locale)
        await s.reevaluateAll();
        return saved.settings;
      }),

    ...packHandlers(s),

    ...ledgerHandlers(s),

    /** The download runs outside the admin queue, with a timeout (team-pack.ts); only the install waits in it. */
    refreshTeamPack: () => s.teamPack.refresh(),
  } satisfies HandlerTable;
}

/** Remove the host permission of the team URL `before` when `after` is on another origin (or none). */
async function releaseOrigin(before: string, after: string): Promise<void> {
  if (!before) return;
  let old: string;
  try {
    old = originPattern(before);
  } catch {
    return;
  }
  let next: string | null = null;
  try {
    next = after ? originPattern(after) : null;
  } catch {
    next = null;
  }
  if (old === next) return;
  try {
    await browser.permissions.remove({ origins: [old] });
  } catch (e) {
    console.warn('[sentinel] old team pack origin not removed', e);
  }
}

/** The rule pack: what is active (and the team pack's state), a file staged then decided, export, reset. */
function packHandlers(s: Services) {
  return {
    async getPackInfo(): Promise<{
      active: PackInfo;
      previous: PackInfo | null;
      team: TeamPackStatus;
      pending: PackPreview | null;
      readOnly: { zh: string; en: string } | null;
    }> {
      const { settings } = await s.evaluator.settings();
      return {
        ...(await s.packs.info()),
        team: await getTeamPackStatus(await s.store(), settings.teamPack.url),
        pending: await s.packs.pending(),
        readOnly: await s.notice(),
      };
    },

    /** A pack file is staged with its preview, never activated here (decidePack does, on the agent's click). */
    importPack: (d) => s.serial(() => s.packs.stage(d.json, 'file')),

    decidePack: (d) =>
      s.serial(async () => {
        const result = await s.packs.decide(d.token, d.accept);
        if (result.ok && !('discarded' in result)) await s.reevaluateAll();
        return result;
      }),

    exportPack: async () => ({ json: await s.packs.exportJson() }),

    resetPack: () =>
      s.serial(async () => {
        const info = await s.packs.reset();
        await s.reevaluateAll();
        return { info };
      }),
  } satisfies Pick<HandlerTable, 'getPackInfo' | 'importPack' | 'decidePack' | 'exportPack' | 'resetPack'>;
}

/** The compensation ledger: a 同意赔付 recorded once, an entry deleted, the list (newest first). */
function ledgerHandlers(s: Services) {
  return {
    recordSettlement: (d) =>
      s.serial(async () => {
        const view = await s.tabs.get(d.key, d.tabId);
        if (!view) throw new Error('recordSettlement: the case is no longer open in a back-office tab');
        if (view.read.kind !== 'complaint')
          throw new Error('recordSettlement: 同意赔付 is recorded on a complaint');
        const seq = await (
          await s.store()
        ).addLedgerOnce(settlementOf(view.key, view.read, d.amount, s.nowIso()));
        if (seq !== null) await s.reevaluateAll();
        return { seq };
      }),

    deleteLedgerEntry: (d) =>
      s.serial(async () => {
        const ok = await (await s.store()).deleteLedgerEntry(d.seq);
        if (ok) await s.reevaluateAll();
        return { ok };
      }),

    async getLedger(d) {
      const all = await (await s.store()).listLedger();
      const entries = d?.caseKey === undefined ? all : all.filter((e) => e.caseKey === d.caseKey);
      return { entries: entries.sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0)) };
    },
  } satisfies Pick<HandlerTable, 'recordSettlement' | 'deleteLedgerEntry' | 'getLedger'>;
}

type ReportAnswer<C> = { cases: C[]; resync?: boolean };
/** reportPage answers BadgeViews when asked for `answer: 'badges'` (the content script), else CaseViews. */
type ReportPageDoor = {
  (data: { answer: 'badges' }, sender?: MessageSender): Promise<ReportAnswer<BadgeView>>;
  (data: unknown, sender?: MessageSender): Promise<ReportAnswer<CaseView>>;
};
type Door<T> = {
  [K in keyof T]: K extends 'reportPage'
    ? ReportPageDoor
    : T[K] extends (data: never, sender: MessageSender) => infer R
      ? (data: unknown, sender?: MessageSender) => R
      : never;
};

/**
 * The handler table behind the payload check: each entry validates its payload first and
 * rejects an invalid one with an Error naming the zod path. Synchronous up to the handler
 * (focusCase keeps its user gesture).
 */
export function door<T extends HandlerTable>(table: T): Door<T> {
  const out: Record<string, (data: unknown, sender?: MessageSender) => unknown> = {};
  for (const type of Object.keys(table) as WorkerMessage[]) {
    const handler = table[type] as (data: unknown, sender: MessageSender) => Promise<unknown>;
    out[type] = (data, sender = {}) => {
      let valid: unknown;
      try {
        valid = validatePayload(type, data);
      } catch (e) {
        return Promise.reject(e);
      }
      return handler(valid, sender);
    };
  }
  return out as Door<T>;
}
