import type { FactKey, Facts } from '../model/facts';
import { normalizeText } from '../text/normalize';
import { findCountdown } from '../time/duration';
import { FactsBuilder } from './facts-builder';
import { LABEL_TO_KEY, MAX_LABEL_LENGTH, splitInlineLabel } from './labels';
import { ELEMENT_NODE, TEXT_NODE, textOutsideNoise, type LabelHit, type PageScan } from './scan';

/** A detail panel found on a page: its element (badge anchor), its labels and what they read. */
export interface DetailPanel {
  element: Element;
  hits: LabelHit[];
  facts: Facts;
  unreadable: FactKey[];
  /** Normalised labels seen in the panel (tells 售后 from 退款). */
  labels: Set<string>;
}

const IGNORED_TAGS: ReadonlySet<string> = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'BR', 'HR', 'IMG', 'SVG', 'INPUT', 'BUTTON']);
const CELL_TAGS: ReadonlySet<string> = new Set(['TD', 'TH']);
const CELL_ROLES: ReadonlySet<string> = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);
const COLON_END = /\s*[:：]\s*$/;
const SPACES = /\s+/g;

function textOf(node: Node): string {
  return node.nodeType === TEXT_NODE ? (node as Text).data : (node.textContent ?? '');
}

/** A sibling that carries something: non-blank text, or an element with non-blank text. */
function meaningful(node: Node): boolean {
  if (node.nodeType === TEXT_NODE) return (node as Text).data.trim() !== '';
  if (node.nodeType !== ELEMENT_NODE) return false;
  if (IGNORED_TAGS.has((node as Element).tagName.toUpperCase())) return false;
  return (node.textContent ?? '').trim() !== '';
}

function nextMeaningful(node: Node): Node | null {
  for (let s = node.nextSibling; s; s = s.nextSibling) if (meaningful(s)) return s;
  return null;
}

function hasPreviousMeaningful(node: Node): boolean {
  for (let s = node.previousSibling; s; s = s.previousSibling) if (meaningful(s)) return true;
  return false;
}

/** Whether a text is itself a label (bare or `label：value`): then it is no value of the label before it. */
export function isLabelText(raw: string): boolean {
  if (raw.length > 400) return false;
  const text = normalizeText(raw);
  if (text.length <= MAX_LABEL_LENGTH + 4 && LABEL_TO_KEY.has(text.replace(COLON_END, '').replace(SPACES, ''))) return true;
  return splitInlineLabel(text) !== undefined;
}

function isCell(el: Element): boolean {
  if (CELL_TAGS.has(el.tagName.toUpperCase())) return true;
  const role = el.getAttribute('role');
  return role !== null && CELL_ROLES.has(role);
}

function cellsOf(row: Element): Element[] {
  const out: Element[] = [];
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) if (isCell(c)) out.push(c);
  if (out.length) return out;
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) out.push(c);
  return out;
}

/** The table cell holding a label text node (a few wrappers deep), or null. */
export function cellOf(node: Node, stop: ParentNode): Element | null {
  let el = node.parentElement;
  for (let i = 0; el && i < 5 && (el as unknown) !== stop; i++, el = el.parentElement) if (isCell(el)) return el;
  return null;
}

/** A row of header cells: in `<thead>`, or all `<th>` / `role=columnheader`. */
export function isHeaderCellRow(row: Element, cells: readonly Element[]): boolean {
  if (row.parentElement?.tagName.toUpperCase() === 'THEAD') return true;
  return cells.length > 0 && cells.every((c) => c.tagName.toUpperCase() === 'TH' || c.getAttribute('role') === 'columnheader');
}

/** The row after a header row: the next sibling row, or the first body row of the table. */
function nextRow(row: Element): Element | null {
  if (row.nextElementSibling) return row.nextElementSibling;
  const section = row.parentElement;
  if (section && section.tagName === 'THEAD') {
    const body = section.parentElement?.querySelector('tbody > tr');
    if (body) return body;
  }
  return null;
}

/**
 * The value a page pairs with a label, as raw text; null when the label stands alone.
 * Layouts: one text node (`退款原因：卖家缺货`), the next sibling (text or element, through
 * wrappers: climb while the label's container holds nothing else), and a header row of a
 * table (value in the same column of the next row).
 */
export function pairedValue(hit: LabelHit, root: ParentNode, labelNodes: readonly Node[] = []): string | null {
  if (hit.inline !== undefined) return hit.inline;
  let cur: Node = hit.node;
  for (let depth = 0; depth < 8; depth++) {
    const sibling = nextMeaningful(cur);
    if (sibling) {
      const text = textOf(sibling);
      // Another label (or a block holding labels) next: this label has no value of its own.
      const holdsLabel = sibling.nodeType === ELEMENT_NODE && labelNodes.some((n) => sibling.contains(n));
      if (!holdsLabel && !isLabelText(text)) return text;
      break;
    }
    // Never climb out of a pairing unit (cell, dt/dd, list item): the next one is another field.
    if (cur.nodeType === ELEMENT_NODE && isPairingUnit(cur as Element)) break;
    const parent: Node | null = cur.parentNode;
    if (!parent || parent === (root as unknown) || parent.nodeType !== ELEMENT_NODE || hasPreviousMeaningful(cur)) break;
    cur = parent;
  }
  // A header row of labels: the value sits in the same column of the next row. Only for a
  // row of headers — never borrow from the next row of a label/value table.
  const cell = cellOf(hit.node, root);
  const row = cell?.parentElement;
  if (!cell || !row) return null;
  const cells = cellsOf(row);
  if (!isHeaderCellRow(row, cells) && !cells.every((c) => !(c.textContent ?? '').trim() || isLabelText(c.textContent ?? ''))) return null;
  const below = nextRow(row);
  if (!below) return null;
  const index = cells.indexOf(cell);
  const target = cellsOf(below)[index];
  if (!target) return null;
  const text = target.textContent ?? '';
  return isLabelText(text) ? null : text;
}

const UNIT_TAGS: ReadonlySet<string> = new Set(['TD', 'TH', 'DT', 'DD', 'LI', 'TR', 'P']);

function isPairingUnit(el: Element): boolean {
  return UNIT_TAGS.has(el.tagName.toUpperCase()) || isCell(el);
}

function rootElement(root: ParentNode): Element | null {
  const node = root as Node;
  if (node.nodeType === 9) return (root as Document).documentElement;
  if (node.nodeType === ELEMENT_NODE) return root as Element;
  return null;
}

function distinctKeys(hits: readonly LabelHit[], within: Element): number {
  const keys = new Set<FactKey>();
  for (const h of hits) if (within.contains(h.node)) keys.add(h.key);
  return keys.size;
}

function lowestCommonAncestor(a: Node, b: Node): Element | null {
  for (let el = a.parentElement; el; el = el.parentElement) if (el.contains(b)) return el;
  return null;
}

/** Whether some key other than the marker's appears twice under `el` (a repeated panel structure). */
function repeatsKeys(hits: readonly LabelHit[], el: Element, marker: FactKey): boolean {
  const seen = new Set<FactKey>();
  for (const h of hits) {
    if (h.key === marker || !el.contains(h.node)) continue;
    if (seen.has(h.key)) return true;
    seen.add(h.key);
  }
  return false;
}

/**
 * Panels on a detail page. Occurrences of the first marker key present (e.g. `reason`)
 * start panels; two occurrences belong to one panel unless the structure around them
 * repeats (`投诉类型` and `投诉原因` in one list are one panel; two refund blocks are two).
 * The panel element is the smallest ancestor holding every kind of label found around its
 * markers (up to where another panel begins), widened by at most two wrapper levels that
 * add no label (status bars with the platform's timer sit there). Labels elsewhere on the
 * page — a stray price in a header, a recommendation card — are not used.
 */
export function findPanelElements(
  scan: PageScan,
  markerKeys: readonly FactKey[],
  fallbackToAll: boolean,
): Array<{ element: Element; marker: LabelHit; region: Element }> {
  const top = rootElement(scan.root);
  let markers: LabelHit[] = [];
  let markerKey: FactKey | undefined;
  for (const key of markerKeys) {
    markers = scan.hits.filter((h) => h.key === key);
    if (markers.length) {
      markerKey = key;
      break;
    }
  }
  if (!markers.length) {
    if (!fallbackToAll || !scan.hits.length) return [];
    markers = [scan.hits[0]!];
    markerKey = scan.hits[0]!.key;
  }
  // Group markers into panels, in document order.
  const groups: LabelHit[][] = [];
  for (const m of markers) {
    const last = groups[groups.length - 1];
    const lca = last ? lowestCommonAncestor(last[last.length - 1]!.node, m.node) : null;
    if (last && lca && !repeatsKeys(scan.hits, lca, markerKey!)) last.push(m);
    else groups.push([m]);
  }
  const out: Array<{ element: Element; marker: LabelHit; region: Element }> = [];
  for (const group of groups) {
    const first = group[0]!;
    let start: Element | null = first.node.parentElement;
    for (const m of group.slice(1)) start = start && !start.contains(m.node) ? lowestCommonAncestor(start, m.node) : start;
    if (!start) continue;
    const others = groups.filter((g) => g !== group).flat();
    let limit: Element = start;
    while (limit !== top && limit.parentElement && !others.some((m) => limit.parentElement!.contains(m.node))) {
      limit = limit.parentElement;
    }
    const inLimit = scan.hits.filter((h) => limit.contains(h.node));
    const want = distinctKeys(inLimit, limit);
    let panel: Element = start;
    while (panel !== limit && panel.parentElement && distinctKeys(inLimit, panel) < want) panel = panel.parentElement;
    const count = inLimit.filter((h) => panel.contains(h.node)).length;
    for (let level = 0; level < 2 && panel !== limit && panel.parentElement; level++) {
      const parent: Element = panel.parentElement;
      const tag = parent.tagName.toUpperCase();
      if (tag === 'BODY' || tag === 'HTML' || inLimit.filter((h) => parent.contains(h.node)).length !== count) break;
      panel = parent;
    }
    if (out.some((p) => p.element === panel)) continue;
    out.push({ element: panel, marker: first, region: limit });
  }
  return out;
}

/**
 * Facts the page states only in an event sentence: `<nick>于2026-11-19 16:20:00创建了退款申请`
 * is the request time. Used when no label gave the fact; two different times make it unreadable.
 */
const EVENTS: ReadonlyArray<readonly [FactKey, RegExp]> = [
  ['refundRequestedAt', /于\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)\s*(?:创建|发起|提交)了?(?:退款|售后)申请/g],
];

/**
 * The workbench detail states the case's state as a sentence beside its countdown, with no
 * label: the state a countdown belongs to. Taken only when no 退款状态 label was read; the first
 * one in the panel wins (`买家已退货，请处理退货` → 买家已退货).
 */
const STATE_SENTENCE = /请处理买家的退款申请|买家已退货|请处理退货|等待买家退货|请确认收货/;

function offerEvents(builder: FactsBuilder, text: string): void {
  if (!builder.seen('refundStatus')) {
    const state = STATE_SENTENCE.exec(normalizeText(text));
    if (state) builder.offer('refundStatus', state[0]);
  }
  for (const [key, re] of EVENTS) {
    if (builder.seen(key)) continue;
    const found = new Set<string>();
    for (const m of normalizeText(text).matchAll(re)) found.add(m[1]!);
    if (found.size === 1) builder.offer(key, [...found][0]!);
    else if (found.size > 1) builder.offer(key, null);
  }
}

/** Read every panel of a detail page. */
export function readDetailPanels(scan: PageScan, markerKeys: readonly FactKey[], fallbackToAll: boolean): DetailPanel[] {
  return findPanelElements(scan, markerKeys, fallbackToAll).map(({ element, region }) => {
    const hits = scan.hits.filter((h) => element.contains(h.node));
    const labelNodes = hits.map((h) => h.node);
    const builder = new FactsBuilder();
    const labels = new Set<string>();
    for (const hit of hits) {
      labels.add(hit.label);
      builder.offer(hit.key, pairedValue(hit, scan.root, labelNodes));
    }
    offerEvents(builder, textOutsideNoise(scan, region));
    // The platform's timer: inside the panel, else in the region around it (not another panel's).
    const countdown = findCountdown(textOutsideNoise(scan, element)) ?? (region !== element ? findCountdown(textOutsideNoise(scan, region)) : null);
    const { facts, unreadable } = builder.build(countdown);
    return { element, hits, facts, unreadable, labels };
  });
}
