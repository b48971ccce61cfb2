import { browser } from '#imports';
import type { PanelRead } from '../../core/model/facts';
import type { LedgerEntry } from '../../core/model/ledger';
import type { Settings } from '../../core/model/settings';
import { maskPhones, openSentinelStore, toRecentCase, type SentinelStore } from '../../core/store';
import { toBeijingIso } from '../../core/time';
import { notifyText } from './notify-text';
import {
  DEADLINE_ALARM_PREFIX,
  computeCrossings,
  parseAlarmName,
  sortByUrgency,
  uniqueCases,
  urgentCount,
} from './deadline-alarms';
import { sendMessage } from './messaging';
import { PackService } from './pack-service';
import { LIMITS, PAYLOAD_SCHEMAS, caseKey, formatZodError, type CaseView, type PackInfo } from './protocol';
import type { RulesApi } from './rules-api';
import { loadSettings, saveSettings } from './settings-service';
import * as tabs from './tab-state';
import { TEAM_PACK_ALARM, getTeamPackStatus, refreshTeamPack, scheduleTeamPack, type TeamPackStatus } from './team-pack';

export const PURGE_ALARM = 'as-purge-cases';
const DAY_MS = 86_400_000;
const LEDGER_LOOKBACK_DAYS = 400;
const ALARM_TOLERANCE_MS = 60_000;

export interface SentinelDeps {
  rules: RulesApi;
  /** The clock (tests pass a fixed one). Only entrypoints read the real clock. */
  nowMs?: () => number;
  dbName?: string;
  fetchFn?: typeof fetch;
  /** Tell extension pages a tab's cases changed (default: the `casesChanged` message). */
  broadcast?: (tabId: number) => Promise<void>;
}

export interface MessageSender {
  tab?: { id?: number; url?: string; windowId?: number };
  url?: string;
}

type MessageType = keyof typeof PAYLOAD_SCHEMAS;

/**
 * The back-office tab a message came from — only for content scripts. An extension page
 * opened as a tab (the side panel as `sidepanel.html` in a tab) also has `sender.tab`, but
 * it is not a back-office tab.
 */
export function pageTabId(sender: MessageSender): number | undefined {
  const url = sender.url ?? sender.tab?.url ?? '';
  if (/^(chrome|moz|edge)-extension:\/\//.test(url)) return undefined;
  return sender.tab?.id;
}

/** Validate a payload at the background's door; throws an Error naming the zod path. */
export function validatePayload<T extends MessageType>(type: T, data: unknown) {
  const result = PAYLOAD_SCHEMAS[type].safeParse(data);
  if (!result.success) throw new Error(`${type}: invalid payload — ${formatZodError(result.error)}`);
  return result.data as ReturnType<(typeof PAYLOAD_SCHEMAS)[T]['parse']>;
}

const FREE_TEXT_FACTS = ['buyer', 'reason', 'complaintType', 'refundStatus', 'activity'] as const;

/**
 * Free-text facts with phone-number-like runs masked before anything is kept (even in
 * session storage): a 买家 cell or a 退款原因 may carry a phone number; ids and times are
 * validated formats and stay as they are.
 */
export function maskRead(read: PanelRead): PanelRead {
  const facts = { ...read.facts };
  for (const k of FREE_TEXT_FACTS) {
    const v = facts[k];
    if (typeof v === 'string') facts[k] = maskPhones(v);
  }
  return { ...read, facts };
}

function sameRead(a: PanelRead, b: PanelRead): boolean {
  return a.kind === b.kind && a.platform === b.platform && JSON.stringify(a.facts) === JSON.stringify(b.facts) && a.unreadable.join() === b.unreadable.join();
}

export function createSentinel(deps: SentinelDeps) {
  const nowMs = deps.nowMs ?? (() => Date.now());
  const nowIso = () => toBeijingIso(nowMs());
  let storePromise: Promise<SentinelStore> | null = null;
  const store = (): Promise<SentinelStore> =>
    (storePromise ??= openSentinelStore(deps.dbName).catch((e: unknown) => {
      storePromise = null;
      throw e;
    }));
  const packs = new PackService(store, deps.rules, nowIso);
  const broadcast =
    deps.broadcast ??
    (async (tabId: number) => {
      await sendMessage('casesChanged', { tabId }).catch(() => undefined);
    });

  // Serialise state changes within one worker lifetime (not a timer: just ordering).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn);
    queue = p.catch(() => undefined);
    return p;
  };

  async function ledger(): Promise<LedgerEntry[]> {
    const since = toBeijingIso(nowMs() - LEDGER_LOOKBACK_DAYS * DAY_MS);
    const rows = await (await store()).listLedger(since);
    return rows.map(({ seq: _seq, confirmedAt: _c, ...entry }) => entry);
  }

  /**
   * Evaluate reads for a tab. A case already known in this tab with exactly the same read
   * keeps its evaluation instant (`seenAt`): the page's countdown text (剩余…) was read at
   * that instant, so re-evaluating it "now" would move the due time. Pack, settings and
   * ledger changes still apply; only the anchor instant is kept.
   */
  async function evaluateReads(
    reads: PanelRead[],
    tabId: number,
    url: string,
    prior: CaseView[] = [],
  ): Promise<{ views: CaseView[]; settings: Settings }> {
    const [{ settings }, { pack }, entries] = await Promise.all([loadSettings(await store()), packs.active(), ledger()]);
    const now = nowIso();
    const before = new Map(prior.map((c) => [c.key, c]));
    const views: CaseView[] = [];
    const keys = new Set<string>();
    for (const read of reads) {
      const key = caseKey(read);
      if (keys.has(key)) continue;
      keys.add(key);
      const prev = before.get(key);
      const at = prev && sameRead(prev.read, read) ? prev.seenAt : now;
      const platform = settings.platformProfile === 'auto' ? read.platform : settings.platformProfile;
      try {
        const profile = settings.ruleProfiles[platform] || undefined;
        const guidance = deps.rules.evaluate(read.facts, pack, { now: at, ledger: entries, platform, kind: read.kind, settings, ...(profile ? { profile } : {}) });
        views.push({ key, tabId, url, read, guidance, seenAt: at });
      } catch (e) {
        // One case the core cannot evaluate must not hide the others.
        console.error('[sentinel] evaluate failed for', key, e);
      }
    }
    return { views, settings };
  }

  async function allCases(): Promise<CaseView[]> {
    return (await tabs.allTabs()).flatMap((t) => t.cases);
  }

  /** Alarms and action badge from the stored state — callable at any time, idempotent. */
  async function refreshDerived(): Promise<void> {
    const [{ settings }, cases] = await Promise.all([loadSettings(await store()), allCases()]);
    const now = nowMs();
    const wanted = computeCrossings(cases, settings.warningThresholdsHours, now);
    const existing = (await browser.alarms.getAll()).filter((a) => a.name.startsWith(DEADLINE_ALARM_PREFIX));
    const wantedByName = new Map(wanted.map((c) => [c.name, c]));
    // An alarm within a minute of the wanted time is kept: Chrome may clamp `when` (30 s
    // minimum for packed extensions) and re-reads of a ticking countdown jitter by a second;
    // recreating would push a near alarm back again and again.
    const close = (a: { name: string; scheduledTime: number }) => {
      const w = wantedByName.get(a.name);
      return w !== undefined && Math.abs(a.scheduledTime - w.when) <= ALARM_TOLERANCE_MS;
    };
    for (const a of existing) if (!close(a)) await browser.alarms.clear(a.name);
    const kept = new Set(existing.filter(close).map((a) => a.name));
    for (const c of wanted) if (!kept.has(c.name)) await browser.alarms.create(c.name, { when: c.when });

    const n = urgentCount(cases, settings.warningThresholdsHours, now);
    await browser.action.setBadgeText({ text: n > 0 ? String(n) : '' });
    await browser.action.setBadgeBackgroundColor({ color: '#d93025' });
    await browser.action.setTitle({ title: n > 0 ? notifyText(settings.locale, 'actionTitle', n) : notifyText(settings.locale, 'name') });
  }

  async function recordRecent(views: CaseView[]): Promise<void> {
    const ms = nowMs();
    try {
      await (await store()).putRecentCases(views.map((v) => toRecentCase(v.key, v.read, v.guidance, v.seenAt, ms)));
    } catch (e) {
      console.error('[sentinel] recent cases not saved', e);
    }
  }

  /** Re-evaluate every open tab's cases (after a pack, settings or ledger change). */
  async function reevaluateAll(): Promise<void> {
    const states = await tabs.allTabs();
    for (const st of states) {
      const { views } = await evaluateReads(
        st.cases.map((c) => c.read),
        st.tabId,
        st.url,
        st.cases,
      );
      await tabs.putTab({ ...st, cases: views, updatedMs: nowMs() });
    }
    await refreshDerived();
    for (const st of states) await broadcast(st.tabId);
  }

  async function findCase(key: string): Promise<CaseView | null> {
    for (const c of await allCases()) if (c.key === key) return c;
    return null;
  }

  async function activeTabId(): Promise<number | null> {
    try {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id ?? null;
    } catch {
      return null;
    }
  }

  async function notifyCrossing(name: string): Promise<void> {
    const parsed = parseAlarmName(name);
    if (!parsed) return;
    const c = await findCase(parsed.caseKey);
    const d = c?.guidance.deadlines.find((x) => x.id === parsed.deadlineId);
    if (!c || !d || parsed.thresholdHours <= 0) return;
    const due = Date.parse(d.dueAt);
    if (due <= nowMs()) return; // too late to warn; the badge and panel show it breached
    const id = `${name}@${d.dueAt}`;
    if (await tabs.wasNotified(id)) return;
    const { settings } = await loadSettings(await store());
    const loc = settings.locale;
    const num = c.read.facts.orderId ?? c.read.facts.refundId;
    const who = num ? `${notifyText(loc, c.read.kind)} ${num}` : notifyText(loc, c.read.kind);
    const label = loc === 'en' ? d.label.en : d.label.zh;
    const hoursLeft = Math.max(1, Math.round((due - nowMs()) / 3_600_000));
    await browser.notifications.create(name, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: notifyText(loc, 'title'),
      message: notifyText(loc, 'message', who, label, hoursLeft, d.dueAt.slice(5, 16).replace('T', ' ')),
      priority: 2,
    });
    await tabs.markNotified(id);
  }

  async function teamStatus(): Promise<TeamPackStatus> {
    const { settings } = await loadSettings(await store());
    return getTeamPackStatus(await store(), settings.teamPack.url);
  }

  const handlers = {
    async reportPage(data: unknown, sender: MessageSender): Promise<{ cases: CaseView[] }> {
      if (typeof data === 'object' && data !== null && JSON.stringify(data).length > LIMITS.reportJsonChars) {
        throw new Error('reportPage: invalid payload — (root): report too large');
      }
      const d = validatePayload('reportPage', data);
      const tabId = pageTabId(sender);
      if (tabId === undefined) throw new Error('reportPage: must be sent by a content script in a tab');
      return serial(async () => {
        const prior = await tabs.getTab(tabId);
        const samePage = prior?.url === d.url ? prior : null;
        const { views } = await evaluateReads(d.cases.map(maskRead), tabId, d.url, samePage?.cases ?? []);
        const kept = d.append && samePage ? samePage.cases.filter((c) => !views.some((v) => v.key === c.key)) : [];
        const unreadable = d.unreadable ?? (d.append ? samePage?.unreadable : undefined);
        await tabs.putTab({ tabId, url: d.url, cases: [...kept, ...views], ...(unreadable ? { unreadable } : {}), updatedMs: nowMs() });
        await recordRecent(views);
        await refreshDerived();
        await broadcast(tabId);
        return { cases: views };
      });
    },

    async getTabCases(data: unknown, sender: MessageSender): Promise<{ tabId: number | null; url: string | null; cases: CaseView[] }> {
      const d = validatePayload('getTabCases', data);
      const own = d?.tabId ?? pageTabId(sender);
      const candidates: Array<number | null | undefined> = [own];
      // The side panel (docked, or opened as its own tab): the active tab when it is a
      // back-office tab, else the back-office tab used most recently, else the focused case's.
      if (own === undefined) candidates.push(await activeTabId(), await tabs.getLastTab(), (await tabs.getFocus())?.tabId);
      for (const id of candidates) {
        if (id === null || id === undefined) continue;
        const st = await tabs.getTab(id);
        if (st) return { tabId: st.tabId, url: st.url, cases: sortByUrgency(st.cases, nowMs()) };
        if (id === own) return { tabId: id, url: null, cases: [] };
      }
      return { tabId: null, url: null, cases: [] };
    },

    async getQueue(data: unknown): Promise<{ cases: CaseView[] }> {
      validatePayload('getQueue', data);
      return { cases: sortByUrgency(uniqueCases(await allCases()), nowMs()) };
    },

    /** Must call sidePanel.open() before any await: the badge click's user gesture expires. */
    focusCase(data: unknown, sender: MessageSender): Promise<void> {
      let d: { key: string };
      try {
        d = validatePayload('focusCase', data);
      } catch (e) {
        return Promise.reject(e);
      }
      const senderTab = pageTabId(sender);
      if (senderTab !== undefined) {
        try {
          browser.sidePanel.open({ tabId: senderTab }).catch((e: unknown) => console.warn('[sentinel] side panel not opened', e));
        } catch (e) {
          console.warn('[sentinel] side panel not opened', e);
        }
      }
      return serial(async () => {
        const tabId = senderTab ?? (await findCase(d.key))?.tabId ?? null;
        await tabs.setFocus({ key: d.key, tabId });
        if (tabId !== null) {
          await tabs.setLastTab(tabId);
          await broadcast(tabId);
        }
      });
    },

    async getFocusedCase(data: unknown): Promise<{ key: string | null }> {
      validatePayload('getFocusedCase', data);
      return { key: (await tabs.getFocus())?.key ?? null };
    },

    async getSettings(data: unknown): Promise<Settings> {
      validatePayload('getSettings', data);
      return (await loadSettings(await store())).settings;
    },

    async saveSettings(data: unknown): Promise<Settings> {
      const d = validatePayload('saveSettings', data);
      return serial(async () => {
        const { settings } = await saveSettings(await store(), d);
        await scheduleTeamPack(settings.teamPack.url, settings.teamPack.refreshHours);
        await reevaluateAll();
        return settings;
      });
    },

    async getPackInfo(data: unknown): Promise<{ active: PackInfo; previous: PackInfo | null; team: TeamPackStatus }> {
      validatePayload('getPackInfo', data);
      return { ...(await packs.info()), team: await teamStatus() };
    },

    async importPack(data: unknown) {
      const d = validatePayload('importPack', data);
      return serial(async () => {
        const result = await packs.importJson(d.json, 'file');
        if (result.ok) await reevaluateAll();
        return result;
      });
    },

    async exportPack(data: unknown): Promise<{ json: string }> {
      validatePayload('exportPack', data);
      return { json: await packs.exportJson() };
    },

    async resetPack(data: unknown): Promise<{ info: PackInfo }> {
      validatePayload('resetPack', data);
      return serial(async () => {
        const info = await packs.reset();
        await reevaluateAll();
        return { info };
      });
    },

    async confirmLedger(data: unknown): Promise<{ ok: true }> {
      const d = validatePayload('confirmLedger', data);
      return serial(async () => {
        await (await store()).addLedgerEntry({ ...d, confirmedAt: nowIso() });
        await reevaluateAll();
        return { ok: true as const };
      });
    },

    async refreshTeamPack(data: unknown): Promise<TeamPackStatus> {
      validatePayload('refreshTeamPack', data);
      return serial(async () => {
        const { settings } = await loadSettings(await store());
        const status = await refreshTeamPack(await store(), packs, settings.teamPack.url, nowIso(), deps.fetchFn);
        if (status.result === 'updated') await reevaluateAll();
        return status;
      });
    },
  };

  const events = {
    async onAlarm(alarm: { name: string }): Promise<void> {
      if (alarm.name === PURGE_ALARM) {
        const { settings } = await loadSettings(await store());
        await (await store()).purgeRecentCases(nowMs() - settings.recentCaseRetentionDays * DAY_MS);
        return;
      }
      if (alarm.name === TEAM_PACK_ALARM) {
        await handlers.refreshTeamPack(undefined);
        return;
      }
      if (alarm.name.startsWith(DEADLINE_ALARM_PREFIX)) {
        await serial(async () => {
          await notifyCrossing(alarm.name);
          await refreshDerived();
        });
      }
    },

    async onTabRemoved(tabId: number): Promise<void> {
      await serial(async () => {
        if (await tabs.removeTab(tabId)) {
          await refreshDerived();
          await broadcast(tabId);
        }
      });
    },

    /** A full navigation starts: the old page's cases go; the new page reports its own. */
    async onTabUpdated(tabId: number, changeInfo: { status?: string; url?: string }): Promise<void> {
      if (changeInfo.status !== 'loading') return;
      await events.onTabRemoved(tabId);
    },

    async onTabActivated(tabId: number): Promise<void> {
      if (await tabs.getTab(tabId)) {
        await tabs.setLastTab(tabId);
        await broadcast(tabId);
      }
    },

    async onNotificationClicked(id: string): Promise<void> {
      const parsed = parseAlarmName(id);
      if (!parsed) return;
      const c = await findCase(parsed.caseKey);
      if (!c) return;
      await tabs.setFocus({ key: c.key, tabId: c.tabId });
      await tabs.setLastTab(c.tabId);
      try {
        const tab = await browser.tabs.update(c.tabId, { active: true });
        if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
      } catch (e) {
        console.warn('[sentinel] could not focus the tab', e);
      }
      await broadcast(c.tabId);
    },

    /**
     * Every worker start (and install / browser startup): side-panel behaviour, the daily
     * purge alarm, the team-pack alarm, drop state of tabs that no longer exist, and
     * recompute deadline alarms + badge from the stored due times.
     */
    async init(): Promise<void> {
      try {
        await browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
      } catch (e) {
        console.warn('[sentinel] side panel behaviour not set', e);
      }
      if (!(await browser.alarms.get(PURGE_ALARM))) {
        await browser.alarms.create(PURGE_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
      }
      await serial(async () => {
        const { settings } = await loadSettings(await store());
        await scheduleTeamPack(settings.teamPack.url, settings.teamPack.refreshHours);
        for (const st of await tabs.allTabs()) {
          const alive = await browser.tabs.get(st.tabId).then(
            (tab) => tab !== undefined,
            () => false,
          );
          if (!alive) await tabs.removeTab(st.tabId);
        }
        await refreshDerived();
      });
    },
  };

  return { handlers, events, packs, store, refreshDerived };
}

export type Sentinel = ReturnType<typeof createSentinel>;
