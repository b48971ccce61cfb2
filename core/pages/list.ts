import type { FactKey, Facts } from '../model/facts';
import { normalizeLabel, normalizeText } from '../text/normalize';
import { BADGE_TAG, cellOf, cellsOf, isHeaderCellRow, isRow, rowCells, SHOW_TEXT, TEXT_NODE } from './dom';
import { FactsBuilder, type ValueCache } from './facts-builder';
import {
  FREE_TEXT_LABELS,
  MAX_LABEL_LENGTH,
  PLAIN_TITLES,
  TIMER_TITLES,
  labelKey,
  freeLabelWithin,
  splitFreeLabel,
  splitInlineLabel,
} from './labels';
import { isInNoise, isNoiseRow, type LabelHit, type PageScan } from './scan';
import { drain, type Steps } from './steps';
import { countdownsIn } from './timer';

export { isRow };

/**
 * List pages: a header row of labels and one case per body row. The header is read once
 * and mapped to columns; each row is then read cell by cell by index (no label search per
 * row). Columns whose header is no known label (`订单信息`) are searched for inline
 * `label：value` texts in every row; the platform's timer is read from the timer column and
 * the status column only.
 */

export interface ListRow {
  element: Element;
  /** 0-based position among the body rows. */
  index: number;
  facts: Facts;
  unreadable: FactKey[];
  /** Read only: rows without inline labels share their header's set. */
  labels: ReadonlySet<string>;
  /** The header row the row was read under. */
  header: HeaderRow;
}

export interface HeaderRow {
  row: Element;
  columns: Array<{ index: number; key: FactKey; label: string }>;
  /**
   * Non-empty header cells that are no known label and may hold inline `label：value` texts
   * (`订单信息`): not a timer, free-text or plain title (`操作`, `宝贝`, `数量`).
   */
  otherColumns: number[];
  /** Header cells titled as the platform's timer (`剩余时间`, `超时提醒`). */
  timerColumns: number[];
}

/**
 * A cell's text, without the light-DOM text of badge hosts placed in it (rare: slow path by
 * cloning). `badgeCells === ALL`: the plain reading, every cell the slow way.
 */
function textOf(cell: Element, badgeCells: ReadonlySet<Element> | null): string {
  if (!badgeCells || (badgeCells !== ALL && !badgeCells.has(cell))) return cell.textContent ?? '';
  const copy = cell.cloneNode(true) as Element;
  for (const b of Array.from(copy.getElementsByTagName(BADGE_TAG))) b.remove();
  return copy.textContent ?? '';
}

/**
 * Cells holding a badge host that carries light-DOM text, under `root` (the whole document:
 * one query, not one per row; or the rows read again); null (the usual case) when none. A
 * cell is in the set exactly when some row holding it would have found it: the badge lies
 * inside that cell.
 */
function cellsWithBadgeText(roots: ReadonlyArray<Document | Element>): Set<Element> | null {
  let out: Set<Element> | null = null;
  for (const root of roots) {
    const badges = root.getElementsByTagName(BADGE_TAG);
    if (badges.length === 0) continue;
    for (const b of Array.from(badges)) {
      if (!(b.textContent ?? '').trim()) continue;
      const cell = b.parentElement?.closest(
        'td,th,[role=cell],[role=gridcell],[role=columnheader],[role=rowheader]',
      );
      if (cell) (out ??= new Set()).add(cell);
    }
  }
  return out;
}

/**
 * Header rows. A row of header cells (`<thead>`, all `<th>`, or `role=columnheader`) with
 * at least two labels; a plain row only when labels fill two thirds of its non-empty cells
 * (a detail row `退款原因 | 卖家缺货 | 退款金额 | 500.00` is half labels, so it is no header).
 */
export function findHeaderRows(scan: PageScan): HeaderRow[] {
  const byRow = new Map<Element, LabelHit[]>();
  for (const hit of scan.hits) {
    if (hit.inline !== undefined) continue;
    const cell = cellOf(hit.node, scan.root);
    const row = cell?.parentElement;
    if (!cell || !row || !isRow(row)) continue;
    const list = byRow.get(row);
    if (list) list.push(hit);
    else byRow.set(row, [hit]);
  }
  const headers: HeaderRow[] = [];
  for (const [row, hits] of byRow) {
    if (hits.length < 2) continue;
    const cells = cellsOf(row);
    if (!isHeaderCellRow(row, cells)) {
      const nonEmpty = cells.filter((c) => (c.textContent ?? '').trim() !== '').length;
      if (hits.length < 3 || hits.length * 3 < nonEmpty * 2) continue;
    }
    const columns: HeaderRow['columns'] = [];
    const labelled = new Set<number>();
    for (const hit of hits) {
      const index = cells.indexOf(cellOf(hit.node, scan.root)!);
      if (index < 0 || labelled.has(index)) continue;
      labelled.add(index);
      columns.push({ index, key: hit.key, label: hit.label });
    }
    const timerColumns: number[] = [];
    const otherColumns: number[] = [];
    cells.forEach((c, i) => {
      const text = c.textContent ?? '';
      if (labelled.has(i) || !text.trim()) return;
      const title = text.length <= MAX_LABEL_LENGTH + 8 ? normalizeLabel(text) : '';
      if (TIMER_TITLES.has(title)) timerColumns.push(i);
      else if (!FREE_TEXT_LABELS.has(title) && !PLAIN_TITLES.has(title)) otherColumns.push(i);
    });
    headers.push({ row, columns, otherColumns, timerColumns });
  }
  return headers;
}

/** Body rows belonging to a header: rows after it in its table/grid, or in the next table (split header/body tables). */
function bodyRows(scan: PageScan, header: HeaderRow, isHeader: (row: Element) => boolean): Element[] {
  const row = header.row;
  const accept = (r: Element) => !isHeader(r) && !isInNoise(scan, r);
  // Rows nested in another body row (an expanded detail table) are part of that row. Rows
  // share their parent (a tbody): the row around it is looked up once per parent.
  const topLevel = (rows: Element[]) => {
    const set = new Set(rows);
    const outerOf = new Map<Element, Element | null>();
    return rows.filter((r) => {
      const parent = r.parentElement;
      if (!parent) return true;
      let outer = outerOf.get(parent);
      if (outer === undefined) outerOf.set(parent, (outer = parent.closest('tr,[role=row]')));
      return !outer || !set.has(outer);
    });
  };
  const isTr = row.tagName.toUpperCase() === 'TR';
  let container: Element | null = isTr
    ? row.closest('table')
    : (row.closest('[role=grid],[role=table],[role=treegrid]') ?? row.parentElement);
  for (let level = 0; container && level < 6; level++) {
    const all = Array.from(
      isTr ? container.getElementsByTagName('tr') : container.querySelectorAll('[role=row]'),
    );
    // Document order: the rows after the header row.
    const rows = all.slice(all.indexOf(row) + 1).filter(accept);
    if (rows.length) return topLevel(rows);
    container = container.parentElement;
  }
  return [];
}

function inlineLabels(doc: Document, cell: Element, builder: FactsBuilder, labels: Set<string>): boolean {
  const walker = doc.createTreeWalker(cell, SHOW_TEXT);
  let found = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType !== TEXT_NODE) continue;
    const raw = (node as Text).data;
    if (raw.length > 400 || (!raw.includes(':') && !raw.includes('：'))) continue;
    const text = normalizeText(raw);
    const inline = splitInlineLabel(text);
    // After `留言：…` (leading its text, or after a field on the same line) the rest of the
    // cell is the buyer's text, whatever lines or elements it runs over: no label is read there.
    if (!inline) {
      if (splitFreeLabel(text)) break;
      continue;
    }
    found = true;
    labels.add(inline.label);
    builder.offer(inline.key, inline.value.trim() ? inline.value : null, inline.label);
    if (freeLabelWithin(text) !== undefined) break;
  }
  return found;
}

interface RowState {
  header: HeaderRow;
  /** Parsed values of the read (undefined: the plain reading, every value parsed again). */
  values: ValueCache | undefined;
  need: number;
  headerLabels: ReadonlySet<string>;
  plain: boolean;
}

function rowState(header: HeaderRow, plain = false): RowState {
  return {
    header,
    values: plain ? undefined : new Map(),
    need: header.columns.reduce((m, c) => Math.max(m, c.index), 0) + 1,
    headerLabels: new Set(header.columns.map((c) => c.label)),
    plain,
  };
}

/** Every cell read the slow way (the plain reading of readListRows). */
const ALL: ReadonlySet<Element> = new Set();

const NO_TEXTS: ReadonlyMap<Element, ReadonlyArray<string | undefined>> = new Map();
const NO_CELL_TEXTS: ReadonlyArray<string | undefined> = [];
/** A countdown has a unit or a clock: cells with none of these characters are not searched. */
const MAY_HOLD_TIMER = /[天时分秒:：]/;

/**
 * One body row under its header; null for rows that are no case (`暂无数据`, group/summary
 * rows). `rowTexts`: the cell texts the scan took (used when no badge host with text sits
 * in the page's cells), so most rows are read without touching their cells again.
 */
function readRow(
  doc: Document,
  st: RowState,
  row: Element,
  badgeCells: ReadonlySet<Element> | null,
  rowTexts: ReadonlyMap<Element, ReadonlyArray<string | undefined>>,
  index = -1,
): ListRow | null {
  const header = st.header;
  const known = badgeCells ? undefined : rowTexts.get(row);
  let cells: ArrayLike<Element> | null = known ? null : rowCells(row);
  const count = known ? known.length : cells!.length;
  // `暂无数据` rows and group/summary rows that do not have the header's columns.
  if (count < Math.min(st.need, 2)) return null;
  const builder = new FactsBuilder(st.values);
  // The header's labels (shared by its rows, read only), copied when the row may add inline ones.
  let labels = st.plain ? new Set(st.headerLabels) : st.headerLabels;
  // The scan's texts as they are (read only); a cell it did not read is read here.
  const texts: ReadonlyArray<string | undefined> = known ?? NO_CELL_TEXTS;
  const cellText = (at: number): string => {
    const text = texts[at];
    if (text !== undefined) return text;
    cells ??= rowCells(row);
    return textOf(cells[at]!, badgeCells);
  };
  const columns = header.columns;
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c]!;
    const at = column.index;
    if (at >= count) {
      builder.offer(column.key, null, column.label);
      continue;
    }
    const text = cellText(at);
    builder.offer(column.key, text, column.label);
    // The status column may carry the platform's timer (`等待卖家处理 剩余23小时12分`).
    if (column.key === 'refundStatus' && MAY_HOLD_TIMER.test(text))
      for (const cd of countdownsIn(text)) builder.offerCountdown(cd);
  }
  // The timer column: the platform's countdown, and only there (never a nick or another cell).
  for (const at of header.timerColumns) {
    if (at >= count) continue;
    const text = cellText(at);
    if (MAY_HOLD_TIMER.test(text)) for (const cd of countdownsIn(text)) builder.offerCountdown(cd);
  }
  const others = header.otherColumns;
  if (others.length) {
    cells ??= rowCells(row);
    for (const index of others) {
      const cell = index < count ? cells[index] : undefined;
      if (!cell) continue;
      if (labels === st.headerLabels) labels = new Set(st.headerLabels);
      inlineLabels(doc, cell, builder, labels as Set<string>);
    }
  }
  const { facts, unreadable } = builder.build();
  return { element: row, index, facts, unreadable, labels, header };
}

/**
 * Read every body row under every header row, in page order. Fast paths: the cell texts the
 * scan took, one badge-host query for the page, values parsed once per read, the header's
 * label set shared. `plain`: none of them (every cell read and parsed on its own) — the
 * reading the fast one must equal (test/unit/pages/list-plain.test.ts).
 */
export function readListRows(
  scan: PageScan,
  headers: readonly HeaderRow[],
  opts: { plain?: boolean } = {},
): ListRow[] {
  return drain(readListRowsSteps(scan, headers, opts));
}

/** readListRows in steps (one per body row): see steps.ts. */
export function* readListRowsSteps(
  scan: PageScan,
  headers: readonly HeaderRow[],
  opts: { plain?: boolean } = {},
): Steps<ListRow[]> {
  const plain = opts.plain === true;
  const headerSet = new Set(headers.map((h) => h.row));
  const out: ListRow[] = [];
  const badgeCells = plain ? ALL : headers.length ? cellsWithBadgeText([scan.doc]) : null;
  for (const header of headers) {
    const rows = bodyRows(scan, header, (r) => headerSet.has(r));
    const st = rowState(header, plain);
    for (let r = 0; r < rows.length; r++) {
      const read = readRow(scan.doc, st, rows[r]!, badgeCells, plain ? NO_TEXTS : scan.rowTexts, out.length);
      if (read) out.push(read);
      yield;
    }
  }
  return out;
}

/** Whether a row's cells read as two or more labels: it may be a (new) header row. */
function looksLikeHeader(row: Element): boolean {
  let labels = 0;
  const cells = rowCells(row);
  for (let i = 0; i < cells.length; i++) {
    const text = cells[i]!.textContent ?? '';
    if (text.length <= MAX_LABEL_LENGTH + 8 && labelKey(text) && ++labels >= 2) return true;
  }
  return false;
}

/**
 * Rows of a list read before (under `header`), read again on their own after a change:
 * the same reading as readListRows, for just these rows. Index is -1 (the caller knows
 * where the rows are). Null when a row may be a header row: only a whole read can tell.
 */
export function rereadListRows(header: HeaderRow, rows: readonly Element[]): Array<ListRow | null> | null {
  if (rows.some(looksLikeHeader)) return null;
  const doc = header.row.ownerDocument;
  const badgeCells = cellsWithBadgeText(rows);
  const st = rowState(header);
  return rows.map((row) => (isNoiseRow(row) ? null : readRow(doc, st, row, badgeCells, NO_TEXTS)));
}
