import { browser } from '#imports';
import type { PanelRead } from '../../core/model/facts';
import { maskPhones } from '../../core/store';
import { queueOrder } from '../../core/urgency';
import { caseKey } from '../../protocol/limits';
import type { Validated } from '../../protocol/schemas';
import type { CaseView, TabCases } from '../../protocol/views';
import { uniqueCases } from './deadline-alarms';
import type { EvalContext, Evaluator } from './evaluation';
import { lazily, type Lazy } from './promises';
import { SessionState, keptSeenAt, type StoredCase, type TabMem } from './tab-state';

/** The part of runtime.MessageSender the worker reads. */
export interface MessageSender {
  tab?: { id?: number; url?: string; windowId?: number };
  url?: string;
}

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

const FREE_TEXT_FACTS = ['buyer', 'reason', 'complaintType', 'refundStatus', 'activity'] as const;

/**
 * Free-text facts with phone-number-like runs masked before anything is kept (even in
 * session storage): a 买家 cell or a 退款原因 may carry a phone number; ids and times are
 * validated formats and stay as they are.
 */
function maskRead(read: PanelRead): PanelRead {
  const facts = { ...read.facts };
  for (const k of FREE_TEXT_FACTS) {
    const v = facts[k];
    if (typeof v === 'string') facts[k] = maskPhones(v);
  }
  // The values of a second-source mark are page text too.
  if (read.secondSource)
    return {
      ...read,
      facts,
      secondSource: read.secondSource.map((m) => ({
        ...m,
        page: maskPhones(m.page),
        script: maskPhones(m.script),
      })),
    };
  return { ...read, facts };
}

/**
 * What a report changed: the cases it carried, evaluated, and the keys new or changed.
 * `staged`: a chunk held back until the page's last chunk (nothing changed yet); `answer`:
 * the views to answer when they are not `views` (the last chunk answers its own cases,
 * while `views` holds the whole page it committed).
 */
interface AppliedReport {
  views: CaseView[];
  changed: Set<string>;
  staged?: true;
  answer?: CaseView[];
}

/** A page reported in chunks, held until its last chunk commits it (at most this many cases). */
interface Staging {
  url: string;
  views: CaseView[];
  keys: Set<string>;
  changed: Set<string>;
  unreadable: Validated<'reportPage'>['unreadable'];
}
const MAX_STAGED_CASES = 20_000;

interface OpenTabsDeps {
  evaluator: Evaluator;
  nowMs: () => number;
  nowIso: () => string;
  /** Session storage was full: these tabs' cases were dropped. */
  onDropped: (tabIds: number[]) => void;
}

/**
 * The cases of the open back-office tabs: the session state (tab-state.ts) and each tab's
 * views, evaluated once per evaluation context; the lists the side panel asks for, in the
 * one queue order (core/urgency.ts).
 */
export class OpenTabs {
  private readonly session: Lazy<SessionState>;
  /** Chunked reports in progress, by tab (memory only: a worker that stops loses them, and the page reports again). */
  private readonly staging = new Map<number, Staging>();

  constructor(private readonly deps: OpenTabsDeps) {
    this.session = lazily(() => SessionState.load(deps.onDropped, deps.nowMs));
  }

  /** The tab states (rebuilt from one storage.session read after a restart). */
  state(): Promise<SessionState> {
    return this.session.get();
  }

  /** A tab's views, evaluated with context `c` (kept until the context changes). */
  viewsOf(t: TabMem, c: EvalContext): CaseView[] {
    if (t.views && t.version === c.version) return t.views;
    const views: CaseView[] = [];
    for (const sc of t.cases) {
      const v = this.deps.evaluator.evaluate(sc.read, caseKey(sc.read), t.tabId, t.url, sc.seenAt, c);
      if (v) views.push(v);
    }
    t.views = views;
    t.version = c.version;
    return views;
  }

  allViews(st: SessionState, c: EvalContext): CaseView[] {
    const out: CaseView[] = [];
    for (const t of st.tabs.values()) out.push(...this.viewsOf(t, c));
    return out;
  }

  /** Whether some tab's views must still be evaluated (after a restart or a context change). */
  unevaluated(st: SessionState, c: EvalContext): boolean {
    for (const t of st.tabs.values()) if (!t.views || t.version !== c.version) return true;
    return false;
  }

  /**
   * A page report applied to its tab — synchronous, so reports apply in the order they
   * arrive. Null when an `append` finds no cases of that page in the tab (the page must be
   * reported whole).
   */
  apply(
    st: SessionState,
    c: EvalContext,
    tabId: number,
    url: string,
    d: Validated<'reportPage'>,
  ): AppliedReport | null {
    const staging = this.staging.get(tabId);
    if (d.staged || (d.append && staging?.url === url)) return this.chunk(st, c, tabId, url, d);
    this.staging.delete(tabId);
    const prior = st.tabs.get(tabId);
    const samePage = prior?.url === url ? prior : undefined;
    if (d.append && !samePage) return null;
    const before = new Map<string, StoredCase>();
    if (samePage) for (const sc of samePage.cases) before.set(caseKey(sc.read), sc);
    const now = this.deps.nowIso();
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
      const kept = keptSeenAt(samePage, before, key, read);
      if (kept === undefined) changed.add(key);
      const v = this.deps.evaluator.evaluate(read, key, tabId, url, kept ?? now, c);
      if (v) views.push(v);
    }
    // Later chunks of a long page (append) add to the cases the earlier chunks reported.
    // A row-by-row update also drops the cases whose rows are gone.
    const removed = new Set(d.append ? d.remove : undefined);
    const keptViews =
      d.append && samePage
        ? this.viewsOf(samePage, c).filter((v) => !keys.has(v.key) && !removed.has(v.key))
        : [];
    const all = [...keptViews, ...views];
    const unreadable = d.unreadable ?? (d.append ? samePage?.unreadable : undefined);
    // An update of a tab rebuilt in part (after a restart) is still partial: only a whole report completes it.
    const partial = d.append ? samePage?.partial : undefined;
    st.tabs.set(tabId, {
      tabId,
      url,
      cases: all.map((v) => ({ read: v.read, seenAt: v.seenAt })),
      ...(unreadable ? { unreadable } : {}),
      updatedMs: this.deps.nowMs(),
      views: all,
      version: c.version,
      ...(partial ? { partial, ...(samePage?.seen ? { seen: samePage.seen } : {}) } : {}),
    });
    st.lastTab = tabId;
    st.persistTab(tabId);
    return { views, changed };
  }

  /**
   * One chunk of a page reported in several (more than LIMITS.casesPerReport cases): every
   * chunk but the last is `staged` — evaluated and answered (the badges go up), but the
   * tab's cases, alarms and stored state stay as they were; the last chunk (`append`
   * without `staged`) commits the whole page at once. A worker stopped between chunks keeps
   * the previous page whole, never a part of the new one. Null (resync): a later chunk
   * whose first one is not held (the worker restarted meanwhile).
   */
  private chunk(
    st: SessionState,
    c: EvalContext,
    tabId: number,
    url: string,
    d: Validated<'reportPage'>,
  ): AppliedReport | null {
    let staging = this.staging.get(tabId);
    if (!d.append) {
      staging = { url, views: [], keys: new Set(), changed: new Set(), unreadable: d.unreadable };
      this.staging.set(tabId, staging);
    } else if (!staging || staging.url !== url) {
      return null;
    }
    if (staging.views.length + d.cases.length > MAX_STAGED_CASES) {
      this.staging.delete(tabId);
      throw new Error(`reportPage: a page of more than ${MAX_STAGED_CASES} cases is not kept`);
    }
    const prior = st.tabs.get(tabId);
    const before = new Map<string, StoredCase>();
    if (prior?.url === url) for (const sc of prior.cases) before.set(caseKey(sc.read), sc);
    const now = this.deps.nowIso();
    const views: CaseView[] = [];
    for (const raw of d.cases) {
      const read = maskRead(raw);
      const key = caseKey(read);
      if (staging.keys.has(key)) continue;
      staging.keys.add(key);
      const kept = keptSeenAt(prior?.url === url ? prior : undefined, before, key, read);
      if (kept === undefined) staging.changed.add(key);
      const v = this.deps.evaluator.evaluate(read, key, tabId, url, kept ?? now, c);
      if (v) views.push(v);
    }
    staging.views.push(...views);
    if (d.staged) return { views, changed: new Set(), staged: true };
    // The last chunk: the whole page replaces the tab's cases in one step.
    this.staging.delete(tabId);
    const all = staging.views;
    st.tabs.set(tabId, {
      tabId,
      url,
      cases: all.map((v) => ({ read: v.read, seenAt: v.seenAt })),
      ...(staging.unreadable ? { unreadable: staging.unreadable } : {}),
      updatedMs: this.deps.nowMs(),
      views: all,
      version: c.version,
    });
    st.lastTab = tabId;
    st.persistTab(tabId);
    return { views: all, changed: staging.changed, answer: views };
  }

  /** Forget a tab's chunked report in progress (the tab closed or navigated). */
  dropStaging(tabId: number): void {
    this.staging.delete(tabId);
  }

  /**
   * The cases of tab `own` (a content script's own tab, or the tab the side panel names);
   * without one, the side panel's tab: the active tab when it is a back-office tab, else
   * the back-office tab used most recently, else the focused case's.
   */
  async tabCases(own: number | undefined): Promise<TabCases<CaseView>> {
    const [st, c] = await Promise.all([this.state(), this.deps.evaluator.context()]);
    await st.written();
    const candidates: Array<number | null | undefined> = [own];
    if (own === undefined) candidates.push(await activeTabId(), st.lastTab, st.focus?.tabId);
    for (const id of candidates) {
      if (id === null || id === undefined) continue;
      const t = st.tabs.get(id);
      if (t)
        return {
          tabId: t.tabId,
          url: t.url,
          cases: queueOrder(this.viewsOf(t, c), deadlinesOf, this.deps.nowMs()),
          ...(t.unreadable ? { unreadable: t.unreadable } : {}),
        };
      if (id === own) return { tabId: id, url: null, cases: [] };
    }
    return { tabId: null, url: null, cases: [] };
  }

  /** Every open tab's cases, once each, in the queue order. */
  async queue(): Promise<CaseView[]> {
    const [st, c] = await Promise.all([this.state(), this.deps.evaluator.context()]);
    await st.written();
    return queueOrder(uniqueCases(this.allViews(st, c)), deadlinesOf, this.deps.nowMs());
  }

  /** One case; `tabId`'s copy first (a case open in two tabs), else the first tab's that has it. */
  async get(key: string, tabId?: number): Promise<CaseView | null> {
    const [st, c] = await Promise.all([this.state(), this.deps.evaluator.context()]);
    await st.written();
    const preferred = tabId === undefined ? undefined : st.tabs.get(tabId);
    if (preferred) for (const v of this.viewsOf(preferred, c)) if (v.key === key) return v;
    return this.find(key, st, c);
  }

  /** The first open tab's view of a case (null: no open tab has it). */
  async find(key: string, st?: SessionState, c?: EvalContext): Promise<CaseView | null> {
    const [s, ctx] = st && c ? [st, c] : await Promise.all([this.state(), this.deps.evaluator.context()]);
    for (const t of s.tabs.values()) for (const v of this.viewsOf(t, ctx)) if (v.key === key) return v;
    return null;
  }
}

const deadlinesOf = (v: CaseView) => v.guidance.deadlines;

async function activeTabId(): Promise<number | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id ?? null;
  } catch {
    return null;
  }
}

/** Bring a tab and its window to the front (a notification or keyboard command led the agent there). */
export async function bringTabForward(tabId: number): Promise<void> {
  const tab = await browser.tabs.update(tabId, { active: true });
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}
