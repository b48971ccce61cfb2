import { count, positiveInt, text, z } from './zod';
import { CASE_KINDS, FactKeySchema } from './facts';
import { TextSchema } from './guidance';
import { RuleIdSchema, ruleCommon, WhenSchema } from './rule-pack-when';

/** Rules about time: the deadlines (timers), the holiday calendar, and which deadline a page countdown counts. */

const LengthSchema = z
  .object({
    days: z.optional(count()),
    hours: z.optional(count()),
    minutes: z.optional(count()),
    /** Working days (weekends + the pack's holiday calendar skipped). Not mixed with the others. */
    workingDays: z.optional(positiveInt()),
  })
  .check(
    z.refine(
      (l) => l.workingDays === undefined || (l.days ?? l.hours ?? l.minutes) === undefined,
      'workingDays cannot be mixed with days/hours/minutes',
    ),
    z.refine(
      (l) => (l.days ?? l.hours ?? l.minutes ?? l.workingDays) !== undefined,
      'a length needs days, hours, minutes or workingDays',
    ),
  );
export type TimerLength = z.infer<typeof LengthSchema>;

const ActorSchema = z.enum(['seller', 'buyer', 'platform']);

export const TimerRuleSchema = z.object({
  ...ruleCommon,
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

const DateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'));
export const CalendarRuleSchema = z.object({
  ...ruleCommon,
  type: z.literal('calendar'),
  /** Public holidays (days off) and 调休 make-up working days, Beijing dates. */
  holidays: z.array(DateSchema),
  workdays: z.array(DateSchema),
});

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
