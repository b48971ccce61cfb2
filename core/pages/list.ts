import type { FactKey, Facts } from '../model/facts';
import { normalizeText } from '../text/normalize';
import { findCountdown } from '../time/duration';
import { cellOf, isHeaderCellRow } from './detail';
import { FactsBuilder, type ValueCache } from './facts-builder';
import { MAX_LABEL_LENGTH, labelKey, splitInlineLabel } from './labels';
import { TEXT_NODE, isInNoise, isNoiseRow, type LabelHit, type PageScan } from './scan';

/**
 * List pages: a header row of labels and one case per body row. The header is read once
 * and mapped to columns; each row is then read cell by cell by index (no label search per
 * row). Columns whose header is no known label (`订单信息`) are searched for inline
 * `label：value` texts, and dropped after a few rows that have none.
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
  /** Non-empty header cells that are no known label. */
  otherColumns: number[];
  /**
   * The other columns still searched for inline labels after the last full read (columns
   * without any in their first rows are dropped): rows re-read alone search these.
   */
  searched?: number[];
}

/** Our own badge host: its text lives in a shadow root; light-DOM text in one is never the page's. */
const BADGE_TAG = 'aftersale-sentinel-badge';

/** A cell's text, without the light-DOM text of badge hosts placed in it (rare: slow path by cloning). */
function textOf(cell: Element, badgeCells: ReadonlySet<Element> | null): string {
  if (!badgeCells || !badgeCells.has(cell)) return cell.textContent ?? '';
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
      const cell = b.parentElement?.closest('td,th,[role=cell],[role=gridcell],[role=columnheader],[role=rowheader]');
      if (cell) (out ??= new Set()).add(cell);
    }
  }
  return out;
}

/** Keys whose read value (id, amount, time) leaves no room for a timer in the cell. */
const PLAIN_KEYS: ReadonlySet<FactKey> = new Set([
  'refundId', 'orderId', 'refundAmount', 'paidAmount', 'shippingFee', 'paidAt', 'shippedAt',
  'refundRequestedAt', 'complaintFiledAt', 'tradeClosedAt', 'tradeSucceededAt',
]);
/** A countdown has a unit or a clock: rows with none of these characters are not searched. */
const MAY_HOLD_TIMER = /[天时分秒:：]/;
const CELL_ROLES: ReadonlySet<string> = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);
const SHOW_TEXT = 0x4;

function isCell(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag === 'TD' || tag === 'TH') return true;
  const role = el.getAttribute('role');
  return role !== null && CELL_ROLES.has(role);
}

function cellsOf(row: Element): Element[] {
  // <tr>: the native cell list; grids: the children with a cell role.
  const native = (row as HTMLTableRowElement).cells;
  if (native && row.tagName.toUpperCase() === 'TR') return Array.from(native);
  const out: Element[] = [];
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) if (isCell(c)) out.push(c);
  return out;
}

/** A body row's cells: `<tr>`'s native list as is (indexed, no copy); grids: as cellsOf. */
function rowCells(row: Element): ArrayLike<Element> {
  const native = (row as HTMLTableRowElement).cells;
  if (native && row.tagName.toUpperCase() === 'TR') return native;
  return cellsOf(row);
}

/** A table row (`<tr>`) or a grid row (`role=row`). */
export function isRow(el: Element): boolean {
  return el.tagName.toUpperCase() === 'TR' || el.getAttribute('role') === 'row';
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
    const otherColumns = cells.map((c, i) => (labelled.has(i) || !(c.textContent ?? '').trim() ? -1 : i)).filter((i) => i >= 0);
    headers.push({ row, columns, otherColumns });
  }
  return headers;
}

/** Body rows belonging to a header: rows after it in its table/grid, or in the next table (split header/body tables). */
export function bodyRows(scan: PageScan, header: HeaderRow, isHeader: (row: Element) => boolean): Element[] {
  const row = header.row;
  const accept = (r: Element) => !isHeader(r) && !isInNoise(scan, r);
  // Rows nested in another body row (an expanded detail table) are part of that row.
  const topLevel = (rows: Element[]) => {
    const set = new Set(rows);
    return rows.filter((r) => {
      const outer = r.parentElement?.closest('tr,[role=row]');
      return !outer || !set.has(outer);
    });
  };
  const isTr = row.tagName.toUpperCase() === 'TR';
  let container: Element | null = isTr ? row.closest('table') : (row.closest('[role=grid],[role=table],[role=treegrid]') ?? row.parentElement);
  for (let level = 0; container && level < 6; level++) {
    const all = Array.from(isTr ? container.getElementsByTagName('tr') : container.querySelectorAll('[role=row]'));
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
    if (raw.length > 400 || !raw.includes(':') && !raw.includes('：')) continue;
    const inline = splitInlineLabel(normalizeText(raw));
    if (!inline) continue;
    found = true;
    labels.add(inline.label);
    builder.offer(inline.key, inline.value.trim() ? inline.value : null);
  }
  return found;
}

interface RowState {
  header: HeaderRow;
  values: ValueCache;
  need: number;
  headerLabels: ReadonlySet<string>;
  others: number[];
  emptyRuns: Map<number, number>;
}

function rowState(header: HeaderRow, others: readonly number[]): RowState {
  return {
    header,
    values: new Map(),
    need: header.columns.reduce((m, c) => Math.max(m, c.index), 0) + 1,
    headerLabels: new Set(header.columns.map((c) => c.label)),
    others: others.slice(),
    emptyRuns: new Map(),
  };
}

const NO_TEXTS: ReadonlyMap<Element, ReadonlyArray<string | undefined>> = new Map();

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
  let labels = st.headerLabels;
  // Each cell's text is taken once; the row's text (for the platform's timer) is their join.
  // Cells read as an id, amount or time hold no timer; the others are searched for one.
  // The scan's texts as they are (read only); a cell it did not read is read here, into a copy.
  let texts: ReadonlyArray<string | undefined> = known ?? new Array<string | undefined>(count);
  let own = known === undefined;
  // Cells to leave out of the timer search: a bit per cell (an array past 31 cells).
  let skipBits = 0;
  const skipMany: boolean[] | null = count > 31 ? new Array<boolean>(count) : null;
  const columns = header.columns;
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c]!;
    const at = column.index;
    if (at >= count) {
      builder.offer(column.key, null);
      continue;
    }
    let text = texts[at];
    if (text === undefined) {
      cells ??= rowCells(row);
      text = textOf(cells[at]!, badgeCells);
      if (!own) {
        texts = texts.slice();
        own = true;
      }
      (texts as Array<string | undefined>)[at] = text;
    }
    builder.offer(column.key, text);
    if (PLAIN_KEYS.has(column.key) && builder.has(column.key)) {
      if (skipMany) skipMany[at] = true;
      else skipBits |= 1 << at;
    }
  }
  if (st.others.length) {
    cells ??= rowCells(row);
    for (const index of st.others) {
      const cell = index < count ? cells[index] : undefined;
      if (!cell) continue;
      if (labels === st.headerLabels) labels = new Set(st.headerLabels);
      if (inlineLabels(doc, cell, builder, labels as Set<string>)) st.emptyRuns.set(index, -1);
      else if ((st.emptyRuns.get(index) ?? 0) >= 0) st.emptyRuns.set(index, (st.emptyRuns.get(index) ?? 0) + 1);
    }
    st.others = st.others.filter((i) => (st.emptyRuns.get(i) ?? 0) < 3);
  }
  let rowText = '';
  for (let i = 0; i < count; i++) {
    if (skipMany ? skipMany[i] : skipBits & (1 << i)) continue;
    let text = texts[i];
    if (text === undefined) {
      cells ??= rowCells(row);
      text = textOf(cells[i]!, badgeCells);
    }
    rowText += `${text} `;
  }
  const { facts, unreadable } = builder.build(MAY_HOLD_TIMER.test(rowText) ? findCountdown(rowText) : null);
  return { element: row, index, facts, unreadable, labels, header };
}

/** Read every body row under every header row, in page order. */
export function readListRows(scan: PageScan, headers: readonly HeaderRow[]): ListRow[] {
  const headerSet = new Set(headers.map((h) => h.row));
  const out: ListRow[] = [];
  const badgeCells = headers.length ? cellsWithBadgeText([scan.doc]) : null;
  for (const header of headers) {
    const rows = bodyRows(scan, header, (r) => headerSet.has(r));
    const st = rowState(header, header.otherColumns);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const read = readRow(scan.doc, st, row, badgeCells, scan.rowTexts, out.length);
      if (read) out.push(read);
    }
    header.searched = st.others;
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
  const st = rowState(header, header.searched ?? header.otherColumns);
  return rows.map((row) => (isNoiseRow(row) ? null : readRow(doc, st, row, badgeCells, NO_TEXTS)));
}
