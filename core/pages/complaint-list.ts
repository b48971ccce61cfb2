import { columnCase, contextFor, urlSays, type PageAdapter } from './adapter';
import type { FactKey } from '../model/facts';
import { rereadListRows } from './list';

const KEYS: readonly FactKey[] = ['complaintType'];

/** 投诉管理 list: a header row, one complaint per body row. */
export const complaintList: PageAdapter = {
  id: 'complaint-list',
  kind: 'complaint',
  *prepare(ctx) {
    yield* ctx.columnListsSteps();
    if (!ctx.columnListsOf(true).some((l) => l.cases.length > 0)) yield* ctx.listRowsSteps(KEYS);
  },
  detect(url, root, ctx) {
    if (urlSays(url, 'complaint-list')) return true;
    const c = contextFor(root, ctx);
    return c.columnListsOf(true).some((l) => l.cases.length > 0) || c.listRows(KEYS).length > 0;
  },
  read(root, ctx) {
    const c = contextFor(root, ctx);
    const columnCases = c.columnListsOf(true).flatMap((l) => l.cases);
    if (columnCases.length) return columnCases.map((k, i) => columnCase(k, i, 'complaint'));
    return c.listRows(KEYS).map((r) => ({
      kind: 'complaint' as const,
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
            kind: 'complaint' as const,
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
