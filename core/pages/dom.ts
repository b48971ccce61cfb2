/**
 * The one home of the readers' DOM helpers for rows and cells: what a cell is, the cells of
 * a row (three views of them, each for one reader), the cell a label sits in, header rows.
 * Pure: no globals (`Node`, `NodeFilter` are no globals in the CLI), only the given nodes.
 */

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const SHOW_ELEMENT = 0x1;
export const SHOW_TEXT = 0x4;

/** Our own badge host: its text lives in a shadow root; light-DOM text in one is never the page's. */
export const BADGE_TAG = 'aftersale-sentinel-badge';

const CELL_ROLES: ReadonlySet<string> = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);

/** `<td>`, `<th>`, or an element with a cell role (grids). */
export function isCell(el: Element): boolean {
  const tag = el.tagName;
  if (tag === 'TD' || tag === 'TH' || tag === 'td' || tag === 'th') return true;
  const role = el.getAttribute('role');
  return role !== null && CELL_ROLES.has(role);
}

/** A table row (`<tr>`) or a grid row (`role=row`). */
export function isRow(el: Element): boolean {
  return el.tagName.toUpperCase() === 'TR' || el.getAttribute('role') === 'row';
}

/**
 * The cells of a row, indexed as the page shows them: a `<tr>`'s native cell list as is
 * (no copy), else the children that are cells (grids).
 */
export function rowCells(row: Element): ArrayLike<Element> {
  const native = (row as HTMLTableRowElement).cells;
  if (native && row.tagName.toUpperCase() === 'TR') return native;
  const out: Element[] = [];
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) if (isCell(c)) out.push(c);
  return out;
}

/** rowCells as an array. */
export function cellsOf(row: Element): Element[] {
  return Array.from(rowCells(row));
}

/** rowCells, or every element child when the row has no cell (a row of `div`s under a header row). */
export function cellsOrChildren(row: Element): Element[] {
  const cells = cellsOf(row);
  if (cells.length) return cells;
  const out: Element[] = [];
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) out.push(c);
  return out;
}

const NOT_CELLS: ReadonlySet<string> = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', BADGE_TAG.toUpperCase()]);

/**
 * The column cells of a row of a column list (workbench per-case tables, refund2 blocks):
 * every element child but scripts, styles, templates and our badge hosts.
 */
export function columnCells(row: Element): Element[] {
  const out: Element[] = [];
  for (let c = row.firstElementChild; c; c = c.nextElementSibling)
    if (!NOT_CELLS.has(c.tagName.toUpperCase())) out.push(c);
  return out;
}

/** The table cell holding a node (a few wrappers deep), or null. */
export function cellOf(node: Node, stop: ParentNode): Element | null {
  let el = node.parentElement;
  for (let i = 0; el && i < 5 && (el as unknown) !== stop; i++, el = el.parentElement)
    if (isCell(el)) return el;
  return null;
}

/** A row of header cells: in `<thead>`, or all `<th>` / `role=columnheader`. */
export function isHeaderCellRow(row: Element, cells: readonly Element[]): boolean {
  if (row.parentElement?.tagName.toUpperCase() === 'THEAD') return true;
  return (
    cells.length > 0 &&
    cells.every((c) => c.tagName.toUpperCase() === 'TH' || c.getAttribute('role') === 'columnheader')
  );
}

/** The row after a header row: the next sibling row, or the first body row of the table. */
export function nextRow(row: Element): Element | null {
  if (row.nextElementSibling) return row.nextElementSibling;
  const section = row.parentElement;
  if (section && section.tagName.toUpperCase() === 'THEAD')
    return section.parentElement?.querySelector('tbody > tr') ?? null;
  return null;
}

/** Inline elements: their text reads as part of the line around them. */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  'SPAN',
  'EM',
  'I',
  'B',
  'STRONG',
  'FONT',
  'A',
  'SMALL',
  'U',
  'S',
  'MARK',
  'BDI',
  'BDO',
  'CODE',
  'TIME',
  'ABBR',
  'SUB',
  'SUP',
  'LABEL',
]);
