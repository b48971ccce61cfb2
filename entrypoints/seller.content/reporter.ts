import type { PanelRead } from '../../core/model/facts';
import { LIMITS, boundedPageUrl } from '../../protocol/limits';
import type { PageUnreadable } from '../../protocol/map';
import type { BadgeView } from '../../protocol/views';

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

/** One reportPage message as the content script sends it (the worker answers BadgeViews). */
export type SendReport = (d: {
  url: string;
  cases: PanelRead[];
  unreadable?: PageUnreadable;
  append?: boolean;
  staged?: boolean;
  remove?: string[];
  answer?: 'badges';
}) => Promise<{ cases: BadgeView[]; resync?: boolean }>;

/** What a report cost and brought back. */
interface Reported {
  views: BadgeView[];
  /** The round trip (0 when nothing had to be sent). */
  ms: number;
}

/**
 * The page's side of the reportPage conversation: a whole-page report only when the reads
 * changed (chunked to what the worker accepts), row patches, and the empty report that
 * makes the worker forget a page the agent left.
 */
export class Reporter {
  /** What the worker answered for the page as last reported. */
  views: BadgeView[] = [];
  /** The URL of the last pass. */
  url = '';
  /** What the last whole-page report said, as text; null: the next one reports whatever it reads. */
  private signature: (() => string) | null = null;

  constructor(
    private readonly send: SendReport,
    private readonly isInvalid: () => boolean,
  ) {}

  /** The next whole-page pass reports, whatever it reads. */
  forget(): void {
    this.signature = null;
  }

  /**
   * The whole page's reads (and its page-level problem): reported when they differ from the
   * last report. Null when the content script was invalidated meanwhile.
   */
  async page(
    url: string,
    reads: PanelRead[],
    unreadable: PageUnreadable | undefined,
  ): Promise<Reported | null> {
    let views = this.views;
    let ms = 0;
    // What was reported, as text: computed when the next pass compares (not before the first badges).
    let text: string | null = null;
    const signature = () => (text ??= JSON.stringify([url, reads, unreadable ? unreadable.fields : null]));
    // Nothing read and nothing reported before (a shell whose list lives in a frame, a list
    // still loading): nothing to tell the worker, and another frame's cases stay.
    const nothingToSay = reads.length === 0 && !unreadable && this.views.length === 0;
    if (!nothingToSay && (this.signature === null || signature() !== this.signature())) {
      const r0 = performance.now();
      views = await this.all(url, reads, unreadable);
      ms = performance.now() - r0;
      if (this.isInvalid()) return null;
      this.views = views;
    }
    this.signature = signature;
    this.url = url;
    return { views, ms };
  }

  /** A row patch (`append` + `remove`); `resync` when the worker no longer has the page. */
  async rows(url: string, upserts: PanelRead[], removed: string[]): Promise<Reported | 'resync'> {
    if (upserts.length === 0 && removed.length === 0) return { views: [], ms: 0 };
    const r0 = performance.now();
    const answer = await this.send({ url, cases: upserts, append: true, remove: removed });
    const ms = performance.now() - r0;
    if (answer.resync) return 'resync';
    return { views: answer.cases, ms };
  }

  /** The page left for a route the content script does not read: the worker forgets its cases. */
  async leave(url: string): Promise<void> {
    if (this.views.length > 0 || this.signature !== null) {
      this.views = [];
      this.signature = null;
      await this.send({ url, cases: [] }).catch(() => undefined);
    }
    this.url = url;
  }

  /** Reports of at most CASES_PER_REPORT cases and REPORT_CHARS characters each (the worker refuses bigger ones). */
  private async all(url: string, cases: PanelRead[], unreadable?: PageUnreadable): Promise<BadgeView[]> {
    if (cases.length <= CASES_PER_REPORT && JSON.stringify(cases).length <= REPORT_CHARS) {
      return (await this.send({ url, cases, unreadable })).cases;
    }
    const views: BadgeView[] = [];
    let chunk: PanelRead[] = [];
    let chars = 0;
    // Every chunk but the last is staged; the last one commits the whole page at once (the
    // worker never holds a part of it: a pass interrupted between chunks changes nothing).
    let sent = 0;
    const send = async (part: PanelRead[], last: boolean) => {
      const append = sent > 0;
      sent += 1;
      const staged = last ? {} : { staged: true };
      const answer = await this.send(
        append ? { url, cases: part, append: true, ...staged } : { url, cases: part, unreadable, ...staged },
      );
      // The worker lost the first part between two reports: this pass fails, the next one starts over.
      if (answer.resync) throw new Error('the worker lost the first part of the report');
      views.push(...answer.cases);
    };
    for (const c of cases) {
      const size = JSON.stringify(c).length + 1;
      if (chunk.length > 0 && (chunk.length >= CASES_PER_REPORT || chars + size > REPORT_CHARS)) {
        await send(chunk, false);
        chunk = [];
        chars = 0;
      }
      chunk.push(c);
      chars += size;
    }
    await send(chunk, true);
    return views;
  }
}
