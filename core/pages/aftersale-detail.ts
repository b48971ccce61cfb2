import { contextFor, refundOrAftersale, REFUND_MARKERS, urlSays, type PageAdapter } from './adapter';

/** 售后详情: a refund panel on a 交易成功 trade (or labelled 售后). */
export const aftersaleDetail: PageAdapter = {
  id: 'aftersale-detail',
  kind: 'aftersale',
  detect(url, root, ctx) {
    if (urlSays(url, 'aftersale-detail')) return true;
    const c = contextFor(root, ctx);
    if (!c.hasDetailLabel(['reason']) || c.hasDetailLabel(['complaintType'])) return false;
    return c
      .detailPanels(REFUND_MARKERS, false)
      .some((p) => refundOrAftersale(p.facts, p.labels) === 'aftersale');
  },
  read(root, ctx) {
    const c = contextFor(root, ctx);
    return c.detailPanels(REFUND_MARKERS, true).map((p, index) => ({
      kind: 'aftersale' as const,
      facts: p.facts,
      unreadable: p.unreadable,
      anchor: p.element,
      index,
    }));
  },
};
