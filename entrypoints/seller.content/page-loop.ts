import type { PanelRead, Platform } from '../../core/model/facts';
import type { PageUnreadable } from '../../protocol/map';
import type { BadgeView } from '../../protocol/views';
import { BadgeLayer, type BadgeEntry } from './badge-layer';
import { badgeModelFor, unreadableText } from './badge-model';
import { badgeText } from './badge-text';
import { markPass, markRead } from './pass-marks';
import { PageSettings, type ContentSettings } from './page-settings';
import { PageWatcher, type Changes, type PageContext } from './page-watcher';
import { Reporter, boundedRead, reportUrl, type SendReport } from './reporter';
import { RowPatcher, type AnchoredRead, type Reread } from './row-patcher';
import { SLICE_MS, inSlices, whenIdle, yieldToPage, type Sliced, type YieldToPage } from './slices';

export type { AnchoredRead } from './row-patcher';

export interface ReadResult {
  cases: AnchoredRead[];
  tried: string[];
  errors: Array<{ adapter: string; message: string }>;
  /** Page-level unreadable fields, when the reader reports them. */
  unreadable?: string[];
  /** Cases were found, but neither host, page nor agent says 天猫 or 淘宝: no verdict yet. */
  platformUnknown?: { cases: number };
}

interface ReadOptions {
  /** The agent's platform setting, for pages whose host and page say nothing. */
  fallbackPlatform?: Platform;
}

export interface PageLoopDeps {
  read(root: Document, url: string, opts?: ReadOptions): ReadResult;
  /**
   * The same read in steps (core/pages readPageSteps), spread over tasks of at most
   * `sliceMs`; without it every read is done at once.
   */
  readSteps?(root: Document, url: string, opts?: ReadOptions): Generator<void, ReadResult, void>;
  /** A slice of reading or badging (ms; slices.ts SLICE_MS). */
  sliceMs?: number;
  /** What a slice waits for before the next (slices.ts yieldToPage). */
  yieldToPage?: YieldToPage;
  /** The first pass waits for the page to be idle at most this long (ms). */
  firstPassIdleMs?: number;
  /** Whether the content script reads this URL (a workbench route it supports); default: every URL. */
  active?(url: string): boolean;
  /** Changed list rows read again alone (core/pages rereadRows); without it every change re-reads the whole page. */
  reread?: Reread;
  report: SendReport;
  focus(key: string): void;
  settings?: () => Promise<ContentSettings>;
  now?: () => number;
  /** Debounce for DOM changes (ms). */
  debounceMs?: number;
  /** The longest a burst of changes postpones a read (ms). */
  maxWaitMs?: number;
  /** Waits before each retry of a failed pass (page-watcher.ts RETRY_MS). */
  retryMs?: readonly number[];
}

/**
 * Badges mounted in the task that gets the guidance (a list's top rows, what is on screen);
 * the rest go in together on the next task. One more slice only: every slice that lands in
 * a big table costs the page a table layout (measured: 5 slices of 200 on 1,000 rows took
 * 1.2–1.9 s to finish under load, against one layout for the remainder at once).
 */
const FIRST_SLICE = 120;
const SLICE = Infinity;
/** The first pass starts when the page is idle, or after this long (ms). */
const FIRST_PASS_IDLE_MS = 200;

/** Slot of the page-level unreadable marker. */
const PAGE_SLOT = 'page:unreadable';
/** Slot of the marker shown while the report keeps failing. */
const FAILED_SLOT = 'page:report-failed';

/**
 * The content script's loop, composed: the page watcher runs passes; a pass reads the page
 * (or only the changed rows, through the row patcher), reports the facts (the reporter) and
 * mounts the badges from the answer (the badge layer).
 */
export class PageLoop {
  readonly layer: BadgeLayer;
  private readonly watcher: PageWatcher;
  private readonly reporter: Reporter;
  private readonly patcher: RowPatcher;
  private readonly settings: PageSettings;
  private passes = 0;
  /** The next read is done at once: a read spread over tasks saw the page change under it. */
  private readAtOnce = false;
  private readonly focus = (key: string) => this.deps.focus(key);

  constructor(
    private readonly ctx: PageContext,
    private readonly deps: PageLoopDeps,
    private readonly doc: Document = document,
  ) {
    this.layer = new BadgeLayer(ctx, { now: deps.now });
    this.reporter = new Reporter(deps.report, () => ctx.isInvalid);
    this.patcher = new RowPatcher(deps.reread);
    this.watcher = new PageWatcher(ctx, {
      touched: (record) => this.patcher.touched(record),
      pass: (changes) => this.run(changes),
      ...(deps.debounceMs !== undefined ? { debounceMs: deps.debounceMs } : {}),
      ...(deps.maxWaitMs !== undefined ? { maxWaitMs: deps.maxWaitMs } : {}),
      ...(deps.retryMs !== undefined ? { retryMs: deps.retryMs } : {}),
      failed: () => this.failed(),
      recovered: () => this.layer.patch([], [FAILED_SLOT]),
    });
    this.settings = new PageSettings(deps.settings, this.layer, () => {
      // Pages the setting decides are read again with it.
      this.reporter.forget();
      this.watcher.readWhole();
      this.watcher.again();
    });
  }

  /**
   * Watch the DOM and in-page navigation now; the first pass once the page is idle (or
   * sooner, when a change or a route asks for one).
   */
  async start(): Promise<void> {
    this.watcher.watch(this.doc.body ?? this.doc.documentElement);
    await whenIdle(this.deps.firstPassIdleMs ?? FIRST_PASS_IDLE_MS, (fn, ms) => this.ctx.setTimeout(fn, ms));
    if (!this.watcher.started) await this.pass();
  }

  /** One pass now (a pass already running gets one follow-up). */
  pass(): Promise<void> {
    return this.watcher.run();
  }

  /**
   * The worker says the settings changed (the agent answered 天猫 / 淘宝 in the side panel,
   * changed the locale …): ask for them again and read the whole page with them.
   */
  settingsChanged(): void {
    this.settings.changed();
    // Report even an unchanged page: the answer carries the badges evaluated with the change.
    this.reporter.forget();
    this.watcher.readWhole();
    this.watcher.schedule(0);
  }

  /**
   * A pass failed (the report did not go through): the next one reports whatever it reads,
   * and until one succeeds the page carries one marker saying the cases are not evaluated
   * (the badges already up stay: they were right when they came).
   */
  private failed(): void {
    this.reporter.forget();
    if (this.ctx.isInvalid) return;
    const anchor = this.doc.body ?? this.doc.documentElement;
    this.layer.patch(
      [
        {
          slot: FAILED_SLOT,
          anchor,
          model: {
            kind: 'unreadable',
            caseKey: null,
            fields: [],
            text: badgeText(this.layer.locale, 'badge_report_failed'),
          },
        },
      ],
      [],
    );
  }

  private nowMs(): number {
    return (this.deps.now ?? Date.now)();
  }

  private async run(changes: Changes): Promise<void> {
    let done = false;
    if (!changes.whole && changes.rows.size > 0) {
      try {
        done = await this.rowPass(changes.rows);
      } catch (error) {
        // The patch did not go through (the worker refused it, or lost the tab): read the whole page now.
        console.warn('[售后哨兵] row update failed, reading the whole page:', error);
      }
    }
    if (!done && !this.ctx.isInvalid) await this.pagePass();
  }

  /** The whole page: read every case, report them (when anything changed), badge them. */
  private async pagePass(): Promise<void> {
    // The first read, and the first after a settings change, wait for the settings: the
    // platform setting decides workbench pages.
    const settings = this.settings.forPage();
    if (settings.mustWait) await settings.done;
    const doc = this.doc;
    const url = reportUrl(doc.location?.href ?? '');
    if (this.deps.active && !this.deps.active(url)) {
      await this.leaveRoute(url);
      return;
    }
    const t0 = performance.now();
    const read = await this.readPage(doc, url);
    // The page changed under a read spread over tasks: the pass that change asked for reads it.
    if (!read) return;
    const result = read.value;
    const t1 = performance.now();
    markRead(doc, read.workMs, read.longestMs);
    const reads: PanelRead[] = result.cases.map(({ anchor: _anchor, list: _list, ...read }) =>
      boundedRead(read),
    );
    const platformUnknown = result.platformUnknown !== undefined;
    const pageFields = platformUnknown ? ['platform'] : (result.unreadable ?? []);
    const pageUnreadable =
      reads.length === 0 && (platformUnknown || pageFields.length > 0 || result.errors.length > 0);
    const waiting = result.platformUnknown?.cases;
    const unreadable: PageUnreadable | undefined = pageUnreadable
      ? { tried: result.tried, fields: pageFields, ...(waiting ? { waiting } : {}) }
      : undefined;
    const reported = await this.reporter.page(url, reads, unreadable);
    if (!reported) return;

    await settings.done;
    const views = reported.views;
    // Models for the first slice only before it goes on the page; the others after it.
    const anchors = new Map<string, Element>();
    for (const c of result.cases) anchors.set(`${c.kind}:${c.index}`, c.anchor);
    const entryOf = (view: BadgeView): BadgeEntry | null => {
      const anchor = anchors.get(`${view.read.kind}:${view.read.index}`);
      if (!anchor || !anchor.isConnected) return null;
      const model = badgeModelFor(view, this.layer.locale, this.nowMs(), this.focus);
      return model ? { slot: view.key, anchor, model } : null;
    };
    const extra: BadgeEntry[] = [];
    if (pageUnreadable) {
      const anchor = doc.body ?? doc.documentElement;
      const text = platformUnknown
        ? badgeText(this.layer.locale, 'badge_platform_unknown')
        : unreadableText(pageFields, this.layer.locale);
      extra.push({
        slot: PAGE_SLOT,
        anchor,
        model: { kind: 'unreadable', caseKey: null, fields: pageFields, text },
      });
    }
    const { done } = this.layer.reconcileLazy(
      views.length,
      (i) => entryOf(views[i]!),
      extra,
      FIRST_SLICE,
      SLICE,
      this.pace,
    );
    const t2 = performance.now();
    const longestSlice = await done;
    if (this.ctx.isInvalid) return;
    // For the next pass, on a task of its own (it indexes every row).
    await this.yieldToPage();
    this.patcher.keep(result.cases, reads);
    this.finish(t0, t1, t2, reported.ms, 0, longestSlice);
  }

  /**
   * The whole page, read in slices when the reader has steps; null when the page changed
   * between two slices (what was read is thrown away: a mix of two renders could say a
   * wrong fact) or the content script was switched off. The pass the change asked for then
   * reads the whole page, at once: a page that never stops changing is still read.
   */
  private async readPage(doc: Document, url: string): Promise<Sliced<ReadResult> | null> {
    const platform = this.settings.platform;
    const opts = platform ? { fallbackPlatform: platform } : {};
    if (!this.deps.readSteps || this.readAtOnce) {
      this.readAtOnce = false;
      const start = performance.now();
      const value = this.deps.read(doc, url, opts);
      const ms = performance.now() - start;
      return { value, workMs: ms, longestMs: ms };
    }
    const seen = this.watcher.changeCount;
    const read = await inSlices(this.deps.readSteps(doc, url, opts), {
      sliceMs: this.pace.sliceMs,
      yieldToPage: this.pace.yieldToPage,
      stop: () => this.ctx.isInvalid || this.watcher.changedSince(seen),
    });
    if (!read && !this.ctx.isInvalid) {
      this.watcher.readWhole();
      this.readAtOnce = true;
    }
    return read;
  }

  private get pace(): { sliceMs: number; yieldToPage: YieldToPage } {
    return { sliceMs: this.deps.sliceMs ?? SLICE_MS, yieldToPage: this.yieldToPage };
  }

  private readonly yieldToPage = (): Promise<void> => (this.deps.yieldToPage ?? yieldToPage)();

  /**
   * Only the rows a change touched: read them again, report what changed (the worker
   * patches the tab's cases: `append` + `remove`), and update their badges. False when
   * only a whole-page pass can tell (row-patcher.ts plan, or the worker lost the tab);
   * nothing is changed then.
   */
  private async rowPass(changed: ReadonlySet<Element>): Promise<boolean> {
    const url = reportUrl(this.doc.location?.href ?? '');
    if (url !== this.reporter.url) return false;
    const settings = this.settings.refresh();
    const t0 = performance.now();
    const plan = this.patcher.plan(changed, url);
    if (!plan) return false;
    const t1 = performance.now();
    markRead(this.doc, t1 - t0);
    const answer = await this.reporter.rows(url, plan.upserts, [...plan.removed]);
    if (this.ctx.isInvalid) return true;
    if (answer === 'resync') return false;
    const rowOf = this.patcher.apply(plan);
    // The next whole-page pass compares against reads this patch does not describe: it reports.
    this.reporter.forget();

    await settings;
    const entries: BadgeEntry[] = [];
    const dropped = [...plan.removed];
    for (const view of answer.views) {
      const anchor = rowOf.get(view.key);
      const model =
        anchor && anchor.isConnected
          ? badgeModelFor(view, this.layer.locale, this.nowMs(), this.focus)
          : null;
      if (anchor && model) entries.push({ slot: view.key, anchor, model });
      else dropped.push(view.key);
    }
    this.layer.patch(entries, dropped);
    const t2 = performance.now();
    this.finish(t0, t1, t2, answer.ms, changed.size);
    return true;
  }

  private finish(t0: number, t1: number, t2: number, reportMs: number, rows: number, longestSlice = 0): void {
    this.passes++;
    markPass(this.doc, {
      t0,
      t1,
      t2,
      t3: performance.now(),
      reportMs,
      badges: this.layer.size,
      rows,
      passes: this.passes,
      longestSlice,
    });
  }

  /**
   * A workbench route the content script does not read (the home page, other tools): no
   * badge stays behind, and the worker forgets the tab's cases. It keeps listening for the
   * route change that brings the agent back to a list or a detail.
   */
  private async leaveRoute(url: string): Promise<void> {
    this.patcher.clear();
    this.layer.reconcileLazy(0, () => null, [], FIRST_SLICE, SLICE, this.pace);
    await this.reporter.leave(url);
  }
}
