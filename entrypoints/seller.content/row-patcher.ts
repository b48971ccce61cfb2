import type { PanelRead } from '../../core/model/facts';
import { isRow } from '../../core/pages';
import { isBadgeHost } from '../../components/countdown-badge';
import { caseKey, sameRead } from '../../protocol/limits';
import { CASES_PER_REPORT, REPORT_CHARS, boundedRead } from './reporter';

/** A list the page read found (core/pages ListSource; opaque here): its rows can be re-read alone. */
type ListRef = object;

export type AnchoredRead = PanelRead & { anchor: Element; list?: ListRef };

/**
 * Rows of a list read before, read again alone after they changed (core/pages rereadRows):
 * one entry per row, null for a row that is no case; null when only a whole read can tell.
 */
export type Reread = (
  list: ListRef,
  rows: readonly Element[],
  url: string,
) => Array<AnchoredRead | null> | null;

/** Rows a row-by-row pass reads at most (or a quarter of the list, when more): beyond, the whole page is read. */
const MAX_ROWS_PER_PATCH = 100;

/** What the last pass knows about one list row. */
interface RowCase {
  key: string;
  read: PanelRead;
  list: ListRef;
}

/** A row patch worked out: what to report, and the rows' new state once the worker took it. */
interface RowPlan {
  upserts: PanelRead[];
  removed: Set<string>;
  /** Rows that left their table body. */
  gone: Element[];
  /** The re-read rows: their case, or null for a row that is no case any more. */
  next: Map<Element, RowCase | null>;
}

function isRowElement(node: Node): node is Element {
  return node.nodeType === 1 && isRow(node as Element);
}

/** Nodes whose coming and going changes no case: whitespace, comments, our own badges. */
function isInert(node: Node): boolean {
  if (node.nodeType === 3) return !(node.textContent ?? '').trim();
  if (node.nodeType === 8) return true;
  return isBadgeHost(node);
}

/**
 * The rows of a list page, when every case of the page is such a row with its own id: a
 * change inside these rows, or rows added to / removed from their table body, is read,
 * reported and badged row by row instead of as a whole page.
 */
export class RowPatcher {
  /** The rows of the last pass (null: the page is not one the patcher can follow). */
  private rows: Map<Element, RowCase> | null = null;
  private bodies = new Set<Node>();
  /** The row of each case key in `rows`. */
  private rowOfKey = new Map<string, Element>();

  constructor(private readonly reread: Reread | undefined) {}

  /** Forget the rows (a route the content script does not read). */
  clear(): void {
    this.rows = null;
  }

  /** The rows of a whole-page pass, for the row-by-row passes after it. */
  keep(cases: readonly AnchoredRead[], reads: readonly PanelRead[]): void {
    this.rows = null;
    this.bodies = new Set();
    this.rowOfKey = new Map();
    if (!this.reread || cases.length === 0) return;
    const rows = new Map<Element, RowCase>();
    const keys = this.rowOfKey;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      const read = reads[i]!;
      if (
        !c.list ||
        !c.anchor.parentNode ||
        (read.facts.refundId === undefined && read.facts.orderId === undefined)
      )
        return;
      const key = caseKey(read);
      if (keys.has(key) || rows.has(c.anchor)) {
        this.rowOfKey = new Map();
        return;
      }
      keys.set(key, c.anchor);
      rows.set(c.anchor, { key, read, list: c.list });
      this.bodies.add(c.anchor.parentNode);
    }
    this.rows = rows;
  }

  /** The rows a DOM change touched; null when only a whole-page read can account for it. */
  touched(record: MutationRecord): Element[] | null {
    const rows = this.rows;
    const target = record.target;
    if (!rows) return null;
    if (record.type === 'childList' && this.bodies.has(target)) {
      const out: Element[] = [];
      for (const n of Array.from(record.addedNodes)) {
        if (isRowElement(n)) out.push(n);
        else if (!isInert(n)) return null;
      }
      for (const n of Array.from(record.removedNodes)) {
        if (rows.has(n as Element)) out.push(n as Element);
        else if (!isInert(n)) return null;
      }
      return out;
    }
    for (let n: Node | null = target; n; n = n.parentNode) {
      if (rows.has(n as Element) || (n.parentNode && this.bodies.has(n.parentNode) && isRowElement(n)))
        return [n as Element];
    }
    return null;
  }

  /**
   * Read the changed rows again and work out the patch; null when only a whole-page pass
   * can tell (too many rows, a new row with no sibling case, a row that may be a header, a
   * case without its own id, a key on two rows, a patch bigger than one report).
   */
  plan(changed: ReadonlySet<Element>, url: string): RowPlan | null {
    const rows = this.rows;
    const reread = this.reread;
    if (!rows || !reread) return null;
    // A list re-rendered wholesale (a new page of results in place): one whole read is cheaper, and chunked.
    if (changed.size > Math.max(MAX_ROWS_PER_PATCH, rows.size / 4)) return null;
    const byList = new Map<ListRef, Element[]>();
    const gone: Element[] = [];
    for (const row of changed) {
      if (!row.isConnected || !row.parentNode || !this.bodies.has(row.parentNode)) {
        if (rows.has(row)) gone.push(row);
        continue;
      }
      const list = rows.get(row)?.list ?? this.listNear(row);
      if (!list) return null;
      const group = byList.get(list);
      if (group) group.push(row);
      else byList.set(list, [row]);
    }
    const removed = new Set<string>();
    for (const row of gone) removed.add(rows.get(row)!.key);
    const next = new Map<Element, RowCase | null>();
    const upserts: PanelRead[] = [];
    for (const [list, group] of byList) {
      const found = reread(list, group, url);
      if (!found) return null;
      for (let i = 0; i < group.length; i++) {
        const row = group[i]!;
        const old = rows.get(row);
        const got = found[i];
        if (!got) {
          if (old) removed.add(old.key);
          next.set(row, null);
          continue;
        }
        const { anchor: _anchor, list: _list, ...plain } = got;
        const read = boundedRead({ ...plain, index: this.indexOf(row, rows) });
        if (read.facts.refundId === undefined && read.facts.orderId === undefined) return null;
        const key = caseKey(read);
        if (old && old.key !== key) removed.add(old.key);
        next.set(row, { key, read, list });
        if (!old || old.key !== key || !sameRead(old.read, read)) upserts.push(read);
      }
    }
    if (this.keyOnTwoRows(next, gone)) return null;
    for (const u of upserts) removed.delete(caseKey(u));
    // What one report may carry (the worker refuses more): a bigger change is reported whole, in chunks.
    if (
      upserts.length > CASES_PER_REPORT ||
      removed.size > CASES_PER_REPORT ||
      JSON.stringify(upserts).length > REPORT_CHARS
    )
      return null;
    return { upserts, removed, gone, next };
  }

  /** The worker took the patch: the rows' new state. Returns the row of each case key the patch carries. */
  apply(plan: RowPlan): Map<string, Element> {
    const rows = this.rows!;
    for (const row of plan.gone) {
      const rc = rows.get(row)!;
      if (this.rowOfKey.get(rc.key) === row) this.rowOfKey.delete(rc.key);
      rows.delete(row);
    }
    for (const row of plan.next.keys()) {
      const old = rows.get(row);
      if (old && this.rowOfKey.get(old.key) === row) this.rowOfKey.delete(old.key);
    }
    const rowOf = new Map<string, Element>();
    for (const [row, rc] of plan.next) {
      if (rc) {
        rows.set(row, rc);
        this.rowOfKey.set(rc.key, row);
        rowOf.set(rc.key, row);
      } else rows.delete(row);
    }
    return rowOf;
  }

  /** A key now on two rows: only the whole page's badges can say which is which. */
  private keyOnTwoRows(next: ReadonlyMap<Element, RowCase | null>, gone: readonly Element[]): boolean {
    const rows = this.rows!;
    const claimed = new Map<string, Element>();
    for (const [row, rc] of next) {
      if (!rc) continue;
      const holder = this.rowOfKey.get(rc.key);
      const holderKeeps =
        holder !== undefined &&
        holder !== row &&
        rows.has(holder) &&
        !gone.includes(holder) &&
        (!next.has(holder) || next.get(holder)?.key === rc.key);
      if (holderKeeps || claimed.has(rc.key)) return true;
      claimed.set(rc.key, row);
    }
    return false;
  }

  /** The list of a new row: that of the nearest row above or below it with a case. */
  private listNear(row: Element): ListRef | undefined {
    const rows = this.rows!;
    for (let r = row.previousElementSibling; r; r = r.previousElementSibling) {
      const rc = rows.get(r);
      if (rc) return rc.list;
    }
    for (let r = row.nextElementSibling; r; r = r.nextElementSibling) {
      const rc = rows.get(r);
      if (rc) return rc.list;
    }
    return undefined;
  }

  /** A row's position among the case rows of its body (its index in a whole-page read). */
  private indexOf(row: Element, rows: ReadonlyMap<Element, RowCase>): number {
    let index = 0;
    for (let r = row.previousElementSibling; r; r = r.previousElementSibling) if (rows.has(r)) index++;
    return index;
  }
}
