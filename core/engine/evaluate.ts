import type { CaseKind, Facts, FactKey, Platform } from '../model/facts';
import type { Citation, Compensation, Deadline, Explanation, Guidance, Penalty, Action, Reply, Text, Warning } from '../model/guidance';
import type { LedgerEntry } from '../model/ledger';
import type { ActionRule, CompensationRule, NoteRule, PenaltyRule, ReasonCategory, RemedyLimit, RulePack, ReasonRule } from '../model/rule-pack';
import type { RemedyLimits } from '../model/settings';
import { formatYuan, percentOfFen, yuanToFen } from '../money/fen';
import { renderReply, type PlaceholderValues } from '../replies/template';
import { toBeijingIso, toEpochMs, HOUR } from '../time/beijing';
import { parseCountdown } from '../time/duration';
import { addWorkingDays, WEEKENDS_ONLY } from '../time/working-days';
import { compHolds, compilePack, lookupReason, selectAll, squash, type CaseContext, type CompiledPack, type CompiledProfile, type CompiledReply, type CompiledTimer, type Predicate, type Selection } from './compile';
import { recidivismCount } from './recidivism';

/**
 * The engine: facts of one case + a rule pack → Guidance. Synchronous and deterministic:
 * `now` is passed in (never read from the clock), no zod parsing here (facts are validated
 * at the edges), the pack is compiled once per pack object.
 */

/** The subset of Settings (core/model/settings.ts) the engine reads; a full Settings fits. */
export interface EvaluateSettings {
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
  /** Compensations already paid / settled (24 h cap, recidivism). */
  ledger?: readonly LedgerEntry[];
  /** Overrides the pack's default platform (and settings.platformProfile). */
  platform?: Platform;
  /** Derived from the facts when absent: complaintType → complaint; 交易成功 / 售后 → aftersale; else refund. */
  kind?: CaseKind;
  /** Pack profile id (era variant), e.g. `tmall-legacy`; default: the platform's default profile. */
  profile?: string;
  settings?: EvaluateSettings;
}

const PAYOUT_DEADLINE_PROMISE = 'ship-promise';
const LATE_REASON_DEADLINE = 'late-ship-reason-available';
/** A platform countdown and the computed value may differ by up to this before the pack is suspect. */
const OUTDATED_TOLERANCE_MS = HOUR;
const SHIPPED_STATES: readonly string[] = ['卖家已发货', '交易成功'];

const countdownMemo = new Map<string, number | null>();
/** parseCountdown, memoised (the same few texts repeat across a page and across re-renders). */
function countdownSeconds(text: string): number | null {
  let v = countdownMemo.get(text);
  if (v === undefined) {
    v = parseCountdown(text);
    if (countdownMemo.size > 5000) countdownMemo.clear();
    countdownMemo.set(text, v);
  }
  return v;
}

const squashed = new Map<string, string>();
function squashMemo(text: string): string {
  let v = squashed.get(text);
  if (v === undefined) {
    v = squash(text);
    if (squashed.size > 5000) squashed.clear();
    squashed.set(text, v);
  }
  return v;
}


/** toBeijingIso with a one-entry memo: a chained deadline starts at the instant just formatted as the previous due time. */
let lastIsoMs = NaN;
let lastIso = '';
function isoOf(t: number): string {
  if (t !== lastIsoMs) {
    lastIso = toBeijingIso(t);
    lastIsoMs = t;
  }
  return lastIso;
}

const MEMO_LIMIT = 2000;
/** A bounded string-keyed memo (cleared when full). */
function memoGet<V>(map: Map<string, V>, key: string, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    if (map.size >= MEMO_LIMIT) map.clear();
    map.set(key, v);
  }
  return v;
}

export function deriveKind(facts: Facts): CaseKind {
  if (facts.complaintType !== undefined) return 'complaint';
  if (facts.tradeStatus === '交易成功') return 'aftersale';
  if (facts.refundStatus !== undefined && facts.refundStatus.includes('售后')) return 'aftersale';
  return 'refund';
}

const yuan = formatYuan;

function ms(iso: string | undefined): number | null {
  if (iso === undefined || typeof iso !== 'string') return null;
  const v = toEpochMs(iso);
  return Number.isNaN(v) ? null : v;
}

function timerDue(t: CompiledTimer, startMs: number, p: CompiledProfile): number | null {
  if (t.lengthMs !== null) return startMs + t.lengthMs;
  if (t.workingDays !== null) return addWorkingDays(startMs, t.workingDays, p.calendar?.cal ?? WEEKENDS_ONLY);
  return null;
}

/** The first timer for `deadlineId` whose variant condition holds; null when an unreadable fact decides. */
function pickTimer(p: CompiledProfile, deadlineId: string, ctx: CaseContext, unreadable: readonly FactKey[]): CompiledTimer | null {
  for (const t of p.timers) {
    if (t.rule.deadlineId !== deadlineId) continue;
    if (unreadable.length > 0 && readsAny(t.whenReads, unreadable)) return null;
    if (t.when(ctx)) return t;
  }
  return null;
}

function explain(verdict: string, rule: { id: string; reason: Text; citation: Citation }, facts: Record<string, unknown>): Explanation {
  return { verdict, ruleId: rule.id, reason: rule.reason, citation: rule.citation, facts };
}

function settingValue(limits: Partial<RemedyLimits> | undefined, key: keyof RemedyLimits | undefined, dflt: number): number {
  if (key === undefined || limits === undefined) return dflt;
  const v = limits[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

function inWindow(e: LedgerEntry, fromExclusive: number, toInclusive: number): boolean {
  const at = toEpochMs(e.at);
  return at > fromExclusive && at <= toInclusive;
}

/** The start of a timer as the explanation shows it: the fact's value, or the earlier deadline's time. */
function startValue(t: CompiledTimer, facts: Facts, startMs: number | null): unknown {
  if (t.startFact !== null) return facts[t.startFact] ?? null;
  return startMs === null ? null : isoOf(startMs);
}

/*
 * Parts of the guidance that depend only on the rule (and the reason category) are built once
 * and shared, frozen, between evaluations: fewer allocations on the hot path. Guidance is
 * read-only data for its consumers (messaging clones it anyway).
 */
const sharedPenalties = new WeakMap<PenaltyRule, Penalty>();
function penaltyOf(rule: PenaltyRule): Penalty {
  let v = sharedPenalties.get(rule);
  if (!v) sharedPenalties.set(rule, (v = Object.freeze({ ruleId: rule.id, points: rule.points, when: rule.trigger })));
  return v;
}
const sharedPenaltyEntries = new WeakMap<PenaltyRule, Map<string, Explanation>>();
function penaltyEntry(rule: PenaltyRule, category: string): Explanation {
  let byCat = sharedPenaltyEntries.get(rule);
  if (!byCat) sharedPenaltyEntries.set(rule, (byCat = new Map()));
  let v = byCat.get(category);
  if (!v) byCat.set(category, (v = Object.freeze(explain(`penalty:${rule.id}`, rule, Object.freeze({ category })))));
  return v;
}
/** Explanations / warnings / verdicts that depend only on the rule and the reason text, shared frozen. */
const sharedReasonEntries = new WeakMap<object, Map<string, Explanation>>();
function reasonEntry(verdict: string, rule: { id: string; reason: Text; citation: Citation }, field: string, text: string): Explanation {
  let byText = sharedReasonEntries.get(rule);
  if (!byText) sharedReasonEntries.set(rule, (byText = new Map()));
  return memoGet(byText, field === 'reason' ? text : `${field}\u0000${text}`, () =>
    Object.freeze(explain(verdict, rule, Object.freeze(field === 'reason' ? { reason: text } : { [field]: text }))),
  );
}
const unknownReasonWarnings = new Map<string, Warning>();
function unknownReasonWarning(text: string, field: FactKey): Warning {
  return memoGet(unknownReasonWarnings, `${field}\u0000${text}`, () =>
    Object.freeze({
      code: 'unknown-reason' as const,
      message: Object.freeze({ zh: `未知的原因「${text}」：规则包中没有对应规则，请人工判断`, en: `Unknown reason "${text}": no rule in the pack — judge it yourself` }),
      fields: Object.freeze([field]) as FactKey[],
    }),
  );
}
const NO_REASON_COMPENSATION: Compensation = Object.freeze({
  triggered: false,
  amount: null,
  amountFen: null,
  ruleId: null,
  contestable: false,
  explanation: Object.freeze({ zh: '未读到退款原因/投诉类型，无法判断是否赔付', en: 'No reason / complaint type was read: compensation cannot be judged' }),
});
const notTriggering = new Map<string, Compensation>();
const unknownNotJudged = new Map<string, Compensation>();
function noCompensation(reasonText: string, known: boolean): Compensation {
  return memoGet(known ? notTriggering : unknownNotJudged, reasonText, () =>
    Object.freeze({
      triggered: false,
      amount: null,
      amountFen: null,
      ruleId: null,
      contestable: false,
      explanation: Object.freeze(
        known
          ? { zh: `「${reasonText}」不触发平台赔付`, en: `"${reasonText}" does not trigger platform compensation` }
          : { zh: `未知原因「${reasonText}」，无法判断是否赔付`, en: `Unknown reason "${reasonText}": compensation cannot be judged` },
      ),
    }),
  );
}
/** The parts of a compensation sentence that depend only on the rule. */
interface CompensationTexts {
  notTriggered: Compensation;
  pct: string;
  zhTimes: string;
  zhArrow: string;
  zhTail: string;
  enTimes: string;
  enArrow: string;
  enTail: string;
}
const compensationTexts = new WeakMap<CompensationRule, CompensationTexts>();
function compTexts(rule: CompensationRule): CompensationTexts {
  let v = compensationTexts.get(rule);
  if (v) return v;
  const bounds: string[] = [];
  const boundsEn: string[] = [];
  if (rule.minFen !== null && rule.minFen !== undefined) {
    bounds.push(`最低 ${yuan(rule.minFen)} 元`);
    boundsEn.push(`min ${yuan(rule.minFen)}`);
  }
  if (rule.maxFen !== null && rule.maxFen !== undefined) {
    bounds.push(`最高 ${yuan(rule.maxFen)} 元`);
    boundsEn.push(`max ${yuan(rule.maxFen)}`);
  }
  const pct = rule.basisPoints === null || rule.basisPoints === undefined ? '' : `${rule.basisPoints / 100}`;
  const formZh = rule.form ? `，以${rule.form.zh}发放` : '';
  const formEn = rule.form ? `, paid as ${rule.form.en}` : '';
  const boundsZh = bounds.length ? `（${bounds.join('，')}）` : '';
  const boundsEnText = boundsEn.length ? ` (${boundsEn.join(', ')})` : '';
  v = {
    zhTimes: ` 元 × ${pct}% = `,
    zhArrow: ` 元${boundsZh} → `,
    zhTail: ` 元${formZh}，由商家承担`,
    enTimes: ` × ${pct} % = `,
    enArrow: `${boundsEnText} → `,
    enTail: ` yuan${formEn}, at the seller's cost`,
    notTriggered: Object.freeze({
      triggered: false,
      amount: null,
      amountFen: null,
      ruleId: rule.id,
      contestable: false,
      explanation: Object.freeze({ zh: `不赔付：${rule.reason.zh}`, en: `No compensation: ${rule.reason.en}` }),
    }),
    pct,
  };
  compensationTexts.set(rule, v);
  return v;
}
const sharedPacks = new WeakMap<RulePack, Guidance['pack']>();
function packOf(pack: RulePack): Guidance['pack'] {
  let v = sharedPacks.get(pack);
  if (!v) sharedPacks.set(pack, (v = Object.freeze({ id: pack.id, version: pack.version })));
  return v;
}

const sharedActions = new WeakMap<ActionRule, Action>();
function actionOf(rule: ActionRule): Action {
  let v = sharedActions.get(rule);
  if (!v) sharedActions.set(rule, (v = Object.freeze({ id: rule.id, ruleId: rule.id, text: rule.text })));
  return v;
}
const sharedNotes = new WeakMap<NoteRule, Explanation>();
function noteEntry(rule: NoteRule): Explanation {
  let v = sharedNotes.get(rule);
  if (!v) sharedNotes.set(rule, (v = Object.freeze({ verdict: `note:${rule.id}`, ruleId: rule.id, reason: rule.text, citation: rule.citation, facts: Object.freeze({}) })));
  return v;
}

function readsAny(keys: readonly FactKey[], unreadable: readonly FactKey[]): boolean {
  for (const k of keys) if (unreadable.includes(k)) return true;
  return false;
}

const NO_UNREADABLE: readonly FactKey[] = [];
const scratchDues: number[] = [];
const scratchDueIds: string[] = [];
const scratchDueVals: number[] = [];
const scratchOrder: CompiledTimer[] = [];
const scratchValues: PlaceholderValues = {
  shopName: undefined,
  signature: undefined,
  orderId: undefined,
  refundId: undefined,
  reason: undefined,
  compensationAmount: undefined,
  paidAmount: undefined,
  refundAmount: undefined,
};

/** Does the limit's suffix depend only on the rule and the settings here (not on the amounts)? */
function staticLimit(limit: RemedyLimit, paidFen: number | null, compFen: number | null): boolean {
  switch (limit.kind) {
    case 'fixed-yuan':
      return true;
    case 'below-compensation':
      return compFen === null;
    default:
      return paidFen === null;
  }
}
const sharedLimitedActions = new WeakMap<ActionRule, Action>();
/**
 * An action whose text ends with its limit. Shared (frozen) when the suffix depends neither
 * on the case's amounts nor on shop settings (settings objects may change in place).
 */
function limitedAction(rule: ActionRule, limit: RemedyLimit, paidFen: number | null, compFen: number | null, limits: Partial<RemedyLimits> | undefined): Action {
  const shared = limits === undefined && staticLimit(limit, paidFen, compFen);
  if (shared) {
    const hit = sharedLimitedActions.get(rule);
    if (hit) return hit;
  }
  let text = rule.text;
  const suffix = limitSuffix(limit, paidFen, compFen, limits);
  if (suffix) text = { zh: text.zh + suffix.zh, en: text.en + suffix.en };
  const action: Action = { id: rule.id, ruleId: rule.id, text };
  if (shared) sharedLimitedActions.set(rule, Object.freeze(action));
  return action;
}

function limitSuffix(limit: RemedyLimit, paidFen: number | null, compFen: number | null, limits: Partial<RemedyLimits> | undefined): Text | null {
  switch (limit.kind) {
    case 'exchange-uplift': {
      const pct = settingValue(limits, limit.setting, limit.percent);
      if (paidFen === null) return { zh: `（上限：原价 +${pct}%）`, en: ` (limit: original price +${pct} %)` };
      const max = yuan(percentOfFen(paidFen, (100 + pct) * 100));
      return { zh: `（换货商品价格不超过 ¥${max}，即原价 +${pct}%）`, en: ` (replacement priced up to ¥${max}, original +${pct} %)` };
    }
    case 'percent-of-paid': {
      const pct = settingValue(limits, limit.setting, limit.percent);
      if (paidFen === null) return { zh: `（上限：实付金额的 ${pct}%）`, en: ` (limit: ${pct} % of the paid amount)` };
      const max = yuan(percentOfFen(paidFen, pct * 100));
      return { zh: `（上限 ¥${max}，即实付金额的 ${pct}%）`, en: ` (up to ¥${max}, ${pct} % of the paid amount)` };
    }
    case 'range-of-paid': {
      const lo = settingValue(limits, limit.minSetting, limit.minPercent);
      const hi = settingValue(limits, limit.maxSetting, limit.maxPercent);
      if (paidFen === null) return { zh: `（实付金额的 ${lo}%–${hi}%）`, en: ` (${lo}–${hi} % of the paid amount)` };
      const loText = yuan(percentOfFen(paidFen, lo * 100));
      const hiText = yuan(percentOfFen(paidFen, hi * 100));
      return {
        zh: `（¥${loText}–¥${hiText}，即实付金额的 ${lo}%–${hi}%）`,
        en: ` (¥${loText}–¥${hiText}, ${lo}–${hi} % of the paid amount)`,
      };
    }
    case 'below-compensation': {
      if (compFen === null) return { zh: '（低于平台赔付金额）', en: ' (below the platform compensation)' };
      const below = yuan(compFen);
      return { zh: `（低于 ¥${below}）`, en: ` (below ¥${below})` };
    }
    case 'fixed-yuan': {
      const v = settingValue(limits, limit.setting, limit.yuan);
      const most = yuan(yuanToFen(v));
      return { zh: `（≤ ¥${most}）`, en: ` (≤ ¥${most})` };
    }
  }
}

/** The part of the guidance derived from a reason text alone (per profile), filled on first use. */
interface ReasonInfo {
  rule: ReasonRule | null;
  entryReason: Explanation | null;
  entryComplaintType: Explanation | null;
  warnReason: Warning | null;
  warnComplaintType: Warning | null;
  noComp: Compensation | null;
  /** One-entry memo of the not-triggered compensation explanation (rule, field). */
  compRule: CompensationRule | null;
  compField: string;
  compEntry: Explanation | null;
  /** One-entry memo of selectAll for this reason's category (by case kind). */
  selKind: CaseKind | null;
  sel: Selection | null;
}
function reasonInfo(p: CompiledProfile, text: string): ReasonInfo {
  let v = p.reasonInfo.get(text) as ReasonInfo | undefined;
  if (v === undefined) {
    v = { rule: lookupReason(p, text), entryReason: null, entryComplaintType: null, warnReason: null, warnComplaintType: null, noComp: null, compRule: null, compField: '', compEntry: null, selKind: null, sel: null };
    if (p.reasonInfo.size >= MEMO_LIMIT) p.reasonInfo.clear();
    p.reasonInfo.set(text, v);
  }
  return v;
}

/** What the penalties / actions / notes / replies of one selection give for one compensation state. */
interface Phase {
  /** Every entry holds whatever the facts (no condition left). */
  penaltiesStatic: boolean;
  penalties: { rest: Predicate | null; penalty: Penalty; entry: Explanation }[];
  /** The actions when none has a condition left or a limit (copied per call). */
  actionsStatic: Action[] | null;
  actions: { rest: Predicate | null; rule: ActionRule; action: Action | null }[];
  notes: { rest: Predicate | null; entry: Explanation }[];
  replies: { rest: Predicate | null; reply: CompiledReply; layout: ReplyLayout }[];
}
function phaseOf(sel: Selection, state: CaseContext['compensation'], category: ReasonCategory | null): Phase {
  const index = state === 'none' ? 0 : state === 'due' ? 1 : 2;
  let ph = sel.phases[index] as Phase | undefined;
  if (ph !== undefined) return ph;
  const penalties = category === null ? [] : sel.penalties.filter((c) => compHolds(c.comp, state)).map((c) => ({ rest: c.rest, penalty: penaltyOf(c.rule), entry: penaltyEntry(c.rule, category) }));
  const actions = sel.actions.filter((c) => compHolds(c.comp, state)).map((c) => ({ rest: c.rest, rule: c.rule, action: c.rule.limit ? null : actionOf(c.rule) }));
  ph = {
    penaltiesStatic: penalties.every((e) => e.rest === null),
    penalties,
    actionsStatic: actions.every((e) => e.rest === null && e.action !== null) ? actions.map((e) => e.action!) : null,
    actions,
    notes: sel.notes.filter((c) => compHolds(c.comp, state)).map((c) => ({ rest: c.rest, entry: noteEntry(c.rule) })),
    replies: sel.replies.filter((c) => compHolds(c.comp, state)).map((c) => ({ rest: c.rest, reply: c, layout: layoutOf(c) })),
  };
  sel.phases[index] = ph;
  return ph;
}

/*
 * Replies: for a template and a set of missing placeholders, the layout of the reply (which
 * parts are shared — markers, literals standing alone — and which runs join literals and
 * values) is fixed. It is taken once from renderReply itself, rendered with stand-in values,
 * so the output stays renderReply's; per call only the values are joined in.
 */
/** Placeholder bits (renderReply's order) and the values of the current call. */
const PLACEHOLDER_BITS = ['shopName', 'signature', 'orderId', 'refundId', 'reason', 'paidAmount', 'refundAmount', 'compensationAmount'] as const;
const scratchVals: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
interface ReplySeg {
  /** A part shared as is (a missing value's marker, or a literal standing alone). */
  shared: { text: string; placeholder?: string } | null;
  /** Otherwise a run: literal strings and value bits, joined. */
  pieces: (string | number)[];
}
interface ReplyPlan {
  segs: ReplySeg[];
  missing: string[];
}
interface ReplyLayout {
  /** Bits of the placeholders the template uses. */
  used: number;
  /** By mask of missing placeholders; null when the template cannot be planned (render directly). */
  plans: (ReplyPlan | undefined)[] | null;
}
const layouts = new WeakMap<CompiledReply, ReplyLayout>();
const STAND_IN = /\uE000(\d)\uE001/g;
function layoutOf(reply: CompiledReply): ReplyLayout {
  let v = layouts.get(reply);
  if (v === undefined) {
    let used = 0;
    let plannable = true;
    for (const part of reply.template) {
      if ('placeholder' in part) {
        const bit = PLACEHOLDER_BITS.indexOf(part.placeholder);
        if (bit < 0) plannable = false;
        else used |= 1 << bit;
      } else if (part.text.includes('\uE000') || part.text.includes('\uE001')) plannable = false;
    }
    v = { used, plans: plannable ? [] : null };
    layouts.set(reply, v);
  }
  return v;
}
function planOf(reply: CompiledReply, missingMask: number): ReplyPlan {
  const values: PlaceholderValues = {};
  PLACEHOLDER_BITS.forEach((name, bit) => {
    if (!(missingMask & (1 << bit))) values[name] = `\uE000${bit}\uE001`;
  });
  const r = renderReply(reply.rule, reply.template, values);
  const segs: ReplySeg[] = r.parts.map((part) => {
    if ('placeholder' in part || (reply.template as readonly object[]).includes(part)) return { shared: part, pieces: [] };
    const pieces: (string | number)[] = [];
    let last = 0;
    for (const m of part.text.matchAll(STAND_IN)) {
      if (m.index > last) pieces.push(part.text.slice(last, m.index));
      pieces.push(Number(m[1]));
      last = m.index + m[0].length;
    }
    if (last < part.text.length) pieces.push(part.text.slice(last));
    return { shared: null, pieces };
  });
  return { segs, missing: r.missing };
}
/** renderReply(rule, template, values of scratchVals) for a template whose layout is known. */
function replyOf(reply: CompiledReply, layout: ReplyLayout, present: number, values: PlaceholderValues): Reply {
  if (layout.plans === null) return renderReply(reply.rule, reply.template, values);
  const missingMask = layout.used & ~present;
  let plan = layout.plans[missingMask];
  if (plan === undefined) plan = layout.plans[missingMask] = planOf(reply, missingMask);
  const parts: { text: string; placeholder?: string }[] = [];
  let text = '';
  const segs = plan.segs;
  for (let i = 0; i < segs.length; i += 1) {
    const seg = segs[i]!;
    if (seg.shared !== null) {
      parts.push(seg.shared);
      text += seg.shared.text;
      continue;
    }
    let run = '';
    const pieces = seg.pieces;
    for (let j = 0; j < pieces.length; j += 1) {
      const piece = pieces[j]!;
      run += typeof piece === 'string' ? piece : scratchVals[piece]!;
    }
    parts.push({ text: run });
    text += run;
  }
  const rule = reply.rule;
  return { id: rule.id, ruleId: rule.id, title: rule.title, text, missing: plan.missing, parts };
}
/** renderReply's blank test: `value.trim() === ''`. */
function isBlank(value: string): boolean {
  if (value.length === 0) return true;
  const c = value.charCodeAt(0);
  if ((c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return value.trim() === '';
}

/** Is `s` the canonical `YYYY-MM-DDTHH:mm:ss+08:00` form (then toBeijingIso(toEpochMs(s)) is s itself)? */
function canonicalShape(s: string): boolean {
  return s.length === 25 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58 && s.endsWith('+08:00');
}

let lastNowText = '';
let lastNowMs = NaN;
let lastNowIso = '';
let lastPack: RulePack | null = null;
let lastCompiled: CompiledPack | null = null;
let lastPackInfo: Guidance['pack'] | null = null;
const NO_LEDGER: readonly LedgerEntry[] = Object.freeze([]);
/** Start times of the current call by CompiledTimer.slot (0–5). */
const starts: (number | null)[] = [null, null, null, null, null, null];

/** The explanation's value of a timer's start: the fact's value, or the earlier deadline's time. */
function startOf(t: CompiledTimer, facts: Facts, startMs: number | null): unknown {
  switch (t.slot) {
    case 0:
      return facts.paidAt ?? null;
    case 1:
      return facts.refundRequestedAt ?? null;
    default:
      return startValue(t, facts, startMs);
  }
}

export function evaluate(facts: Facts, pack: RulePack, opts: EvaluateOptions): Guidance {
  // One-entry memo: a page's cases (and a benchmark's) are evaluated at the same `now`.
  if (opts.now !== lastNowText) {
    const v = toEpochMs(opts.now);
    if (Number.isNaN(v)) throw new TypeError(`evaluate: now must be an ISO 8601 time, got ${JSON.stringify(opts.now)}`);
    lastNowText = opts.now;
    lastNowMs = v;
    lastNowIso = canonicalShape(opts.now) ? opts.now : toBeijingIso(v);
  }
  const nowMs = lastNowMs;
  const nowIso = lastNowIso;
  let compiled: CompiledPack;
  if (pack === lastPack) compiled = lastCompiled!;
  else {
    compiled = compilePack(pack);
    lastPack = pack;
    lastCompiled = compiled;
    lastPackInfo = packOf(pack);
  }
  const settings = opts.settings;
  const platform: Platform =
    opts.platform ?? (settings?.platformProfile === 'tmall' || settings?.platformProfile === 'taobao' ? settings.platformProfile : pack.defaultPlatform);
  let p = opts.profile !== undefined ? compiled.profiles.get(opts.profile) : undefined;
  if (p === undefined || p.platform !== platform) p = compiled.defaults[platform];
  const kind: CaseKind = opts.kind ?? deriveKind(facts);
  const ledger = opts.ledger ?? NO_LEDGER;

  const warnings: Warning[] = [];
  const explanation: Explanation[] = [];
  const unreadable: readonly FactKey[] = facts.unreadable ?? NO_UNREADABLE;
  const anyUnreadable = unreadable.length > 0;
  if (anyUnreadable) {
    const fields = [...new Set(unreadable)];
    warnings.push({
      code: 'unreadable-field',
      message: { zh: `以下字段在页面上找到但无法读取：${fields.join('、')}（不做猜测）`, en: `Found on the page but unreadable: ${fields.join(', ')} (not guessed)` },
      fields,
    });
  }

  // ── Reason → category ──
  const reasonText = kind === 'complaint' ? (facts.complaintType ?? facts.reason) : (facts.reason ?? facts.complaintType);
  let reasonRule: ReasonRule | null = null;
  let info: ReasonInfo | null = null;
  if (reasonText !== undefined) {
    info = reasonInfo(p, reasonText);
    reasonRule = info.rule;
    const byComplaintType = kind === 'complaint' && facts.complaintType !== undefined;
    if (reasonRule) {
      explanation.push(
        byComplaintType
          ? (info.entryComplaintType ??= reasonEntry('reason', reasonRule, 'complaintType', reasonText))
          : (info.entryReason ??= reasonEntry('reason', reasonRule, 'reason', reasonText)),
      );
    } else {
      warnings.push(
        byComplaintType ? (info.warnComplaintType ??= unknownReasonWarning(reasonText, 'complaintType')) : (info.warnReason ??= unknownReasonWarning(reasonText, 'reason')),
      );
    }
  }

  const shippingFee = facts.shippingFee;
  const ctx: CaseContext = {
    kind,
    facts,
    category: reasonRule !== null ? reasonRule.category : null,
    compensation: 'none',
    freeShipping: shippingFee !== undefined ? shippingFee === 0 : (settings?.shopPolicy?.freeShippingDefault ?? null),
    activity: facts.activity !== undefined ? squashMemo(facts.activity) : '',
    refundStatus: facts.refundStatus !== undefined ? squashMemo(facts.refundStatus) : '',
  };

  // ── Compensation ──
  // Each time fact parsed once per call.
  const paidMs = ms(facts.paidAt);
  const refundRequestedMs = ms(facts.refundRequestedAt);
  const shippedMs = ms(facts.shippedAt);
  const complaintFiledMs = ms(facts.complaintFiledAt);
  starts[0] = paidMs;
  starts[1] = refundRequestedMs;
  starts[2] = shippedMs;
  starts[3] = complaintFiledMs;
  starts[4] = ms(facts.tradeClosedAt);
  starts[5] = ms(facts.tradeSucceededAt);
  const paidFen = facts.paidAmount !== undefined && !(anyUnreadable && unreadable.includes('paidAmount')) ? yuanToFen(facts.paidAmount) : null;
  let compensation: Compensation;
  /** yuan(paidFen) once formatted. */
  let paidYuan: string | undefined;
  let sel: Selection;
  if (info === null) sel = selectAll(p, kind, null);
  else if (info.selKind === kind) sel = info.sel!;
  else {
    sel = info.sel = selectAll(p, kind, ctx.category);
    info.selKind = kind;
  }
  let compRule: CompensationRule | undefined;
  if (ctx.category !== null) {
    const list = sel.compensation;
    for (let i = 0; i < list.length; i += 1) {
      if (list[i]!.dyn(ctx)) {
        compRule = list[i]!.rule;
        break;
      }
    }
  }
  if (!compRule) {
    compensation = info === null ? NO_REASON_COMPENSATION : (info.noComp ??= noCompensation(reasonText!, reasonRule !== null));
  } else if (!compRule.triggered) {
    compensation = compTexts(compRule).notTriggered;
    const field = kind === 'complaint' ? 'complaintType' : 'reason';
    if (info!.compRule !== compRule || info!.compField !== field) {
      info!.compRule = compRule;
      info!.compField = field;
      info!.compEntry = reasonEntry('compensation', compRule, field, reasonText!);
    }
    explanation.push(info!.compEntry!);
  } else {
    const ct = compTexts(compRule);
    // Contestable: do the facts contradict the reason?
    let contest: Text | null = null;
    if (ctx.category === 'late-ship' && paidMs !== null) {
      const promise = pickTimer(p, PAYOUT_DEADLINE_PROMISE, ctx, unreadable);
      const promiseDue = promise ? timerDue(promise, paidMs, p) : null;
      const lateReason = pickTimer(p, LATE_REASON_DEADLINE, ctx, unreadable);
      const availableAt = lateReason ? timerDue(lateReason, paidMs, p) : null;
      const requestedMs = kind === 'complaint' ? (complaintFiledMs ?? refundRequestedMs) : refundRequestedMs;
      if (shippedMs !== null && promiseDue !== null && shippedMs <= promiseDue) {
        contest = {
          zh: `已于 ${facts.shippedAt} 发货，在发货时限 ${isoOf(promiseDue)} 之内`,
          en: `shipped at ${facts.shippedAt}, inside the promise ${isoOf(promiseDue)}`,
        };
      } else if (requestedMs !== null && availableAt !== null && requestedMs < availableAt) {
        const requestedIso = toBeijingIso(requestedMs);
        const availableIso = isoOf(availableAt);
        contest = {
          zh: `申请时间 ${requestedIso} 早于付款后可选该原因的时间 ${availableIso}`,
          en: `requested at ${requestedIso}, before the reason becomes available at ${availableIso}`,
        };
      }
    } else if (ctx.category === 'out-of-stock' && (shippedMs !== null || (facts.tradeStatus !== undefined && SHIPPED_STATES.includes(facts.tradeStatus)))) {
      contest = {
        zh: `订单已发货（${facts.shippedAt ?? facts.tradeStatus}），与“缺货”不符`,
        en: `the order was shipped (${facts.shippedAt ?? facts.tradeStatus}), which contradicts "out of stock"`,
      };
    }
    ctx.compensation = contest ? 'contestable' : 'due';
    const used: Record<string, unknown> =
      kind === 'complaint' ? { complaintType: reasonText, paidAmount: facts.paidAmount ?? null } : { reason: reasonText, paidAmount: facts.paidAmount ?? null };
    if (facts.paidAt) used.paidAt = facts.paidAt;
    if (facts.shippedAt) used.shippedAt = facts.shippedAt;
    let amountFen: number | null = null;
    let text: Text;
    if (compRule.basisPoints === null || compRule.basisPoints === undefined) {
      const multiple = compRule.multiple ? { zh: `（假一赔${compRule.multiple === 10 ? '十' : compRule.multiple === 3 ? '三' : compRule.multiple}）`, en: ` (${compRule.multiple}× rule)` } : { zh: '', en: '' };
      text = { zh: `触发赔付${multiple.zh}，但资料未给出金额，不做估算：${compRule.reason.zh}`, en: `Compensation applies${multiple.en} but the sources give no amount, so none is estimated: ${compRule.reason.en}` };
    } else if (paidFen === null) {
      const field: FactKey = 'paidAmount';
      warnings.push({
        code: unreadable.includes(field) ? 'unreadable-field' : 'missing-fact',
        message: { zh: '实付金额缺失或无法读取：赔付金额无法计算（不做猜测）', en: 'Paid amount missing or unreadable: the compensation amount cannot be computed (not guessed)' },
        fields: [field],
        ruleId: compRule.id,
      });
      text = { zh: `触发赔付（实付金额的 ${ct.pct}%），但实付金额未读到，金额未计算`, en: `Compensation applies (${ct.pct} % of the paid amount) but the paid amount was not read, so no amount` };
    } else {
      const raw = percentOfFen(paidFen, compRule.basisPoints);
      let fen = raw;
      if (compRule.minFen !== null && compRule.minFen !== undefined && fen < compRule.minFen) fen = compRule.minFen;
      if (compRule.maxFen !== null && compRule.maxFen !== undefined && fen > compRule.maxFen) fen = compRule.maxFen;
      const paidText = (paidYuan = yuan(paidFen));
      const rawText = raw === paidFen ? paidText : yuan(raw);
      const fenText = fen === raw ? rawText : yuan(fen);
      // The same sentences as `触发赔付：实付 ${paid} 元 × ${pct}% = ${raw} 元${bounds} → ${fen} 元${form}，由商家承担`, static pieces joined once per rule.
      text = {
        zh: '触发赔付：实付 ' + paidText + ct.zhTimes + rawText + ct.zhArrow + fenText + ct.zhTail,
        en: 'Compensation: paid ' + paidText + ct.enTimes + rawText + ct.enArrow + fenText + ct.enTail,
      };
      if (compRule.capPerBuyerFen !== null && compRule.capPerBuyerFen !== undefined) {
        const windowStart = nowMs - (compRule.capWindowHours ?? 24) * HOUR;
        if (facts.buyer !== undefined) {
          let sum = 0;
          for (const e of ledger) if (e.buyer === facts.buyer && inWindow(e, windowStart, nowMs)) sum += yuanToFen(e.amount);
          const left = Math.max(0, compRule.capPerBuyerFen - sum);
          used.ledgerSumWindow = yuan(sum);
          if (fen > left) {
            warnings.push({
              code: 'compensation-cap',
              message: {
                zh: `同一买家${compRule.capWindowHours ?? 24}小时内已赔付 ${yuan(sum)} 元，上限 ${yuan(compRule.capPerBuyerFen)} 元：本次最多 ${yuan(left)} 元`,
                en: `This buyer already received ${yuan(sum)} within ${compRule.capWindowHours ?? 24} h; cap ${yuan(compRule.capPerBuyerFen)}: at most ${yuan(left)} now`,
              },
              ruleId: compRule.id,
            });
            text = { zh: `${text.zh}；受24小时上限限制，本次为 ${yuan(left)} 元`, en: `${text.en}; capped by the 24 h limit to ${yuan(left)}` };
            fen = left;
          }
        } else if (ledger.some((e) => inWindow(e, windowStart, nowMs))) {
          warnings.push({
            code: 'missing-fact',
            message: { zh: '未读到买家：无法核对24小时赔付上限，金额可能更低', en: 'Buyer not read: the 24 h cap cannot be checked, the amount may be lower' },
            fields: ['buyer'],
            ruleId: compRule.id,
          });
        }
      }
      amountFen = fen;
    }
    if (contest) {
      text = {
        zh: `${text.zh}。但事实与原因不符：${contest.zh}——可礼貌请买家修改原因`,
        en: `${text.en}. But the facts contradict the reason: ${contest.en} — politely ask the buyer to correct it`,
      };
    }
    compensation = {
      triggered: true,
      amount: amountFen === null ? null : yuan(amountFen),
      amountFen,
      ruleId: compRule.id,
      contestable: contest !== null,
      explanation: text,
    };
    explanation.push(explain('compensation', compRule, used));
  }

  // ── Deadlines ──
  let countdownSec: number | null = null;
  if (facts.platformCountdown !== undefined && !(anyUnreadable && unreadable.includes('platformCountdown'))) {
    countdownSec = countdownSeconds(facts.platformCountdown);
    if (countdownSec === null) {
      warnings.push({
        code: 'unreadable-field',
        message: { zh: `无法识别平台倒计时「${facts.platformCountdown}」`, en: `Cannot read the platform countdown "${facts.platformCountdown}"` },
        fields: ['platformCountdown'],
      });
    }
  }
  const target = pack.countdownTargets[kind];
  const deadlines: Deadline[] = [];
  // Scratch lists, reused between calls (evaluate is synchronous and never re-entered), with
  // their lengths kept here. Due times computed so far, by deadline id (chained steps read them).
  const dues = scratchDues;
  const dueIds = scratchDueIds;
  const dueVals = scratchDueVals;
  let nDue = 0;
  const order = scratchOrder;
  let nOrder = 0;
  let hasTarget = false;
  if (!anyUnreadable) {
    // The kind's groups; a group whose start fact is absent yields nothing (unless it is the
    // platform countdown's deadline), so its variants are not even tried.
    const groups = p.kindGroups[kind];
    for (let gi = 0; gi < groups.length; gi += 1) {
      const g = groups[gi]!;
      if (g.slot >= 0 && starts[g.slot] === null && !(g.target && countdownSec !== null)) continue;
      const ts = g.timers;
      for (let i = 0; i < ts.length; i += 1) {
        if (ts[i]!.when(ctx)) {
          order[nOrder++] = ts[i]!;
          if (g.target) hasTarget = true;
          break;
        }
      }
    }
  } else {
    for (const group of p.timerGroups) {
      // First applicable variant wins; a variant choice that depends on an unreadable fact
      // leaves the deadline uncomputed (never guessed).
      for (const t of group) {
        if (readsAny(t.whenReads, unreadable)) {
          if (!(t.rule.deadlineId === target && countdownSec !== null)) {
            explanation.push(explain(t.verdict, t.rule, { computed: false, unreadable: t.whenReads.filter((k) => unreadable.includes(k)) }));
          }
          break;
        }
        if (t.when(ctx)) {
          order[nOrder++] = t;
          if (t.rule.deadlineId === target) hasTarget = true;
          break;
        }
      }
    }
  }
  if (countdownSec !== null && !hasTarget) {
    const t = p.timerByDeadline.get(target);
    if (t) {
      for (let i = nOrder; i > 0; i -= 1) order[i] = order[i - 1]!;
      order[0] = t;
      nOrder += 1;
    }
  }
  for (let oi = 0; oi < nOrder; oi += 1) {
    const t = order[oi]!;
    const r = t.rule;
    const isTarget = countdownSec !== null && r.deadlineId === target;
    let startMs: number | null;
    const slot = t.slot;
    if (slot >= 0) {
      if (anyUnreadable && unreadable.includes(t.startFact!)) startMs = null;
      else if (slot < 6) startMs = starts[slot]!;
      else startMs = ms(facts[t.startFact!] as string | undefined);
    } else {
      const after = (r.start as { after: string }).after;
      startMs = null;
      for (let k = 0; k < nDue; k += 1) {
        if (dueIds[k] === after) {
          startMs = dueVals[k]!;
          break;
        }
      }
    }
    if (startMs === null && !isTarget) continue;
    const computed = startMs === null ? null : timerDue(t, startMs, p);
    let due: number | null = computed;
    if (isTarget) due = nowMs + countdownSec! * 1000;
    if (due === null) {
      if (t.show(ctx)) explanation.push(explain(t.verdict, r, { [t.startKey]: startOf(t, facts, startMs), computed: false }));
      continue;
    }
    dueIds[nDue] = r.deadlineId;
    dueVals[nDue] = due;
    nDue += 1;
    if (!isTarget) {
      if (!t.show(ctx)) continue;
      if (anyUnreadable && readsAny(t.showReads, unreadable)) {
        explanation.push(explain(t.verdict, r, { [t.startKey]: startValue(t, facts, startMs), computed: false, unreadable: t.showReads.filter((k) => unreadable.includes(k)) }));
        continue;
      }
    }
    const used = t.usedOf(startOf(t, facts, startMs));
    if (isTarget) {
      used.platformCountdown = facts.platformCountdown;
      used.now = nowIso;
      if (computed !== null && Math.abs(computed - due) > OUTDATED_TOLERANCE_MS) {
        warnings.push({
          code: 'pack-outdated',
          message: {
            zh: `平台倒计时（${toBeijingIso(due)}）与规则包计算值（${toBeijingIso(computed)}）相差超过1小时，规则包可能已过时；以平台为准`,
            en: `The platform countdown (${toBeijingIso(due)}) and the pack's value (${toBeijingIso(computed)}) differ by more than 1 h; the pack may be outdated — the platform wins`,
          },
          ruleId: r.id,
        });
      }
    } else if (t.workingDays !== null && p.calendar) {
      explanation.push(explain(`calendar:${r.deadlineId}`, p.calendar.rule, { start: isoOf(startMs!), workingDays: t.workingDays }));
    }
    const d: Deadline = {
      id: r.deadlineId,
      label: r.label,
      dueAt: isoOf(due),
      actor: r.actor,
      consequence: r.consequence,
      ruleId: r.id,
      source: isTarget ? 'platform' : 'computed',
      breached: due <= nowMs,
    };
    dues[deadlines.length] = due;
    deadlines.push(d);
    explanation.push(explain(t.verdict, r, used));
  }
  // Sorted by due time (stable insertion sort; the lists are short).
  for (let i = 1; i < deadlines.length; i += 1) {
    const due = dues[i]!;
    const d = deadlines[i]!;
    let j = i;
    while (j > 0 && dues[j - 1]! > due) {
      dues[j] = dues[j - 1]!;
      deadlines[j] = deadlines[j - 1]!;
      j -= 1;
    }
    dues[j] = due;
    deadlines[j] = d;
  }

  const ph = phaseOf(sel, ctx.compensation, ctx.category);

  // ── Penalties ──
  const penalties: Penalty[] = [];
  {
    const list = ph.penalties;
    for (let i = 0; i < list.length; i += 1) {
      const e = list[i]!;
      if (e.rest !== null && !e.rest(ctx)) continue;
      penalties.push(e.penalty);
      explanation.push(e.entry);
    }
  }

  // ── Recidivism ──
  for (const rec of sel.recidivism) {
    if (paidMs === null || !rec.dyn(ctx)) continue;
    const result = recidivismCount(rec, paidMs, ledger, facts.orderId);
    if (result === null) continue;
    explanation.push(explain('recidivism', rec.rule, { paidAt: facts.paidAt, earlierSettlements: result.count, block: result.block }));
    if (result.count + 1 >= rec.rule.threshold) {
      warnings.push({
        code: 'recidivism',
        message: {
          zh: `本周期（${result.block.from}–${result.block.to}）已有 ${result.count} 次主动“同意赔付”未按约定时间发货，本单将是第 ${result.count + 1} 次：加重扣分（分值资料未载明）`,
          en: `${result.count} proactive 同意赔付 settlements of late shipping already in this block (${result.block.from}–${result.block.to}); this would be #${result.count + 1}: heavier points (amount not stated)`,
        },
        ruleId: rec.rule.id,
      });
    }
  }

  // ── Actions ──
  let actions: Action[];
  if (ph.actionsStatic !== null) actions = ph.actionsStatic.slice();
  else {
    actions = [];
    const compFen = compensation.amountFen;
    const limits = settings?.shopPolicy?.remedyLimits;
    const list = ph.actions;
    for (let i = 0; i < list.length; i += 1) {
      const e = list[i]!;
      if (e.rest !== null && !e.rest(ctx)) continue;
      actions.push(e.action ?? limitedAction(e.rule, e.rule.limit!, paidFen, compFen, limits));
    }
  }

  // ── Notes ──
  {
    const list = ph.notes;
    for (let i = 0; i < list.length; i += 1) {
      const e = list[i]!;
      if (e.rest !== null && !e.rest(ctx)) continue;
      explanation.push(e.entry);
    }
  }

  // ── Replies ──
  const replies: Reply[] = [];
  const list = ph.replies;
  if (list.length > 0) {
    const shop = settings?.shopPolicy;
    // One scratch object, refilled on every call (only read while the replies are rendered).
    const values = scratchValues;
    values.shopName = shop?.shopName;
    values.signature = shop?.signature;
    values.orderId = facts.orderId;
    values.refundId = facts.refundId;
    values.reason = reasonText;
    values.compensationAmount = compensation.amount ?? undefined;
    // Amounts are formatted only when a template of this pack uses them.
    values.paidAmount = p.replyPlaceholders.has('paidAmount') && paidFen !== null ? (paidYuan ?? yuan(paidFen)) : undefined;
    values.refundAmount =
      p.replyPlaceholders.has('refundAmount') && facts.refundAmount !== undefined && !unreadable.includes('refundAmount') ? yuan(yuanToFen(facts.refundAmount)) : undefined;
    // The same values by placeholder bit, and which of them are there (not blank).
    const vals = scratchVals;
    vals[0] = values.shopName;
    vals[1] = values.signature;
    vals[2] = values.orderId;
    vals[3] = values.refundId;
    vals[4] = values.reason;
    vals[5] = values.paidAmount;
    vals[6] = values.refundAmount;
    vals[7] = values.compensationAmount;
    let present = 0;
    for (let b = 0; b < 8; b += 1) {
      const v = vals[b];
      if (v !== undefined && !isBlank(v)) present |= 1 << b;
    }
    for (let i = 0; i < list.length; i += 1) {
      const e = list[i]!;
      if (e.rest !== null && !e.rest(ctx)) continue;
      replies.push(replyOf(e.reply, e.layout, present, values));
    }
  }

  return {
    kind,
    platform,
    pack: lastPackInfo!,
    profile: p.id,
    now: nowIso,
    deadlines,
    compensation,
    penalties,
    actions,
    replies,
    warnings,
    explanation,
  };
}
