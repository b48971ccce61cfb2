import {
  badgeTagOf,
  activateBadge,
  badgeModelOf,
  createBadgeHost,
  isBadgeHost,
  renderBadge,
  sameBadgeModel,
  tickBadge,
  type BadgeModel,
} from '../../components/countdown-badge';
import type { Locale } from '../../core/model/settings';
import { DEFAULT_THRESHOLDS_HOURS, type ThresholdsHours } from '../../core/urgency';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { badgeMessages } from './badge-text';

/**
 * All badges of one page: mounts them next to their anchors (idempotent — a re-read that
 * finds the same cases moves and touches nothing), removes those whose case is gone, and
 * runs ONE shared 1-second ticker that updates only the badges currently on screen
 * (IntersectionObserver), and only when their text or colour changes.
 */

/** The part of WXT's ContentScriptContext the layer needs (tests pass the real one). */
export type LayerContext = Pick<
  ContentScriptContext,
  'setInterval' | 'setTimeout' | 'onInvalidated' | 'addEventListener' | 'isInvalid'
>;

export interface BadgeEntry {
  /** The case key; unique per page (the layer de-duplicates if not). */
  slot: string;
  /** The case's element: a list row (`<tr>` or row element) or the detail panel. */
  anchor: Element;
  model: BadgeModel;
}

/** How later slices of badges are paced (reconcileLazy). */
interface Pace {
  /** A slice ends once it has taken this long (ms), after one case at least. */
  sliceMs?: number;
  /** What the next slice waits for (default: a 0 ms timer). */
  yieldToPage?: () => Promise<void>;
}

interface LayerOptions {
  now?: () => number;
  thresholdsHours?: ThresholdsHours;
  locale?: Locale;
}

/**
 * Where a badge goes: in a table row, at the end of the first cell that shows something
 * (a leading checkbox-only cell is too narrow), else the first cell; in a detail panel, at
 * its top. A badge already there is not moved (no DOM mutation).
 */
function placeBadge(anchor: Element, host: HTMLElement): void {
  if (anchor.localName === 'tr' || anchor.getAttribute('role') === 'row') {
    let first: Element | null = null;
    let target: Element | null = null;
    for (let c = anchor.firstElementChild; c; c = c.nextElementSibling) {
      if (
        c.localName !== 'td' &&
        c.localName !== 'th' &&
        c.getAttribute('role') !== 'cell' &&
        c.getAttribute('role') !== 'gridcell'
      )
        continue;
      first ??= c;
      if ((c.textContent ?? '').trim() !== '') {
        target = c;
        break;
      }
    }
    target ??= first ?? anchor;
    if (host.parentNode !== target) target.append(host);
    return;
  }
  if (host.parentNode !== anchor) anchor.prepend(host);
}

export class BadgeLayer {
  private readonly hosts = new Map<string, HTMLElement>();
  /** The anchor each badge was last placed at (a re-read with the same anchor and model is a no-op). */
  private readonly anchors = new WeakMap<HTMLElement, Element>();
  private listening = false;
  private generation = 0;
  private readonly visible = new Set<Element>();
  private io: IntersectionObserver | null = null;
  private ticker: number | null = null;
  private readonly now: () => number;
  thresholdsHours: ThresholdsHours;
  locale: Locale;

  constructor(
    private readonly ctx: LayerContext,
    options: LayerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.thresholdsHours = options.thresholdsHours ?? DEFAULT_THRESHOLDS_HOURS;
    this.locale = options.locale ?? 'zh-CN';
    ctx.onInvalidated(() => this.clear());
  }

  /** Number of badges mounted. */
  get size(): number {
    return this.hosts.size;
  }

  /**
   * Bring case `slot`'s badge into view and mark it for a moment (a keyboard command led the
   * agent here). Scrolling is ours to do; nothing of the page is clicked. False: this page
   * (frame) has no badge for that case.
   */
  cue(slot: string, ms = 3000): boolean {
    const host = this.hosts.get(slot);
    if (!host || !host.isConnected) return false;
    host.scrollIntoView({ block: 'center', inline: 'nearest' });
    host.setAttribute('data-cue', '');
    this.ctx.setTimeout(() => host.removeAttribute('data-cue'), ms);
    return true;
  }

  /** Whether a DOM node is (inside) one of our badge hosts. */
  owns(node: Node | null): boolean {
    return isBadgeHost(node) && this.anchors.has(node);
  }

  /**
   * Make the page show exactly `entries` (one badge each). Unchanged badges are not
   * touched. New or changed badges are mounted in page order: the first `firstSlice` now (a
   * list's top rows — what the agent sees on load), the rest in slices of `slice` on later
   * tasks, so a 1,000-row page does not hold up the first frame; badges whose case is gone
   * go once every entry has been seen. Returns how many were mounted now, and a promise for
   * all of them.
   */
  reconcile(
    entries: readonly BadgeEntry[],
    firstSlice = Infinity,
    slice = 200,
  ): { mountedNow: number; done: Promise<number> } {
    return this.reconcileLazy(entries.length, (i) => entries[i]!, [], firstSlice, slice);
  }

  /**
   * reconcile() for entries made on demand: `entryAt(i)` (null: no badge for that case) is
   * called in page order, only as far as each slice needs, so the first slice goes on the
   * page before the models of the other rows are made. `extra` entries come last. With
   * `pace.sliceMs`, a slice also ends once it has taken that long (after one case at
   * least), and the next one waits for `pace.yieldToPage` (else a 0 ms timer). `done`
   * resolves with the longest of the later slices (ms).
   */
  reconcileLazy(
    count: number,
    entryAt: (i: number) => BadgeEntry | null,
    extra: readonly BadgeEntry[] = [],
    firstSlice = Infinity,
    slice = 200,
    pace: Pace = {},
  ): { mountedNow: number; done: Promise<number> } {
    const generation = ++this.generation;
    const seen = new Set<string>();
    const total = count + extra.length;
    const budget = pace.sliceMs ?? Infinity;
    let i = 0;
    let doc: Document | undefined;
    /** Up to `max` new or changed badges mounted, as far as the slice's time allows. */
    const mountSlice = (max: number): number => {
      const start = performance.now();
      const now = this.now();
      const from = i;
      let mounted = 0;
      while (i < total && mounted < max && (i === from || performance.now() - start < budget)) {
        const entry = i < count ? entryAt(i) : extra[i - count]!;
        i++;
        if (!entry) continue;
        doc ??= entry.anchor.ownerDocument;
        let slot = entry.slot;
        for (let n = 2; seen.has(slot); n++) slot = `${entry.slot}#${n}`;
        seen.add(slot);
        if (this.unchanged(slot, entry)) continue; // the shared ticker keeps it current
        this.mountOne(slot, entry, now);
        mounted++;
      }
      if (this.hosts.size > 0) this.startTicker();
      return mounted;
    };
    const finish = () => {
      for (const [slot, host] of this.hosts) {
        if (seen.has(slot)) continue;
        this.unwatch(host);
        host.remove();
        this.hosts.delete(slot);
      }
      this.removeStrays(doc ?? globalThis.document);
    };
    const mountedNow = mountSlice(firstSlice);
    if (i >= total) {
      finish();
      return { mountedNow, done: Promise.resolve(0) };
    }
    const done = new Promise<number>((resolve) => {
      let longest = 0;
      const later = () =>
        pace.yieldToPage ? void pace.yieldToPage().then(next) : void this.ctx.setTimeout(next, 0);
      const next = () => {
        if (generation !== this.generation || this.ctx.isInvalid) return resolve(longest); // superseded
        const start = performance.now();
        mountSlice(slice);
        if (i >= total) finish();
        longest = Math.max(longest, performance.now() - start);
        if (i < total) return later();
        resolve(longest);
      };
      later();
    });
    return { mountedNow, done };
  }

  /**
   * Some cases only (a row-by-row pass): mount or update these badges, remove those of
   * `dropped` slots; every other badge stays as it is. Returns how many were mounted.
   */
  patch(entries: readonly BadgeEntry[], dropped: readonly string[]): number {
    for (const slot of dropped) {
      const host = this.hosts.get(slot);
      if (!host) continue;
      this.unwatch(host);
      host.remove();
      this.hosts.delete(slot);
    }
    const work = entries
      .filter((entry) => !this.unchanged(entry.slot, entry))
      .map((entry) => ({ slot: entry.slot, entry }));
    return this.mount(work);
  }

  private unchanged(slot: string, entry: BadgeEntry): boolean {
    const host = this.hosts.get(slot);
    return (
      host !== undefined &&
      this.anchors.get(host) === entry.anchor &&
      host.isConnected &&
      sameBadgeModel(badgeModelOf(host)!, entry.model)
    );
  }

  /** Mount `work`; returns how many. */
  private mount(work: ReadonlyArray<{ slot: string; entry: BadgeEntry }>): number {
    const now = this.now();
    for (const { slot, entry } of work) this.mountOne(slot, entry, now);
    if (this.hosts.size > 0) this.startTicker();
    return work.length;
  }

  private mountOne(slot: string, entry: BadgeEntry, now: number): void {
    let host = this.hosts.get(slot);
    if (!host) {
      host = createBadgeHost(entry.anchor.ownerDocument);
      this.hosts.set(slot, host);
      this.listen(entry.anchor.ownerDocument);
    }
    renderBadge(host, entry.model, now, badgeMessages(this.locale), this.thresholdsHours);
    const wasConnected = host.isConnected;
    placeBadge(entry.anchor, host);
    this.anchors.set(host, entry.anchor);
    if (!wasConnected) this.watch(host);
  }

  /** Badge hosts left in the page that are not ours (e.g. after a re-injection) go away. */
  private removeStrays(doc: Document | undefined): void {
    if (!doc) return;
    const mine = new Set<Element>(this.hosts.values());
    for (const el of Array.from(doc.getElementsByTagName(badgeTagOf(doc)))) {
      if (!mine.has(el)) el.remove();
    }
  }

  /** One tick: update the badges on screen. Returns how many changed. */
  tick(): number {
    const now = this.now();
    const m = badgeMessages(this.locale);
    let changed = 0;
    for (const host of this.visible) if (tickBadge(host, now, m, this.thresholdsHours)) changed++;
    return changed;
  }

  /** Re-render every badge (settings changed: thresholds or locale). */
  refreshAll(): void {
    const now = this.now();
    const m = badgeMessages(this.locale);
    for (const host of this.hosts.values()) tickBadge(host, now, m, this.thresholdsHours);
  }

  clear(): void {
    for (const host of this.hosts.values()) host.remove();
    this.hosts.clear();
    this.visible.clear();
    this.io?.disconnect();
  }

  hostFor(slot: string): HTMLElement | undefined {
    return this.hosts.get(slot);
  }

  /** One click / key listener for all badges (events from a shadow root reach the document retargeted to the host). */
  private listen(doc: Document): void {
    if (this.listening) return;
    this.listening = true;
    const onEvent = (event: Event) => {
      const host = event.target as Element | null;
      if (!isBadgeHost(host) || !this.owns(host)) return;
      if (
        event.type === 'keydown' &&
        (event as KeyboardEvent).key !== 'Enter' &&
        (event as KeyboardEvent).key !== ' '
      )
        return;
      if (activateBadge(host)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    this.ctx.addEventListener(doc, 'click', onEvent, { capture: true });
    this.ctx.addEventListener(doc, 'keydown', onEvent, { capture: true });
  }

  private startTicker(): void {
    if (this.ticker !== null) return;
    this.ticker = this.ctx.setInterval(() => this.tick(), 1000);
  }

  private observer(): IntersectionObserver | null {
    if (this.io) return this.io;
    if (typeof IntersectionObserver !== 'function') return null;
    this.io = new IntersectionObserver((entries) => {
      const now = this.now();
      for (const e of entries) {
        if (e.isIntersecting) {
          this.visible.add(e.target);
          tickBadge(e.target, now, badgeMessages(this.locale), this.thresholdsHours);
        } else {
          this.visible.delete(e.target);
        }
      }
    });
    return this.io;
  }

  private watch(host: HTMLElement): void {
    const io = this.observer();
    if (io) io.observe(host);
    else this.visible.add(host); // no IntersectionObserver: treat every badge as visible
  }

  private unwatch(host: HTMLElement): void {
    this.io?.unobserve(host);
    this.visible.delete(host);
  }
}
