import type { PanelRead, Platform } from '../../core/model/facts';
import { answeredPlatform, type PlatformSettings } from '../../core/model/settings';
import { isRow } from '../../core/pages';
import { BADGE_TAG, isBadgeHost, type BadgeLocale, type ThresholdsHours } from '../../components/countdown-badge';
import type { BadgeView } from '../../protocol/views';
import { LIMITS, boundedPageUrl, caseKey, sameRead } from '../../protocol/limits';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BadgeLayer, type BadgeEntry, type LayerContext } from './badge-layer';
import { badgeModelFor, unreadableText } from './badge-model';
import { badgeText } from './badge-text';

/**
 * The content script's loop: read the page → report the facts → mount badges from the
 * guidance; again after DOM changes (debounced) and in-page navigation. Everything goes
 * through the content-script context, so nothing runs once the extension is reloaded.
 *
 * Measurements for the bench / e2e harness (milliseconds, last pass, on <html>):
 *   data-as-read-ms       reading the page (adapters)
 *   data-as-mount-ms      read done → the first FIRST_SLICE badges mounted (a list's top rows,
 *                         what is on screen); includes the round trip to the worker
 *   data-as-mount-all-ms  read done → every badge mounted (the rest go in on later tasks)
 *   data-as-total-ms      read start → every badge mounted
 *   data-as-report-ms     the reportPage round trip alone (0 when the facts did not change)
 *   data-as-badges        badges on the page;  data-as-passes  passes so far
 *   data-as-rows          rows the pass read on their own (a row-by-row pass); 0: the whole page
 * All of them are written together when a pass has finished (data-as-passes last).
 */

/** A list the page read found (core/pages ListSource; opaque here): its rows can be re-read alone. */
export type ListRef = object;

export type AnchoredRead = PanelRead & { anchor: Element; list?: ListRef };

export interface ReadResult {
  cases: AnchoredRead[];
  tried: string[];
  errors: Array<{ adapter: string; message: string }>;
  /** Page-level unreadable fields, when the reader reports them. */
  unreadable?: string[];
  /** Cases were found, but neither host, page nor agent says 天猫 or 淘宝: no verdict yet. */
  platformUnknown?: { cases: number };
}

export interface ReadOptions {
  /** The agent's platform setting, for pages whose host and page say nothing. */
  fallbackPlatform?: Platform;
}

export type SentinelContext = LayerContext & Pick<ContentScriptContext, 'isInvalid' | 'setTimeout'>;

export interface SentinelDeps {
  read(root: Document, url: string, opts?: ReadOptions): ReadResult;
  /** Whether the content script reads this URL (a workbench route it supports); default: every URL. */
  active?(url: string): boolean;
  /**
   * Rows of a list read before, read again alone after they changed (core/pages
   * rereadRows): one entry per row, null for a row that is no case; null when only a
   * whole read can tell. Without it every change re-reads the whole page.
   */
  reread?(list: ListRef, rows: readonly Element[], url: string): Array<AnchoredRead | null> | null;
  report(d: {
    url: string;
    cases: PanelRead[];
    unreadable?: { tried: string[]; fields: string[]; waiting?: number };
    append?: boolean;
    remove?: string[];
    answer?: 'badges';
  }): Promise<{ cases: BadgeView[]; resync?: boolean }>;
  focus(key: string): void;
  settings?(): Promise<PlatformSettings & { warningThresholdsHours?: ThresholdsHours; locale?: BadgeLocale }>;
  now?: () => number;
  /** Debounce for DOM changes (ms). */
  debounceMs?: number;
  /** The longest a burst of changes postpones a read (ms). */
  maxWaitMs?: number;
}

/** The background refuses reports of more cases than this. */
export const CASES_PER_REPORT = LIMITS.casesPerReport;
/** Characters of one report's cases, leaving room for the rest of the payload under LIMITS.reportJsonChars. */
export const REPORT_CHARS = Math.floor(LIMITS.reportJsonChars * 0.8);
/** A scraped text longer than this is no real field value: it is reported unreadable, not sent. */
export const MAX_FACT_CHARS = 1000;

/** The page URL as reported: a hostile over-long URL loses its query and hash (the worker bounds it the same way). */
export const reportUrl = boundedPageUrl;

/**
 * A read as it may be sent: a text fact longer than MAX_FACT_CHARS (a hostile or broken
 * page) is left out and listed as unreadable, so the report still passes the worker's schema.
 */
export function boundedRead(read: PanelRead): PanelRead {
  let facts: PanelRead['facts'] | null = null;
  let unreadable: PanelRead['unreadable'] | null = null;
  for (const key in read.facts) {
    const value = (read.facts as Record<string, unknown>)[key];
    if (key === 'unreadable' || typeof value !== 'string' || value.length <= MAX_FACT_CHARS) continue;
    facts ??= { ...read.facts };
    unreadable ??= [...read.unreadable];
    delete (facts as Record<string, unknown>)[key];
    const k = key as PanelRead['unreadable'][number];
    if (!unreadable.includes(k)) unreadable.push(k);
  }
  if (!facts || !unreadable) return read;
  return { ...read, facts: { ...facts, unreadable }, unreadable };
}

/**
 * Badges mounted in the task that gets the guidance (a list's top rows, what is on screen);
 * the rest go in together on the next task. One more slice only: every slice that lands in
 * a big table costs the page a table layout (measured: 5 slices of 200 on 1,000 rows took
 * 1.2–1.9 s to finish under load, against one layout for the remainder at once).
 */
export const FIRST_SLICE = 120;
export const SLICE = Infinity;

/** Rows a row-by-row pass reads at most (or a quarter of the list, when more): beyond, the whole page is read. */
export const MAX_ROWS_PER_PATCH = 100;

/** Slot of the page-level unreadable marker. */
const PAGE_SLOT = 'page:unreadable';
const SETTINGS_TTL_MS = 60_000;
/** A page that never stops changing is still read this often (ms). */
export const MAX_WAIT_MS = 600;

/** A platform countdown ticking (`剩余2天23时7分51秒`, `05:12:09`) is not a change worth a re-read. */
const TICKING_TEXT = /^\s*(?:剩余|还剩|仅剩|剩)?\s*(?:(?:\d+\s*(?:天|小时|时|分钟|分|秒)\s*)+|(?:\d+\s*天\s*)?\d{1,3}[:：]\d{2}(?:[:：]\d{2})?)\s*$/;

/**
 * Whether a changed text is (part of) a ticking countdown: the text itself, or — for a bare
 * number such as the `51` of `剩余<em>2</em>天…<em>51</em>秒` — its nearest enclosing text.
 */
function isTicking(node: Node | null): boolean {
  for (let n = node, depth = 0; n && depth < 3; n = n.parentNode, depth++) {
    const text = n.textContent ?? '';
    if (TICKING_TEXT.test(text)) return true;
    if (!/^\s*\d+\s*$/.test(text)) return false;
  }
  return false;
}

export function isOwnOrTickMutation(record: MutationRecord): boolean {
  const target = record.target;
  if (isBadgeHost(target) || (target.nodeType === 1 && (target as Element).closest?.(BADGE_TAG))) return true;
  if (record.type === 'characterData') return isTicking(target);
  if (record.type === 'childList') {
    const nodes = [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)];
    if (nodes.length === 0) return true;
    if (nodes.every((n) => isBadgeHost(n))) return true;
    return nodes.every((n) => isBadgeHost(n) || n.nodeType === 3) && isTicking(target);
  }
  return false;
}

function mark(doc: Document, name: string, value: number): void {
  doc.documentElement.setAttribute(`data-as-${name}`, String(Math.round(value * 100) / 100));
}

/** What the last pass knows about one list row. */
interface RowCase {
  key: string;
  read: PanelRead;
  list: ListRef;
}

function isRowElement(node: Node): node is Element {
  return node.nodeType === 1 && isRow(node as Element);
}

/** Nodes whose coming and going changes no case: whitespace, comments, our own badges. */
function isInert(node: Node): boolean {
  if (node.nodeType === 3) return !(node.textContent ?? '').trim();
  if (node.nodeType === 8) return true;
  return isBadgeHost(node);
}

export class Sentinel {
  readonly layer: BadgeLayer;
  private timer: number | null = null;
  private lastChange = -Infinity;
  /** When the burst the pending timer belongs to began (for the max wait). */
  private burstStart = -Infinity;
  /** The pending timer was asked for at a delay (a route change), not by the debounce. */
  private timerForced = false;
  private running = false;
  private dirty = false;
  private passes = 0;
  /** What the last whole-page pass reported, as text; null: the next one reports whatever it reads. */
  private lastSignature: (() => string) | null = null;
  private lastUrl = '';
  private lastViews: BadgeView[] = [];
  private settingsAt = -Infinity;
  /** The agent's platform setting (undefined: `auto`); known once settings were read. */
  private platformSetting: Platform | undefined;
  private settingsRead: Promise<void> | null = null;
  /** The worker said the settings changed: the next page pass waits for fresh ones. */
  private settingsStale = false;
  private observer: MutationObserver | null = null;
  /**
   * List rows of the last pass, when every case of the page is such a row with its own id
   * (null otherwise): a change inside these rows, or rows added to / removed from their
   * table body, is read, reported and badged row by row instead of as a whole page.
   */
  private rows: Map<Element, RowCase> | null = null;
  private bodies = new Set<Node>();
  /** The row of each case key in `rows`. */
  private rowOfKey = new Map<string, Element>();
  /** Rows changed since the last pass; `wholePage`: a change the rows cannot account for. */
  private changedRows = new Set<Element>();
  private wholePage = true;
  private readonly doc: Document;
  private readonly focus = (key: string) => this.deps.focus(key);

  constructor(
    private readonly ctx: SentinelContext,
    private readonly deps: SentinelDeps,
    doc: Document = document,
  ) {
    this.doc = doc;
    this.layer = new BadgeLayer(ctx, { now: deps.now });
  }

  /** First pass now, then watch the DOM and in-page navigation. */
  start(): Promise<void> {
    const root = this.doc.body ?? this.doc.documentElement;
    this.observer = new MutationObserver((records) => {
      let relevant = false;
      for (const record of records) {
        if (isOwnOrTickMutation(record)) continue;
        relevant = true;
        if (!this.wholePage) this.note(record);
      }
      if (relevant) this.schedule();
    });
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.ctx.onInvalidated(() => this.observer?.disconnect());
    this.ctx.addEventListener(window, 'wxt:locationchange', () => {
      this.wholePage = true;
      this.schedule(0);
    });
    return this.pass();
  }

  /**
   * The worker says the settings changed (the agent answered 天猫 / 淘宝 in the side panel,
   * changed the locale …): ask for them again and read the whole page with them.
   */
  settingsChanged(): void {
    this.settingsAt = -Infinity;
    this.settingsStale = true;
    this.wholePage = true;
    this.schedule(0);
  }

  /** Which rows a DOM change touched; anything else makes the next pass read the whole page. */
  private note(record: MutationRecord): void {
    const rows = this.rows;
    const target = record.target;
    if (!rows) {
      this.wholePage = true;
      return;
    }
    if (record.type === 'childList' && this.bodies.has(target)) {
      for (const n of Array.from(record.addedNodes)) {
        if (isRowElement(n)) this.changedRows.add(n);
        else if (!isInert(n)) this.wholePage = true;
      }
      for (const n of Array.from(record.removedNodes)) {
        if (rows.has(n as Element)) this.changedRows.add(n as Element);
        else if (!isInert(n)) this.wholePage = true;
      }
      return;
    }
    for (let n: Node | null = target; n; n = n.parentNode) {
      if (rows.has(n as Element) || (n.parentNode && this.bodies.has(n.parentNode) && isRowElement(n))) {
        this.changedRows.add(n as Element);
        return;
      }
    }
    this.wholePage = true;
  }

  /**
   * Re-read after a change: at once when the page has been quiet for the debounce time
   * (leading edge: one edit shows in the side panel without waiting), else after the burst
   * of changes has been quiet that long — but never later than the max wait after the
   * burst began (a page that changes something every few milliseconds is still read). A
   * pass asked for at a given delay (a route change: 0) is not pushed back by the DOM
   * changes that come with it.
   */
  schedule(delay?: number): void {
    if (this.ctx.isInvalid) return;
    const debounce = this.deps.debounceMs ?? 150;
    const maxWait = this.deps.maxWaitMs ?? MAX_WAIT_MS;
    const now = performance.now();
    const quiet = now - this.lastChange >= debounce;
    this.lastChange = now;
    if (delay === undefined && quiet && this.timer === null) {
      void this.pass();
      return;
    }
    const forced = delay !== undefined;
    if (this.timer !== null) {
      // The pending pass is due sooner and will read this change too.
      if (this.timerForced && !forced) return;
      clearTimeout(this.timer);
    } else {
      this.burstStart = now;
    }
    const wait = forced ? delay : Math.min(debounce, Math.max(0, this.burstStart + maxWait - now));
    this.timerForced = forced;
    this.timer = this.ctx.setTimeout(() => {
      this.timer = null;
      this.timerForced = false;
      void this.pass();
    }, wait);
  }

  /** One read → report → mount. Concurrent calls collapse into one follow-up pass. */
  async pass(): Promise<void> {
    if (this.ctx.isInvalid) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = true;
    try {
      const changed = this.changedRows;
      const whole = this.wholePage;
      this.changedRows = new Set();
      this.wholePage = false;
      let done = false;
      if (!whole && changed.size > 0) {
        try {
          done = await this.rowPass(changed);
        } catch (error) {
          // The patch did not go through (the worker refused it, or lost the tab): read the whole page now.
          console.warn('[售后哨兵] row update failed, reading the whole page:', error);
        }
      }
      if (!done && !this.ctx.isInvalid) await this.pagePass();
    } catch (error) {
      // A failed pass inserts nothing new and leaves the page alone; the next change retries.
      this.wholePage = true;
      console.warn('[售后哨兵] page pass failed:', error);
    } finally {
      this.running = false;
      if (this.dirty && !this.ctx.isInvalid) {
        this.dirty = false;
        this.schedule(0);
      }
    }
  }

  /** The whole page: read every case, report them (when anything changed), badge them. */
  private async pagePass(): Promise<void> {
    const settings = this.refreshSettings();
    // The first read, and the first after a settings change, wait for the settings: the
    // platform setting decides workbench pages.
    if (this.settingsRead === null || this.settingsStale) {
      this.settingsRead = settings;
      this.settingsStale = false;
      await settings;
    }
    const doc = this.doc;
    const url = reportUrl(doc.location?.href ?? '');
    if (this.deps.active && !this.deps.active(url)) {
      await this.leaveRoute(url);
      return;
    }
    const t0 = performance.now();
    const result = this.deps.read(doc, url, this.platformSetting ? { fallbackPlatform: this.platformSetting } : {});
    const t1 = performance.now();
    mark(doc, 'read-ms', t1 - t0);
    const reads: PanelRead[] = result.cases.map(({ anchor: _anchor, list: _list, ...read }) => boundedRead(read));
    const platformUnknown = result.platformUnknown !== undefined;
    const pageFields = platformUnknown ? ['platform'] : (result.unreadable ?? []);
    const pageUnreadable = reads.length === 0 && (platformUnknown || pageFields.length > 0 || result.errors.length > 0);

    let views = this.lastViews;
    // What was reported, as text: computed when the next pass compares (not before the first badges).
    let text: string | null = null;
    const signature = () => (text ??= JSON.stringify([url, reads, pageUnreadable ? pageFields : null]));
    let reportMs = 0;
    // Nothing read and nothing reported before (a shell whose list lives in a frame, a list
    // still loading): nothing to tell the worker, and another frame's cases stay.
    const nothingToSay = reads.length === 0 && !pageUnreadable && this.lastViews.length === 0;
    if (!nothingToSay && (this.lastSignature === null || signature() !== this.lastSignature())) {
      const r0 = performance.now();
      const waiting = result.platformUnknown?.cases;
      views = await this.reportAll(url, reads, pageUnreadable ? { tried: result.tried, fields: pageFields, ...(waiting ? { waiting } : {}) } : undefined);
      reportMs = performance.now() - r0;
      if (this.ctx.isInvalid) return;
      this.lastViews = views;
    }
    this.lastSignature = signature;
    this.lastUrl = url;

    await settings;
    // Models for the first slice only before it goes on the page; the others after it.
    const anchors = new Map<string, Element>();
    for (const c of result.cases) anchors.set(`${c.kind}:${c.index}`, c.anchor);
    const entryOf = (view: BadgeView): BadgeEntry | null => {
      const anchor = anchors.get(`${view.read.kind}:${view.read.index}`);
      if (!anchor || !anchor.isConnected) return null;
      const model = badgeModelFor(view, this.layer.locale, (this.deps.now ?? Date.now)(), this.focus);
      return model ? { slot: view.key, anchor, model } : null;
    };
    const extra: BadgeEntry[] = [];
    if (pageUnreadable) {
      const anchor = doc.body ?? doc.documentElement;
      const text = platformUnknown ? badgeText(this.layer.locale, 'badge_platform_unknown') : unreadableText(pageFields, this.layer.locale);
      extra.push({ slot: PAGE_SLOT, anchor, model: { kind: 'unreadable', caseKey: null, fields: pageFields, text } });
    }
    const { done } = this.layer.reconcileLazy(views.length, (i) => entryOf(views[i]!), extra, FIRST_SLICE, SLICE);
    const t2 = performance.now();
    // For the next pass (after the first badges are up).
    this.keepRows(result.cases, reads);
    await done;
    if (this.ctx.isInvalid) return;
    this.finish(t0, t1, t2, reportMs, 0);
  }

  /** The rows of a list page, for row-by-row passes; null when some case is no id'd list row. */
  private keepRows(cases: readonly AnchoredRead[], reads: readonly PanelRead[]): void {
    this.rows = null;
    this.bodies = new Set();
    this.rowOfKey = new Map();
    if (!this.deps.reread || cases.length === 0) return;
    const rows = new Map<Element, RowCase>();
    const keys = this.rowOfKey;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      const read = reads[i]!;
      if (!c.list || !c.anchor.parentNode || (read.facts.refundId === undefined && read.facts.orderId === undefined)) return;
      const key = caseKey(read);
      if (keys.has(key) || rows.has(c.anchor)) {
        this.rowOfKey = new Map();
        return;
      }
      keys.set(key, c.anchor);
      rows.set(c.anchor, { key, read, list: c.list });
      this.bodies.add(c.anchor.parentNode);
    }
    this.rows = rows;
  }

  /**
   * Only the rows a change touched: read them again, report what changed (the worker
   * patches the tab's cases: `append` + `remove`), and update their badges. False when
   * only a whole-page pass can tell (a new row with no sibling case, a row that may be a
   * header, a case without its own id, the worker lost the tab); nothing is changed then.
   */
  private async rowPass(changed: ReadonlySet<Element>): Promise<boolean> {
    const rows = this.rows;
    const reread = this.deps.reread;
    const doc = this.doc;
    const url = reportUrl(doc.location?.href ?? '');
    if (!rows || !reread || url !== this.lastUrl) return false;
    // A list re-rendered wholesale (a new page of results in place): one whole read is cheaper, and chunked.
    if (changed.size > Math.max(MAX_ROWS_PER_PATCH, rows.size / 4)) return false;
    const settings = this.refreshSettings();
    const t0 = performance.now();
    const byList = new Map<ListRef, Element[]>();
    const gone: Element[] = [];
    for (const row of changed) {
      if (!row.isConnected || !row.parentNode || !this.bodies.has(row.parentNode)) {
        if (rows.has(row)) gone.push(row);
        continue;
      }
      const list = rows.get(row)?.list ?? this.listNear(row);
      if (!list) return false;
      const group = byList.get(list);
      if (group) group.push(row);
      else byList.set(list, [row]);
    }
    const removed = new Set<string>();
    for (const row of gone) removed.add(rows.get(row)!.key);
    const next = new Map<Element, RowCase | null>();
    const upserts: PanelRead[] = [];
    for (const [list, group] of byList) {
      const found = reread(list, group, url);
      if (!found) return false;
      for (let i = 0; i < group.length; i++) {
        const row = group[i]!;
        const old = rows.get(row);
        const got = found[i];
        if (!got) {
          if (old) removed.add(old.key);
          next.set(row, null);
          continue;
        }
        const { anchor: _anchor, list: _list, ...plain } = got;
        const read = boundedRead({ ...plain, index: this.indexOf(row, rows) });
        if (read.facts.refundId === undefined && read.facts.orderId === undefined) return false;
        const key = caseKey(read);
        if (old && old.key !== key) removed.add(old.key);
        next.set(row, { key, read, list });
        if (!old || old.key !== key || !sameRead(old.read, read)) upserts.push(read);
      }
    }
    const t1 = performance.now();
    mark(doc, 'read-ms', t1 - t0);
    // A key now on two rows: only the whole page's badges can say which is which.
    const claimed = new Map<string, Element>();
    for (const [row, rc] of next) {
      if (!rc) continue;
      const holder = this.rowOfKey.get(rc.key);
      const holderKeeps = holder !== undefined && holder !== row && rows.has(holder) && !gone.includes(holder) && (!next.has(holder) || next.get(holder)?.key === rc.key);
      if (holderKeeps || claimed.has(rc.key)) return false;
      claimed.set(rc.key, row);
    }
    for (const u of upserts) removed.delete(caseKey(u));
    // What one report may carry (the worker refuses more): a bigger change is reported whole, in chunks.
    if (upserts.length > CASES_PER_REPORT || removed.size > CASES_PER_REPORT || JSON.stringify(upserts).length > REPORT_CHARS) return false;

    let views: BadgeView[] = [];
    let reportMs = 0;
    if (upserts.length > 0 || removed.size > 0) {
      const r0 = performance.now();
      const answer = await this.deps.report({ url, cases: upserts, append: true, remove: [...removed] });
      reportMs = performance.now() - r0;
      if (this.ctx.isInvalid) return true;
      if (answer.resync) return false;
      views = answer.cases;
    }
    for (const row of gone) {
      const rc = rows.get(row)!;
      if (this.rowOfKey.get(rc.key) === row) this.rowOfKey.delete(rc.key);
      rows.delete(row);
    }
    for (const row of next.keys()) {
      const old = rows.get(row);
      if (old && this.rowOfKey.get(old.key) === row) this.rowOfKey.delete(old.key);
    }
    for (const [row, rc] of next) {
      if (rc) {
        rows.set(row, rc);
        this.rowOfKey.set(rc.key, row);
      } else rows.delete(row);
    }
    // The next whole-page pass compares against reads this patch does not describe: it reports.
    this.lastSignature = null;

    await settings;
    const rowOf = new Map<string, Element>();
    for (const [row, rc] of next) if (rc) rowOf.set(rc.key, row);
    const entries: BadgeEntry[] = [];
    const dropped = [...removed];
    for (const view of views) {
      const anchor = rowOf.get(view.key);
      const model = anchor && anchor.isConnected ? badgeModelFor(view, this.layer.locale, (this.deps.now ?? Date.now)(), this.focus) : null;
      if (anchor && model) entries.push({ slot: view.key, anchor, model });
      else dropped.push(view.key);
    }
    this.layer.patch(entries, dropped);
    const t2 = performance.now();
    this.finish(t0, t1, t2, reportMs, changed.size);
    return true;
  }

  /** The list of a new row: that of the nearest row above or below it with a case. */
  private listNear(row: Element): ListRef | undefined {
    const rows = this.rows!;
    for (let r = row.previousElementSibling; r; r = r.previousElementSibling) {
      const rc = rows.get(r);
      if (rc) return rc.list;
    }
    for (let r = row.nextElementSibling; r; r = r.nextElementSibling) {
      const rc = rows.get(r);
      if (rc) return rc.list;
    }
    return undefined;
  }

  /** A row's position among the case rows of its body (its index in a whole-page read). */
  private indexOf(row: Element, rows: ReadonlyMap<Element, RowCase>): number {
    let index = 0;
    for (let r = row.previousElementSibling; r; r = r.previousElementSibling) if (rows.has(r)) index++;
    return index;
  }

  private finish(t0: number, t1: number, t2: number, reportMs: number, rows: number): void {
    const doc = this.doc;
    const t3 = performance.now();
    this.passes++;
    mark(doc, 'mount-ms', t2 - t1);
    mark(doc, 'mount-all-ms', t3 - t1);
    mark(doc, 'total-ms', t3 - t0);
    mark(doc, 'report-ms', reportMs);
    mark(doc, 'badges', this.layer.size);
    mark(doc, 'rows', rows);
    mark(doc, 'passes', this.passes);
  }

  /** Reports of at most CASES_PER_REPORT cases and REPORT_CHARS characters each (the worker refuses bigger ones). */
  private async reportAll(url: string, cases: PanelRead[], unreadable?: { tried: string[]; fields: string[]; waiting?: number }): Promise<BadgeView[]> {
    if (cases.length <= CASES_PER_REPORT && JSON.stringify(cases).length <= REPORT_CHARS) {
      return (await this.deps.report({ url, cases, unreadable })).cases;
    }
    const views: BadgeView[] = [];
    let chunk: PanelRead[] = [];
    let chars = 0;
    // The first chunk replaces the tab's cases; every later one is appended to them.
    let sent = 0;
    const send = async (part: PanelRead[]) => {
      const append = sent > 0;
      sent += 1;
      const answer = await this.deps.report(append ? { url, cases: part, append: true } : { url, cases: part, unreadable });
      // The worker lost the first part between two reports: this pass fails, the next one starts over.
      if (answer.resync) throw new Error('the worker lost the first part of the report');
      views.push(...answer.cases);
    };
    for (const c of cases) {
      const size = JSON.stringify(c).length + 1;
      if (chunk.length > 0 && (chunk.length >= CASES_PER_REPORT || chars + size > REPORT_CHARS)) {
        await send(chunk);
        chunk = [];
        chars = 0;
      }
      chunk.push(c);
      chars += size;
    }
    if (chunk.length > 0) await send(chunk);
    return views;
  }

  /**
   * A workbench route the content script does not read (the home page, other tools): no
   * badge stays behind, and the worker forgets the tab's cases. It keeps listening for the
   * route change that brings the agent back to a list or a detail.
   */
  private async leaveRoute(url: string): Promise<void> {
    this.rows = null;
    this.layer.reconcileLazy(0, () => null, [], FIRST_SLICE, SLICE);
    if (this.lastViews.length > 0 || this.lastSignature !== null) {
      this.lastViews = [];
      this.lastSignature = null;
      await this.deps.report({ url, cases: [] }).catch(() => undefined);
    }
    this.lastUrl = url;
  }

  private async refreshSettings(): Promise<void> {
    const now = performance.now();
    if (!this.deps.settings || now - this.settingsAt < SETTINGS_TTL_MS) return;
    this.settingsAt = now;
    try {
      const s = await this.deps.settings();
      const platform = answeredPlatform(s);
      if (platform !== this.platformSetting) {
        this.platformSetting = platform;
        // Pages the setting decides are read again with it.
        if (this.settingsRead !== null) {
          this.lastSignature = null;
          this.wholePage = true;
          this.dirty = true;
        }
      }
      const locale = s.locale ?? this.layer.locale;
      const th = s.warningThresholdsHours ?? this.layer.thresholdsHours;
      if (locale !== this.layer.locale || th.join() !== this.layer.thresholdsHours.join()) {
        this.layer.locale = locale;
        this.layer.thresholdsHours = th;
        this.layer.refreshAll();
      }
    } catch {
      // keep defaults (zh-CN, 4 h / 1 h)
    }
  }
}
