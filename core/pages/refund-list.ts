import { contextFor, refundOrAftersale, urlSays, type PageAdapter } from './adapter';
import type { FactKey } from '../model/facts';
import { rereadListRows } from './list';

/** Columns that make a header row a refund list (and not a complaint list). */
const KEYS: readonly FactKey[] = ['reason', 'refundId'];
const NOT: readonly FactKey[] = ['complaintType'];

/** 退款管理 list: a header row, one refund (or after-sale) per body row. */
export const refundList: PageAdapter = {
  id: 'refund-list',
  kind: 'refund',
  detect(url, root, ctx) {
    if (urlSays(url, 'refund-list')) return true;
    const c = contextFor(root, ctx);
    return c.listRows(KEYS, NOT).length > 0;
  },
  read(root, ctx) {
    return contextFor(root, ctx)
      .listRows(KEYS, NOT)
      .map((r) => ({ kind: refundOrAftersale(r.facts, r.labels), facts: r.facts, unreadable: r.unreadable, anchor: r.element, index: r.index, header: r.header }));
  },
  reread(header, rows) {
    const read = rereadListRows(header, rows);
    return read && read.map((r) => r && { kind: refundOrAftersale(r.facts, r.labels), facts: r.facts, unreadable: r.unreadable, anchor: r.element, index: -1, header });
  },
};
