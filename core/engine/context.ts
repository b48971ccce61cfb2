import type { CaseKind, Facts, FactKey, Platform } from '../model/facts';
import type { Citation, Explanation, Text, Warning } from '../model/guidance';
import type { LedgerEntry } from '../model/ledger';
import type { RulePack } from '../model/rule-pack';
import type { RemedyLimits } from '../model/settings';
import { yuanToFen } from '../money/fen';
import { asBeijingIso, toEpochMs } from '../time/beijing';
import {
  compilePack,
  lookupReasonDetail,
  type CompiledPack,
  type CompiledProfile,
  type KindTimers,
  type ProfileRules,
  type ReasonLookup,
  type RefundStatusRead,
} from './compile';
import { categoryKey } from './rule-sets';
import { newWork, type Work } from './budget';
import { squash, type ConditionInput } from './when';

/**
 * The first step of evaluation: everything the later steps read about one case, resolved
 * once — the profile, the case kind, `now`, the amounts in fen, the reason text and the
 * pack's reason rule for it (so the category, and with it the case's rule lists).
 */

/** The subset of Settings (core/model/settings.ts) the engine reads; a full Settings fits. */
interface EvaluateSettings {
  platformProfile?: 'auto' | Platform;
  shopPolicy?: {
    shopName?: string;
    signature?: string;
    freeShippingDefault?: boolean;
    remedyLimits?: Partial<RemedyLimits>;
  };
}

export interface EvaluateOptions {
  /** The instant to evaluate at, ISO 8601 (any offset; reported back as +08:00). */
  now: string;
  /** Compensations already paid / settled (per-buyer cap, recidivism). */
  ledger?: readonly LedgerEntry[];
  /** Overrides the pack's default platform (and settings.platformProfile). */
  platform?: Platform;
  /** Derived from the facts when absent: complaintType → complaint; 交易成功 / 售后 → aftersale; else refund. */
  kind?: CaseKind;
  /** Pack profile id (era variant), e.g. `tmall-legacy`; default: the platform's default profile. */
  profile?: string;
  settings?: EvaluateSettings;
  /** The case's work budget (budget.ts), fresh when absent; a caller passing one can read what is left. */
  work?: Work;
}

export interface CaseContext extends ConditionInput {
  pack: RulePack;
  compiled: CompiledPack;
  profile: CompiledProfile;
  platform: Platform;
  nowMs: number;
  nowIso: string;
  ledger: readonly LedgerEntry[];
  settings: EvaluateSettings | undefined;
  unreadable: readonly FactKey[];
  /** The reason text the case is judged by: the complaint type for a complaint, else the refund reason. */
  reasonText: string | undefined;
  /** The pack's reason rule for the reason text (null when absent, unknown or negated); `category` is its category. */
  reason: ReasonLookup;
  /** The profile's rules for this case kind and category (compiled per pack, rule-sets.ts). */
  rules: ProfileRules;
  /** The profile's timers for this case kind. */
  timers: KindTimers;
  /** The paid amount in fen; null when absent or unreadable. */
  paidFen: number | null;
  /** The time facts as epoch ms (null when absent or not a time), parsed once. */
  times: Record<TimeFact, number | null>;
  /** What is left of the case's work budget (budget.ts); shared by every step. */
  work: Work;
}

/** The facts that hold instants. */
export const TIME_FACTS = [
  'paidAt',
  'shippedAt',
  'refundRequestedAt',
  'complaintFiledAt',
  'tradeClosedAt',
  'tradeSucceededAt',
] as const;
export type TimeFact = (typeof TIME_FACTS)[number];

function deriveKind(facts: Facts): CaseKind {
  if (facts.complaintType !== undefined) return 'complaint';
  if (facts.tradeStatus === '交易成功') return 'aftersale';
  if (facts.refundStatus !== undefined && facts.refundStatus.includes('售后')) return 'aftersale';
  return 'refund';
}

function parseTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = toEpochMs(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Epoch ms of a fact as read (unreadable or not); null when absent or not a time. */
export function timeOf(ctx: CaseContext, key: FactKey): number | null {
  // A time fact was parsed with the context; any other fact is read as a time here.
  const parsed = (ctx.times as Partial<Record<FactKey, number | null>>)[key];
  return parsed !== undefined ? parsed : parseTime(ctx.facts[key]);
}

export function explain(
  verdict: string,
  rule: { id: string; reason: Text; citation: Citation },
  facts: Record<string, unknown>,
): Explanation {
  return { verdict, ruleId: rule.id, reason: rule.reason, citation: rule.citation, facts };
}

const NO_REASON: ReasonLookup = Object.freeze({ rule: null });
const NO_FACTS: readonly FactKey[] = Object.freeze([]);
const NO_STATUS: RefundStatusRead = Object.freeze({ squashed: '', words: [] });

export function caseContext(facts: Facts, pack: RulePack, opts: EvaluateOptions): CaseContext {
  const nowMs = toEpochMs(opts.now);
  if (Number.isNaN(nowMs))
    throw new TypeError(`evaluate: now must be an ISO 8601 time, got ${JSON.stringify(opts.now)}`);
  const compiled = compilePack(pack);
  const settings = opts.settings;
  const chosen = settings?.platformProfile;
  const platform: Platform =
    opts.platform ?? (chosen === 'tmall' || chosen === 'taobao' ? chosen : pack.defaultPlatform);
  const asked = opts.profile === undefined ? undefined : compiled.profiles.get(opts.profile);
  const profile = asked !== undefined && asked.platform === platform ? asked : compiled.defaults[platform];
  const kind = opts.kind ?? deriveKind(facts);
  const unreadable = facts.unreadable ?? NO_FACTS;
  const reasonText =
    kind === 'complaint' ? (facts.complaintType ?? facts.reason) : (facts.reason ?? facts.complaintType);
  const reason: ReasonLookup = reasonText === undefined ? NO_REASON : lookupReasonDetail(profile, reasonText);
  const category = reason.rule?.category ?? null;
  const status = facts.refundStatus !== undefined ? compiled.statuses.get(facts.refundStatus) : NO_STATUS;
  const rules = profile.rules[kind].get(categoryKey(category));
  if (rules === undefined)
    throw new TypeError(`evaluate: unknown case kind or category ${kind} / ${category ?? 'none'}`);
  return {
    kind,
    facts,
    category,
    compensation: 'none',
    freeShipping:
      facts.shippingFee !== undefined
        ? facts.shippingFee === 0
        : (settings?.shopPolicy?.freeShippingDefault ?? null),
    activity: facts.activity !== undefined ? squash(facts.activity) : '',
    refundStatus: status.squashed,
    refundStatusWords: status.words,
    // Set by evaluate (it needs the timers); listed here so that every context has one shape.
    factAfterDue: undefined,
    pack,
    compiled,
    profile,
    platform,
    nowMs,
    nowIso: asBeijingIso(opts.now, nowMs),
    ledger: opts.ledger ?? [],
    settings,
    unreadable,
    reasonText,
    reason,
    rules,
    timers: profile.timers[kind],
    paidFen:
      facts.paidAmount !== undefined && !unreadable.includes('paidAmount')
        ? yuanToFen(facts.paidAmount)
        : null,
    times: {
      paidAt: parseTime(facts.paidAt),
      shippedAt: parseTime(facts.shippedAt),
      refundRequestedAt: parseTime(facts.refundRequestedAt),
      complaintFiledAt: parseTime(facts.complaintFiledAt),
      tradeClosedAt: parseTime(facts.tradeClosedAt),
      tradeSucceededAt: parseTime(facts.tradeSucceededAt),
    },
    work: opts.work ?? newWork(),
  };
}

/** The warning listing every field found on the page but unreadable (none when all were read). */
export function unreadableWarnings(ctx: CaseContext): Warning[] {
  if (ctx.unreadable.length === 0) return [];
  const fields = [...new Set(ctx.unreadable)];
  return [
    {
      code: 'unreadable-field',
      message: {
        zh: `以下字段在页面上找到但无法读取：${fields.join('、')}（不做猜测）`,
        en: `Found on the page but unreadable: ${fields.join(', ')} (not guessed)`,
      },
      fields,
    },
  ];
}
