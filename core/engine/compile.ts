import type { CaseKind, FactKey, Platform } from '../model/facts';
import { CASE_KINDS, PLATFORMS } from '../model/facts';
import {
  REASON_CATEGORIES,
  type ActionRule,
  type CalendarRule,
  type CompensationRule,
  type ContestRule,
  type NoteRule,
  type PenaltyRule,
  type ReasonCategory,
  type ReasonRule,
  type RecidivismRule,
  type ReplyRule,
  type Rule,
  type RulePack,
  type TimerRule,
  type When,
} from '../model/rule-pack';
import { compileTemplate, type CompiledTemplate } from '../replies/template';
import { HOUR, MINUTE, toEpochMs } from '../time/beijing';
import type { HolidayCalendar } from '../time/working-days';
import { compileWhen, factsRead, squash, type Predicate } from './when';

/**
 * A rule pack compiled once for evaluation (cached per pack object, so an imported pack is
 * a new object and compiles afresh): per profile, the rules that apply to it, split by type,
 * their conditions turned into predicates, and the per-case rule lists indexed by case kind
 * and reason category so that a case only looks at the rules that can concern it.
 */

/** A rule with its condition compiled. `condition` leaves out kinds and categories: the index has decided them. */
export interface CompiledRule<R extends Rule> {
  rule: R;
  condition: Predicate;
}

export interface CompiledTimer {
  rule: TimerRule;
  when: Predicate;
  show: Predicate;
  /** Facts the variant choice / the listing depends on. */
  whenReads: FactKey[];
  showReads: FactKey[];
  /** `deadline:<id>`, the explanation's verdict. */
  verdict: string;
  /** The start fact, or null when chained after another deadline (`after`). */
  startFact: FactKey | null;
  after: string | null;
  /** Key under which the explanation reports the start. */
  startKey: string;
  lengthMs: number | null;
  workingDays: number | null;
}

/** The timers of one deadline id, in pack order (the first whose `when` holds is the variant). */
export interface TimerGroup {
  deadlineId: string;
  timers: CompiledTimer[];
}

export interface CompiledReply extends CompiledRule<ReplyRule> {
  template: CompiledTemplate;
}
export interface CompiledRecidivism extends CompiledRule<RecidivismRule> {
  anchorMs: number;
  ledgerReason: string;
}

/** Rules of one type by case kind and reason category (null = no category), pack order kept. */
export class RuleIndex<T extends CompiledRule<Rule>> {
  /** kind → category ('none' for no category) → rules. */
  private readonly byKind: Record<string, Record<string, T[]>> = {};
  constructor(all: readonly T[], ownCategories: (rule: T['rule']) => readonly ReasonCategory[] | null = () => null) {
    for (const kind of CASE_KINDS) {
      const byCategory: Record<string, T[]> = {};
      for (const category of [...REASON_CATEGORIES, null]) {
        const fits = all.filter(({ rule }) => {
          const when: When | undefined = rule.when;
          if (when?.kinds && !when.kinds.includes(kind)) return false;
          const own = ownCategories(rule);
          for (const cats of [when?.categories, own ?? undefined]) {
            if (cats && (category === null || !cats.includes(category))) return false;
          }
          return true;
        });
        byCategory[category ?? 'none'] = fits;
      }
      this.byKind[kind] = byCategory;
    }
  }
  select(kind: CaseKind, category: ReasonCategory | null): readonly T[] {
    return this.byKind[kind]?.[category ?? 'none'] ?? [];
  }
}

export interface CompiledProfile {
  id: string;
  platform: Platform;
  timerGroups: TimerGroup[];
  /** The timers of each deadline id, in pack order. */
  timersOf: Map<string, CompiledTimer[]>;
  compensation: RuleIndex<CompiledRule<CompensationRule>>;
  contests: RuleIndex<CompiledRule<ContestRule>>;
  penalties: RuleIndex<CompiledRule<PenaltyRule>>;
  recidivism: RuleIndex<CompiledRecidivism>;
  /** Actions and replies sorted by `order` (pack order among equals). */
  actions: RuleIndex<CompiledRule<ActionRule>>;
  replies: RuleIndex<CompiledReply>;
  notes: RuleIndex<CompiledRule<NoteRule>>;
  calendar: { rule: CalendarRule; cal: HolidayCalendar } | null;
  /** Reason names (squashed) → reason rule; the first rule naming a text wins. */
  reasons: Map<string, ReasonRule>;
  /** The same names, longest first, for "contains" matching of decorated texts. */
  reasonNames: [string, ReasonRule][];
  /** The pack's reason vocabulary: character folds and negation markers. */
  vocabulary: { fold: Map<string, string>; negations: string[] };
  /**
   * Characters of the texts its rules may copy into a guidance (reply templates, reason names
   * and calendar dates left out): bounds a guidance's size without measuring it (budget.ts).
   */
  textChars: number;
}

export interface CompiledPack {
  pack: RulePack;
  /** `countdownStates` with their state texts squashed once. */
  countdownStates: { kinds: readonly CaseKind[] | undefined; needles: string[]; deadlineId: string }[];
  profiles: Map<string, CompiledProfile>;
  /** The profile used for each platform unless another one is asked for. */
  defaults: Record<Platform, CompiledProfile>;
}

function applies(rule: Rule, platform: Platform, profileId: string): boolean {
  return rule.platforms.includes(platform) && (rule.profiles === undefined || rule.profiles.includes(profileId));
}

/** The condition without the parts the index decides. */
function conditionOf(when: When | undefined): Predicate {
  return compileWhen(when && { ...when, kinds: undefined, categories: undefined });
}

function compileRule<R extends Rule>(rule: R): CompiledRule<R> {
  return { rule, condition: conditionOf(rule.when) };
}

function compileTimer(rule: TimerRule): CompiledTimer {
  const { start, length } = rule;
  const startFact = 'fact' in start ? start.fact : null;
  const after = 'after' in start ? start.after : null;
  const fixed = length !== null && length.workingDays === undefined;
  return {
    rule,
    when: compileWhen(rule.when),
    show: compileWhen(rule.show),
    whenReads: factsRead(rule.when),
    showReads: factsRead(rule.show),
    verdict: `deadline:${rule.deadlineId}`,
    startFact,
    after,
    startKey: startFact ?? `deadline:${after}`,
    lengthMs: fixed ? ((length.days ?? 0) * 24 + (length.hours ?? 0)) * HOUR + (length.minutes ?? 0) * MINUTE : null,
    workingDays: length?.workingDays ?? null,
  };
}

function byOrder<T extends { rule: { order: number } }>(list: T[]): T[] {
  return [...list].sort((a, b) => a.rule.order - b.rule.order);
}

function compileProfile(pack: RulePack, id: string, platform: Platform): CompiledProfile {
  const rules = pack.rules.filter((r) => applies(r, platform, id));
  const of = <T extends Rule['type']>(type: T) => rules.filter((r): r is Extract<Rule, { type: T }> => r.type === type);

  const timersOf = new Map<string, CompiledTimer[]>();
  for (const rule of of('timer')) {
    const group = timersOf.get(rule.deadlineId) ?? [];
    group.push(compileTimer(rule));
    timersOf.set(rule.deadlineId, group);
  }
  const vocabulary = {
    fold: new Map(Object.entries(pack.reasonVocabulary?.fold ?? {})),
    negations: (pack.reasonVocabulary?.negations ?? []).map((n) => squash(n)).filter((n) => n !== ''),
  };
  const reasons = new Map<string, ReasonRule>();
  const reasonNames: [string, ReasonRule][] = [];
  for (const rule of of('reason')) {
    for (const name of rule.names) {
      const squashed = foldReason(vocabulary.fold, name);
      if (!reasons.has(squashed)) reasons.set(squashed, rule);
      reasonNames.push([squashed, rule]);
    }
  }
  reasonNames.sort((a, b) => b[0].length - a[0].length);
  const calendar = of('calendar')[0];
  const own = (r: { categories: readonly ReasonCategory[] }) => r.categories;
  return {
    id,
    platform,
    timerGroups: [...timersOf].map(([deadlineId, timers]) => ({ deadlineId, timers })),
    timersOf,
    compensation: new RuleIndex(of('compensation').map(compileRule), own),
    contests: new RuleIndex(of('contest').map(compileRule), own),
    penalties: new RuleIndex(of('penalty').map(compileRule), own),
    recidivism: new RuleIndex(
      of('recidivism').map((rule) => ({ ...compileRule(rule), anchorMs: toEpochMs(rule.anchor), ledgerReason: squash(rule.ledgerReason) })),
      own,
    ),
    actions: new RuleIndex(byOrder(of('action').map(compileRule))),
    replies: new RuleIndex(byOrder(of('reply').map((rule) => ({ ...compileRule(rule), template: compileTemplate(rule.template) })))),
    notes: new RuleIndex(of('note').map(compileRule)),
    calendar: calendar ? { rule: calendar, cal: { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays) } } : null,
    reasons,
    reasonNames,
    vocabulary,
    textChars: rules.reduce((n, r) => n + ruleTextChars(r), 0),
  };
}

/** The characters of a rule's strings, without those that never reach a guidance as they are. */
function ruleTextChars(rule: Rule): number {
  const count = (v: unknown): number => {
    if (typeof v === 'string') return v.length;
    if (v === null || typeof v !== 'object') return 0;
    let n = 0;
    if (Array.isArray(v)) for (const x of v) n += count(x);
    else for (const k in v) n += count((v as Record<string, unknown>)[k]);
    return n;
  };
  let n = 0;
  for (const [k, v] of Object.entries(rule)) {
    if ((rule.type === 'reply' && k === 'template') || (rule.type === 'reason' && k === 'names') || (rule.type === 'calendar' && (k === 'holidays' || k === 'workdays'))) continue;
    n += count(v);
  }
  return n;
}

/** A reason text made comparable: normalised, spaces removed, characters folded (traditional → simplified …). */
export function foldReason(fold: ReadonlyMap<string, string>, text: string): string {
  const squashed = squash(text);
  if (fold.size === 0) return squashed;
  let out = '';
  for (const ch of squashed) out += fold.get(ch) ?? ch;
  return out;
}

const cache = new WeakMap<RulePack, CompiledPack>();

export function compilePack(pack: RulePack): CompiledPack {
  const hit = cache.get(pack);
  if (hit) return hit;
  const profiles = new Map<string, CompiledProfile>();
  const defaultIds = new Map<Platform, string>();
  for (const profile of pack.profiles) {
    profiles.set(profile.id, compileProfile(pack, profile.id, profile.platform));
    if (profile.default) defaultIds.set(profile.platform, profile.id);
  }
  const defaults = {} as Record<Platform, CompiledProfile>;
  for (const platform of PLATFORMS) {
    const id = defaultIds.get(platform);
    const profile = id === undefined ? undefined : profiles.get(id);
    if (profile) defaults[platform] = profile;
    else {
      // A platform with no profile still evaluates: a synthetic profile of its platform-wide rules.
      const synthetic = compileProfile(pack, `${platform}-all`, platform);
      profiles.set(synthetic.id, synthetic);
      defaults[platform] = synthetic;
    }
  }
  const countdownStates = (pack.countdownStates ?? []).map((st) => ({ kinds: st.kinds, needles: st.refundStatus.map(squash), deadlineId: st.deadlineId }));
  const compiled: CompiledPack = { pack, profiles, defaults, countdownStates };
  cache.set(pack, compiled);
  return compiled;
}

export interface ReasonLookup {
  rule: ReasonRule | null;
  /** The name found inside the text next to a negation (非…, 不支持…): the text stays unknown. */
  negated?: { name: string; marker: string; rule: ReasonRule };
}

/**
 * The reason rule for a page text, by meaning: the exact (folded) name first; else the
 * longest name the text contains, unless the rest of the text holds a negation marker —
 * then the text is unknown (a negated reason is never mapped to what it negates, nor to
 * any other category).
 */
export function lookupReasonDetail(p: CompiledProfile, text: string): ReasonLookup {
  const folded = foldReason(p.vocabulary.fold, text);
  const exact = p.reasons.get(folded);
  if (exact) return { rule: exact };
  for (const [name, rule] of p.reasonNames) {
    const at = folded.indexOf(name);
    if (at < 0) continue;
    const rest = folded.slice(0, at) + '\u0000' + folded.slice(at + name.length);
    const marker = p.vocabulary.negations.find((n) => rest.includes(n));
    if (marker !== undefined) return { rule: null, negated: { name, marker, rule } };
    return { rule };
  }
  return { rule: null };
}

/** The reason rule for a page text (see lookupReasonDetail); null when unknown or negated. */
export function lookupReason(p: CompiledProfile, text: string): ReasonRule | null {
  return lookupReasonDetail(p, text).rule;
}
