import type { CaseKind, Facts, FactKey, Platform } from '../model/facts';
import type {
  ActionRule,
  CalendarRule,
  CompensationRule,
  NoteRule,
  PenaltyRule,
  ReasonCategory,
  ReasonRule,
  RecidivismRule,
  ReplyRule,
  Rule,
  RulePack,
  TimerRule,
  When,
} from '../model/rule-pack';
import { compileTemplate, type CompiledTemplate } from '../replies/template';
import { normalizeText } from '../text/normalize';
import { toEpochMs } from '../time/beijing';
import type { HolidayCalendar } from '../time/working-days';

/**
 * A pack compiled once for fast evaluation: rules split by type and profile, `when`
 * conditions turned into predicates, reason texts into a Map, templates into parts.
 * Cached per pack OBJECT (WeakMap): a new import is a new object and compiles afresh.
 */

/** What a condition sees. */
export interface CaseContext {
  kind: CaseKind;
  facts: Facts;
  category: ReasonCategory | null;
  /** 'due' | 'contestable' when triggered, 'none' otherwise. Set before actions/replies/notes. */
  compensation: 'due' | 'contestable' | 'none';
  /** true = seller-free-shipping; null = unknown. */
  freeShipping: boolean | null;
  /** facts.activity / facts.refundStatus squashed (normalised, no spaces), '' when absent. */
  activity: string;
  refundStatus: string;
}
export type Predicate = (c: CaseContext) => boolean;

export const ALWAYS: Predicate = () => true;
export const NEVER: Predicate = () => false;

/** Text facts compare after normalisation and without spaces. */
export function squash(text: string): string {
  return normalizeText(text).replace(/\s+/g, '');
}

/** The facts a condition reads (an unreadable one makes the condition undecidable). */
export function factsRead(w: When | undefined): FactKey[] {
  if (!w) return [];
  const out = new Set<FactKey>();
  if (w.tradeStatus || w.notTradeStatus) out.add('tradeStatus');
  if (w.logistics) out.add('logistics');
  if (w.activity || w.notActivity) out.add('activity');
  if (w.refundStatus || w.notRefundStatus) out.add('refundStatus');
  for (const k of w.present ?? []) out.add(k);
  for (const k of w.absent ?? []) out.add(k);
  if (w.freeShipping !== undefined) out.add('shippingFee');
  return [...out];
}

export function compileWhen(w: When | undefined): Predicate {
  if (!w) return ALWAYS;
  const checks: Predicate[] = [];
  if (w.kinds) {
    const kinds = w.kinds;
    if (kinds.length === 1) {
      const k = kinds[0]!;
      checks.push((c) => c.kind === k);
    } else checks.push((c) => kinds.includes(c.kind));
  }
  // One- and two-value lists compare directly (same answers as `includes`).
  if (w.tradeStatus) {
    const list = w.tradeStatus as readonly string[];
    if (list.length === 1) {
      const a = list[0]!;
      checks.push((c) => c.facts.tradeStatus === a);
    } else checks.push((c) => c.facts.tradeStatus !== undefined && list.includes(c.facts.tradeStatus));
  }
  if (w.notTradeStatus) {
    const list = w.notTradeStatus as readonly string[];
    if (list.length === 1) {
      const a = list[0]!;
      checks.push((c) => c.facts.tradeStatus !== a);
    } else if (list.length === 2) {
      const a = list[0]!;
      const b = list[1]!;
      checks.push((c) => c.facts.tradeStatus !== a && c.facts.tradeStatus !== b);
    } else checks.push((c) => c.facts.tradeStatus === undefined || !list.includes(c.facts.tradeStatus));
  }
  if (w.logistics) {
    const list = w.logistics as readonly string[];
    if (list.length === 1) {
      const a = list[0]!;
      checks.push((c) => c.facts.logistics === a);
    } else checks.push((c) => c.facts.logistics !== undefined && list.includes(c.facts.logistics));
  }
  const contains = (key: 'activity' | 'refundStatus', needles: readonly string[], negate: boolean): Predicate => {
    const squashed = needles.map(squash);
    return (c) => {
      const v = c[key];
      let hit = false;
      if (v !== '') {
        for (let i = 0; i < squashed.length; i += 1) {
          if (v.includes(squashed[i]!)) {
            hit = true;
            break;
          }
        }
      }
      return negate ? !hit : hit;
    };
  };
  if (w.activity) checks.push(contains('activity', w.activity, false));
  if (w.notActivity) checks.push(contains('activity', w.notActivity, true));
  if (w.refundStatus) checks.push(contains('refundStatus', w.refundStatus, false));
  if (w.notRefundStatus) checks.push(contains('refundStatus', w.notRefundStatus, true));
  if (w.present) {
    const keys = w.present;
    checks.push((c) => keys.every((k) => c.facts[k] !== undefined));
  }
  if (w.absent) {
    const keys = w.absent;
    checks.push((c) => keys.every((k) => c.facts[k] === undefined));
  }
  if (w.categories) {
    const cats = w.categories;
    if (cats.length === 1) {
      const k = cats[0]!;
      checks.push((c) => c.category === k);
    } else checks.push((c) => c.category !== null && cats.includes(c.category));
  }
  if (w.compensation) {
    const want = w.compensation;
    checks.push((c) => (want === 'triggered' ? c.compensation !== 'none' : c.compensation === want));
  }
  if (w.freeShipping !== undefined) {
    const want = w.freeShipping;
    checks.push((c) => c.freeShipping === want);
  }
  if (checks.length === 0) return ALWAYS;
  if (checks.length === 1) return checks[0]!;
  if (checks.length === 2) {
    const [a, b] = checks as [Predicate, Predicate];
    return (c) => a(c) && b(c);
  }
  if (checks.length === 3) {
    const [a, b, d] = checks as [Predicate, Predicate, Predicate];
    return (c) => a(c) && b(c) && d(c);
  }
  return (c) => {
    for (let i = 0; i < checks.length; i += 1) if (!checks[i]!(c)) return false;
    return true;
  };
}

export interface CompiledTimer {
  rule: TimerRule;
  when: Predicate;
  show: Predicate;
  /** Facts the variant choice / the listing depends on. */
  whenReads: FactKey[];
  showReads: FactKey[];
  /** `deadline:<id>` (explanation verdict). */
  verdict: string;
  /** The start fact, or null when chained after another deadline. */
  startFact: FactKey | null;
  /** Key under which the explanation reports the start. */
  startKey: string;
  lengthMs: number | null;
  workingDays: number | null;
  /**
   * Where the start comes from: 0–5 = paidAt, refundRequestedAt, shippedAt, complaintFiledAt,
   * tradeClosedAt, tradeSucceededAt (parsed once per call); 6 = another fact; -1 = chained.
   */
  slot: number;
  /** `{ [startKey]: v }` with a static shape (the explanation's facts of a listed deadline). */
  usedOf: (v: unknown) => Record<string, unknown>;
}

/** The time facts the engine parses once per call, in `CompiledTimer.slot` order. */
export const START_SLOTS: readonly FactKey[] = ['paidAt', 'refundRequestedAt', 'shippedAt', 'complaintFiledAt', 'tradeClosedAt', 'tradeSucceededAt'];

function usedFactory(key: string): (v: unknown) => Record<string, unknown> {
  switch (key) {
    case 'paidAt':
      return (v) => ({ paidAt: v });
    case 'refundRequestedAt':
      return (v) => ({ refundRequestedAt: v });
    case 'shippedAt':
      return (v) => ({ shippedAt: v });
    case 'complaintFiledAt':
      return (v) => ({ complaintFiledAt: v });
    case 'tradeClosedAt':
      return (v) => ({ tradeClosedAt: v });
    case 'tradeSucceededAt':
      return (v) => ({ tradeSucceededAt: v });
    default:
      return (v) => ({ [key]: v });
  }
}

/**
 * The deadline groups of a profile for one case kind, for cases with no unreadable fact:
 * timers whose `when.kinds` excludes the kind are left out (they can never be picked), the
 * rest keep their pack order with `when`/`show` reduced to their non-kind conditions (a
 * `show` whose kinds exclude the kind never holds).
 */
export interface KindGroup {
  deadlineId: string;
  /** This deadline is the kind's countdown target (pack.countdownTargets). */
  target: boolean;
  /** Start slot shared by every timer of the group (0–5), or -1. */
  slot: number;
  timers: CompiledTimer[];
}

export interface Compiled<R extends Rule> {
  rule: R;
  /** The whole condition. */
  when: Predicate;
  /** The condition without its static part (kinds, categories), used after indexing. */
  dyn: Predicate;
  /** The condition without kinds, categories and compensation; null = always holds. */
  rest: Predicate | null;
  /** The `compensation` condition, null when absent. */
  comp: 'triggered' | 'due' | 'contestable' | 'none' | null;
  kinds: readonly CaseKind[] | null;
  categories: readonly ReasonCategory[] | null;
}

/** Does a `compensation` condition hold for a compensation state? */
export function compHolds(want: Compiled<Rule>['comp'], state: CaseContext['compensation']): boolean {
  return want === null || (want === 'triggered' ? state !== 'none' : state === want);
}

/**
 * Rules of one list whose static conditions (case kind, reason category, and for penalties /
 * compensation the rule's own categories) hold, indexed by `kind|category` on first use.
 * What remains to check per case is `dyn`.
 */
export class RuleIndex<T extends Compiled<Rule>> {
  /** kind → category ('' = none) → rules; plain objects keyed by constant strings (fast lookups). */
  private readonly byKind: Record<string, Record<string, T[]>> = { refund: {}, aftersale: {}, complaint: {} };
  constructor(
    readonly all: T[],
    private readonly ownCategories: (r: T['rule']) => readonly ReasonCategory[] | null = () => null,
  ) {}
  select(kind: CaseKind, category: ReasonCategory | null): T[] {
    const table = this.byKind[kind]!;
    const key = category ?? '';
    let hit = table[key];
    if (hit === undefined) {
      hit = this.all.filter((c) => {
        if (c.kinds !== null && !c.kinds.includes(kind)) return false;
        if (c.categories !== null && (category === null || !c.categories.includes(category))) return false;
        const own = this.ownCategories(c.rule);
        if (own !== null && (category === null || !own.includes(category))) return false;
        return true;
      });
      table[key] = hit;
    }
    return hit;
  }
}

export interface CompiledReply extends Compiled<ReplyRule> {
  template: CompiledTemplate;
}
export interface CompiledRecidivism extends Compiled<RecidivismRule> {
  anchorMs: number;
  ledgerReason: string;
}

export interface CompiledProfile {
  id: string;
  platform: Platform;
  /** Timers in pack order; several may share a deadline id (first applicable wins). */
  timers: CompiledTimer[];
  /** The same, grouped by deadline id in order of first appearance. */
  timerGroups: CompiledTimer[][];
  /** First timer per deadline id regardless of `when` (used when the platform's countdown names it). */
  timerByDeadline: Map<string, CompiledTimer>;
  /** The timers of each deadline id, in pack order. */
  timersOf: Map<string, CompiledTimer[]>;
  /** Deadline groups per case kind (see KindGroup). */
  kindGroups: Record<CaseKind, KindGroup[]>;
  compensation: RuleIndex<Compiled<CompensationRule>>;
  penalties: RuleIndex<Compiled<PenaltyRule>>;
  actions: RuleIndex<Compiled<ActionRule>>;
  replies: RuleIndex<CompiledReply>;
  notes: RuleIndex<Compiled<NoteRule>>;
  recidivism: CompiledRecidivism[];
  calendar: { rule: CalendarRule; cal: HolidayCalendar } | null;
  /** Placeholders any reply template of this profile uses. */
  replyPlaceholders: Set<string>;
  /** Reason texts (squashed) → reason rule. */
  reasons: Map<string, ReasonRule>;
  /** Longest names first, for "contains" matching of decorated texts. */
  reasonNames: [string, ReasonRule][];
  /** Memo of reason text → rule (bounded). */
  reasonMemo: Map<string, ReasonRule | null>;
  /** Memo of reason text → what evaluate derives from it alone (bounded; filled by evaluate). */
  reasonInfo: Map<string, unknown>;
  /** selectAll's memo. */
  selections: Record<string, Record<string, Selection>>;
}

/** The five rule lists of a profile selected for one (case kind, reason category). */
export interface Selection {
  compensation: Compiled<CompensationRule>[];
  penalties: Compiled<PenaltyRule>[];
  actions: Compiled<ActionRule>[];
  replies: CompiledReply[];
  notes: Compiled<NoteRule>[];
  /** Recidivism rules whose categories and `when.kinds` / `when.categories` hold (check `dyn`). */
  recidivism: CompiledRecidivism[];
  /** By compensation state (none, due, contestable): what evaluate precomputes from the lists (filled by evaluate). */
  phases: unknown[];
}
/** `select` of the five lists at once, memoised per (kind, category): one lookup per case. */
export function selectAll(p: CompiledProfile, kind: CaseKind, category: ReasonCategory | null): Selection {
  const table = p.selections[kind]!;
  const key = category ?? '';
  let hit = table[key];
  if (hit === undefined) {
    hit = {
      compensation: category === null ? [] : p.compensation.select(kind, category),
      penalties: category === null ? [] : p.penalties.select(kind, category),
      actions: p.actions.select(kind, category),
      replies: p.replies.select(kind, category),
      notes: p.notes.select(kind, category),
      recidivism: category === null ? [] : p.recidivism.filter((r) => r.rule.categories.includes(category) && (r.kinds === null || r.kinds.includes(kind)) && (r.categories === null || r.categories.includes(category))),
      phases: [undefined, undefined, undefined],
    };
    table[key] = hit;
  }
  return hit;
}

export interface CompiledPack {
  pack: RulePack;
  profiles: Map<string, CompiledProfile>;
  defaultProfile: Record<Platform, string | undefined>;
  /** The default profile objects. */
  defaults: Record<Platform, CompiledProfile>;
}

const cache = new WeakMap<RulePack, CompiledPack>();

const HOUR_MS = 3600_000;

function applies(rule: Rule, platform: Platform, profileId: string): boolean {
  return rule.platforms.includes(platform) && (rule.profiles === undefined || rule.profiles.includes(profileId));
}

function byOrder<T extends { rule: { order: number } }>(list: T[]): T[] {
  return list
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.rule.order - b.item.rule.order || a.i - b.i)
    .map((x) => x.item);
}

function compileProfile(pack: RulePack, id: string, platform: Platform): CompiledProfile {
  const rules = pack.rules.filter((r) => applies(r, platform, id));
  const p: CompiledProfile = {
    id,
    platform,
    timers: [],
    timerGroups: [],
    timerByDeadline: new Map(),
    timersOf: new Map(),
    kindGroups: { refund: [], aftersale: [], complaint: [] },
    compensation: new RuleIndex<Compiled<CompensationRule>>([], (r) => r.categories),
    penalties: new RuleIndex<Compiled<PenaltyRule>>([], (r) => r.categories),
    actions: new RuleIndex<Compiled<ActionRule>>([]),
    replies: new RuleIndex<CompiledReply>([]),
    notes: new RuleIndex<Compiled<NoteRule>>([]),
    recidivism: [],
    calendar: null,
    replyPlaceholders: new Set(),
    reasons: new Map(),
    reasonNames: [],
    reasonMemo: new Map(),
    reasonInfo: new Map(),
    selections: { refund: {}, aftersale: {}, complaint: {} },
  };
  for (const rule of rules) {
    const when = compileWhen(rule.when);
    const rest = rule.when ? compileWhen({ ...rule.when, kinds: undefined, categories: undefined, compensation: undefined }) : ALWAYS;
    const st = {
      when,
      dyn: compileWhen(rule.when ? { ...rule.when, kinds: undefined, categories: undefined } : undefined),
      rest: rest === ALWAYS ? null : rest,
      comp: rule.when?.compensation ?? null,
      kinds: rule.when?.kinds ?? null,
      categories: rule.when?.categories ?? null,
    };
    switch (rule.type) {
      case 'timer': {
        const l = rule.length;
        const t: CompiledTimer = {
          rule,
          when,
          show: compileWhen(rule.show),
          whenReads: factsRead(rule.when),
          showReads: factsRead(rule.show),
          verdict: `deadline:${rule.deadlineId}`,
          startFact: 'fact' in rule.start ? rule.start.fact : null,
          startKey: 'fact' in rule.start ? rule.start.fact : `deadline:${rule.start.after}`,
          lengthMs: l && l.workingDays === undefined ? ((l.days ?? 0) * 24 + (l.hours ?? 0)) * HOUR_MS + (l.minutes ?? 0) * 60_000 : null,
          workingDays: l?.workingDays ?? null,
          slot: 'fact' in rule.start ? (START_SLOTS.includes(rule.start.fact) ? START_SLOTS.indexOf(rule.start.fact) : 6) : -1,
          usedOf: usedFactory('fact' in rule.start ? rule.start.fact : `deadline:${rule.start.after}`),
        };
        p.timers.push(t);
        if (!p.timerByDeadline.has(rule.deadlineId)) {
          p.timerByDeadline.set(rule.deadlineId, t);
          const group = [t];
          p.timerGroups.push(group);
          p.timersOf.set(rule.deadlineId, group);
        } else {
          p.timersOf.get(rule.deadlineId)!.push(t);
        }
        break;
      }
      case 'reason':
        for (const name of rule.names) {
          const key = squash(name);
          if (!p.reasons.has(key)) p.reasons.set(key, rule);
          p.reasonNames.push([key, rule]);
        }
        break;
      case 'compensation':
        p.compensation.all.push({ rule, ...st });
        break;
      case 'penalty':
        p.penalties.all.push({ rule, ...st });
        break;
      case 'action':
        p.actions.all.push({ rule, ...st });
        break;
      case 'reply': {
        const template = compileTemplate(rule.template);
        for (const part of template) if ('placeholder' in part) p.replyPlaceholders.add(part.placeholder);
        p.replies.all.push({ rule, ...st, template });
        break;
      }
      case 'note':
        p.notes.all.push({ rule, ...st });
        break;
      case 'recidivism':
        p.recidivism.push({ rule, ...st, anchorMs: toEpochMs(rule.anchor), ledgerReason: squash(rule.ledgerReason) });
        break;
      case 'calendar':
        if (!p.calendar) p.calendar = { rule, cal: { holidays: new Set(rule.holidays), workdays: new Set(rule.workdays) } };
        break;
    }
  }
  p.actions = new RuleIndex(byOrder(p.actions.all));
  p.replies = new RuleIndex(byOrder(p.replies.all));
  p.reasonNames.sort((a, b) => b[0].length - a[0].length);
  for (const kind of ['refund', 'aftersale', 'complaint'] as const) p.kindGroups[kind] = kindGroups(p.timerGroups, kind, pack.countdownTargets[kind]);
  return p;
}

function withoutKinds(w: When | undefined): When | undefined {
  return w ? { ...w, kinds: undefined } : undefined;
}

function kindGroups(groups: CompiledTimer[][], kind: CaseKind, target: string | undefined): KindGroup[] {
  const out: KindGroup[] = [];
  for (const group of groups) {
    const timers: CompiledTimer[] = [];
    for (const t of group) {
      if (t.rule.when?.kinds && !t.rule.when.kinds.includes(kind)) continue;
      const showKinds = t.rule.show?.kinds;
      timers.push({ ...t, when: compileWhen(withoutKinds(t.rule.when)), show: showKinds && !showKinds.includes(kind) ? NEVER : compileWhen(withoutKinds(t.rule.show)) });
    }
    if (timers.length === 0) continue;
    const slot = timers[0]!.slot;
    out.push({ deadlineId: group[0]!.rule.deadlineId, target: group[0]!.rule.deadlineId === target, slot: slot >= 0 && slot < 6 && timers.every((t) => t.slot === slot) ? slot : -1, timers });
  }
  return out;
}

export function compilePack(pack: RulePack): CompiledPack {
  const hit = cache.get(pack);
  if (hit) return hit;
  const profiles = new Map<string, CompiledProfile>();
  const defaultProfile: Record<Platform, string | undefined> = { tmall: undefined, taobao: undefined };
  for (const prof of pack.profiles) {
    profiles.set(prof.id, compileProfile(pack, prof.id, prof.platform));
    if (prof.default) defaultProfile[prof.platform] = prof.id;
  }
  // A platform with no profile still evaluates (its own synthetic profile of platform-wide rules).
  for (const platform of ['tmall', 'taobao'] as const) {
    if (defaultProfile[platform] === undefined) {
      const id = `${platform}-all`;
      profiles.set(id, compileProfile(pack, id, platform));
      defaultProfile[platform] = id;
    }
  }
  const compiled: CompiledPack = {
    pack,
    profiles,
    defaultProfile,
    defaults: { tmall: profiles.get(defaultProfile.tmall!)!, taobao: profiles.get(defaultProfile.taobao!)! },
  };
  cache.set(pack, compiled);
  return compiled;
}

const MEMO_LIMIT = 2000;

/** The reason rule for a page text: exact (normalised) name first, then the longest contained name. */
export function lookupReason(p: CompiledProfile, text: string): ReasonRule | null {
  const memo = p.reasonMemo.get(text);
  if (memo !== undefined) return memo;
  const key = squash(text);
  let found = p.reasons.get(key) ?? null;
  if (!found) {
    for (const [name, rule] of p.reasonNames) {
      if (key.includes(name)) {
        found = rule;
        break;
      }
    }
  }
  if (p.reasonMemo.size >= MEMO_LIMIT) p.reasonMemo.clear();
  p.reasonMemo.set(text, found);
  return found;
}
