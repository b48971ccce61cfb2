import { browser } from '#imports';
import type { PanelRead } from '../../core/model/facts';
import { queueOrder } from '../../core/urgency';
import { caseKey, sameRead } from '../../protocol/limits';
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
 * Bounded: storage.session holds 10 MB, and a list tab of 10,000 rows is ~14 MB of reads.
 * A tab's stored form is measured (UTF-8 bytes of its JSON) and kept within
 * TAB_BUDGET_BYTES, and all tabs together within TOTAL_BUDGET_BYTES. Over budget, the
 * most urgent cases (the queue order, core/urgency.ts) keep their reads; the others keep
 * only `seen` (key, read fingerprint, evaluation instant — so the page's countdown text is
 * still read at its original instant when the page reports it again), and the tab is
 * marked `partial`. After a restart a partial tab is asked to report again
 * (`settingsChanged`, events.ts `init`): no case is lost silently.
 *
 * Writes are chained per key and coalesced (a write not yet started takes the newest
 * state); each starts on a task after the current one (`afterAnswer`), so a report is
 * answered before its state is even serialised, and no write is lost; `written()` waits
 * for the writes pending, `settled()` for every one.
 */

/** UTF-8 bytes of a tab's stored JSON, per tab and for all tabs (chrome.storage.session: 10 MB). */
const TAB_BUDGET_BYTES = 3_000_000;
export const TOTAL_BUDGET_BYTES = 6_000_000;

/** A case whose read is not stored: its key, read fingerprint and evaluation instant. */
type SeenEntry = [key: string, fingerprint: string, seenAt: string];

export interface StoredCase {
  read: PanelRead;
  seenAt: string;
}

interface StoredTab {
  tabId: number;
  url: string;
  cases: StoredCase[];
  seen?: SeenEntry[];
  partial?: true;
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
  /** Memory lacks some of the tab's cases (rebuilt from a partial stored form) until the page reports whole. */
  partial?: true;
  /** The cases stored without their read: key → read fingerprint and evaluation instant. */
  seen?: Map<string, { fingerprint: string; seenAt: string }>;
}

const NOTIFIED_KEEP = 1000;
const session = () => browser.storage.session;
const tabKey = (tabId: number) => `tab:${tabId}`;

/** UTF-8 bytes of a string (how the budget is measured). */
function utf8Bytes(str: string): number {
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3; // a surrogate pair: 2 + 2
  }
  return n;
}
const sizeOf = (v: unknown) => utf8Bytes(JSON.stringify(v)) + 1;

/** A short fingerprint of what `sameRead` compares (cyrb53). */
function readFingerprint(read: PanelRead): string {
  const marks = read.secondSource ? `|${JSON.stringify(read.secondSource)}` : '';
  const str = `${read.kind}|${read.platform}|${read.unreadable.join()}|${JSON.stringify(read.facts)}${marks}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The evaluation instant a case reported again keeps: the one of the same read seen before
 * in this tab (stored whole, or only as `seen` after a restart), else none.
 */
export function keptSeenAt(
  prior: TabMem | undefined,
  before: Map<string, StoredCase>,
  key: string,
  read: PanelRead,
): string | undefined {
  const prev = before.get(key);
  if (prev) return sameRead(prev.read, read) ? prev.seenAt : undefined;
  const seen = prior?.seen?.get(key);
  return seen && seen.fingerprint === readFingerprint(read) ? seen.seenAt : undefined;
}

/** The tab's cases, most urgent first (its evaluated views in the queue order; unevaluated ones last). */
function byUrgency(t: TabMem, nowMs: number): StoredCase[] {
  if (!t.views) return t.cases;
  const order = queueOrder(t.views, (v) => v.guidance.deadlines, nowMs);
  const rank = new Map(order.map((v, i) => [v.key, i]));
  const r = (c: StoredCase) => rank.get(caseKey(c.read)) ?? order.length;
  return [...t.cases].sort((a, b) => r(a) - r(b));
}

/**
 * The stored form of a tab within `budget` bytes: every read when they fit; else the most
 * urgent reads, the other cases as `seen` entries (up to half the budget is kept for those),
 * and `partial` when some case is not stored whole.
 */
function toStored(t: TabMem, budget: number, nowMs: number): { value: StoredTab; bytes: number } {
  const head: StoredTab = {
    tabId: t.tabId,
    url: t.url,
    cases: [],
    ...(t.unreadable ? { unreadable: t.unreadable } : {}),
    updatedMs: t.updatedMs,
  };
  const flags = sizeOf({ seen: [], partial: true }); // room for the fields added below
  let bytes = sizeOf(head) + flags;
  const sizes = t.cases.map(sizeOf);
  const all = sizes.reduce((a, b) => a + b, 0);
  if (!t.partial && bytes + all <= budget) {
    return {
      value: { ...head, cases: t.cases.map((c) => ({ read: c.read, seenAt: c.seenAt })) },
      bytes: bytes + all,
    };
  }
  const ordered = byUrgency(t, nowMs);
  const slims: SeenEntry[] = ordered.map((c) => [caseKey(c.read), readFingerprint(c.read), c.seenAt]);
  for (const [key, s] of t.seen ?? []) slims.push([key, s.fingerprint, s.seenAt]);
  const reserve = Math.min(
    slims.reduce((a, e) => a + sizeOf(e), 0),
    budget / 2,
  );
  const cases: StoredCase[] = [];
  for (const c of ordered) {
    const size = sizeOf(c);
    if (bytes + reserve + size > budget) break;
    cases.push({ read: c.read, seenAt: c.seenAt });
    bytes += size;
  }
  const seen: SeenEntry[] = [];
  for (const e of slims.slice(cases.length)) {
    const size = sizeOf(e);
    if (bytes + size > budget) break;
    seen.push(e);
    bytes += size;
  }
  return { value: { ...head, cases, seen, partial: true }, bytes };
}

function fromStored(v: unknown): TabMem | null {
  const s = v as Partial<StoredTab> | undefined;
  if (!s || typeof s.tabId !== 'number' || typeof s.url !== 'string' || !Array.isArray(s.cases)) return null;
  const cases = s.cases
    .filter((c): c is StoredCase => !!c && typeof c === 'object' && !!c.read && typeof c.seenAt === 'string')
    .map((c) => ({ read: c.read, seenAt: c.seenAt }));
  const seen = new Map<string, { fingerprint: string; seenAt: string }>();
  for (const e of Array.isArray(s.seen) ? s.seen : []) {
    if (Array.isArray(e) && e.every((x) => typeof x === 'string'))
      seen.set(e[0], { fingerprint: e[1], seenAt: e[2] });
  }
  return {
    tabId: s.tabId,
    url: s.url,
    cases,
    ...(s.unreadable ? { unreadable: s.unreadable } : {}),
    updatedMs: s.updatedMs ?? 0,
    views: null,
    version: -1,
    ...(s.partial ? { partial: true as const } : {}),
    ...(seen.size ? { seen } : {}),
  };
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

  /** Bytes of each tab's stored form (for the total budget). */
  private readonly storedBytes = new Map<number, number>();

  /** `onDropped`: tabs whose state was dropped because session storage was full; `nowMs`: the clock (urgency order). */
  constructor(
    private readonly onDropped: (tabIds: number[]) => void = () => undefined,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  /** Everything from one `storage.session.get(null)`. */
  static async load(onDropped?: (tabIds: number[]) => void, nowMs?: () => number): Promise<SessionState> {
    const st = new SessionState(onDropped, nowMs);
    const all = await session().get(null);
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith('tab:')) continue;
      const t = fromStored(v);
      if (!t) continue;
      st.tabs.set(t.tabId, t);
      st.storedBytes.set(t.tabId, sizeOf(v));
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
    while (this.pending.size + this.sideWork.size > 0)
      await Promise.allSettled([...this.pending, ...this.sideWork]);
  }

  /** Track a promise (errors are logged, not thrown); `side` work is not waited for by readers. */
  track(p: Promise<unknown>, what: string, side = false): void {
    const set = side ? this.sideWork : this.pending;
    const t = p
      .catch((e: unknown) => console.error(`[sentinel] ${what} failed`, e))
      .finally(() => set.delete(t));
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
        this.storedBytes.delete(tabId);
        return;
      }
      await this.putWithRoom(t);
    });
  }

  /**
   * The tab's stored form within its budget (TAB_BUDGET_BYTES, and what the other tabs
   * leave of TOTAL_BUDGET_BYTES). Should the write fail anyway (the store full of something
   * else), the OTHER tabs' states are dropped oldest first (their pages re-report on the
   * next change) until this one fits.
   */
  private async putWithRoom(t: TabMem): Promise<void> {
    let othersBytes = 0;
    for (const [id, b] of this.storedBytes) if (id !== t.tabId) othersBytes += b;
    const { value, bytes } = toStored(
      t,
      Math.min(TAB_BUDGET_BYTES, TOTAL_BUDGET_BYTES - othersBytes),
      this.nowMs(),
    );
    if (value.partial && !t.partial)
      console.warn(
        '[sentinel] tab',
        t.tabId,
        'stored in part:',
        value.cases.length,
        'of',
        t.cases.length,
        'reads (over the session budget)',
      );
    const write = async () => {
      await session().set({
        [tabKey(t.tabId)]: value,
        ...(this.lastTab !== null ? { lastTab: this.lastTab } : {}),
      });
      this.storedBytes.set(t.tabId, bytes);
    };
    try {
      await write();
      return;
    } catch (e) {
      const others = [...this.tabs.values()]
        .filter((o) => o.tabId !== t.tabId)
        .sort((a, b) => a.updatedMs - b.updatedMs);
      const dropped: number[] = [];
      try {
        for (const old of others) {
          console.warn('[sentinel] session storage full, dropping the cases of tab', old.tabId, e);
          this.tabs.delete(old.tabId);
          dropped.push(old.tabId);
          await session().remove(tabKey(old.tabId));
          this.storedBytes.delete(old.tabId);
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
