import { normalizeText } from '../text/normalize';
import {
  cellOf,
  cellsOrChildren,
  ELEMENT_NODE,
  INLINE_TAGS,
  isCell,
  isHeaderCellRow,
  nextRow,
  TEXT_NODE,
} from './dom';
import { FREE_TEXT_LABELS, LABEL_TO_KEY, MAX_LABEL_LENGTH, splitFreeLabel, splitInlineLabel } from './labels';

/**
 * Which text a page pairs with a label: the value of a fact label, the region of a free-text
 * label (退款说明, 留言: everything the buyer wrote), so that nothing inside either is read as a
 * label, a countdown or an amount.
 */

/** A label found by the scan: its text node, and the value when both share the node. */
interface LabelAt {
  node: Node;
  /** `退款原因：卖家缺货` in one text node → `卖家缺货`. */
  inline?: string;
}

const IGNORED_TAGS: ReadonlySet<string> = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'BR',
  'HR',
  'IMG',
  'SVG',
  'INPUT',
  'BUTTON',
]);
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

/** Whether a text is a bare label (fact or free text), colon or not. */
function isBareLabel(text: string): boolean {
  if (text.length > MAX_LABEL_LENGTH + 4) return false;
  const label = text.replace(COLON_END, '').replace(SPACES, '');
  return LABEL_TO_KEY.has(label) || FREE_TEXT_LABELS.has(label);
}

/** Whether a text is itself a label (bare or `label：value`): then it is no value of the label before it. */
function isLabelText(raw: string): boolean {
  if (raw.length > 400) return false;
  const text = normalizeText(raw);
  return isBareLabel(text) || splitInlineLabel(text) !== undefined || splitFreeLabel(text) !== undefined;
}

const UNIT_TAGS: ReadonlySet<string> = new Set(['TD', 'TH', 'DT', 'DD', 'LI', 'TR', 'P']);

function isPairingUnit(el: Element): boolean {
  return UNIT_TAGS.has(el.tagName.toUpperCase()) || isCell(el);
}

/** The value a page pairs with a label: its text and the node holding it; null when the label stands alone. */
interface Paired {
  text: string;
  node: Node;
}

/**
 * The value a page pairs with a label. Layouts: one text node (`退款原因：卖家缺货`), the next
 * sibling (text or element, through wrappers: climb while the label's container holds
 * nothing else), and a header row of a table (value in the same column of the next row).
 */
export function pairedNode(hit: LabelAt, root: ParentNode, labelNodes: readonly Node[] = []): Paired | null {
  if (hit.inline !== undefined) return { text: hit.inline, node: hit.node };
  let cur: Node = hit.node;
  for (let depth = 0; depth < 8; depth++) {
    const sibling = nextMeaningful(cur);
    if (sibling) {
      const text = textOf(sibling);
      // Another label (or a block holding labels) next: this label has no value of its own.
      const holdsLabel = sibling.nodeType === ELEMENT_NODE && labelNodes.some((n) => sibling.contains(n));
      if (!holdsLabel && !isLabelText(text)) return { text, node: sibling };
      break;
    }
    // Never climb out of a pairing unit (cell, dt/dd, list item): the next one is another field.
    if (cur.nodeType === ELEMENT_NODE && isPairingUnit(cur as Element)) break;
    const parent: Node | null = cur.parentNode;
    if (
      !parent ||
      parent === (root as unknown) ||
      parent.nodeType !== ELEMENT_NODE ||
      hasPreviousMeaningful(cur)
    )
      break;
    cur = parent;
  }
  // A header row of labels: the value sits in the same column of the next row. Only for a
  // row of headers — never borrow from the next row of a label/value table.
  const cell = cellOf(hit.node, root);
  const row = cell?.parentElement;
  if (!cell || !row) return null;
  const cells = cellsOrChildren(row);
  if (
    !isHeaderCellRow(row, cells) &&
    !cells.every((c) => !(c.textContent ?? '').trim() || isLabelText(c.textContent ?? ''))
  )
    return null;
  const below = nextRow(row);
  if (!below) return null;
  const target = cellsOrChildren(below)[cells.indexOf(cell)];
  if (!target) return null;
  const text = target.textContent ?? '';
  return isLabelText(text) ? null : { text, node: target };
}

/** The text value a page pairs with a label (see pairedNode). */
export function pairedValue(hit: LabelAt, root: ParentNode, labelNodes: readonly Node[] = []): string | null {
  return pairedNode(hit, root, labelNodes)?.text ?? null;
}

/**
 * What a free-text field holds: the node `from`, and with `rest` every sibling after it in
 * its parent too (lines of text after `<br>`s, or after an inline label element).
 */
export interface Region {
  from: Node;
  rest: boolean;
}

export function inRegion(region: Region, node: Node): boolean {
  const from = region.from;
  if (from === node || from.contains(node)) return true;
  if (!region.rest) return false;
  const parent = from.parentNode;
  // 4: DOCUMENT_POSITION_FOLLOWING
  return parent !== null && parent.contains(node) && (from.compareDocumentPosition(node) & 4) !== 0;
}

/** Items of one list share their tag and class: the next one is another field, not this one's value. */
const ITEM_TAGS: ReadonlySet<string> = new Set(['DIV', 'LI', 'P', 'SECTION', 'ARTICLE', 'TR', 'DL', 'UL']);

function sameItem(a: Node, b: Node): boolean {
  if (a.nodeType !== ELEMENT_NODE || b.nodeType !== ELEMENT_NODE) return false;
  const x = a as Element;
  const y = b as Element;
  return (
    x.tagName === y.tagName &&
    ITEM_TAGS.has(x.tagName.toUpperCase()) &&
    x.getAttribute('class') === y.getAttribute('class')
  );
}

function firstText(node: Node): string {
  if (node.nodeType === TEXT_NODE) return normalizeText((node as Text).data);
  const el = node as Element;
  const walker = el.ownerDocument.createTreeWalker(el, 0x4);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const text = normalizeText((t as Text).data);
    if (text) return text;
  }
  return '';
}

/**
 * The region a free-text label (退款说明, 留言, the buyer's nick) owns, or null when it has no
 * value. `lines`: the field may span lines (`<br>`, `<p>`); a nick does not.
 */
export function freeTextRegion(hit: LabelAt, root: ParentNode, lines: boolean): Region | null {
  const node = hit.node;
  if (hit.inline !== undefined) {
    // `退款说明：一直不发货<br>实付金额：¥5000.00`: the lines after it in its element are its own.
    const parent = node.parentNode;
    const first = parent !== null && (parent as unknown) !== root && !hasPreviousMeaningful(node);
    return { from: node, rest: lines && first };
  }
  let cur: Node = node;
  for (let depth = 0; depth < 8; depth++) {
    const sibling = nextMeaningful(cur);
    if (sibling) {
      if (isBareLabel(normalizeText(textOf(sibling)))) return null; // the next title or label
      if (sameItem(cur, sibling) && isLabelText(firstText(sibling))) return null; // the next field
      const inline =
        sibling.nodeType === TEXT_NODE || INLINE_TAGS.has((sibling as Element).tagName.toUpperCase());
      return { from: sibling, rest: lines && inline };
    }
    if (cur.nodeType === ELEMENT_NODE && isPairingUnit(cur as Element)) break;
    const parent: Node | null = cur.parentNode;
    if (
      !parent ||
      parent === (root as unknown) ||
      parent.nodeType !== ELEMENT_NODE ||
      hasPreviousMeaningful(cur)
    )
      break;
    cur = parent;
  }
  return null;
}
