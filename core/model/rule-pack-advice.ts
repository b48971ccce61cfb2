import { int, z } from './zod';
import { TextSchema } from './guidance';
import { RuleIdSchema, ruleCommon } from './rule-pack-when';

/** What the agent is told to do and say: actions (with the remedy ladder), replies, notes, evidence. */

const RemedyKey = z.enum([
  'exchangeUpliftPercent',
  'couponMaxPercentOfOrder',
  'smallCashMinPercent',
  'smallCashMaxPercent',
  'priceDifferenceWaiveYuan',
]);
export const RemedyLimitSchema = z.discriminatedUnion('kind', [
  /** Exchange for another item up to paid × (100 + percent) %. */
  z.object({
    kind: z.literal('exchange-uplift'),
    percent: z.number().check(z.int(), z.minimum(0)),
    setting: z.optional(RemedyKey),
  }),
  /** Up to paid × percent %. */
  z.object({
    kind: z.literal('percent-of-paid'),
    percent: z.number().check(z.int(), z.minimum(0)),
    setting: z.optional(RemedyKey),
  }),
  /** Between paid × min % and paid × max %. */
  z.object({
    kind: z.literal('range-of-paid'),
    minPercent: z.number().check(z.int(), z.minimum(0)),
    maxPercent: z.number().check(z.int(), z.minimum(0)),
    minSetting: z.optional(RemedyKey),
    maxSetting: z.optional(RemedyKey),
  }),
  /** Below the compensation the platform would pay. */
  z.object({ kind: z.literal('below-compensation') }),
  /** A fixed amount in yuan. */
  z.object({
    kind: z.literal('fixed-yuan'),
    yuan: z.number().check(z.nonnegative()),
    setting: z.optional(RemedyKey),
  }),
]);
export type RemedyLimit = z.infer<typeof RemedyLimitSchema>;

export const ActionRuleSchema = z.object({
  ...ruleCommon,
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
  ...ruleCommon,
  type: z.literal('reply'),
  order: int(),
  title: TextSchema,
  /**
   * Chinese text for the buyer with `{placeholder}`s: shopName, signature, orderId, refundId,
   * reason, paidAmount, refundAmount, compensationAmount. Polite; never pressure or deceive.
   */
  template: z.string().check(z.minLength(1), z.maxLength(2000)),
});

export const NoteRuleSchema = z.object({
  ...ruleCommon,
  type: z.literal('note'),
  text: TextSchema,
});

/** One thing to upload (or keep ready) as evidence, for the reasons and kinds its `when` picks. Lower `order` first. */
export const EvidenceRuleSchema = z.object({
  ...ruleCommon,
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
  ...ruleCommon,
  type: z.literal('evidence-period'),
  deadlineIds: z.array(RuleIdSchema).check(z.maxLength(10)),
  text: TextSchema,
});
