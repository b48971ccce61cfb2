import { contextFor, refundOrAftersale, REFUND_MARKERS, urlSays, type PageAdapter } from './adapter';

/** 退款详情: one refund panel (reason, amounts, times, status, the platform's timer). */
export const refundDetail: PageAdapter = {
  id: 'refund-detail',
  kind: 'refund',
  detect(url, root, ctx) {
    if (urlSays(url, 'refund-detail')) return true;
    const c = contextFor(root, ctx);
    return c.hasDetailLabel(['reason']) && !c.hasDetailLabel(['complaintType']);
  },
  read(root, ctx) {
    const c = contextFor(root, ctx);
    return c.detailPanels(REFUND_MARKERS, true).map((p, index) => ({
      kind: refundOrAftersale(p.facts, p.labels),
      facts: p.facts,
      unreadable: p.unreadable,
      anchor: p.element,
      index,
    }));
  },
};
