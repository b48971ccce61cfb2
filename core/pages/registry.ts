import type { Platform, PanelRead } from '../model/facts';
import { PageContext } from './context';
import type { AdapterCase, PageAdapter } from './adapter';
import { aftersaleDetail } from './aftersale-detail';
import { complaintDetail } from './complaint-detail';
import { complaintList } from './complaint-list';
import { refundDetail } from './refund-detail';
import { refundList } from './refund-list';
import type { HeaderRow } from './list';
import { checkTimes, type ReadWarning as TimeWarning } from './plausible';
import { crossChecked, type SecondSourceNote } from './dispute-data';
import { SHOW_TEXT } from './dom';
import { scanSteps } from './scan';
import { drain, type Steps } from './steps';
import { detectPageKind, isWorkbench, platformFromHost, type PageKind } from './urls';

/**
 * THE registry of page adapters. Order matters only for pages whose URL says nothing
 * (saved files, unknown paths): lists before details, complaints before refunds,
 * after-sale before refund.
 */
export const ADAPTERS: readonly PageAdapter[] = [
  complaintList,
  refundList,
  complaintDetail,
  aftersaleDetail,
  refundDetail,
];

interface ReadPageOptions {
  /** Overrides the platform found from the host / page. */
  platform?: Platform;
  /** The agent's answer for pages whose host and page say nothing (the workbench): used only then. */
  fallbackPlatform?: Platform;
  /** Adapters to use instead of ADAPTERS (tests: one failing adapter must not break the rest). */
  adapters?: readonly PageAdapter[];
  /**
   * The moment of the read (epoch ms). With it, a time more than two years away is unreadable
   * and times ahead of it are warned about (`warnings`); without it neither is checked.
   */
  now?: number;
}

/** With `now`: page times ahead of the clock (per case); and an embedded second source that was ignored. */
export type ReadWarning = TimeWarning | SecondSourceNote;

/** A list a page read found: rows of it can be re-read alone (rereadRows) after a change. */
export interface ListSource {
  adapter: PageKind;
  header: HeaderRow;
  platform: Platform;
}

type AnchoredPanelRead = PanelRead & { anchor: Element; list?: ListSource };

interface PageReadResult<T extends PanelRead = PanelRead> {
  /** One per panel / list row, in page order. */
  cases: T[];
  /** Adapter ids tried, in order. */
  tried: string[];
  /** Adapters that threw (each fails alone; the others still run). */
  errors: Array<{ adapter: string; message: string }>;
  /**
   * Cases were found but neither the host, the page nor the agent says 天猫 or 淘宝: they are
   * not returned (no verdict on a guessed platform) and this says how many wait.
   */
  platformUnknown?: { cases: number };
  /** A list was found with no case in it (`没有符合条件的宝贝`): nothing to read, nothing unreadable. */
  empty?: boolean;
  /** With `now`: page times ahead of the clock, per case; an embedded `disputeData` that was ignored. */
  warnings?: ReadWarning[];
}

/** The workbench's empty state, and the like. */
const EMPTY_LIST = /没有符合条件的|暂无数据|暂无退款|暂无记录/;

/**
 * `*.tmall.com` → tmall; the old taobao.com pages → taobao unless the page says 天猫. The
 * workbench host says nothing: a 天猫 mark outside the cases (never buyer or item text inside
 * a case) → tmall; else the agent's answer (`fallback`); else null — the caller asks.
 */
function pagePlatform(
  url: string,
  ctx: PageContext,
  override?: Platform,
  blocks: readonly Element[] = [],
  fallback?: Platform,
): Platform | null {
  if (override) return override;
  if (isWorkbench(url)) {
    const outside = ctx.scan.tmallNodes.some((n) => !blocks.some((b) => b.contains(n)));
    return outside ? 'tmall' : (fallback ?? null);
  }
  const host = platformFromHost(url);
  if (host === 'tmall') return 'tmall';
  return ctx.scan.saysTmall ? 'tmall' : 'taobao';
}

const NOT_TEXT: ReadonlySet<string> = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/** Whether a short text of the page is the empty state (one walk that stops at the first; no whole-body string). */
function saysEmpty(root: ParentNode, doc: Document): boolean {
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const data = (t as Text).data;
    if (data.length > 80 || data.length < 4) continue;
    if (EMPTY_LIST.test(data) && !NOT_TEXT.has(t.parentElement?.tagName.toUpperCase() ?? '')) return true;
  }
  return false;
}

/** With `now`: implausible times unreadable, times ahead of the clock warned about. */
function checked<T extends { facts: PanelRead['facts']; unreadable: PanelRead['unreadable']; index: number }>(
  c: T,
  now: number | undefined,
  warnings: ReadWarning[],
): T {
  if (now === undefined) return c;
  const r = checkTimes(c.facts, c.unreadable, now);
  if (r.ahead)
    warnings.push({
      code: 'page-time-ahead',
      index: c.index,
      fields: r.ahead.fields,
      aheadMs: r.ahead.aheadMs,
    });
  return r.facts === c.facts ? c : { ...c, facts: r.facts, unreadable: r.unreadable };
}

/** Cases made reads (checked against the clock) per step. */
const READS_PER_STEP = 32;

/** Whether a case read any label at all (without listing its keys). */
function hasFacts(facts: object): boolean {
  for (const _ in facts) return true;
  return false;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The adapter the URL names goes first; then the others, in registry order. */
function ordered(url: string, adapters: readonly PageAdapter[]): PageAdapter[] {
  const byUrl = detectPageKind(url);
  const first = adapters.filter((a) => a.id === byUrl);
  return [...first, ...adapters.filter((a) => a.id !== byUrl)];
}

/**
 * Read a page: every panel / list row the first matching adapter finds, with the element
 * each case belongs to (detail: the panel element; list: the row) for badges.
 */
export function readPageWithAnchors(
  root: ParentNode,
  url: string,
  opts: ReadPageOptions = {},
): PageReadResult<AnchoredPanelRead> {
  return drain(readPageSteps(root, url, opts));
}

/**
 * readPageWithAnchors in steps (a row or a case each; see steps.ts): the same read, for a
 * caller that spreads it over several tasks. Such a caller must throw away a read the page
 * changed under (the content script watches for that): steps taken before and after a
 * change are two different pages.
 */
export function* readPageSteps(
  root: ParentNode,
  url: string,
  opts: ReadPageOptions = {},
): Steps<PageReadResult<AnchoredPanelRead>> {
  const tried: string[] = [];
  const errors: PageReadResult['errors'] = [];
  let ctx: PageContext;
  try {
    ctx = new PageContext(root, yield* scanSteps(root));
  } catch (e) {
    return { cases: [], tried, errors: [{ adapter: 'scan', message: message(e) }] };
  }
  for (const adapter of ordered(url, opts.adapters ?? ADAPTERS)) {
    tried.push(adapter.id);
    let found: AdapterCase[];
    try {
      if (adapter.prepare) yield* adapter.prepare(ctx);
      if (!adapter.detect(url, root, ctx)) continue;
      found = adapter.read(root, ctx);
    } catch (e) {
      errors.push({ adapter: adapter.id, message: message(e) });
      continue;
    }
    // A panel with no label read at all is no panel.
    const cases = found.filter((c) => hasFacts(c.facts));
    if (!cases.length) continue;
    const platform = pagePlatform(
      url,
      ctx,
      opts.platform,
      cases.map((c) => c.block ?? c.anchor),
      opts.fallbackPlatform,
    );
    if (platform === null) return { cases: [], tried, errors, platformUnknown: { cases: cases.length } };
    const lists = new Map<HeaderRow, ListSource>();
    const listOf = (header: HeaderRow): ListSource => {
      let list = lists.get(header);
      if (!list) lists.set(header, (list = { adapter: adapter.id, header, platform }));
      return list;
    };
    const warnings: ReadWarning[] = [];
    const out: AnchoredPanelRead[] = [];
    for (const c of cases) {
      const read: AnchoredPanelRead = {
        kind: c.kind,
        adapter: adapter.id,
        platform,
        facts: c.facts,
        unreadable: c.unreadable,
        index: c.index,
        anchor: c.anchor,
      };
      if (c.header && adapter.reread) read.list = listOf(c.header);
      out.push(checked(read, opts.now, warnings));
      if (out.length % READS_PER_STEP === 0) yield;
    }
    // The old detail's embedded data, as a cross-check only (dispute-data.ts).
    const reads = crossChecked(ctx, adapter.id, out, warnings);
    return warnings.length ? { cases: reads, tried, errors, warnings } : { cases: reads, tried, errors };
  }
  const empty = ctx.columnLists.some((l) => l.cases.length === 0) || saysEmpty(ctx.root, ctx.scan.doc);
  return empty ? { cases: [], tried, errors, empty } : { cases: [], tried, errors };
}

/**
 * Rows of a list read before, read again on their own after a DOM change (a row added,
 * edited or re-rendered): what readPageWithAnchors would now say about these rows, for
 * the cost of these rows alone. Index is -1; null for a row that is no case. Null when
 * only a whole read can tell (a row that may be a header; a 淘宝 page whose platform a
 * row's 天猫 could change).
 */
export function rereadRows(
  list: ListSource,
  rows: readonly Element[],
  url: string,
  opts: { now?: number } = {},
): Array<AnchoredPanelRead | null> | null {
  const adapter = ADAPTERS.find((a) => a.id === list.adapter);
  if (!adapter?.reread) return null;
  if (platformFromHost(url) !== 'tmall') {
    if (list.platform === 'tmall') return null;
    if (rows.some((r) => (r.textContent ?? '').includes('天猫'))) return null;
  }
  let found: Array<AdapterCase | null> | null;
  try {
    found = adapter.reread(list.header, rows);
  } catch {
    return null;
  }
  if (!found) return null;
  return found.map((c) => {
    if (!c || !hasFacts(c.facts)) return null;
    const read = {
      kind: c.kind,
      adapter: adapter.id,
      platform: list.platform,
      facts: c.facts,
      unreadable: c.unreadable,
      index: -1,
      anchor: c.anchor,
      list,
    };
    return checked(read, opts.now, []);
  });
}

/** Read a page (see readPageWithAnchors), without the DOM anchors: plain data for messaging / JSON. */
export function readPage(root: ParentNode, url: string, opts: ReadPageOptions = {}): PageReadResult {
  const { cases, ...rest } = readPageWithAnchors(root, url, opts);
  return { ...rest, cases: cases.map(({ anchor: _anchor, list: _list, ...read }) => read) };
}
