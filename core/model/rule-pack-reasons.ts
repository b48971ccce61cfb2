import { z } from './zod';
import { RULE_PACK_LIMITS } from './rule-pack-limits';
import { CategorySchema, ruleCommon } from './rule-pack-when';

/** How the page's reason texts (退款原因 / 投诉类型) become a reason category. */

export const ReasonRuleSchema = z.object({
  ...ruleCommon,
  type: z.literal('reason'),
  category: CategorySchema,
  /** Page texts (退款原因 / 投诉类型) that mean this reason: canonical first, then synonyms. */
  names: z
    .array(z.string().check(z.minLength(1), z.maxLength(60)))
    .check(z.minLength(1), z.maxLength(RULE_PACK_LIMITS.maxNames)),
});

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
