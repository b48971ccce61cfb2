import type { CaseKind, FactKey, Platform } from '../model/facts';
import type { Guidance } from '../model/guidance';
import { CASE_KINDS, PLATFORMS } from '../model/facts';
import type {
  CalendarRule,
  ReasonRule,
  RecidivismRule,
  ReplyRule,
  Rule,
  RulePack,
  TimerRule,
  When,
} from '../model/rule-pack';
import { compileTemplate, type CompiledTemplate } from '../replies/template';
import { HOUR, MINUTE, toEpochMs } from '../time/beijing';
import type { HolidayCalendar } from '../time/working-days';
import { buildCaseRules, residualCondition, type CaseRules, type CompiledRule } from './rule-sets';
import { compileWhen, factsRead, NEVER, squash, wordsIn, type Predicate } from './when';
import { TextIndex } from './text-index';

export type { CompiledRule } from './rule-sets';

/**
 * A rule pack compiled once for evaluation (cached per pack object, so an imported pack is
 * a new object and compiles afresh): per profile, the rules that apply to it, split by type,
 * their conditions turned into predicates, and the per-case rule lists indexed by case kind,
 * reason category and compensation state (rule-sets.ts) so that a case only looks at the
 * rules that can concern it.
 */

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
  /** Does another deadline of the profile start when this one ends? */
  chained: boolean;
}

/** The timers of one deadline id, in pack order (the first whose `when` holds is the variant). */
export interface TimerGroup {
  deadlineId: string;
  timers: CompiledTimer[];
  /**
   * The start fact every timer of the group counts from, when they share one and none reads
   * a fact to choose its variant: without that time the group gives nothing (unless it is the
   * countdown's deadline), so it is skipped untried. Null otherwise.
   */
  startFact: FactKey | null;
  /**
   * The `show` condition every timer of the group shares (null when they differ), with the
   * facts it reads. When it is false on readable facts, the group lists nothing, so a group
   * that starts no other deadline is skipped untried (unless it is the countdown's deadline).
   */
  show: Predicate | null;
  showReads: FactKey[];
  /** Does another deadline start when this one ends? */
  chained: boolean;
}

interface CompiledReply extends CompiledRule<ReplyRule> {
  template: CompiledTemplate;
  /** Does the template write an amount (`{paidAmount}`, `{refundAmount}`)? They are formatted only then. */
  writesAmounts: boolean;
}

function compileReply(rule: ReplyRule): CompiledReply {
  const template = compileTemplate(rule.template);
  const writesAmounts = template.some(
    (part) =>
      'placeholder' in part && (part.placeholder === 'paidAmount' || part.placeholder === 'refundAmount'),
  );
  return { ...compileRule(rule), template, writesAmounts };
}
export interface CompiledRecidivism extends CompiledRule<RecidivismRule> {
  anchorMs: number;
  ledgerReason: string;
}

export type ProfileRules = CaseRules<CompiledReply, CompiledRecidivism>;

export interface KindTimers {
  groups: TimerGroup[];
  /** The timers of each deadline id, in pack order. */
  of: Map<string, CompiledTimer[]>;
}

export interface CompiledProfile {
  id: string;
  platform: Platform;
  /** Per case kind: the timers of each deadline id, in pack order, their `kinds` decided. */
  timers: Record<CaseKind, KindTimers>;
  /** Per case kind and reason category (categoryKey): the rules of every other type (actions, replies, evidence sorted by `order`). */
  rules: Record<CaseKind, Map<string, ProfileRules>>;
  calendar: { rule: CalendarRule; cal: HolidayCalendar } | null;
  /** Reason names (squashed) → reason rule; the first rule naming a text wins. */
  reasons: Map<string, KnownReason>;
  /** Page texts → their reason lookup (lookupReasonDetail), once per distinct text. */
  reasonLookups: TextIndex<ReasonLookup>;
  /** The same names, longest first, for "contains" matching of decorated texts. */
  reasonNames: [string, KnownReason][];
  /** The pack's reason vocabulary: character folds and negation markers. */
  vocabulary: { fold: ReasonFold; negations: string[] };
  /**
   * Characters of the texts its rules may copy into a guidance (reply templates, reason names
   * and calendar dates left out): bounds a guidance's size without measuring it (budget.ts).
   */
  textChars: number;
}

export interface CompiledPack {
  pack: RulePack;
  /** The pack as the guidance names it. */
  info: Guidance['pack'];
  /** The pack's refund-status words, squashed: every needle of a refundStatus / notRefundStatus condition or countdown state. */
  statusWords: string[];
  /** A page's refund status → squashed, and the status words it contains; once per distinct status. */
  statuses: TextIndex<RefundStatusRead>;
  /** `countdownStates` with their state texts squashed once. */
  countdownStates: {
    kinds: readonly CaseKind[] | undefined;
    needles: ReadonlySet<string>;
    deadlineId: string;
  }[];
  profiles: Map<string, CompiledProfile>;
  /** The profile used for each platform unless another one is asked for. */
  defaults: Record<Platform, CompiledProfile>;
}

function applies(rule: Rule, platform: Platform, profileId: string): boolean {
  return (
    rule.platforms.includes(platform) && (rule.profiles === undefined || rule.profiles.includes(profileId))
  );
}

function compileRule<R extends Rule>(rule: R): CompiledRule<R> {
  return { rule, condition: residualCondition(rule.when) };
}

/** A condition for one case kind: never when its `kinds` leave the kind out, else the rest of it. */
function forKind(when: When | undefined, kind: CaseKind): Predicate {
  if (when?.kinds && !when.kinds.includes(kind)) return NEVER;
  return compileWhen(when && { ...when, kinds: undefined });
}

function compileTimer(rule: TimerRule, kind: CaseKind, chained: ReadonlySet<string>): CompiledTimer {
  const { start, length } = rule;
  const startFact = 'fact' in start ? start.fact : null;
  const after = 'after' in start ? start.after : null;
  const fixed = length !== null && length.workingDays === undefined;
  return {
    rule,
    when: forKind(rule.when, kind),
    show: forKind(rule.show, kind),
    whenReads: factsRead(rule.when),
    showReads: factsRead(rule.show),
    verdict: `deadline:${rule.deadlineId}`,
    startFact,
    after,
    startKey: startFact ?? `deadline:${after}`,
    lengthMs: fixed
      ? ((length.days ?? 0) * 24 + (length.hours ?? 0)) * HOUR + (length.minutes ?? 0) * MINUTE
      : null,
    workingDays: length?.workingDays ?? null,
    chained: chained.has(rule.deadlineId),
  };
}

/** Sorted by `order`, pack order among equals. */
function byOrder<T extends { order: number } | { rule: { order: number } }>(list: T[]): T[] {
  const order = (x: T) => ('rule' in x ? x.rule.order : x.order);
  return [...list].sort((a, b) => order(a) - order(b));
}

/**
 * The timers of a profile for one case kind. The groups the deadlines step walks leave out
 * what cannot show for the kind: a timer whose `when` never holds for it and reads no fact
 * (it is skipped untried), and a whole group none of whose timers reads a fact or shows for
 * the kind, that no other deadline starts after and that no page countdown can stand for.
 */
function kindTimers(pack: RulePack, rules: readonly TimerRule[], kind: CaseKind): KindTimers {
  const chained = new Set(rules.flatMap((r) => ('after' in r.start ? [r.start.after] : [])));
  const of = new Map<string, CompiledTimer[]>();
  for (const rule of rules) {
    const group = of.get(rule.deadlineId) ?? [];
    group.push(compileTimer(rule, kind, chained));
    of.set(rule.deadlineId, group);
  }
  const targets = new Set([
    pack.countdownTargets[kind],
    ...(pack.countdownStates ?? [])
      .filter((st) => !st.kinds || st.kinds.includes(kind))
      .map((st) => st.deadlineId),
  ]);
  const groups: TimerGroup[] = [];
  for (const [deadlineId, list] of of) {
    const tried = list.filter((t) => t.when !== NEVER || t.whenReads.length > 0);
    const silent = list.every((t) => t.show === NEVER && t.whenReads.length === 0);
    if (tried.length === 0 || (silent && !chained.has(deadlineId) && !targets.has(deadlineId))) continue;
    const first = tried[0]?.startFact ?? null;
    const shared = tried.every((t) => t.startFact === first && t.whenReads.length === 0);
    const show = JSON.stringify(tried[0]?.rule.show);
    const sameShow = tried.every((t) => JSON.stringify(t.rule.show) === show);
    groups.push({
      deadlineId,
      timers: tried,
      startFact: shared ? first : null,
      show: sameShow ? tried[0]!.show : null,
      showReads: sameShow ? tried[0]!.showReads : [],
      chained: chained.has(deadlineId),
    });
  }
  return { groups, of };
}

function compileProfile(pack: RulePack, id: string, platform: Platform): CompiledProfile {
  const applying = pack.rules.filter((r) => applies(r, platform, id));
  const of = <T extends Rule['type']>(type: T) =>
    applying.filter((r): r is Extract<Rule, { type: T }> => r.type === type);

  const timers = {} as Record<CaseKind, KindTimers>;
  for (const kind of CASE_KINDS) timers[kind] = kindTimers(pack, of('timer'), kind);
  const vocabulary = {
    fold: reasonFold(pack.reasonVocabulary?.fold ?? {}),
    negations: (pack.reasonVocabulary?.negations ?? []).map((n) => squash(n)).filter((n) => n !== ''),
  };
  const reasons = new Map<string, KnownReason>();
  const reasonNames: [string, KnownReason][] = [];
  for (const rule of of('reason')) {
    for (const name of rule.names) {
      const squashed = foldReason(vocabulary.fold, name);
      const found: KnownReason = Object.freeze({ rule });
      if (!reasons.has(squashed)) reasons.set(squashed, found);
      reasonNames.push([squashed, found]);
    }
  }
  reasonNames.sort((a, b) => b[0].length - a[0].length);
  const calendar = of('calendar')[0];
  const rules = buildCaseRules(
    {
      compensation: of('compensation'),
      contests: of('contest'),
      penalties: of('penalty'),
      recidivism: of('recidivism').map((rule) => ({
        ...compileRule(rule),
        anchorMs: toEpochMs(rule.anchor),
        ledgerReason: squash(rule.ledgerReason),
      })),
      notes: of('note'),
      actions: byOrder(of('action')),
      replies: byOrder(of('reply').map(compileReply)),
      refusals: of('refusal'),
      evidence: byOrder(of('evidence')),
      periods: of('evidence-period'),
    },
    CASE_KINDS,
  );
  const profile: CompiledProfile = {
    id,
    platform,
    timers,
    rules,
    calendar: calendar
      ? {
          rule: calendar,
          cal: { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays) },
        }
      : null,
    reasons,
    reasonLookups: new TextIndex((text) => lookupReasonFolded(profile, text)),
    reasonNames,
    vocabulary,
    textChars: applying.reduce((n, r) => n + ruleTextChars(r), 0),
  };
  return profile;
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
    if (
      (rule.type === 'reply' && k === 'template') ||
      (rule.type === 'reason' && k === 'names') ||
      (rule.type === 'calendar' && (k === 'holidays' || k === 'workdays'))
    )
      continue;
    n += count(v);
  }
  return n;
}

/** The pack's character folds (traditional → simplified …). */
interface ReasonFold {
  map: ReadonlyMap<string, string>;
  /** Matches a text holding a character the map folds; null when it folds none. */
  any: RegExp | null;
}

export function reasonFold(entries: Record<string, string>): ReasonFold {
  const map = new Map(Object.entries(entries));
  // Texts are folded one code point at a time, so only one-code-point keys can ever apply.
  const chars = [...map.keys()].filter((k) => [...k].length === 1);
  const any =
    chars.length === 0
      ? null
      : new RegExp(`[${chars.map((ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`).join('')}]`, 'u');
  return { map, any };
}

/** A reason text made comparable: normalised, spaces removed, characters folded (a text with nothing to fold is returned as squashed). */
export function foldReason(fold: ReasonFold, text: string): string {
  const squashed = squash(text);
  if (fold.any === null || !fold.any.test(squashed)) return squashed;
  let out = '';
  for (const ch of squashed) out += fold.map.get(ch) ?? ch;
  return out;
}

/** Every refund-status needle of the pack's conditions (`when`, `show`) and countdown states, squashed, once each. */
function statusWords(pack: RulePack): string[] {
  const words = new Set<string>();
  const add = (texts: readonly string[] | undefined) => {
    for (const t of texts ?? []) words.add(squash(t));
  };
  for (const rule of pack.rules) {
    for (const w of [rule.when, 'show' in rule ? rule.show : undefined]) {
      add(w?.refundStatus);
      add(w?.notRefundStatus);
    }
  }
  for (const st of pack.countdownStates ?? []) add(st.refundStatus);
  return [...words];
}

/** A refund status as conditions see it (ConditionInput.refundStatus / refundStatusWords). */
export interface RefundStatusRead {
  squashed: string;
  words: readonly string[];
}

/** The squashed status and the pack's status words in it. */
export function readRefundStatus(text: string, words: readonly string[]): RefundStatusRead {
  const squashed = squash(text);
  return Object.freeze({ squashed, words: wordsIn(squashed, words) });
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
  const countdownStates = (pack.countdownStates ?? []).map((st) => ({
    kinds: st.kinds,
    needles: new Set(st.refundStatus.map(squash)),
    deadlineId: st.deadlineId,
  }));
  const info = Object.freeze({ id: pack.id, version: pack.version });
  const words = statusWords(pack);
  const compiled: CompiledPack = {
    pack,
    info,
    profiles,
    defaults,
    statusWords: words,
    statuses: new TextIndex((text) => readRefundStatus(text, words)),
    countdownStates,
  };
  cache.set(pack, compiled);
  return compiled;
}

export interface ReasonLookup {
  rule: ReasonRule | null;
  /** The name found inside the text next to a negation (非…, 不支持…): the text stays unknown. */
  negated?: { name: string; marker: string; rule: ReasonRule };
}
/** The answer for a known name, built once per pack. */
interface KnownReason extends ReasonLookup {
  rule: ReasonRule;
}

/** An unknown text's answer (shared: the lookups of known names are built once per pack too). */
const NOT_FOUND: ReasonLookup = Object.freeze({ rule: null });

/**
 * The reason rule for a page text, by meaning: the exact (folded) name first; else the
 * longest name the text contains, unless the rest of the text holds a negation marker —
 * then the text is unknown (a negated reason is never mapped to what it negates, nor to
 * any other category).
 */
export function lookupReasonDetail(p: CompiledProfile, text: string): ReasonLookup {
  return p.reasonLookups.get(text);
}

/** lookupReasonDetail worked out afresh (differential test in test/unit/core/fast-paths.test.ts). */
export function lookupReasonFolded(p: CompiledProfile, text: string): ReasonLookup {
  const folded = foldReason(p.vocabulary.fold, text);
  const exact = p.reasons.get(folded);
  if (exact) return exact;
  for (const [name, found] of p.reasonNames) {
    if (name.length > folded.length) continue; // (longest first: a text holds no longer name)
    const at = folded.indexOf(name);
    if (at < 0) continue;
    const rest = folded.slice(0, at) + '\u0000' + folded.slice(at + name.length);
    const marker = p.vocabulary.negations.find((n) => rest.includes(n));
    if (marker !== undefined)
      return Object.freeze({ rule: null, negated: Object.freeze({ name, marker, rule: found.rule }) });
    return found;
  }
  return NOT_FOUND;
}

/** The reason rule for a page text (see lookupReasonDetail); null when unknown or negated. */
export function lookupReason(p: CompiledProfile, text: string): ReasonRule | null {
  return lookupReasonDetail(p, text).rule;
}
