/**
 * What the day page needs to know about a deadline id: its label and who must act before it.
 * Recent cases store only `{ id, dueAt }`; the default pack is not stored as text (its slot
 * holds an empty json), so its timers' labels and actors are repeated here — a unit test
 * keeps this table equal to the default pack. An imported pack's own timers (read from its
 * stored JSON by `timerKindsFromPackJson`) come first.
 */
type Actor = 'seller' | 'buyer' | 'platform';
export interface DeadlineKind {
  label: { zh: string; en: string };
  actor: Actor;
}

export const DEFAULT_DEADLINE_KINDS: Readonly<Record<string, DeadlineKind>> = {
  'intervention-open': { label: { zh: '可申请小二介入', en: 'Intervention opens' }, actor: 'seller' },
  'seller-response': { label: { zh: '商家处理退款', en: 'Seller answers the refund' }, actor: 'seller' },
  'ship-promise': { label: { zh: '发货时限', en: 'Ship by' }, actor: 'seller' },
  'late-ship-reason-available': {
    label: { zh: '买家可选“未按约定时间发货”', en: 'Buyer may claim late shipping' },
    actor: 'seller',
  },
  'complaint-seller-handle': {
    label: { zh: '商家处理投诉', en: 'Seller handles the complaint' },
    actor: 'seller',
  },
  'complaint-buyer-confirm': {
    label: { zh: '买家确认处理结果', en: 'Buyer confirms the handling' },
    actor: 'buyer',
  },
  'complaint-evidence': { label: { zh: '举证期', en: 'Evidence due' }, actor: 'seller' },
  'complaint-platform-decision': { label: { zh: '淘宝判定', en: 'Platform decision' }, actor: 'platform' },
  'breach-complaint-window': {
    label: { zh: '违背承诺投诉期', en: 'Breach-complaint window' },
    actor: 'buyer',
  },
  'complaint-after-success': { label: { zh: '可投诉商家', en: 'Complaint window' }, actor: 'buyer' },
  'after-sale-window': { label: { zh: '售后申请期', en: 'After-sale window' }, actor: 'buyer' },
  'auto-confirm-receipt': { label: { zh: '自动确认收货', en: 'Auto-confirm receipt' }, actor: 'buyer' },
  'review-window': { label: { zh: '评价期', en: 'Review window' }, actor: 'buyer' },
  'buyer-return': { label: { zh: '买家退货', en: 'Buyer sends the return' }, actor: 'buyer' },
  'seller-confirm-return': {
    label: { zh: '商家确认收到退货', en: 'Seller confirms the return' },
    actor: 'seller',
  },
  'intervention-countdown': {
    label: {
      zh: '介入中倒计时（按举证期对待）',
      en: 'Intervention countdown (treat as the evidence period)',
    },
    actor: 'seller',
  },
  'seven-day-window': { label: { zh: '七天无理由最晚截止', en: '7-day return: latest end' }, actor: 'buyer' },
};

const ACTORS = new Set<string>(['seller', 'buyer', 'platform']);
const isText = (v: unknown): v is { zh: string; en: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { zh?: unknown }).zh === 'string' &&
  typeof (v as { en?: unknown }).en === 'string';

/**
 * The timers of a stored pack's JSON text (first label per deadline id). Plain JSON reading,
 * no validation: the pack was validated when it was imported, and anything odd is skipped.
 */
export function timerKindsFromPackJson(json: string | undefined): Record<string, DeadlineKind> {
  const out: Record<string, DeadlineKind> = {};
  if (!json) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return out;
  }
  const rules = (parsed as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return out;
  for (const r of rules as Array<Record<string, unknown>>) {
    if (!r || r.type !== 'timer' || typeof r.deadlineId !== 'string' || out[r.deadlineId]) continue;
    if (!isText(r.label) || typeof r.actor !== 'string' || !ACTORS.has(r.actor)) continue;
    out[r.deadlineId] = { label: { zh: r.label.zh, en: r.label.en }, actor: r.actor as Actor };
  }
  return out;
}

/** The pack's own timers first, then the default pack's. */
export function deadlineKinds(packJson?: string): Record<string, DeadlineKind> {
  return { ...DEFAULT_DEADLINE_KINDS, ...timerKindsFromPackJson(packJson) };
}
