import type { CaseView } from '../../../protocol/views';
import type { Deadline, Guidance } from '../../../core/model/guidance';
import type { PanelRead } from '../../../core/model/facts';

/**
 * Case views as the background answers them, for the side-panel tests. Numbers follow the
 * seeds' worked examples: a 500.00-yuan order whose buyer chose 卖家缺货 → 30 % = 150.00
 * yuan paid by the platform at the shop's cost.
 */
export const NOW_ISO = '2026-11-20T10:00:00+08:00';

export function deadline(id: string, dueAt: string, extra: Partial<Deadline> = {}): Deadline {
  return {
    id,
    label: { zh: `时限 ${id}`, en: `deadline ${id}` },
    dueAt,
    actor: 'seller',
    consequence: { zh: '超时后平台介入', en: 'the platform steps in' },
    ruleId: `rule-${id}`,
    source: 'computed',
    breached: dueAt <= NOW_ISO,
    ...extra,
  };
}

export function guidance(extra: Partial<Guidance> = {}): Guidance {
  return {
    kind: 'refund',
    platform: 'tmall',
    pack: { id: 'default', version: '1.0.0' },
    now: NOW_ISO,
    deadlines: [],
    compensation: {
      triggered: false,
      amount: null,
      amountFen: null,
      ruleId: null,
      explanation: { zh: '不触发赔付', en: 'no compensation' },
      contestable: false,
    },
    penalties: [],
    actions: [],
    replies: [],
    warnings: [],
    explanation: [],
    ...extra,
  };
}

export function read(facts: PanelRead['facts'], index = 0, extra: Partial<PanelRead> = {}): PanelRead {
  return {
    kind: 'refund',
    adapter: 'refund-detail',
    platform: 'tmall',
    facts,
    unreadable: facts.unreadable ?? [],
    index,
    ...extra,
  };
}

export function view(r: PanelRead, g: Guidance, tabId = 7): CaseView {
  const id = r.facts.refundId ?? r.facts.orderId ?? `row${r.index}`;
  return {
    key: `${r.platform}:${r.kind}:${id}`,
    tabId,
    url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=' + id,
    read: r,
    guidance: g,
    seenAt: NOW_ISO,
  };
}

/** 卖家缺货 on a 500-yuan order: compensation 150.00, two deadlines, replies, actions. */
export function outOfStockCase(): CaseView {
  return view(
    read({
      refundId: '2026112000001',
      orderId: '4000000000001',
      reason: '卖家缺货',
      paidAmount: 500,
      paidAt: '2026-11-18T09:00:00+08:00',
      refundRequestedAt: '2026-11-19T12:00:00+08:00',
    }),
    guidance({
      deadlines: [
        deadline('intervention-open', '2026-11-24T12:00:00+08:00'),
        deadline('seller-response', '2026-11-20T08:55:00+08:00'),
        deadline('ship-promise', '2026-11-20T12:30:00+08:00'),
      ],
      compensation: {
        triggered: true,
        amount: '150.00',
        amountFen: 15000,
        ruleId: 'comp-out-of-stock',
        explanation: { zh: '缺货原因按实付金额的 30% 赔付', en: '30 % of the amount paid' },
        contestable: false,
      },
      penalties: [
        { ruleId: 'pen-out-of-stock', points: 3, when: { zh: '若被判定缺货', en: 'if judged out of stock' } },
      ],
      actions: [
        { id: 'check-stock', ruleId: 'act-1', text: { zh: '先核对库存', en: 'Check stock first' } },
        { id: 'agree-refund', ruleId: 'act-2', text: { zh: '再同意退款', en: 'Then agree to the refund' } },
      ],
      replies: [
        {
          id: 'apology',
          ruleId: 'rep-1',
          title: { zh: '致歉', en: 'Apology' },
          text: '亲，非常抱歉，【店铺名】的订单4000000000001暂时缺货，已为您办理退款。【客服签名】',
          missing: ['shopName', 'signature'],
        },
        {
          id: 'plain',
          ruleId: 'rep-2',
          title: { zh: '说明', en: 'Explain' },
          text: '亲，退款已同意。',
          missing: [],
        },
      ],
      explanation: [
        {
          verdict: 'compensation',
          ruleId: 'comp-out-of-stock',
          reason: { zh: '买家选择缺货类原因', en: 'the buyer chose an out-of-stock reason' },
          citation: { source: '001_0123456789abcdef.txt', passage: '缺货赔付', authority: 'platform' },
          facts: { reason: '卖家缺货', paidAmount: 500 },
        },
      ],
    }),
  );
}
