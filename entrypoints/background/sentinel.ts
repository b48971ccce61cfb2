import { browser } from '#imports';
import type { PanelRead } from '../../core/model/facts';
import type { LedgerEntry } from '../../core/model/ledger';
import type { RulePack } from '../../core/model/rule-pack';
import type { Settings } from '../../core/model/settings';
import { maskPhones, openSentinelStore, toRecentCase, type SentinelStore } from '../../core/store';
import { toBeijingIso } from '../../core/time';
import { notifyText } from './notify-text';
import {
  DEADLINE_ALARM_PREFIX,
  computeCrossings,
  missedCrossings,
  parseAlarmName,
  sortByUrgency,
  uniqueCases,
  urgentCount,
} from './deadline-alarms';
import { sendMessage } from './messaging';
import { PackService } from './pack-service';
import { LIMITS, PAYLOAD_SCHEMAS, caseKey, formatZodError, type CaseSummary, type CaseView, type PackInfo, type TabCases } from './protocol';
import { summarizeCase } from './case-summary';
import { sameRead } from './case-key';
import { reportedPageUrl } from './sender-policy';
import type { RulesApi } from './rules-api';
import { loadSettings, saveSettings, type EffectiveSettings } from './settings-service';
import { SessionState, type StoredCase, type TabMem } from './tab-state';
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
  /** Tell a back-office tab's content scripts the settings changed (default: `settingsChanged` to the tab). */
  notifyTab?: (tabId: number) => Promise<void>;
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

interface EvalContext {
  settings: Settings;
  pack: RulePack;
  ledger: LedgerEntry[];
  /** Bumped on every invalidation: views evaluated with an older context are recomputed. */
  version: number;
}

/** Recent cases already written in this worker lifetime are rewritten unchanged at most this often (their last-seen time for the purge). */
const RECENT_REWRITE_MS = 3_600_000;

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
  const notifyTab =
    deps.notifyTab ??
    (async (tabId: number) => {
      await sendMessage('settingsChanged', undefined, tabId).catch(() => undefined);
    });
  /** Tell the extension pages without making the caller wait for them. */
  const announce = (tabId: number) => {
    broadcast(tabId).catch((e: unknown) => console.warn('[sentinel] broadcast failed', e));
  };

  // Serialise the admin changes (settings, packs, ledger) within one worker lifetime.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn);
    queue = p.catch(() => undefined);
    return p;
  };

  // ---- In-memory caches (one worker lifetime; storage stays the truth) ----

  /** Effective settings, active pack and ledger: read once, invalidated on any change. */
  let ctxVersion = 0;
  let ctxPromise: Promise<EvalContext> | null = null;
  let settingsPromise: Promise<EffectiveSettings> | null = null;
  const effectiveSettings = (): Promise<EffectiveSettings> =>
    (settingsPromise ??= store()
      .then((db) => loadSettings(db))
      .catch((e: unknown) => {
        settingsPromise = null;
        throw e;
      }));
  function invalidateContext(): void {
    ctxVersion++;
    ctxPromise = null;
    settingsPromise = null;
  }
  async function loadContext(version: number): Promise<EvalContext> {
    const [{ settings }, { pack }, entries] = await Promise.all([effectiveSettings(), packs.active(), ledger()]);
    return { settings, pack, ledger: entries, version };
  }
  /** The current context; re-awaited if it was invalidated while loading. */
  async function context(): Promise<EvalContext> {
    for (;;) {
      const version = ctxVersion;
      const p = (ctxPromise ??= loadContext(version).catch((e: unknown) => {
        if (ctxVersion === version) ctxPromise = null;
        throw e;
      }));
      const c = await p;
      if (c.version === ctxVersion) return c;
    }
  }

  async function ledger(): Promise<LedgerEntry[]> {
    const since = toBeijingIso(nowMs() - LEDGER_LOOKBACK_DAYS * DAY_MS);
    const rows = await (await store()).listLedger(since);
    return rows.map(({ seq: _seq, confirmedAt: _c, ...entry }) => entry);
  }

  /** Tab states (rebuilt from one storage.session read after a restart). */
  let statePromise: Promise<SessionState> | null = null;
  const state = (): Promise<SessionState> =>
    (statePromise ??= SessionState.load((dropped) => {
      // Session storage was full: other tabs' cases were dropped; alarms and badge follow.
      refreshDerived().catch((e: unknown) => console.error('[sentinel] refresh after drop failed', e));
      dropped.forEach(announce);
    }).catch((e: unknown) => {
      statePromise = null;
      throw e;
    }));

  /** The deadline alarms scheduled now (name → when): one alarms.getAll per worker lifetime. */
  let alarmsPromise: Promise<Map<string, number>> | null = null;
  const scheduled = (): Promise<Map<string, number>> =>
    (alarmsPromise ??= browser.alarms
      .getAll()
      .then((all) => new Map(all.filter((a) => a.name.startsWith(DEADLINE_ALARM_PREFIX)).map((a) => [a.name, a.scheduledTime] as const)))
      .catch((e: unknown) => {
        alarmsPromise = null;
        throw e;
      }));

  /** When each case was last written to the recent-cases store in this lifetime (key → ms). */
  const recorded = new Map<string, number>();
  let lastBadge: string | null = null;

  /** Evaluate one read at its evaluation instant `at`; null when the core cannot (logged). */
  function evaluateCase(read: PanelRead, key: string, tabId: number, url: string, at: string, c: EvalContext): CaseView | null {
    const { settings } = c;
    const platform = settings.platformProfile === 'auto' ? read.platform : settings.platformProfile;
    try {
      const profile = settings.ruleProfiles[platform] || undefined;
      const guidance = deps.rules.evaluate(read.facts, c.pack, { now: at, ledger: c.ledger, platform, kind: read.kind, settings, ...(profile ? { profile } : {}) });
      return { key, tabId, url, read, guidance, seenAt: at };
    } catch (e) {
      // One case the core cannot evaluate must not hide the others.
      console.error('[sentinel] evaluate failed for', key, e);
      return null;
    }
  }

  /** A tab's views, evaluated with context `c` (kept until the context changes). */
  function viewsOf(t: TabMem, c: EvalContext): CaseView[] {
    if (t.views && t.version === c.version) return t.views;
    const views: CaseView[] = [];
    for (const sc of t.cases) {
      const v = evaluateCase(sc.read, caseKey(sc.read), t.tabId, t.url, sc.seenAt, c);
      if (v) views.push(v);
    }
    t.views = views;
    t.version = c.version;
    return views;
  }

  function allViews(st: SessionState, c: EvalContext): CaseView[] {
    const out: CaseView[] = [];
    for (const t of st.tabs.values()) out.push(...viewsOf(t, c));
    return out;
  }

  /**
   * Alarms and action badge from the in-memory state — synchronous: the browser calls are
   * issued at once (in parallel, not awaited one by one) and tracked so `settled()` waits.
   * Only the difference to the alarms already scheduled is sent.
   */
  function deriveNow(st: SessionState, c: EvalContext, have: Map<string, number>): void {
    const cases = allViews(st, c);
    const now = nowMs();
    const thresholds = c.settings.warningThresholdsHours;
    const wanted = computeCrossings(cases, thresholds, now);
    const wantedByName = new Map(wanted.map((x) => [x.name, x]));
    const calls: Array<Promise<unknown>> = [];
    // An alarm within a minute of the wanted time is kept: Chrome may clamp `when` (30 s
    // minimum for packed extensions) and re-reads of a ticking countdown jitter by a second;
    // recreating would push a near alarm back again and again.
    for (const [name, when] of have) {
      const w = wantedByName.get(name);
      if (w !== undefined && Math.abs(when - w.when) <= ALARM_TOLERANCE_MS) continue;
      have.delete(name);
      if (w === undefined) calls.push(browser.alarms.clear(name));
    }
    for (const x of wanted) {
      if (have.has(x.name)) continue;
      have.set(x.name, x.when);
      calls.push(browser.alarms.create(x.name, { when: x.when }));
    }
    const n = urgentCount(cases, thresholds, now);
    const text = n > 0 ? String(n) : '';
    const title = n > 0 ? notifyText(c.settings.locale, 'actionTitle', n) : notifyText(c.settings.locale, 'name');
    const badge = `${text}|${title}`;
    if (badge !== lastBadge) {
      if (lastBadge === null) calls.push(browser.action.setBadgeBackgroundColor({ color: '#d93025' })); // once per worker lifetime
      lastBadge = badge;
      calls.push(browser.action.setBadgeText({ text }), browser.action.setTitle({ title }));
    }
    if (calls.length) st.track(Promise.all(calls), 'alarms / action badge', true);
  }

  /** Whether some tab's views must still be evaluated (after a restart or a context change). */
  function unevaluated(st: SessionState, c: EvalContext): boolean {
    for (const t of st.tabs.values()) if (!t.views || t.version !== c.version) return true;
    return false;
  }

  /**
   * After a report: alarms and badge at once when every tab is evaluated (cheap, in
   * memory); right after the answer otherwise (a restarted worker evaluates the other tabs'
   * stored reads first — the page should not wait for that).
   */
  function deriveAfterReport(st: SessionState, c: EvalContext, have: Map<string, number>): void {
    if (!unevaluated(st, c)) {
      deriveNow(st, c, have);
      return;
    }
    const later = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => Promise.all([state(), context(), scheduled()]))
      .then(([st2, c2, have2]) => deriveNow(st2, c2, have2));
    st.track(later, 'alarms / action badge', true);
  }

  /** Alarms and action badge from the current state — callable at any time, idempotent. */
  async function refreshDerived(): Promise<void> {
    const [st, c, have] = await Promise.all([state(), context(), scheduled()]);
    deriveNow(st, c, have);
    await st.settled();
  }

  /** Write the cases new or changed in this report (and the others once an hour) to the recent-cases store. */
  function recordRecent(st: SessionState, db: SentinelStore, views: CaseView[], changed: Set<string>): void {
    const ms = nowMs();
    const due = views.filter((v) => changed.has(v.key) || (recorded.get(v.key) ?? -Infinity) <= ms - RECENT_REWRITE_MS);
    if (due.length === 0) return;
    for (const v of due) recorded.set(v.key, ms);
    st.track(
      db.putRecentCases(due.map((v) => toRecentCase(v.key, v.read, v.guidance, v.seenAt, ms))).catch((e: unknown) => {
        for (const v of due) recorded.delete(v.key);
        throw e;
      }),
      'recent cases',
      true,
    );
  }

  /** Re-evaluate every open tab's cases (after a pack, settings or ledger change). */
  async function reevaluateAll(): Promise<void> {
    invalidateContext();
    const [st, c, have] = await Promise.all([state(), context(), scheduled()]);
    deriveNow(st, c, have); // evaluates every tab with the new context
    await st.settled();
    for (const id of st.tabs.keys()) await broadcast(id);
  }

  async function findCase(key: string): Promise<CaseView | null> {
    const [st, c] = await Promise.all([state(), context()]);
    for (const t of st.tabs.values()) for (const v of viewsOf(t, c)) if (v.key === key) return v;
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
    const st = await state();
    if (st.wasNotified(id)) return;
    const { settings } = await context();
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
    st.markNotified(id);
  }

  /**
   * An alarm fired (`fired`), or the worker started: the crossing that fired, unless a later
   * crossing of the same deadline has passed too (asleep across both: that one says how close
   * it is now), then every other warning whose alarm never fired in time — each shown once
   * (deadline-alarms missedCrossings; the notified ids persist across worker restarts).
   */
  async function notifyCrossings(fired?: string): Promise<void> {
    const [st, c] = await Promise.all([state(), context()]);
    const missed = missedCrossings(allViews(st, c), c.settings.warningThresholdsHours, nowMs());
    const p = fired === undefined ? null : parseAlarmName(fired);
    if (fired !== undefined && p && !missed.some((x) => x.caseKey === p.caseKey && x.deadlineId === p.deadlineId && x.thresholdHours < p.thresholdHours)) {
      await notifyCrossing(fired);
    }
    for (const x of missed) {
      try {
        await notifyCrossing(x.name);
      } catch (e) {
        console.warn('[sentinel] missed warning not shown', x.name, e);
      }
    }
  }

  async function teamStatus(): Promise<TeamPackStatus> {
    const { settings } = await effectiveSettings();
    return getTeamPackStatus(await store(), settings.teamPack.url);
  }

  /** Drop a tab's cases (closed, or navigated away); true when it had any. */
  async function dropTab(tabId: number): Promise<boolean> {
    const st = await state();
    if (!st.tabs.delete(tabId)) return false;
    st.persistTab(tabId);
    const [c, have] = await Promise.all([context(), scheduled()]);
    deriveNow(st, c, have);
    return true;
  }

  /** The cases of the sender's tab, or for the side panel the tab it should show (getTabCases / getTabSummaries). */
  async function tabCases(d: { tabId?: number | undefined } | null | undefined, sender: MessageSender): Promise<TabCases<CaseView>> {
    const own = d?.tabId ?? pageTabId(sender);
    const [st, c] = await Promise.all([state(), context()]);
    await st.written();
    const candidates: Array<number | null | undefined> = [own];
    // The side panel (docked, or opened as its own tab): the active tab when it is a
    // back-office tab, else the back-office tab used most recently, else the focused case's.
    if (own === undefined) candidates.push(await activeTabId(), st.lastTab, st.focus?.tabId);
    for (const id of candidates) {
      if (id === null || id === undefined) continue;
      const t = st.tabs.get(id);
      if (t) return { tabId: t.tabId, url: t.url, cases: sortByUrgency(viewsOf(t, c), nowMs()), ...(t.unreadable ? { unreadable: t.unreadable } : {}) };
      if (id === own) return { tabId: id, url: null, cases: [] };
    }
    return { tabId: null, url: null, cases: [] };
  }

  /** Every open tab's cases, once each, most urgent first (getQueue / getQueueSummaries). */
  async function queueViews(): Promise<CaseView[]> {
    const [st, c] = await Promise.all([state(), context()]);
    await st.written();
    return sortByUrgency(uniqueCases(allViews(st, c)), nowMs());
  }

  const handlers = {
    /**
     * Evaluate the page's cases and answer at once; the tab state is updated in memory, the
     * alarm / badge calls are issued, and the session write and the recent-cases write are
     * queued (readers of the state wait for its write; `settled()` waits for all), without making the page wait.
     */
    async reportPage(data: unknown, sender: MessageSender): Promise<{ cases: CaseView[]; resync?: boolean }> {
      if (typeof data === 'object' && data !== null && JSON.stringify(data).length > LIMITS.reportJsonChars) {
        throw new Error('reportPage: invalid payload — (root): report too large');
      }
      const d = validatePayload('reportPage', data);
      const tabId = pageTabId(sender);
      if (tabId === undefined) throw new Error('reportPage: must be sent by a content script in a tab');
      // The page is the sender's own: a payload naming another page is refused (sender-policy.ts).
      const url = reportedPageUrl(d.url, sender.url);
      const [st, c, have, db] = await Promise.all([state(), context(), scheduled(), store()]);
      // From here on synchronous: reports are applied in the order they arrive.
      const prior = st.tabs.get(tabId);
      const samePage = prior?.url === url ? prior : undefined;
      // An update of cases this worker does not have (another page, or a lost tab state): the page must report them all.
      if (d.append && !samePage) return { cases: [], resync: true };
      const before = new Map<string, StoredCase>();
      if (samePage) for (const sc of samePage.cases) before.set(caseKey(sc.read), sc);
      const now = nowIso();
      const views: CaseView[] = [];
      const changed = new Set<string>();
      const keys = new Set<string>();
      for (const raw of d.cases) {
        const read = maskRead(raw);
        const key = caseKey(read);
        if (keys.has(key)) continue;
        keys.add(key);
        // A case already known in this tab with exactly the same read keeps its evaluation
        // instant (`seenAt`): the page's countdown text (剩余…) was read at that instant, so
        // re-evaluating it "now" would move the due time.
        const prev = before.get(key);
        const same = prev !== undefined && sameRead(prev.read, read);
        if (!same) changed.add(key);
        const v = evaluateCase(read, key, tabId, url, same ? prev.seenAt : now, c);
        if (v) views.push(v);
      }
      // Later chunks of a long page (append) add to the cases the earlier chunks reported.
      // A row-by-row update also drops the cases whose rows are gone.
      const removed = new Set(d.append ? d.remove : undefined);
      const keptViews = d.append && samePage ? viewsOf(samePage, c).filter((v) => !keys.has(v.key) && !removed.has(v.key)) : [];
      const all = [...keptViews, ...views];
      const unreadable = d.unreadable ?? (d.append ? samePage?.unreadable : undefined);
      st.tabs.set(tabId, {
        tabId,
        url,
        cases: all.map((v) => ({ read: v.read, seenAt: v.seenAt })),
        ...(unreadable ? { unreadable } : {}),
        updatedMs: nowMs(),
        views: all,
        version: c.version,
      });
      st.lastTab = tabId;
      st.persistTab(tabId);
      deriveAfterReport(st, c, have);
      recordRecent(st, db, views, changed);
      announce(tabId);
      return { cases: views };
    },

    async getTabCases(data: unknown, sender: MessageSender): Promise<TabCases<CaseView>> {
      const d = validatePayload('getTabCases', data);
      return tabCases(d, sender);
    },

    async getQueue(data: unknown): Promise<{ cases: CaseView[] }> {
      validatePayload('getQueue', data);
      return { cases: await queueViews() };
    },

    async getTabSummaries(data: unknown, sender: MessageSender): Promise<TabCases<CaseSummary>> {
      const d = validatePayload('getTabSummaries', data);
      const { cases, ...rest } = await tabCases(d, sender);
      return { ...rest, cases: cases.map((v) => summarizeCase(v, nowMs())) };
    },

    async getQueueSummaries(data: unknown): Promise<{ cases: CaseSummary[] }> {
      validatePayload('getQueueSummaries', data);
      return { cases: (await queueViews()).map((v) => summarizeCase(v, nowMs())) };
    },

    async getCase(data: unknown): Promise<{ case: CaseView | null }> {
      const d = validatePayload('getCase', data);
      const [st, c] = await Promise.all([state(), context()]);
      await st.written();
      const preferred = d.tabId === undefined ? undefined : st.tabs.get(d.tabId);
      if (preferred) for (const v of viewsOf(preferred, c)) if (v.key === d.key) return { case: v };
      for (const t of st.tabs.values()) for (const v of viewsOf(t, c)) if (v.key === d.key) return { case: v };
      return { case: null };
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
      return (async () => {
        const tabId = senderTab ?? (await findCase(d.key))?.tabId ?? null;
        const st = await state();
        st.setFocus({ key: d.key, tabId });
        if (tabId !== null) {
          st.setLastTab(tabId);
          await broadcast(tabId);
        }
      })();
    },

    async getFocusedCase(data: unknown): Promise<{ key: string | null }> {
      validatePayload('getFocusedCase', data);
      return { key: (await state()).focus?.key ?? null };
    },

    async getSettings(data: unknown): Promise<Settings> {
      validatePayload('getSettings', data);
      return (await effectiveSettings()).settings;
    },

    async saveSettings(data: unknown): Promise<Settings> {
      const d = validatePayload('saveSettings', data);
      return serial(async () => {
        const saved = await saveSettings(await store(), d);
        invalidateContext();
        await scheduleTeamPack(saved.settings.teamPack.url, saved.settings.teamPack.refreshHours);
        await reevaluateAll();
        // Pages read with the old settings (a platform answer, the locale) read again.
        const st = await state();
        for (const id of st.tabs.keys()) notifyTab(id).catch((e: unknown) => console.warn('[sentinel] settingsChanged failed', e));
        return saved.settings;
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
        const { settings } = await effectiveSettings();
        const status = await refreshTeamPack(await store(), packs, settings.teamPack.url, nowIso(), deps.fetchFn);
        if (status.result === 'updated') await reevaluateAll();
        return status;
      });
    },
  };

  const events = {
    async onAlarm(alarm: { name: string }): Promise<void> {
      if (alarm.name === PURGE_ALARM) {
        const [{ settings }, st] = await Promise.all([effectiveSettings(), state()]);
        await st.settled(); // recent cases still being written
        await (await store()).purgeRecentCases(nowMs() - settings.recentCaseRetentionDays * DAY_MS);
        return;
      }
      if (alarm.name === TEAM_PACK_ALARM) {
        await handlers.refreshTeamPack(undefined);
        return;
      }
      if (alarm.name.startsWith(DEADLINE_ALARM_PREFIX)) {
        await serial(async () => {
          await notifyCrossings(alarm.name);
          await refreshDerived();
        });
      }
    },

    async onTabRemoved(tabId: number): Promise<void> {
      if (await dropTab(tabId)) {
        await (await state()).written();
        await broadcast(tabId);
      }
    },

    /** A full navigation starts: the old page's cases go; the new page reports its own. */
    async onTabUpdated(tabId: number, changeInfo: { status?: string; url?: string }): Promise<void> {
      if (changeInfo.status !== 'loading') return;
      await events.onTabRemoved(tabId);
    },

    async onTabActivated(tabId: number): Promise<void> {
      const st = await state();
      if (st.tabs.has(tabId)) {
        st.setLastTab(tabId);
        await broadcast(tabId);
      }
    },

    /** Enterprise policy changed (storage.managed): the effective settings change. */
    async onManagedChanged(): Promise<void> {
      await serial(() => reevaluateAll());
    },

    async onNotificationClicked(id: string): Promise<void> {
      const parsed = parseAlarmName(id);
      if (!parsed) return;
      const c = await findCase(parsed.caseKey);
      if (!c) return;
      const st = await state();
      st.setFocus({ key: c.key, tabId: c.tabId });
      st.setLastTab(c.tabId);
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
     * recompute deadline alarms + badge from the stored reads and evaluation instants.
     * Reports arriving meanwhile do not wait for it.
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
      const [{ settings }, st] = await Promise.all([effectiveSettings(), state()]);
      await scheduleTeamPack(settings.teamPack.url, settings.teamPack.refreshHours);
      const ids = [...st.tabs.keys()];
      const alive = await Promise.all(
        ids.map((id) =>
          browser.tabs.get(id).then(
            (tab) => tab !== undefined,
            () => false,
          ),
        ),
      );
      ids.forEach((id, i) => {
        if (!alive[i] && st.tabs.delete(id)) st.persistTab(id);
      });
      await refreshDerived();
      await serial(() => notifyCrossings());
    },
  };

  return { handlers, events, packs, store, refreshDerived, settled: async () => (await state()).settled() };
}

export type Sentinel = ReturnType<typeof createSentinel>;
