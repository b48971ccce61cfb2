import type { FactKey, Facts } from '../model/facts';
import { normalizeLabel, normalizeText } from '../text/normalize';
import { columnCells as cellsOf, SHOW_ELEMENT, SHOW_TEXT, TEXT_NODE } from './dom';
import { FactsBuilder } from './facts-builder';
import { FREE_TEXT_LABELS, LABEL_TO_KEY, MAX_LABEL_LENGTH, NON_FACT_TITLES, TIMER_TITLES } from './labels';
import { pairedValue } from './pairing';
import { isInNoise, type LabelHit, type PageScan } from './scan';
import { drain, type Steps } from './steps';
import { countdownsIn } from './timer';

/**
 * Lists whose column titles sit apart from the cases, and whose cases are one block each:
 *
 * - the 千牛 workbench (Fusion `Table` in list mode): a header table of titles, then one
 *   table per case holding a group-header line (`订单号：…` `退款编号：…`, the buyer's nick)
 *   and a row of unlabelled value cells;
 * - the old refund2 list: a title row, then one block per case holding a header of
 *   `span` label + `em` value items and a body of unlabelled column `div`s.
 *
 * A value cell means what the title at its position says; a cell under no known title is
 * not read (never guessed from its look), and a title row is never read as a case. The
 * platform's timer is taken only from a timer column or the status column — never from the
 * group-header line, where buyer-written text (the nick) lives.
 */

interface TitleRow {
  element: Element;
  /** Per cell position: the fact key, `timer`, or null (a title naming no fact, or none). */
  columns: Array<FactKey | 'timer' | null>;
}

export interface ColumnCase {
  /** The case's block (the per-case table or block): the badge's anchor. */
  element: Element;
  /** The row of value cells inside it. */
  values: Element;
  facts: Facts;
  unreadable: FactKey[];
  /** The block's header says `(售后)`. */
  aftersale: boolean;
  title: TitleRow;
}

export interface ColumnList {
  title: TitleRow;
  cases: ColumnCase[];
}

const COLON_END = /\s*[:：]\s*$/;

type Title = FactKey | 'timer' | 'other' | undefined;

/** What a title cell says: a fact key, `timer`, `other` (a known title naming no fact), or undefined (no title). */
function titleOf(text: string): Title {
  const t = normalizeText(text);
  if (!t || t.length > MAX_LABEL_LENGTH + 4) return undefined;
  const label = normalizeLabel(t.replace(COLON_END, ''));
  if (TIMER_TITLES.has(label)) return 'timer';
  if (NON_FACT_TITLES.has(label) || FREE_TEXT_LABELS.has(label)) return 'other';
  return LABEL_TO_KEY.get(label);
}

/**
 * titleOf per distinct text, for one read (value cells repeat their reasons and states down
 * the list); null: no memo (the plain reading).
 */
type TitleMemo = Map<string, Title> | null;

function titleIn(text: string, memo: TitleMemo): Title {
  if (!memo) return titleOf(text);
  if (memo.has(text)) return memo.get(text);
  const title = titleOf(text);
  memo.set(text, title);
  return title;
}

/** A title row: at least three cells are known titles, and titles fill two thirds of the non-empty cells. */
function asTitleRow(row: Element): TitleRow | null {
  const cells = cellsOf(row);
  if (cells.length < 3) return null;
  let titled = 0;
  let facts = 0;
  let nonEmpty = 0;
  const columns: TitleRow['columns'] = [];
  for (const cell of cells) {
    const text = cell.textContent ?? '';
    if (text.trim()) nonEmpty++;
    const t = titleOf(text);
    if (t !== undefined) titled++;
    if (t !== undefined && t !== 'other') facts++;
    columns.push(t === undefined || t === 'other' ? null : t);
  }
  if (titled < 3 || facts < 2 || titled * 3 < nonEmpty * 2) return null;
  return { element: row, columns };
}

/** Candidate title rows: the rows holding the scan's bare labels (a few levels up from each). */
function findTitleRows(scan: PageScan): TitleRow[] {
  const seen = new Set<Element>();
  const out: TitleRow[] = [];
  for (const hit of scan.hits) {
    if (hit.inline !== undefined) continue;
    let el = hit.node.parentElement;
    for (let depth = 0; el && depth < 4; depth++, el = el.parentElement) {
      const row = el.parentElement;
      if (!row || seen.has(row)) continue;
      seen.add(row);
      const title = asTitleRow(row);
      if (title && !isInNoise(scan, row)) {
        out.push(title);
        break;
      }
    }
  }
  return out;
}

/**
 * Whether a row is a row of titles or labels rather than values: a cell whose whole text is
 * a title, or a case header (`li` items of `span` label + `em` value).
 */
function holdsLabel(cells: readonly Element[], memo: TitleMemo): boolean {
  let bare = 0;
  for (const cell of cells) {
    const text = cell.textContent ?? '';
    if (text.length > 60) continue;
    if (titleIn(text, memo) !== undefined) return true;
    const first = cell.firstElementChild;
    if (first && titleIn(first.textContent ?? '', memo) !== undefined && first.nextElementSibling) bare++;
  }
  return bare > 0;
}

/** Elements walked between two steps of the value-row search. */
const ELEMENTS_PER_STEP = 64;

const NOT_ROWS: ReadonlySet<string> = new Set([
  'COLGROUP',
  'COL',
  'THEAD',
  'SELECT',
  'OPTGROUP',
  'SVG',
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
]);

/**
 * Rows of value cells under a title row: elements after it with as many cells as it has
 * titles, holding no label, not inside another such row, up to the next title row.
 */
function* valueRows(
  scan: PageScan,
  title: TitleRow,
  titleRows: ReadonlySet<Element>,
  memo: TitleMemo,
): Steps<Element[]> {
  const n = title.columns.length;
  const out: Element[] = [];
  // From just past the title row to the next title row: each title walks its own part of the page.
  const walker = scan.doc.createTreeWalker(scan.root, SHOW_ELEMENT);
  walker.currentNode = title.element;
  let node: Node | null = pastSubtree(walker);
  let walked = 0;
  for (; node; node = walker.nextNode()) {
    if (++walked % ELEMENTS_PER_STEP === 0) yield;
    const el = node as Element;
    if (titleRows.has(el)) break;
    if (el.childElementCount < n || NOT_ROWS.has(el.tagName.toUpperCase())) continue;
    const cells = cellsOf(el);
    if (cells.length !== n || !(el.textContent ?? '').trim()) continue;
    if (isInNoise(scan, el) || holdsLabel(cells, memo)) continue;
    // The innermost such element is the row: a list of as many cases as columns (the body
    // holding 7 case tables under 7 titles) is no row of values.
    if (out.length && out[out.length - 1]!.contains(el)) out[out.length - 1] = el;
    else out.push(el);
  }
  // Rows of one list share their tag: a stray element with as many children (a pager) is no case.
  const tags = new Map<string, number>();
  for (const r of out) tags.set(r.tagName, (tags.get(r.tagName) ?? 0) + 1);
  const main = [...tags.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return out.filter((r) => r.tagName === main);
}

function pastSubtree(walker: TreeWalker): Node | null {
  let node: Node | null;
  while (!(node = walker.nextSibling())) if (!walker.parentNode()) return null;
  return node;
}

/**
 * Each value row's block: climb from the row while the parent holds no other value row nor
 * the title row. Rows are counted per ancestor in one pass (not every row checked per level).
 */
function blocksOf(rows: readonly Element[], title: Element, stop: ParentNode): Element[] {
  const count = new Map<Element, number>();
  for (const row of rows) {
    for (let p = row.parentElement; p && (p as unknown) !== stop; p = p.parentElement)
      count.set(p, (count.get(p) ?? 0) + 1);
  }
  return rows.map((row) => {
    let block = row;
    for (
      let parent = block.parentElement;
      parent && (parent as unknown) !== stop;
      parent = parent.parentElement
    ) {
      if ((count.get(parent) ?? 0) > 1 || parent.contains(title)) break;
      block = parent;
    }
    return block;
  });
}

const AFTERSALE_MARK = /[(（]\s*售后\s*[)）]/;

/**
 * The header line says `(售后)`. No character but 售 itself normalises to one holding 售
 * (checked over every code point), so a line without it is not normalised.
 */
function saysAftersale(headerText: string, plain: boolean): boolean {
  if (!plain && !headerText.includes('售')) return false;
  return AFTERSALE_MARK.test(normalizeText(headerText));
}

/**
 * The scan's label hits in each block outside its value row, in document order: one climb
 * from each hit to the block holding it (blocks are disjoint: each holds one value row),
 * instead of testing every hit against every block.
 */
function headerHits(
  scan: PageScan,
  rows: readonly Element[],
  blocks: readonly Element[],
): Map<Element, LabelHit[]> {
  const at = new Map<Node, number>();
  blocks.forEach((b, i) => at.set(b, i));
  const out = new Map<Element, LabelHit[]>();
  for (const hit of scan.hits) {
    let i: number | undefined;
    for (let n = hit.node.parentNode; n && i === undefined; n = n.parentNode) i = at.get(n);
    if (i === undefined || rows[i]!.contains(hit.node)) continue;
    const list = out.get(blocks[i]!);
    if (list) list.push(hit);
    else out.set(blocks[i]!, [hit]);
  }
  return out;
}

const NO_HITS: readonly LabelHit[] = [];

/** The block's own text outside the value row (its header line), in document order. */
function headerTextOf(scan: PageScan, block: Element, values: Element, plain: boolean): string {
  let text = '';
  if (plain) {
    const walker = scan.doc.createTreeWalker(block, SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (!values.contains(n)) text += (n as Text).data;
    return text;
  }
  if (block === values) return text;
  const walker = scan.doc.createTreeWalker(block, SHOW_ELEMENT | SHOW_TEXT);
  let n = walker.nextNode();
  while (n) {
    if (n === values) {
      n = pastSubtree(walker);
      continue;
    }
    if (n.nodeType === TEXT_NODE) text += (n as Text).data;
    n = walker.nextNode();
  }
  return text;
}

/** `hits`: the block's label hits outside its value row (headerHits). */
function readCase(
  scan: PageScan,
  title: TitleRow,
  values: Element,
  block: Element,
  hits: readonly LabelHit[],
  plain: boolean,
): ColumnCase {
  const builder = new FactsBuilder();
  const cells = cellsOf(values);
  // The header part of the block (outside the value row): its labelled pairs.
  const labelNodes = hits.map((h) => h.node);
  for (const hit of hits) builder.offer(hit.key, pairedValue(hit, block, labelNodes), hit.label);
  title.columns.forEach((column, i) => {
    const cell = cells[i];
    if (!cell || column === null) return;
    const text = cell.textContent ?? '';
    // The platform's timer: from the timer column and the status column only.
    if (column === 'timer' || column === 'refundStatus')
      for (const c of countdownsIn(text)) builder.offerCountdown(c);
    if (column !== 'timer') builder.offer(column, text);
  });
  const headerText = headerTextOf(scan, block, values, plain);
  const { facts, unreadable } = builder.build();
  return { element: block, values, facts, unreadable, aftersale: saysAftersale(headerText, plain), title };
}

/** Every column list on the page, in page order; empty when the page has none. */
/** A `tr` of a table with at most one body, whose other rows follow it in that same table. */
function headsPlainTable(row: Element): boolean {
  if (row.localName !== 'tr') return false;
  const table = row.closest('table');
  if (!table || table.querySelectorAll(':scope > tbody').length > 1) return false;
  return (
    row.nextElementSibling !== null ||
    (row.parentElement?.localName === 'thead' && table.querySelector(':scope > tbody > tr') !== null)
  );
}

/**
 * `plain`: no shortcut (every title row's rows are read, every hit tested against every
 * block, titles classified cell by cell) — the reference the tests compare with.
 */
export function readColumnLists(scan: PageScan, opts: { plain?: boolean } = {}): ColumnList[] {
  return drain(readColumnListsSteps(scan, opts));
}

/** readColumnLists in steps (one per case): see steps.ts. */
export function* readColumnListsSteps(scan: PageScan, opts: { plain?: boolean } = {}): Steps<ColumnList[]> {
  const plain = opts.plain === true;
  const memo: TitleMemo = plain ? null : new Map();
  const titles = findTitleRows(scan);
  const titleEls = new Set(titles.map((t) => t.element));
  const out: ColumnList[] = [];
  for (const title of titles) {
    // The head of a plain table (one body of rows under it) is the header-row reader's list:
    // no row there has a block of its own, so there is nothing to read here (checked below
    // for every other shape, at the price of reading all its rows).
    if (!plain && headsPlainTable(title.element)) continue;
    const rows = yield* valueRows(scan, title, titleEls, memo);
    const blocks = blocksOf(rows, title.element, scan.root);
    // Rows of one table under a header row (no block of their own) are the header-row reader's (list.ts).
    if (blocks.some((b, i) => b === rows[i])) continue;
    const hits = plain ? null : headerHits(scan, rows, blocks);
    yield;
    const cases: ColumnCase[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const block = blocks[i]!;
      const own = hits
        ? (hits.get(block) ?? NO_HITS)
        : scan.hits.filter((h) => block.contains(h.node) && !row.contains(h.node));
      cases.push(readCase(scan, title, row, block, own, plain));
      yield;
    }
    out.push({ title, cases });
  }
  return out;
}
