import { count, text, z } from './zod';
import { TextSchema } from './guidance';
import { RULE_PACK_LIMITS } from './rule-pack-limits';
import { PlatformSchema, RuleIdSchema } from './rule-pack-when';
import { CalendarRuleSchema, CountdownStateSchema, TimerRuleSchema } from './rule-pack-deadlines';
import { ReasonRuleSchema, ReasonVocabularySchema } from './rule-pack-reasons';
import {
  CompensationRuleSchema,
  ContestRuleSchema,
  PenaltyRuleSchema,
  RecidivismRuleSchema,
  RefusalRuleSchema,
} from './rule-pack-verdicts';
import {
  ActionRuleSchema,
  EvidencePeriodRuleSchema,
  EvidenceRuleSchema,
  NoteRuleSchema,
  ReplyRuleSchema,
} from './rule-pack-advice';
import { checkRulePack } from './rule-pack-checks';

/**
 * The rule pack: every platform rule, shop-policy default and reply template the engine
 * uses, as plain data with a citation each (seed file + passage). The default pack lives in
 * core/rules/; agents may import their own (options page) — it is validated by this schema.
 * The rule types are defined by concept beside this file (rule-pack-when, -deadlines,
 * -reasons, -verdicts, -advice; the cross-rule checks in rule-pack-checks) and all
 * re-exported from here, the pack's one public module.
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
export {
  RuleIdSchema,
  REASON_CATEGORIES,
  type ReasonCategory,
  WhenSchema,
  type When,
} from './rule-pack-when';
export {
  TimerRuleSchema,
  type TimerLength,
  CalendarRuleSchema,
  CountdownStateSchema,
  DEFAULT_COUNTDOWN_TOLERANCE_MINUTES,
} from './rule-pack-deadlines';
export { ReasonRuleSchema, ReasonVocabularySchema, type ReasonVocabulary } from './rule-pack-reasons';
export {
  CompensationRuleSchema,
  DEFAULT_CAP_WINDOW_HOURS,
  ContestTestSchema,
  type ContestTest,
  ContestRuleSchema,
  PenaltyRuleSchema,
  RecidivismRuleSchema,
  RefusalRuleSchema,
} from './rule-pack-verdicts';
export {
  RemedyLimitSchema,
  type RemedyLimit,
  ActionRuleSchema,
  ReplyRuleSchema,
  NoteRuleSchema,
  EvidenceRuleSchema,
  EvidencePeriodRuleSchema,
} from './rule-pack-advice';
// (defined with the facts vocabulary, zod-free: the side panel's memo line renders templates too)
export { REPLY_PLACEHOLDERS, type ReplyPlaceholder } from './vocabulary';

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
  countdownTargets: z.object({
    refund: DeadlineRefSchema,
    aftersale: DeadlineRefSchema,
    complaint: DeadlineRefSchema,
  }),
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
export const RulePackSchema = RulePackBase.check(z.superRefine(checkRulePack));
export type RulePack = z.infer<typeof RulePackSchema>;

/** What a pack author writes (defaults not yet applied). */
export type RulePackInput = z.input<typeof RulePackSchema>;
