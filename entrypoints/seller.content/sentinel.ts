import type { PanelRead } from '../../core/model/facts';
import { BADGE_TAG, isBadgeHost, type BadgeLocale, type ThresholdsHours } from '../../components/countdown-badge';
import type { CaseView } from '../background/messaging';
import { LIMITS } from '../background/case-key';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BadgeLayer, type BadgeEntry, type LayerContext } from './badge-layer';
import { badgeModelFor, unreadableText } from './badge-model';

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
 * All of them are written together when a pass has finished (data-as-passes last).
 */

export interface ReadResult {
  cases: Array<PanelRead & { anchor: Element }>;
  tried: string[];
  errors: Array<{ adapter: string; message: string }>;
  /** Page-level unreadable fields, when the reader reports them. */
  unreadable?: string[];
}

export type SentinelContext = LayerContext & Pick<ContentScriptContext, 'isInvalid' | 'setTimeout'>;

export interface SentinelDeps {
  read(root: Document, url: string): ReadResult;
  report(d: { url: string; cases: PanelRead[]; unreadable?: { tried: string[]; fields: string[] }; append?: boolean }): Promise<{ cases: CaseView[] }>;
  focus(key: string): void;
  settings?(): Promise<{ warningThresholdsHours?: ThresholdsHours; locale?: BadgeLocale }>;
  now?: () => number;
  /** Debounce for DOM changes (ms). */
  debounceMs?: number;
}

/** The background refuses reports of more cases than this. */
export const CASES_PER_REPORT = LIMITS.casesPerReport;
/** Characters of one report's cases, leaving room for the rest of the payload under LIMITS.reportJsonChars. */
export const REPORT_CHARS = Math.floor(LIMITS.reportJsonChars * 0.8);
/** A scraped text longer than this is no real field value: it is reported unreadable, not sent. */
export const MAX_FACT_CHARS = 1000;
const MAX_URL_CHARS = LIMITS.urlChars;

/** The page URL as reported: a hostile over-long URL loses its query and hash. */
export function reportUrl(href: string): string {
  if (href.length <= MAX_URL_CHARS) return href;
  try {
    const u = new URL(href);
    return `${u.origin}${u.pathname}`.slice(0, MAX_URL_CHARS);
  } catch {
    return href.slice(0, MAX_URL_CHARS);
  }
}

/**
 * A read as it may be sent: a text fact longer than MAX_FACT_CHARS (a hostile or broken
 * page) is left out and listed as unreadable, so the report still passes the worker's schema.
 */
export function boundedRead(read: PanelRead): PanelRead {
  let facts: PanelRead['facts'] | null = null;
  let unreadable: PanelRead['unreadable'] | null = null;
  for (const [key, value] of Object.entries(read.facts)) {
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

/** Slot of the page-level unreadable marker. */
const PAGE_SLOT = 'page:unreadable';
const SETTINGS_TTL_MS = 60_000;

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

export class Sentinel {
  readonly layer: BadgeLayer;
  private timer: number | null = null;
  private lastChange = -Infinity;
  private running = false;
  private dirty = false;
  private passes = 0;
  private lastSignature = '';
  private lastViews: CaseView[] = [];
  private settingsAt = -Infinity;
  private observer: MutationObserver | null = null;
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
      if (records.some((r) => !isOwnOrTickMutation(r))) this.schedule();
    });
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.ctx.onInvalidated(() => this.observer?.disconnect());
    this.ctx.addEventListener(window, 'wxt:locationchange', () => this.schedule(0));
    return this.pass();
  }

  /**
   * Re-read after a change: at once when the page has been quiet for the debounce time
   * (leading edge: one edit shows in the side panel without waiting), else after the burst
   * of changes has been quiet that long.
   */
  schedule(delay?: number): void {
    if (this.ctx.isInvalid) return;
    const debounce = this.deps.debounceMs ?? 150;
    const now = performance.now();
    const quiet = now - this.lastChange >= debounce;
    this.lastChange = now;
    if (delay === undefined && quiet && this.timer === null) {
      void this.pass();
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = this.ctx.setTimeout(() => {
      this.timer = null;
      void this.pass();
    }, delay ?? debounce);
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
      const settings = this.refreshSettings();
      const doc = this.doc;
      const url = reportUrl(doc.location?.href ?? '');
      const t0 = performance.now();
      const result = this.deps.read(doc, url);
      const t1 = performance.now();
      mark(doc, 'read-ms', t1 - t0);
      const reads: PanelRead[] = result.cases.map(({ anchor: _anchor, ...read }) => boundedRead(read));
      const pageFields = result.unreadable ?? [];
      const pageUnreadable = reads.length === 0 && (pageFields.length > 0 || result.errors.length > 0);

      let views = this.lastViews;
      const signature = JSON.stringify([url, reads, pageUnreadable ? pageFields : null]);
      let reportMs = 0;
      if (signature !== this.lastSignature) {
        const r0 = performance.now();
        views = await this.reportAll(url, reads, pageUnreadable ? { tried: result.tried, fields: pageFields } : undefined);
        reportMs = performance.now() - r0;
        if (this.ctx.isInvalid) return;
        this.lastSignature = signature;
        this.lastViews = views;
      }

      await settings;
      const entries: BadgeEntry[] = [];
      const anchors = new Map<string, Element>();
      for (const c of result.cases) anchors.set(`${c.kind}:${c.index}`, c.anchor);
      for (const view of views) {
        const anchor = anchors.get(`${view.read.kind}:${view.read.index}`);
        if (!anchor || !anchor.isConnected) continue;
        const model = badgeModelFor(view, this.layer.locale, this.focus);
        if (model) entries.push({ slot: view.key, anchor, model });
      }
      if (pageUnreadable) {
        const anchor = doc.body ?? doc.documentElement;
        entries.push({ slot: PAGE_SLOT, anchor, model: { kind: 'unreadable', caseKey: null, fields: pageFields, text: unreadableText(pageFields, this.layer.locale) } });
      }
      const { done } = this.layer.reconcile(entries, FIRST_SLICE, SLICE);
      const t2 = performance.now();
      await done;
      if (this.ctx.isInvalid) return;
      const t3 = performance.now();
      this.passes++;
      mark(doc, 'mount-ms', t2 - t1);
      mark(doc, 'mount-all-ms', t3 - t1);
      mark(doc, 'total-ms', t3 - t0);
      mark(doc, 'report-ms', reportMs);
      mark(doc, 'badges', this.layer.size);
      mark(doc, 'passes', this.passes);
    } catch (error) {
      // A failed pass inserts nothing new and leaves the page alone; the next change retries.
      console.warn('[售后哨兵] page pass failed:', error);
    } finally {
      this.running = false;
      if (this.dirty && !this.ctx.isInvalid) {
        this.dirty = false;
        this.schedule(0);
      }
    }
  }

  /** Reports of at most CASES_PER_REPORT cases and REPORT_CHARS characters each (the worker refuses bigger ones). */
  private async reportAll(url: string, cases: PanelRead[], unreadable?: { tried: string[]; fields: string[] }): Promise<CaseView[]> {
    if (cases.length <= CASES_PER_REPORT && JSON.stringify(cases).length <= REPORT_CHARS) {
      return (await this.deps.report({ url, cases, unreadable })).cases;
    }
    const views: CaseView[] = [];
    let chunk: PanelRead[] = [];
    let chars = 0;
    // The first chunk replaces the tab's cases; every later one is appended to them.
    let sent = 0;
    const send = async (part: PanelRead[]) => {
      const append = sent > 0;
      sent += 1;
      views.push(...(await this.deps.report(append ? { url, cases: part, append: true } : { url, cases: part, unreadable })).cases);
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

  private async refreshSettings(): Promise<void> {
    const now = performance.now();
    if (!this.deps.settings || now - this.settingsAt < SETTINGS_TTL_MS) return;
    this.settingsAt = now;
    try {
      const s = await this.deps.settings();
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
