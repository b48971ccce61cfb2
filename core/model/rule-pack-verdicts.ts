import { count, positiveInt, text, z } from './zod';
import { BeijingIsoSchema, FactKeySchema, TRADE_STATUSES } from './facts';
import { CitationSchema, TextSchema } from './guidance';
import { CategorySchema, RuleIdSchema, ruleCommon } from './rule-pack-when';

/**
 * What a case costs the shop: the compensation the platform pays, what contests it, the
 * penalty points, repeated settlements, and what refusing leads to.
 */

export const CompensationRuleSchema = z.object({
  ...ruleCommon,
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
  z.object({
    kind: z.literal('before-deadline'),
    facts: z.array(FactKeySchema).check(z.minLength(1)),
    deadlineId: RuleIdSchema,
    orAt: z.boolean(),
  }),
  z.object({
    kind: z.literal('shipped'),
    tradeStatus: z.array(z.enum(TRADE_STATUSES)).check(z.minLength(1)),
  }),
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
  ...ruleCommon,
  type: z.literal('contest'),
  categories: z.array(CategorySchema).check(z.minLength(1)),
  test: ContestTestSchema,
  text: TextSchema,
});

export const PenaltyRuleSchema = z.object({
  ...ruleCommon,
  type: z.literal('penalty'),
  categories: z.array(CategorySchema).check(z.minLength(1)),
  points: count(),
  severity: z.enum(['general', 'serious']),
  /** When the points apply, shown to the agent. */
  trigger: TextSchema,
});

export const RecidivismRuleSchema = z.object({
  ...ruleCommon,
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
  ...ruleCommon,
  type: z.literal('refusal'),
  text: TextSchema,
  alsoCites: z.optional(z.array(CitationSchema).check(z.maxLength(5))),
});
