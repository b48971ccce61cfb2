import type { CaseKind, FactKey, Facts } from '../model/facts';
import { PageContext } from './context';
import type { ColumnCase } from './columns';
import type { HeaderRow } from './list';
import type { Steps } from './steps';
import { AFTERSALE_LABELS } from './labels';
import { detectPageKind, type PageKind } from './urls';

/** One case an adapter read: a detail panel or a list row, with the element to anchor a badge to. */
export interface AdapterCase {
  kind: CaseKind;
  facts: Facts;
  unreadable: FactKey[];
  /** Panel element (detail pages) or row element (list pages). */
  anchor: Element;
  /**
   * Everything of the case on the page when more than the anchor (a workbench case's own
   * table, a refund2 block: its header line too). A 天猫 inside it is no shop-type signal.
   */
  block?: Element;
  /** 0-based position on the page (row index on list pages). */
  index: number;
  /** List pages: the header row the row was read under (rows can be re-read alone under it). */
  header?: HeaderRow;
}

/**
 * A page kind the extension reads (refined-github style: one module per page kind, each
 * declaring where it runs). `detect` looks at the URL path AND the page's labels, so a
 * saved page or an unknown path is still read when its labels say what it is.
 * `ctx` is optional: readPage shares one scan between adapters.
 */
export interface PageAdapter {
  id: PageKind;
  /** The case kind it reads (refund adapters report `aftersale` for a 交易成功 trade). */
  kind: CaseKind;
  /**
   * The long work `detect` and `read` will ask the context for (a list's rows), done in
   * steps ahead of them (readPageSteps); exactly that work, so a read run at once costs
   * the same. Without it, everything happens in `detect` / `read`.
   */
  prepare?(ctx: PageContext): Steps<void>;
  detect(url: string, root: ParentNode, ctx?: PageContext): boolean;
  read(root: ParentNode, ctx?: PageContext): AdapterCase[];
  /**
   * List adapters: rows read before under `header`, read again alone after a change
   * (index -1; null for a row that is no case). Null when only a whole read can tell.
   */
  reread?(header: HeaderRow, rows: readonly Element[]): Array<AdapterCase | null> | null;
}

/** A column-list case as an adapter case: anchored in its value row when that is a table row, else in its block. */
export function columnCase(c: ColumnCase, index: number, kind: CaseKind): AdapterCase {
  const anchor = c.values.localName === 'tr' ? c.values : c.element;
  return { kind, facts: c.facts, unreadable: c.unreadable, anchor, index, block: c.element };
}

export function contextFor(root: ParentNode, ctx?: PageContext): PageContext {
  return ctx && ctx.root === root ? ctx : new PageContext(root);
}

export function urlSays(url: string, id: PageKind): boolean {
  return detectPageKind(url) === id;
}

/** A refund panel is an after-sale one on a 交易成功 trade, when labelled 售后, or when its header says `(售后)`. */
export function refundOrAftersale(
  facts: Facts,
  labels: ReadonlySet<string>,
  headerSaysAftersale = false,
): CaseKind {
  if (headerSaysAftersale || facts.tradeStatus === '交易成功' || facts.tradeSucceededAt !== undefined)
    return 'aftersale';
  return saysAftersale(labels) ? 'aftersale' : 'refund';
}

/** Per label set: a list's rows share their header's set, so it is looked at once. */
const aftersaleSets = new WeakMap<ReadonlySet<string>, boolean>();
function saysAftersale(labels: ReadonlySet<string>): boolean {
  let says = aftersaleSets.get(labels);
  if (says === undefined) {
    says = false;
    for (const label of labels) if (AFTERSALE_LABELS.has(label)) says = true;
    aftersaleSets.set(labels, says);
  }
  return says;
}

/** Keys that start a refund / after-sale panel, in order of preference. */
export const REFUND_MARKERS: readonly FactKey[] = ['reason', 'refundId', 'refundAmount'];
/** Keys that start a complaint panel. */
export const COMPLAINT_MARKERS: readonly FactKey[] = ['complaintType'];
