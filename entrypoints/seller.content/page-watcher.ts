import { badgeTagOf, isBadgeHost } from '../../components/countdown-badge';
import { countdownFields } from '../../core/time/duration';
import type { LayerContext } from './badge-layer';
import { CUE_TAG } from './cue-line';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The part of WXT's ContentScriptContext the content script uses (tests pass the real one). */
export type PageContext = LayerContext & Pick<ContentScriptContext, 'isInvalid' | 'setTimeout'>;

/** A page that never stops changing is still read this often (ms). */
const MAX_WAIT_MS = 600;
const DEBOUNCE_MS = 150;

/**
 * Whether a changed text is (part of) a ticking countdown: the text itself, or — for a bare
 * number such as the `51` of `剩余<em>2</em>天…<em>51</em>秒` — its nearest enclosing text.
 */
function isTicking(node: Node | null): boolean {
  for (let n = node, depth = 0; n && depth < 3; n = n.parentNode, depth++) {
    const text = n.textContent ?? '';
    // A platform countdown ticking (`剩余2天23时7分51秒`, `05:12:09`) is not a change worth a re-read.
    if (countdownFields(text) !== null) return true;
    if (!/^\s*\d+\s*$/.test(text)) return false;
  }
  return false;
}

const isCueLine = (n: Node) => n.nodeType === 1 && (n as Element).localName === CUE_TAG;

/** A DOM change that is our own badges or command line, or a countdown ticking: no reason to read again. */
export function isOwnOrTickMutation(record: MutationRecord): boolean {
  const target = record.target;
  if (
    isBadgeHost(target) ||
    (target.nodeType === 1 && (target as Element).closest?.(badgeTagOf((target as Element).ownerDocument)))
  )
    return true;
  if (record.type === 'characterData') return isTicking(target);
  if (record.type === 'childList') {
    const nodes = [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)];
    if (nodes.length === 0) return true;
    if (nodes.every((n) => isBadgeHost(n) || isCueLine(n))) return true;
    return nodes.every((n) => isBadgeHost(n) || n.nodeType === 3) && isTicking(target);
  }
  return false;
}

/** What changed since the last pass: some rows, or (`whole`) something only a whole read can account for. */
export interface Changes {
  rows: Set<Element>;
  whole: boolean;
}

interface PageWatcherOptions {
  /** The rows a DOM change touched; null: the whole page must be read. */
  touched(record: MutationRecord): Element[] | null;
  /** One pass over what changed (never two at once: the watcher collapses them). */
  pass(changes: Changes): Promise<void>;
  /** Debounce for DOM changes (ms). */
  debounceMs?: number;
  /** The longest a burst of changes postpones a read (ms). */
  maxWaitMs?: number;
  /** Waits before each retry of a failed pass (the last one repeats). */
  retryMs?: readonly number[];
  /** A pass failed (`attempt`: how many in a row); a retry is scheduled. */
  failed?(error: unknown, attempt: number): void;
  /** A pass succeeded after failures. */
  recovered?(): void;
}

/** Backoff of a failing pass: 1 s, 2 s, 5 s, 10 s, then every 30 s. */
const RETRY_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Watches the page (DOM changes, in-page navigation) and runs the passes: debounced, never
 * two at once, the changed rows collected for the next one. Everything goes through the
 * content-script context, so nothing runs once the extension is reloaded.
 */
export class PageWatcher {
  private timer: number | null = null;
  private lastChange = -Infinity;
  /** When the burst the pending timer belongs to began (for the max wait). */
  private burstStart = -Infinity;
  /** The pending timer was asked for at a delay (a route change), not by the debounce. */
  private timerForced = false;
  private running = false;
  private dirty = false;
  private observer: MutationObserver | null = null;
  private changes: Changes = { rows: new Set(), whole: true };
  /** Changes worth a read so far. */
  private changed = 0;
  private ran = false;
  /** Failed passes in a row. */
  private failures = 0;
  private retryTimer: number | null = null;

  constructor(
    private readonly ctx: PageContext,
    private readonly options: PageWatcherOptions,
  ) {}

  /** Watch `root` and in-page navigation. */
  watch(root: Node): void {
    this.observer = new MutationObserver((records) => this.observed(records));
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.ctx.onInvalidated(() => this.observer?.disconnect());
    this.ctx.addEventListener(window, 'wxt:locationchange', () => {
      this.readWhole();
      this.schedule(0);
    });
  }

  /**
   * Counts the page's changes worth a read (not our badges, not a ticking countdown): a read
   * spread over several tasks compares it before and after (`changedSince`).
   */
  get changeCount(): number {
    return this.changed;
  }

  /**
   * Whether the page changed since `changeCount` was `count`, records not yet delivered to
   * the observer included (they are handled now, as the observer would have: the pass they
   * call for is scheduled).
   */
  changedSince(count: number): boolean {
    const pending = this.observer?.takeRecords() ?? [];
    if (pending.length > 0) this.observed(pending);
    return this.changed !== count;
  }

  private observed(records: readonly MutationRecord[]): void {
    let relevant = false;
    for (const record of records) {
      if (isOwnOrTickMutation(record)) continue;
      relevant = true;
      if (!this.changes.whole) this.note(record);
    }
    if (!relevant) return;
    this.changed++;
    this.schedule();
  }

  /** The next pass reads the whole page. */
  readWhole(): void {
    this.changes.whole = true;
  }

  /** Another pass once the running one is done. */
  again(): void {
    this.dirty = true;
  }

  private note(record: MutationRecord): void {
    const rows = this.options.touched(record);
    if (rows === null) this.changes.whole = true;
    else for (const row of rows) this.changes.rows.add(row);
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
    const debounce = this.options.debounceMs ?? DEBOUNCE_MS;
    const maxWait = this.options.maxWaitMs ?? MAX_WAIT_MS;
    const now = performance.now();
    const quiet = now - this.lastChange >= debounce;
    this.lastChange = now;
    if (delay === undefined && quiet && this.timer === null) {
      void this.run();
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
      void this.run();
    }, wait);
  }

  private retry(): void {
    if (this.ctx.isInvalid) return;
    const delays = this.options.retryMs ?? RETRY_MS;
    const wait = delays[Math.min(this.failures - 1, delays.length - 1)] ?? 30_000;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = this.ctx.setTimeout(() => {
      this.retryTimer = null;
      this.readWhole();
      void this.run();
    }, wait);
  }

  /** Whether a pass was asked for since watching began (a change, a route, `run`). */
  get started(): boolean {
    return this.ran;
  }

  /** One pass now; a call while one runs collapses into one follow-up pass. */
  async run(): Promise<void> {
    if (this.ctx.isInvalid) return;
    this.ran = true;
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = true;
    const changes = this.changes;
    this.changes = { rows: new Set(), whole: false };
    try {
      await this.options.pass(changes);
      if (this.failures > 0) {
        this.failures = 0;
        this.options.recovered?.();
      }
    } catch (error) {
      // A failed pass (the worker stopped mid-report, refused it …) is tried again, whole,
      // with a growing wait — not only on the next change of the page.
      this.changes.whole = true;
      this.failures++;
      console.warn('[售后哨兵] page pass failed:', error);
      this.options.failed?.(error, this.failures);
      this.retry();
    } finally {
      this.running = false;
      if (this.dirty && !this.ctx.isInvalid) {
        this.dirty = false;
        this.schedule(0);
      }
    }
  }
}
