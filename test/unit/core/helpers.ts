import type { Facts, Guidance } from '../../../core/index';

/** Every rule id a guidance mentions, by place. */
export function ruleIdsIn(g: Guidance): Set<string> {
  const ids = new Set<string>();
  for (const d of g.deadlines) ids.add(d.ruleId);
  if (g.compensation.ruleId) ids.add(g.compensation.ruleId);
  for (const p of g.penalties) ids.add(p.ruleId);
  for (const a of g.actions) ids.add(a.ruleId);
  for (const r of g.replies) ids.add(r.ruleId);
  for (const w of g.warnings) if (w.ruleId) ids.add(w.ruleId);
  for (const e of g.explanation) ids.add(e.ruleId);
  if (g.refusal) ids.add(g.refusal.ruleId);
  if (g.evidence) for (const id of [g.evidence.ruleId, ...g.evidence.items.map((i) => i.ruleId)]) ids.add(id);
  return ids;
}

export const deadline = (g: Guidance, id: string) => g.deadlines.find((d) => d.id === id);
export const warningCodes = (g: Guidance) => g.warnings.map((w) => w.code);
export const actionIds = (g: Guidance) => g.actions.map((a) => a.ruleId);
export const replyIds = (g: Guidance) => g.replies.map((r) => r.ruleId);
export const penaltyIds = (g: Guidance) => g.penalties.map((p) => p.ruleId);

export const NOW = '2026-11-21T12:00:00+08:00';

/** An unshipped Tmall order paid 2026-11-20 10:00, refund requested a day later. */
export const unshipped: Facts = {
  orderId: '4001',
  refundId: '9001',
  buyer: 'buyer-a',
  paidAmount: 500,
  paidAt: '2026-11-20T10:00:00+08:00',
  refundRequestedAt: '2026-11-21T10:00:00+08:00',
  tradeStatus: '买家已付款',
  refundStatus: '退款中',
};
