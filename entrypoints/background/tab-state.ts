import { browser } from '#imports';
import type { PanelRead } from '../../core/model/facts';
import type { CaseView } from '../../protocol/views';
import { afterAnswer } from './promises';

/**
 * The cases seen per tab, held in memory for the worker's lifetime and persisted to
 * `chrome.storage.session` (survives the worker being stopped, cleared when the browser
 * closes — like the tabs themselves). Memory is only a cache: after a restart it is rebuilt
 * from one `storage.session.get(null)`.
 *
 * Stored layout (compact: the guidance is NOT stored; it is recomputed from the read and
 * its evaluation instant with the active pack, which gives the same due times):
 *   `tab:<id>`  → StoredTab { tabId, url, cases: [{ read, seenAt }], unreadable?, updatedMs }
 *   `focus`     → the case a badge click asked the side panel to show
 *   `lastTab`   → the back-office tab the agent used most recently
 *   `notified`  → crossings already notified (`<alarm name>@<dueAt>`, the last 1,000)
 * Earlier builds stored full CaseViews under `cases`; they carry `read` and `seenAt` too,
 * so they load the same way.
 *
 * Writes are chained per key and coalesced (a write not yet started takes the newest
 * state); each starts on a task after the current one (`afterAnswer`), so a report is
 * answered before its state is even serialised, and no write is lost; `written()` waits
 * for the writes pending, `settled()` for every one.
 */

export interface StoredCase {
  read: PanelRead;
  seenAt: string;
}

interface StoredTab {
  tabId: number;
  url: string;
  cases: StoredCase[];
  unreadable?: { tried: string[]; fields: string[]; waiting?: number };
  updatedMs: number;
}

interface FocusState {
  key: string;
  tabId: number | null;
  /** Counts the focus requests: a second click on the same badge is a new request (the panel scrolls to it again). */
  seq?: number;
}

/** A tab in memory: the stored cases, and their views once evaluated with context `version`. */
export interface TabMem {
  tabId: number;
  url: string;
  cases: StoredCase[];
  unreadable?: { tried: string[]; fields: string[]; waiting?: number };
  updatedMs: number;
  views: CaseView[] | null;
  version: number;
}

const NOTIFIED_KEEP = 1000;
const session = () => browser.storage.session;
const tabKey = (tabId: number) => `tab:${tabId}`;

function toStored(t: TabMem): StoredTab {
  return {
    tabId: t.tabId,
    url: t.url,
    cases: t.cases.map((c) => ({ read: c.read, seenAt: c.seenAt })),
    ...(t.unreadable ? { unreadable: t.unreadable } : {}),
    updatedMs: t.updatedMs,
  };
}

function fromStored(v: unknown): TabMem | null {
  const s = v as Partial<StoredTab> | undefined;
  if (!s || typeof s.tabId !== 'number' || typeof s.url !== 'string' || !Array.isArray(s.cases)) return null;
  const cases = s.cases.filter((c): c is StoredCase => !!c && typeof c === 'object' && !!c.read && typeof c.seenAt === 'string').map((c) => ({ read: c.read, seenAt: c.seenAt }));
  return { tabId: s.tabId, url: s.url, cases, ...(s.unreadable ? { unreadable: s.unreadable } : {}), updatedMs: s.updatedMs ?? 0, views: null, version: -1 };
}

export class SessionState {
  readonly tabs = new Map<number, TabMem>();
  focus: FocusState | null = null;
  lastTab: number | null = null;
  private notified: string[] = [];
  private notifiedSet = new Set<string>();
  private readonly chains = new Map<string, { chain: Promise<void>; queued: boolean }>();
  /** Pending writes of the state itself (readers wait for these). */
  private readonly pending = new Set<Promise<unknown>>();
  /** Other pending work: alarm / badge calls, the recent-cases log (only `settled()` waits). */
  private readonly sideWork = new Set<Promise<unknown>>();

  /** `onDropped`: tabs whose state was dropped because session storage was full. */
  constructor(private readonly onDropped: (tabIds: number[]) => void = () => undefined) {}

  /** Everything from one `storage.session.get(null)`. */
  static async load(onDropped?: (tabIds: number[]) => void): Promise<SessionState> {
    const st = new SessionState(onDropped);
    const all = await session().get(null);
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith('tab:')) continue;
      const t = fromStored(v);
      if (t) st.tabs.set(t.tabId, t);
    }
    const focus = all.focus as FocusState | undefined;
    if (focus && typeof focus.key === 'string') st.focus = focus;
    if (typeof all.lastTab === 'number') st.lastTab = all.lastTab;
    if (Array.isArray(all.notified)) {
      st.notified = (all.notified as unknown[]).filter((x): x is string => typeof x === 'string');
      st.notifiedSet = new Set(st.notified);
    }
    return st;
  }

  /**
   * Wait for the state writes pending NOW (what a reader of the state needs). Not for writes
   * queued later: a reader must not be held back by reports that arrive after it (the side
   * panel's several reads for one refresh would then straddle a newer report).
   */
  async written(): Promise<void> {
    if (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Wait for everything queued so far: state writes and side work. */
  async settled(): Promise<void> {
    while (this.pending.size + this.sideWork.size > 0) await Promise.allSettled([...this.pending, ...this.sideWork]);
  }

  /** Track a promise (errors are logged, not thrown); `side` work is not waited for by readers. */
  track(p: Promise<unknown>, what: string, side = false): void {
    const set = side ? this.sideWork : this.pending;
    const t = p.catch((e: unknown) => console.error(`[sentinel] ${what} failed`, e)).finally(() => set.delete(t));
    set.add(t);
  }

  /** Queue a write of `key`; a queued write that has not started yet is reused (it writes the newest state). */
  private write(key: string, fn: () => Promise<void>): void {
    const prev = this.chains.get(key);
    if (prev?.queued) return;
    const entry = { chain: Promise.resolve(), queued: true };
    entry.chain = (prev?.chain ?? Promise.resolve())
      .catch(() => undefined)
      .then(afterAnswer)
      .then(() => {
        entry.queued = false;
        return fn();
      });
    this.chains.set(key, entry);
    this.track(entry.chain, `saving ${key}`);
  }

  /** Persist the tab's current state (or its removal) and `lastTab`. */
  persistTab(tabId: number): void {
    this.write(tabKey(tabId), async () => {
      const t = this.tabs.get(tabId);
      if (!t) {
        await session().remove(tabKey(tabId));
        return;
      }
      await this.putWithRoom(t);
    });
  }

  /**
   * storage.session holds 10 MB; many long list tabs could fill it: on a failed write the
   * OTHER tabs' states are dropped oldest first (their pages re-report on the next change)
   * until this one fits.
   */
  private async putWithRoom(t: TabMem): Promise<void> {
    const write = () => session().set({ [tabKey(t.tabId)]: toStored(t), ...(this.lastTab !== null ? { lastTab: this.lastTab } : {}) });
    try {
      await write();
      return;
    } catch (e) {
      const others = [...this.tabs.values()].filter((o) => o.tabId !== t.tabId).sort((a, b) => a.updatedMs - b.updatedMs);
      const dropped: number[] = [];
      try {
        for (const old of others) {
          console.warn('[sentinel] session storage full, dropping the cases of tab', old.tabId, e);
          this.tabs.delete(old.tabId);
          dropped.push(old.tabId);
          await session().remove(tabKey(old.tabId));
          try {
            await write();
            return;
          } catch {
            /* still too big: drop the next oldest */
          }
        }
        throw e;
      } finally {
        if (dropped.length) this.onDropped(dropped);
      }
    }
  }

  setFocus(focus: FocusState): void {
    this.focus = { ...focus, seq: (this.focus?.seq ?? 0) + 1 };
    this.write('focus', () => session().set({ focus: this.focus }));
  }

  setLastTab(tabId: number): void {
    this.lastTab = tabId;
    this.write('lastTab', () => session().set({ lastTab: this.lastTab }));
  }

  wasNotified(id: string): boolean {
    return this.notifiedSet.has(id);
  }

  markNotified(id: string): void {
    this.notified = [...this.notified.filter((x) => x !== id), id].slice(-NOTIFIED_KEEP);
    this.notifiedSet = new Set(this.notified);
    this.write('notified', () => session().set({ notified: this.notified }));
  }
}
