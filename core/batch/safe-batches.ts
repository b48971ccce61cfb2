import type { CaseKind, Facts, Platform } from '../model/facts';
import type { Guidance } from '../model/guidance';
import type { ReasonCategory, RulePack } from '../model/rule-pack';
import type { BatchLimit, SafeBatches } from '../model/settings';
import { yuanToFen } from '../money/fen';
import { toEpochMs } from '../time/beijing';
import { MINUTE_MS } from '../time/units';

/**
 * Safe batches: which refunds of a list the shop agrees without a call (its policy in the
 * options, settings.safeBatches), and those refunds in groups no larger than the platform's
 * batch limit, for the agent to tick and agree with the platform's own 批量同意退款. The
 * extension never clicks anything: this only says which rows, in which groups.
 *
 * Never a guess: a refund qualifies only when every fact the policy needs was read — its
 * reason (a known category), its trade state, its refund amount, and the payment and request
 * times when the policy limits the minutes since payment. A reason that triggers
 * compensation never qualifies (the shop would pay on top of the refund), whatever the
 * policy lists; neither does a refund already closed, agreed or in intervention, nor a
 * refund-only request on a shipped order (S2: 仅退款不退货…不要轻易的去同意退款).
 *
 * Pure: no browser, no clock (the minutes are counted from payment to the request).
 */

/** Why a case is not in a batch, in the order checked (all that apply are listed). */
export type BatchExclusion =
  | 'disabled'
  | 'kind'
  | 'status'
  | 'reason-unknown'
  | 'reason'
  | 'compensation'
  | 'state-unknown'
  | 'state'
  | 'refund-only-shipped'
  | 'amount-unknown'
  | 'amount-over'
  | 'payment-time-unknown'
  | 'payment-time';

export type BatchCheck = { ok: true; refundFen: number } | { ok: false; why: BatchExclusion[] };

interface BatchCase {
  kind: CaseKind;
  facts: Facts;
  /** The reason's category as the engine classified it; null: unknown or negated. */
  category: ReasonCategory | null;
  compensationTriggered: boolean;
}

/** Refund states in which the seller has nothing left to agree (or the platform decides). */
const NOT_PENDING = ['退款成功', '退款关闭', '协议达成', '介入', '已同意', '等待买家退货', '买家已退货'];

/** The category of a case from its guidance: the reason rule the engine matched (explanation `reason`). */
export function caseCategory(
  guidance: Pick<Guidance, 'explanation'>,
  pack: Pick<RulePack, 'rules'>,
): ReasonCategory | null {
  const id = guidance.explanation.find((e) => e.verdict === 'reason')?.ruleId;
  if (id === undefined) return null;
  const rule = pack.rules.find((r) => r.id === id);
  return rule?.type === 'reason' ? rule.category : null;
}

/** Categories for which a compensation rule of the pack triggers on this platform: never in a safe batch. */
export function compensatingCategories(
  pack: Pick<RulePack, 'rules'>,
  platform: Platform,
): Set<ReasonCategory> {
  const out = new Set<ReasonCategory>();
  for (const r of pack.rules)
    if (r.type === 'compensation' && r.triggered && r.platforms.includes(platform))
      for (const c of r.categories) out.add(c);
  return out;
}

const readable = (facts: Facts, key: keyof Facts): boolean =>
  facts[key] !== undefined && !(facts.unreadable ?? []).includes(key as never);

/** Whether one case may go into a safe batch under the shop's policy; why not, when not. */
export function batchCheck(
  c: BatchCase,
  policy: SafeBatches,
  compensating: ReadonlySet<ReasonCategory>,
): BatchCheck {
  const why: BatchExclusion[] = [];
  const { facts } = c;
  if (!policy.enabled) why.push('disabled');
  if (c.kind !== 'refund') why.push('kind');
  const status = facts.refundStatus ?? '';
  if (NOT_PENDING.some((s) => status.includes(s))) why.push('status');
  if (c.category === null) why.push('reason-unknown');
  else if (compensating.has(c.category)) why.push('compensation');
  else if (!policy.categories.includes(c.category)) why.push('reason');
  if (c.compensationTriggered && !why.includes('compensation')) why.push('compensation');
  if (!readable(facts, 'tradeStatus')) why.push('state-unknown');
  else if (!policy.tradeStatuses.includes(facts.tradeStatus!)) why.push('state');
  else if (
    facts.tradeStatus !== '买家已付款' &&
    (!readable(facts, 'refundType') || facts.refundType === '仅退款')
  )
    why.push('refund-only-shipped');
  let refundFen: number | null = null;
  if (!readable(facts, 'refundAmount')) why.push('amount-unknown');
  else {
    refundFen = yuanToFen(facts.refundAmount!);
    if (policy.maxRefundYuan !== null && refundFen > yuanToFen(policy.maxRefundYuan)) why.push('amount-over');
  }
  if (policy.maxMinutesSincePayment !== null) {
    const paid = readable(facts, 'paidAt') ? toEpochMs(facts.paidAt!) : NaN;
    const asked = readable(facts, 'refundRequestedAt') ? toEpochMs(facts.refundRequestedAt!) : NaN;
    if (Number.isNaN(paid) || Number.isNaN(asked)) why.push('payment-time-unknown');
    else if (asked - paid > policy.maxMinutesSincePayment * MINUTE_MS || asked < paid)
      why.push('payment-time');
  }
  return why.length === 0 && refundFen !== null ? { ok: true, refundFen } : { ok: false, why };
}

/** The batch check of an evaluated case (the worker: its read, its guidance, the active pack, the shop's policy). */
export function batchCheckOf(
  read: { kind: CaseKind; platform: Platform; facts: Facts },
  guidance: Pick<Guidance, 'explanation' | 'compensation' | 'platform'>,
  pack: Pick<RulePack, 'rules'>,
  policy: SafeBatches,
): BatchCheck {
  return batchCheck(
    {
      kind: read.kind,
      facts: read.facts,
      category: caseCategory(guidance, pack),
      compensationTriggered: guidance.compensation.triggered,
    },
    policy,
    compensatingCategoriesCached(pack, guidance.platform),
  );
}

const compensatingCache = new WeakMap<object, Map<Platform, Set<ReasonCategory>>>();
function compensatingCategoriesCached(
  pack: Pick<RulePack, 'rules'>,
  platform: Platform,
): Set<ReasonCategory> {
  let byPlatform = compensatingCache.get(pack);
  if (!byPlatform) compensatingCache.set(pack, (byPlatform = new Map<Platform, Set<ReasonCategory>>()));
  let set = byPlatform.get(platform);
  if (!set) byPlatform.set(platform, (set = compensatingCategories(pack, platform)));
  return set;
}

interface Batch<T> {
  cases: T[];
  totalFen: number;
}

/**
 * Qualifying cases in page order, into batches of at most `limit.count` refunds and
 * `limit.yuan` in total: each case goes into the current batch while both limits hold, else a
 * new batch starts. A single refund above the amount limit fits no batch (`tooLarge`): it is
 * agreed on its own.
 */
export function groupBatches<T extends { refundFen: number }>(
  cases: readonly T[],
  limit: BatchLimit,
): { batches: Batch<T>[]; tooLarge: T[] } {
  const maxFen = yuanToFen(limit.yuan);
  const batches: Batch<T>[] = [];
  const tooLarge: T[] = [];
  let current: Batch<T> | null = null;
  for (const c of cases) {
    if (c.refundFen > maxFen) {
      tooLarge.push(c);
      continue;
    }
    if (current === null || current.cases.length >= limit.count || current.totalFen + c.refundFen > maxFen) {
      current = { cases: [], totalFen: 0 };
      batches.push(current);
    }
    current.cases.push(c);
    current.totalFen += c.refundFen;
  }
  return { batches, tooLarge };
}
