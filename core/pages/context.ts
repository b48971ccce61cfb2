import type { FactKey } from '../model/facts';
import { readColumnListsSteps, type ColumnList } from './columns';
import { readDetailPanels, type DetailPanel } from './detail';
import { findHeaderRows, readListRowsSteps, type HeaderRow, type ListRow } from './list';
import { scanPage, type PageScan } from './scan';
import { drain, type Steps } from './steps';

/**
 * What one read of a page has found so far, shared by all adapters: the scan (one
 * TreeWalker pass) and, computed on first use, the list headers and detail panels.
 */
export class PageContext {
  readonly scan: PageScan;
  private headerRows?: HeaderRow[];
  private columns?: ColumnList[];
  private readonly panels = new Map<string, DetailPanel[]>();
  private readonly rows = new Map<string, ListRow[]>();

  /** `scan`: the page's scan when already taken (readPageSteps takes it in steps). */
  constructor(
    readonly root: ParentNode,
    scan?: PageScan,
  ) {
    this.scan = scan ?? scanPage(root);
  }

  get headers(): HeaderRow[] {
    this.headerRows ??= findHeaderRows(this.scan);
    return this.headerRows;
  }

  /** Lists with their titles apart from the cases (workbench per-case tables, old refund2 blocks). */
  get columnLists(): ColumnList[] {
    this.columns ??= drain(readColumnListsSteps(this.scan));
    return this.columns;
  }

  /** The column lists read in steps (ahead of `columnLists`, which then has them). */
  *columnListsSteps(): Steps<ColumnList[]> {
    this.columns ??= yield* readColumnListsSteps(this.scan);
    return this.columns;
  }

  /** Column lists whose titles or cases say they are complaints (`complaint`) or not. */
  columnListsOf(complaints: boolean): ColumnList[] {
    return this.columnLists.filter(
      (l) =>
        (l.title.columns.includes('complaintType') ||
          l.cases.some((c) => c.facts.complaintType !== undefined)) === complaints,
    );
  }

  /** Header rows having a column for one of `keys`. */
  headersWith(keys: readonly FactKey[]): HeaderRow[] {
    return this.headers.filter((h) => h.columns.some((c) => keys.includes(c.key)));
  }

  listRows(keys: readonly FactKey[], exclude: readonly FactKey[] = []): ListRow[] {
    return drain(this.listRowsSteps(keys, exclude));
  }

  /** listRows in steps (ahead of `listRows`, which then has them). */
  *listRowsSteps(keys: readonly FactKey[], exclude: readonly FactKey[] = []): Steps<ListRow[]> {
    const id = `${keys.join(',')}|${exclude.join(',')}`;
    let rows = this.rows.get(id);
    if (!rows) {
      const headers = this.headersWith(keys).filter((h) => !h.columns.some((c) => exclude.includes(c.key)));
      rows = yield* readListRowsSteps(this.scan, headers);
      this.rows.set(id, rows);
    }
    return rows;
  }

  /** Whether a label hit of one of `keys` sits outside any list header row. */
  hasDetailLabel(keys: readonly FactKey[]): boolean {
    const headerRows = this.headers.map((h) => h.row);
    return this.scan.hits.some((h) => keys.includes(h.key) && !headerRows.some((r) => r.contains(h.node)));
  }

  detailPanels(markerKeys: readonly FactKey[], fallbackToAll: boolean): DetailPanel[] {
    const id = `${markerKeys.join(',')}|${fallbackToAll}`;
    let panels = this.panels.get(id);
    if (!panels) {
      panels = readDetailPanels(this.scan, markerKeys, fallbackToAll);
      this.panels.set(id, panels);
    }
    return panels;
  }
}
