import { contextFor, urlSays, type PageAdapter } from './adapter';
import type { FactKey } from '../model/facts';
import { rereadListRows } from './list';

const KEYS: readonly FactKey[] = ['complaintType'];

/** 投诉管理 list: a header row, one complaint per body row. */
export const complaintList: PageAdapter = {
  id: 'complaint-list',
  kind: 'complaint',
  detect(url, root, ctx) {
    if (urlSays(url, 'complaint-list')) return true;
    return contextFor(root, ctx).listRows(KEYS).length > 0;
  },
  read(root, ctx) {
    return contextFor(root, ctx)
      .listRows(KEYS)
      .map((r) => ({ kind: 'complaint' as const, facts: r.facts, unreadable: r.unreadable, anchor: r.element, index: r.index, header: r.header }));
  },
  reread(header, rows) {
    const read = rereadListRows(header, rows);
    return read && read.map((r) => r && { kind: 'complaint' as const, facts: r.facts, unreadable: r.unreadable, anchor: r.element, index: -1, header });
  },
};
