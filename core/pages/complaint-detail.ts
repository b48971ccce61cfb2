import { COMPLAINT_MARKERS, contextFor, urlSays, type PageAdapter } from './adapter';

/** 投诉详情: one rule complaint (投诉类型, the order's amounts and times, the complaint timers). */
export const complaintDetail: PageAdapter = {
  id: 'complaint-detail',
  kind: 'complaint',
  detect(url, root, ctx) {
    return urlSays(url, 'complaint-detail') || contextFor(root, ctx).hasDetailLabel(['complaintType']);
  },
  read(root, ctx) {
    return contextFor(root, ctx)
      .detailPanels(COMPLAINT_MARKERS, true)
      .map((p, index) => ({
        kind: 'complaint' as const,
        facts: p.facts,
        unreadable: p.unreadable,
        anchor: p.element,
        index,
      }));
  },
};
