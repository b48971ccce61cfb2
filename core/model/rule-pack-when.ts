import { text, z } from './zod';
import { CASE_KINDS, FactKeySchema, LOGISTICS, PLATFORMS, REFUND_TYPES, TRADE_STATUSES } from './facts';
import { CitationSchema, TextSchema } from './guidance';

/**
 * What every rule of the pack shares (rule-pack.ts puts the rules together): its id, the
 * platforms and profiles it is for, its citation, and `when` it applies.
 */
export const RuleIdSchema = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9][a-z0-9-]{1,79}$/,
      'a rule id: lowercase letters, digits and dashes, e.g. comp-tmall-2019',
    ),
  );

export const PlatformSchema = z.enum(PLATFORMS);

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
export const CategorySchema = z.enum(REASON_CATEGORIES);

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

/** The fields every rule has, spread into each rule type's object. */
export const ruleCommon = {
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
