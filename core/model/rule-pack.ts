import { count, int, positiveInt, text, z } from './zod';
import { BeijingIsoSchema, CASE_KINDS, FactKeySchema, LOGISTICS, PLATFORMS, REFUND_TYPES, TRADE_STATUSES } from './facts';
import { CitationSchema, TextSchema } from './guidance';
import { RULE_PACK_LIMITS, workLimits } from './rule-pack-limits';

/**
 * The rule pack: every platform rule, shop-policy default and reply template the engine
 * uses, as plain data with a citation each (seed file + passage). The default pack lives in
 * core/rules/; agents may import their own (options page) — it is validated by this schema.
 *
 * VERSIONING (decided here, enforced by parseRulePack in core/rules/parse.ts):
 * - `schemaVersion` is `MAJOR.MINOR`. This build reads major 1 (SUPPORTED_SCHEMA_MAJOR).
 * - A pack with an unknown MAJOR is refused (`schemaVersion: unsupported …`): a new major
 *   may change meanings, and guessing would give wrong deadlines.
 * - A pack with a newer MINOR (or any version) may carry fields this build does not know:
 *   they are stripped (zod's default) and parseRulePack returns a warning per unknown key
 *   path, so the import succeeds and the agent is told what was ignored.
 * - Size limits: 5 MB of JSON, nesting depth 40, 5,000 rules, 200 names per reason.
 * - Work limits (a pack is policy from outside; these refuse the work bombs a schema-valid
 *   pack could be, and core/engine/budget.ts bounds what is left per case): at most 64
 *   deadline ids and 256 timer rules, `after` chains at most 8 deep, a length of at most 60
 *   working days or 400 days, 20 placeholders per reply template, 5,000 reason names in all,
 *   1,000 dates per calendar list, 2,000 characters per text.
 */
export const SUPPORTED_SCHEMA_MAJOR = 1;
export { RULE_PACK_LIMITS } from './rule-pack-limits';

export const RuleIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'a rule id: lowercase letters, digits and dashes, e.g. comp-tmall-2019'));

const PlatformSchema = z.enum(PLATFORMS);
const ActorSchema = z.enum(['seller', 'buyer', 'platform']);

/** Reason categories the engine understands; a reason rule maps page texts onto one. */
export const REASON_CATEGORIES = [
  'out-of-stock',
  'late-ship',
  'wrong-shipment',
  'fake-shipment',
  'price-raise',
  'buyer-mistake',
  'no-longer-wanted',
  'quality',
  'seven-day',
  'not-received',
  'description-mismatch',
  'invoice',
  'counterfeit',
  'refused-delivery',
  'breach-promise',
  'refuse-alipay',
  'harassment',
  'promise-unfulfilled',
  'damaged',
  'dislike',
  'repair',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];
const CategorySchema = z.enum(REASON_CATEGORIES);

/**
 * When a rule applies. Every listed condition must hold (AND); an absent condition holds.
 * Text conditions (`activity`, `refundStatus`) match when the fact CONTAINS one of the strings.
 */
export const WhenSchema = z.object({
  kinds: z.optional(z.array(z.enum(CASE_KINDS)).check(z.minLength(1))),
  tradeStatus: z.optional(z.array(z.enum(TRADE_STATUSES)).check(z.minLength(1))),
  notTradeStatus: z.optional(z.array(z.enum(TRADE_STATUSES)).check(z.minLength(1))),
  logistics: z.optional(z.array(z.enum(LOGISTICS)).check(z.minLength(1))),
  activity: z.optional(z.array(text()).check(z.minLength(1))),
  notActivity: z.optional(z.array(text()).check(z.minLength(1))),
  refundStatus: z.optional(z.array(text()).check(z.minLength(1))),
  notRefundStatus: z.optional(z.array(text()).check(z.minLength(1))),
  /** Facts that must be present / absent. */
  present: z.optional(z.array(FactKeySchema).check(z.minLength(1))),
  absent: z.optional(z.array(FactKeySchema).check(z.minLength(1))),
  /** The case's reason (or complaint type) falls in one of these categories. */
  categories: z.optional(z.array(CategorySchema).check(z.minLength(1))),
  /** The case's category is none of these (a case with no category holds). */
  notCategories: z.optional(z.array(CategorySchema).check(z.minLength(1))),
  /** What the buyer asks for (仅退款 / 退货退款 / 换货) is one of these. */
  refundType: z.optional(z.array(z.enum(REFUND_TYPES)).check(z.minLength(1))),
  /**
   * The time fact was read and lies after the due time of the deadline (the variant that
   * applies to the case, counted from its start fact): e.g. a 七天无理由 request made after
   * the latest end of the 7 days. Not decidable (false) when either is missing.
   */
  factAfter: z.optional(z.object({ fact: FactKeySchema, deadlineId: RuleIdSchema })),
  /**
   * The compensation verdict: `triggered` (any), `due` (triggered and the facts agree),
   * `contestable` (triggered but the facts contradict the reason), `unconfirmed` (triggered
   * only once a claimed fact is established, or a fact needed to check it is missing), `none`.
   */
  compensation: z.optional(z.enum(['triggered', 'due', 'contestable', 'unconfirmed', 'none'])),
  /** shippingFee is 0 / 包邮 (true) or a positive amount (false); settings' default when absent. */
  freeShipping: z.optional(z.boolean()),
});
export type When = z.infer<typeof WhenSchema>;

const common = {
  id: RuleIdSchema,
  /** Platforms the rule applies to. */
  platforms: z.array(PlatformSchema).check(z.minLength(1)),
  /** Restrict to these profiles (era variants); absent = every profile of those platforms. */
  profiles: z.optional(z.array(text()).check(z.minLength(1))),
  /** One line: why the rule exists / what it says, in the pack's own words. */
  reason: TextSchema,
  citation: CitationSchema,
  when: z.optional(WhenSchema),
};

const LengthSchema = z
  .object({
    days: z.optional(count()),
    hours: z.optional(count()),
    minutes: z.optional(count()),
    /** Working days (weekends + the pack's holiday calendar skipped). Not mixed with the others. */
    workingDays: z.optional(positiveInt()),
  })
  .check(
    z.refine((l) => l.workingDays === undefined || (l.days ?? l.hours ?? l.minutes) === undefined, 'workingDays cannot be mixed with days/hours/minutes'),
    z.refine((l) => (l.days ?? l.hours ?? l.minutes ?? l.workingDays) !== undefined, 'a length needs days, hours, minutes or workingDays'),
  );
export type TimerLength = z.infer<typeof LengthSchema>;

export const TimerRuleSchema = z.object({
  ...common,
  type: z.literal('timer'),
  /** Stable deadline id (DEADLINE_IDS or a new one). Several rules may share it: the first that applies wins. */
  deadlineId: RuleIdSchema,
  label: TextSchema,
  actor: ActorSchema,
  consequence: TextSchema,
  /** Starts at a fact's time, or when an earlier deadline of the same case ends (chained steps). */
  start: z.union([z.object({ fact: FactKeySchema }), z.object({ after: RuleIdSchema })]),
  /** null: the sources give no length — only the platform's own countdown (or the listing) can say. */
  length: z.nullable(LengthSchema),
  /**
   * `when` picks the variant (activity, logistics …); `show` says in which case state the
   * deadline is listed (e.g. ship-promise only while unshipped). The variant is still used
   * for checks (was the order shipped inside the promise?) when the deadline is not listed.
   */
  show: z.optional(WhenSchema),
});

export const ReasonRuleSchema = z.object({
  ...common,
  type: z.literal('reason'),
  category: CategorySchema,
  /** Page texts (退款原因 / 投诉类型) that mean this reason: canonical first, then synonyms. */
  names: z.array(z.string().check(z.minLength(1), z.maxLength(60))).check(z.minLength(1), z.maxLength(RULE_PACK_LIMITS.maxNames)),
});

export const CompensationRuleSchema = z.object({
  ...common,
  type: z.literal('compensation'),
  categories: z.array(CategorySchema).check(z.minLength(1)),
  /** The platform pays the buyer at the seller's cost when the refund/complaint completes with this reason. */
  triggered: z.boolean(),
  /** Percent of paidAmount in basis points (3000 = 30 %); null: the sources give no amount. */
  basisPoints: z.optional(z.nullable(z.number().check(z.int(), z.positive(), z.maximum(100000)))),
  minFen: z.optional(z.nullable(count())),
  maxFen: z.optional(z.nullable(positiveInt())),
  /** Same buyer (and shop): total paid within `capWindowHours` may not exceed this. */
  capPerBuyerFen: z.optional(z.nullable(positiveInt())),
  capWindowHours: z.optional(positiveInt()),
  /** Counterfeit rules: 假一赔十 = 10. Informational: the base is not stated in the sources. */
  multiple: z.optional(positiveInt()),
  /** How the buyer receives it (天猫积分, 红包 …). */
  form: z.optional(TextSchema),
  /**
   * The seeds make the compensation depend on a fact the panel cannot show (counterfeit
   * established, the trade supports 假一赔三, goods really not delivered): the verdict is
   * `unconfirmed` and says "if confirmed: …" with this text (what must be established).
   */
  claim: z.optional(TextSchema),
  /** Facts without which the verdict cannot be checked: one absent or unreadable → `unconfirmed` + a warning. */
  needs: z.optional(z.array(FactKeySchema).check(z.minLength(1))),
  /** What the percentage is of: `paid` (实付, default) or `item-price` (实付 − 运费; flagged when the fee was not read). */
  base: z.optional(z.enum(['paid', 'item-price'])),
});
/** The cap window when a rule gives a per-buyer cap but no `capWindowHours`. */
export const DEFAULT_CAP_WINDOW_HOURS = 24;

/**
 * What contradicts a triggering reason. `before-deadline`: a time fact (the first of `facts`
 * that holds a time) lies before the due time of `deadlineId` (the variant that applies to the
 * case, counted from its start fact), or at it with `orAt`. `shipped`: a shipping time was
 * read, or the trade status is one of `tradeStatus`.
 */
export const ContestTestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('before-deadline'), facts: z.array(FactKeySchema).check(z.minLength(1)), deadlineId: RuleIdSchema, orAt: z.boolean() }),
  z.object({ kind: z.literal('shipped'), tradeStatus: z.array(z.enum(TRADE_STATUSES)).check(z.minLength(1)) }),
]);
export type ContestTest = z.infer<typeof ContestTestSchema>;

/**
 * The facts contradict the reason the buyer chose: the compensation stays triggered but is
 * `contestable` (ask the buyer, politely, to correct the reason). The first contest rule of
 * the case's category whose `when` and `test` hold decides. `text` says what contradicts the
 * reason, with `{time}` (the fact's time), `{due}` (the deadline's due time) and `{shipped}`
 * (the shipping time, or the trade status when none was read).
 */
export const ContestRuleSchema = z.object({
  ...common,
  type: z.literal('contest'),
  categories: z.array(CategorySchema).check(z.minLength(1)),
  test: ContestTestSchema,
  text: TextSchema,
});

export const PenaltyRuleSchema = z.object({
  ...common,
  type: z.literal('penalty'),
  categories: z.array(CategorySchema).check(z.minLength(1)),
  points: count(),
  severity: z.enum(['general', 'serious']),
  /** When the points apply, shown to the agent. */
  trigger: TextSchema,
});

const RemedyKey = z.enum(['exchangeUpliftPercent', 'couponMaxPercentOfOrder', 'smallCashMinPercent', 'smallCashMaxPercent', 'priceDifferenceWaiveYuan']);
export const RemedyLimitSchema = z.discriminatedUnion('kind', [
  /** Exchange for another item up to paid × (100 + percent) %. */
  z.object({ kind: z.literal('exchange-uplift'), percent: z.number().check(z.int(), z.minimum(0)), setting: z.optional(RemedyKey) }),
  /** Up to paid × percent %. */
  z.object({ kind: z.literal('percent-of-paid'), percent: z.number().check(z.int(), z.minimum(0)), setting: z.optional(RemedyKey) }),
  /** Between paid × min % and paid × max %. */
  z.object({ kind: z.literal('range-of-paid'), minPercent: z.number().check(z.int(), z.minimum(0)), maxPercent: z.number().check(z.int(), z.minimum(0)), minSetting: z.optional(RemedyKey), maxSetting: z.optional(RemedyKey) }),
  /** Below the compensation the platform would pay. */
  z.object({ kind: z.literal('below-compensation') }),
  /** A fixed amount in yuan. */
  z.object({ kind: z.literal('fixed-yuan'), yuan: z.number().check(z.nonnegative()), setting: z.optional(RemedyKey) }),
]);
export type RemedyLimit = z.infer<typeof RemedyLimitSchema>;

export const ActionRuleSchema = z.object({
  ...common,
  type: z.literal('action'),
  /** Lower first. */
  order: int(),
  text: TextSchema,
  /** Remedy-ladder rungs: a shop-policy limit computed from the paid amount (editable in settings). */
  limit: z.optional(RemedyLimitSchema),
  /** A rung of the shop's remedy ladder: listed after the (at most three) first steps. */
  ladder: z.optional(z.boolean()),
});

export const ReplyRuleSchema = z.object({
  ...common,
  type: z.literal('reply'),
  order: int(),
  title: TextSchema,
  /**
   * Chinese text for the buyer with `{placeholder}`s: shopName, signature, orderId, refundId,
   * reason, paidAmount, refundAmount, compensationAmount. Polite; never pressure or deceive.
   */
  template: z.string().check(z.minLength(1), z.maxLength(2000)),
});
// (defined with the facts vocabulary, zod-free: the side panel's memo line renders templates too)
export { REPLY_PLACEHOLDERS, type ReplyPlaceholder } from './vocabulary';

export const NoteRuleSchema = z.object({
  ...common,
  type: z.literal('note'),
  text: TextSchema,
});

export const RecidivismRuleSchema = z.object({
  ...common,
  type: z.literal('recidivism'),
  categories: z.array(CategorySchema).check(z.minLength(1)),
  /** Orders paid from this instant count; blocks of `blockDays` start at its Beijing date. */
  anchor: BeijingIsoSchema,
  blockDays: positiveInt(),
  /** The current case would be the n-th settlement in the block → warning. */
  threshold: z.number().check(z.int(), z.minimum(2)),
  /** The count restarts on 1 January (yearly point reset). */
  resetOnNewYear: z.boolean(),
  /** The ledger `reason` that counts (only the 同意赔付 button: kind proactive-settlement). */
  ledgerReason: text(),
});

/**
 * What refusing leads to on this platform, for the cases its `when` picks: one line beside
 * the verdict, so the cost of a refusal is visible before the click. The first refusal rule
 * (pack order) that applies to the case is its line; `alsoCites` are further passages the
 * line rests on (the first is `citation`).
 */
export const RefusalRuleSchema = z.object({
  ...common,
  type: z.literal('refusal'),
  text: TextSchema,
  alsoCites: z.optional(z.array(CitationSchema).check(z.maxLength(5))),
});

/** One thing to upload (or keep ready) as evidence, for the reasons and kinds its `when` picks. Lower `order` first. */
export const EvidenceRuleSchema = z.object({
  ...common,
  type: z.literal('evidence'),
  order: int(),
  item: TextSchema,
});

/**
 * When a case's evidence must be ready: the case may go to intervention, or a complaint is
 * in its evidence period (the rule's `when`). `deadlineIds`: the deadlines it must be ready
 * by, the first of them the case lists wins; none listed (or none given): the sources give
 * no time, and the text says so. The first evidence-period rule that applies decides; with
 * none, the case shows no checklist.
 */
export const EvidencePeriodRuleSchema = z.object({
  ...common,
  type: z.literal('evidence-period'),
  deadlineIds: z.array(RuleIdSchema).check(z.maxLength(10)),
  text: TextSchema,
});

const DateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'));
export const CalendarRuleSchema = z.object({
  ...common,
  type: z.literal('calendar'),
  /** Public holidays (days off) and 调休 make-up working days, Beijing dates. */
  holidays: z.array(DateSchema),
  workdays: z.array(DateSchema),
});

export const RuleSchema = z.discriminatedUnion('type', [
  TimerRuleSchema,
  ReasonRuleSchema,
  CompensationRuleSchema,
  PenaltyRuleSchema,
  ActionRuleSchema,
  ReplyRuleSchema,
  NoteRuleSchema,
  RecidivismRuleSchema,
  CalendarRuleSchema,
  ContestRuleSchema,
  RefusalRuleSchema,
  EvidenceRuleSchema,
  EvidencePeriodRuleSchema,
]);
export type Rule = z.infer<typeof RuleSchema>;
export type TimerRule = z.infer<typeof TimerRuleSchema>;
export type ReasonRule = z.infer<typeof ReasonRuleSchema>;
export type CompensationRule = z.infer<typeof CompensationRuleSchema>;
export type PenaltyRule = z.infer<typeof PenaltyRuleSchema>;
export type ActionRule = z.infer<typeof ActionRuleSchema>;
export type ReplyRule = z.infer<typeof ReplyRuleSchema>;
export type NoteRule = z.infer<typeof NoteRuleSchema>;
export type RecidivismRule = z.infer<typeof RecidivismRuleSchema>;
export type CalendarRule = z.infer<typeof CalendarRuleSchema>;
export type ContestRule = z.infer<typeof ContestRuleSchema>;
export type RefusalRule = z.infer<typeof RefusalRuleSchema>;
export type EvidenceRule = z.infer<typeof EvidenceRuleSchema>;
export type EvidencePeriodRule = z.infer<typeof EvidencePeriodRuleSchema>;

export const ProfileSchema = z.object({
  id: RuleIdSchema,
  platform: PlatformSchema,
  /** e.g. `2019+`, `2014–2018`. */
  era: text(),
  label: TextSchema,
  /** The profile used for its platform unless the agent picks another. One per platform. */
  default: z.optional(z.boolean()),
});
export type Profile = z.infer<typeof ProfileSchema>;

const DeadlineRefSchema = RuleIdSchema;

/**
 * The reason vocabulary: how a page text is made comparable before it is looked up among
 * the reason rules' names. `fold` maps single characters (traditional → simplified, variant
 * forms) after NFKC (which already folds full-width forms); `negations` are markers that
 * turn a name into its opposite (非质量问题, 不支持七天无理由): a text that is not exactly a
 * name and holds a negation outside the name it contains is unknown — never mapped to the
 * category it negates, never to the nearest trap.
 */
export const ReasonVocabularySchema = z.object({
  fold: z.record(z.string().check(z.length(1)), z.string().check(z.length(1))),
  negations: z.array(z.string().check(z.minLength(1), z.maxLength(10))).check(z.maxLength(100)),
});
export type ReasonVocabulary = z.infer<typeof ReasonVocabularySchema>;

/**
 * Which deadline a page countdown counts in a given refund state: the first entry whose
 * `refundStatus` strings one is contained in the panel's 退款状态 (and whose `kinds` hold)
 * names the deadline; otherwise `countdownTargets[kind]`.
 */
export const CountdownStateSchema = z.object({
  kinds: z.optional(z.array(z.enum(CASE_KINDS)).check(z.minLength(1))),
  refundStatus: z.array(text()).check(z.minLength(1)),
  deadlineId: RuleIdSchema,
});
export const DEFAULT_COUNTDOWN_TOLERANCE_MINUTES = 60;

const RulePackBase = z.object({
    schemaVersion: z.string().check(z.regex(/^\d+\.\d+$/, 'MAJOR.MINOR, e.g. 1.0')),
    id: z.string().check(z.minLength(1), z.maxLength(80)),
    version: z.string().check(z.minLength(1), z.maxLength(40)),
    title: TextSchema,
    defaultPlatform: PlatformSchema,
    /**
     * Which deadline the page's own countdown (facts.platformCountdown) is counting, per case
     * kind. Default pack: a refund or after-sale waiting for the seller → `seller-response`
     * (S0 "如果2天23时7分51秒内商家未处理"); a complaint → `complaint-seller-handle`.
     */
    countdownTargets: z.object({ refund: DeadlineRefSchema, aftersale: DeadlineRefSchema, complaint: DeadlineRefSchema }),
    /** State-aware countdowns (see CountdownStateSchema); absent: the kind's target always. */
    countdownStates: z.optional(z.array(CountdownStateSchema).check(z.maxLength(50))),
    /** How reason texts are folded and which negations make a text unknown; absent: NFKC only, no negations. */
    reasonVocabulary: z.optional(ReasonVocabularySchema),
    /**
     * How far (minutes) the page's countdown may be from the pack's own value for that
     * deadline before the guidance warns that the pack may be outdated (`pack-outdated`).
     * Absent: DEFAULT_COUNTDOWN_TOLERANCE_MINUTES.
     */
    countdownToleranceMinutes: z.optional(count()),
    profiles: z.array(ProfileSchema).check(z.minLength(1)),
    rules: z.array(RuleSchema).check(z.minLength(1), z.maxLength(RULE_PACK_LIMITS.maxRules)),
  });
export const RulePackSchema = RulePackBase.check(
    z.superRefine((pack, ctx) => {
      const profileIds = new Set<string>();
      pack.profiles.forEach((p, i) => {
        if (profileIds.has(p.id)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'id'], message: `duplicate profile id ${p.id}` });
        profileIds.add(p.id);
      });
      for (const platform of PLATFORMS) {
        const defaults = pack.profiles.filter((p) => p.platform === platform && p.default);
        if (pack.profiles.some((p) => p.platform === platform) && defaults.length !== 1) {
          ctx.addIssue({ code: 'custom', path: ['profiles'], message: `platform ${platform} needs exactly one default profile` });
        }
      }
      const ids = new Set<string>();
      const deadlines = new Set<string>();
      const names = new Map<string, string>();
      pack.rules.forEach((r, i) => {
        if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${r.id}` });
        ids.add(r.id);
        r.profiles?.forEach((p, j) => {
          if (!profileIds.has(p)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'profiles', j], message: `unknown profile ${p}` });
        });
        if (r.type === 'reason') {
          for (const name of r.names) {
            const key = name.normalize('NFKC').replace(/\s+/g, '');
            for (const p of r.platforms) {
              const seen = names.get(`${p}:${key}`);
              if (seen !== undefined) ctx.addIssue({ code: 'custom', path: ['rules', i, 'names'], message: `reason name ${name} already used by rule ${seen} on ${p}` });
              names.set(`${p}:${key}`, r.id);
            }
          }
        }
        if (r.type === 'timer') {
          if ('after' in r.start && !deadlines.has(r.start.after)) {
            ctx.addIssue({ code: 'custom', path: ['rules', i, 'start', 'after'], message: `deadline ${r.start.after} must be defined by an earlier timer rule` });
          }
          deadlines.add(r.deadlineId);
        }
      });
      workLimits(pack, ctx);
      pack.rules.forEach((r, i) => {
        if (r.type === 'contest' && r.test.kind === 'before-deadline' && !deadlines.has(r.test.deadlineId)) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'test', 'deadlineId'], message: `no timer rule defines deadline ${r.test.deadlineId}` });
        }
      });
      pack.countdownStates?.forEach((st, i) => {
        if (!deadlines.has(st.deadlineId)) ctx.addIssue({ code: 'custom', path: ['countdownStates', i, 'deadlineId'], message: `no timer rule defines deadline ${st.deadlineId}` });
      });
      pack.rules.forEach((r, i) => {
        const fa = r.when?.factAfter;
        if (fa && !deadlines.has(fa.deadlineId)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', 'factAfter', 'deadlineId'], message: `no timer rule defines deadline ${fa.deadlineId}` });
      });
      for (const kind of CASE_KINDS) {
        const id = pack.countdownTargets[kind];
        if (!deadlines.has(id)) {
          ctx.addIssue({ code: 'custom', path: ['countdownTargets', kind], message: `no timer rule defines deadline ${id}: the page's countdown would be dropped` });
        }
      }
    }),
  );
export type RulePack = z.infer<typeof RulePackSchema>;

/** What a pack author writes (defaults not yet applied). */
export type RulePackInput = z.input<typeof RulePackSchema>;
