import { columnCase, contextFor, refundOrAftersale, urlSays, type PageAdapter } from './adapter';
import type { FactKey } from '../model/facts';
import { rereadListRows } from './list';

/** Columns that make a header row a refund list (and not a complaint list). */
const KEYS: readonly FactKey[] = ['reason', 'refundId'];
const NOT: readonly FactKey[] = ['complaintType'];

const NO_LABELS: ReadonlySet<string> = new Set();

/**
 * 退款管理 list: the workbench's per-case tables and the old refund2 blocks (column titles
 * apart from the cases), else a header row with one refund (or after-sale) per body row.
 */
export const refundList: PageAdapter = {
  id: 'refund-list',
  kind: 'refund',
  *prepare(ctx) {
    yield* ctx.columnListsSteps();
    if (!ctx.columnListsOf(false).some((l) => l.cases.length > 0)) yield* ctx.listRowsSteps(KEYS, NOT);
  },
  detect(url, root, ctx) {
    if (urlSays(url, 'refund-list')) return true;
    const c = contextFor(root, ctx);
    return c.columnListsOf(false).some((l) => l.cases.length > 0) || c.listRows(KEYS, NOT).length > 0;
  },
  read(root, ctx) {
    const c = contextFor(root, ctx);
    const columnCases = c.columnListsOf(false).flatMap((l) => l.cases);
    if (columnCases.length)
      return columnCases.map((k, i) => columnCase(k, i, refundOrAftersale(k.facts, NO_LABELS, k.aftersale)));
    return c.listRows(KEYS, NOT).map((r) => ({
      kind: refundOrAftersale(r.facts, r.labels),
      facts: r.facts,
      unreadable: r.unreadable,
      anchor: r.element,
      index: r.index,
      header: r.header,
    }));
  },
  reread(header, rows) {
    const read = rereadListRows(header, rows);
    return (
      read &&
      read.map(
        (r) =>
          r && {
            kind: refundOrAftersale(r.facts, r.labels),
            facts: r.facts,
            unreadable: r.unreadable,
            anchor: r.element,
            index: -1,
            header,
          },
      )
    );
  },
};
