import { count, text, z } from './zod';
import { BeijingIsoSchema, CASE_KINDS, FactKeySchema, PLATFORMS } from './facts';

/** Every human text the product shows exists in Chinese first, English second. */
export const TextSchema = z.object({ zh: text(), en: text() });
export type Text = z.infer<typeof TextSchema>;

/** Where a rule comes from: a seed document and the passage (heading or first words). */
export const CitationSchema = z.object({
  source: z
    .string()
    .check(z.regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'a seed file name, e.g. 000_115cf04e18a9d6e4.txt')),
  passage: z.string().check(z.minLength(2)),
  /** `platform` rules, `shop-policy` (low authority templates), or `inferred`. */
  authority: z._default(z.enum(['platform', 'shop-policy', 'inferred']), 'platform'),
});
export type Citation = z.infer<typeof CitationSchema>;

export const DEADLINE_IDS = [
  'intervention-open',
  'seller-response',
  'ship-promise',
  'late-ship-reason-available',
  'complaint-seller-handle',
  'complaint-buyer-confirm',
  'complaint-evidence',
  'breach-complaint-window',
  'breach-complaint-unpaid',
  'complaint-after-success',
  'after-sale-window',
  'auto-confirm-receipt',
  'review-window',
] as const;

const DeadlineSchema = z.object({
  /** Stable id, one of DEADLINE_IDS (packs may add others). */
  id: text(),
  label: TextSchema,
  dueAt: BeijingIsoSchema,
  /** Who must act before dueAt. */
  actor: z.enum(['seller', 'buyer', 'platform']),
  /** What happens when dueAt passes. */
  consequence: TextSchema,
  ruleId: text(),
  /** `platform` when the page's own countdown gave dueAt; `computed` otherwise. */
  source: z.enum(['platform', 'computed']),
  /** dueAt <= now: stays listed, shown as breached (negative time). */
  breached: z.boolean(),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

const CompensationSchema = z.object({
  /** The chosen reason makes the platform pay the buyer at the seller's cost. */
  triggered: z.boolean(),
  /** Yuan with two decimals, e.g. "150.00"; null when not triggered or not computable. */
  amount: z.nullable(z.string().check(z.regex(/^\d+\.\d{2}$/))),
  amountFen: z.nullable(count()),
  ruleId: z.nullable(z.string()),
  explanation: TextSchema,
  /** The facts contradict the reason: ask the buyer, politely, to correct it. */
  contestable: z.boolean(),
  /**
   * Optional: the compensation holds only once this is established (a claim, or a fact the
   * panel did not give): the verdict reads "if confirmed", and no action treats it as true.
   */
  confirm: z.optional(TextSchema),
});
export type Compensation = z.infer<typeof CompensationSchema>;

const PenaltySchema = z.object({
  ruleId: text(),
  points: count(),
  when: TextSchema,
});

const ActionSchema = z.object({
  id: text(),
  ruleId: text(),
  text: TextSchema,
  /** Optional: `first` (at most three, in order), then the shop's remedy `ladder`, then `more`. */
  group: z.optional(z.enum(['first', 'ladder', 'more'])),
});

const ReplySchema = z.object({
  id: text(),
  ruleId: text(),
  title: TextSchema,
  /** Rendered text (Chinese, for the buyer). A placeholder with no value stays as 【…】. */
  text: text(),
  /** Placeholder names that had no value (they are left visibly marked in `text`). */
  missing: z.array(z.string()),
  /**
   * Optional: `text` split into parts; a part with `placeholder` is the visible marker
   * (e.g. 【店铺名】) of a missing value — wrap it in <mark data-testid="missing">.
   */
  parts: z.optional(z.array(z.object({ text: z.string(), placeholder: z.optional(z.string()) }))),
});

const WARNING_CODES = [
  'unknown-reason',
  'unreadable-field',
  'missing-fact',
  'pack-outdated',
  'recidivism',
  'compensation-cap',
  /** The rule pack asked for more work on this case than allowed (core/engine/budget.ts): nothing was computed. */
  'pack-limit',
  /** The page's times are later than the computer's clock (core/engine/clock.ts): its clock is slow. */
  'clock-behind',
] as const;

const WarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  message: TextSchema,
  fields: z.optional(z.array(FactKeySchema)),
  ruleId: z.optional(z.string()),
});

const ExplanationSchema = z.object({
  /** What was decided: `compensation`, `deadline:seller-response`, `penalty:…`, `action:…`. */
  verdict: text(),
  ruleId: text(),
  reason: TextSchema,
  citation: CitationSchema,
  /** The facts the rule used, by key. */
  facts: z.record(z.string(), z.unknown()),
});

export const GuidanceSchema = z.object({
  kind: z.enum(CASE_KINDS),
  platform: z.enum(PLATFORMS),
  /** Rule pack id and version that decided. */
  pack: z.object({ id: z.string(), version: z.string() }),
  /** Optional: the pack profile (platform era variant) that decided, e.g. `tmall`, `tmall-legacy`. */
  profile: z.optional(z.string()),
  /** The `now` the guidance was computed for. */
  now: BeijingIsoSchema,
  deadlines: z.array(DeadlineSchema),
  compensation: CompensationSchema,
  penalties: z.array(PenaltySchema),
  actions: z.array(ActionSchema),
  replies: z.array(ReplySchema),
  warnings: z.array(WarningSchema),
  explanation: z.array(ExplanationSchema),
  /** Optional: every note of the pack that applies to the case (also in `explanation` as `note:<id>`), for the agent to read. */
  notes: z.optional(z.array(z.object({ ruleId: text(), text: TextSchema, citation: CitationSchema }))),
  /**
   * Optional: the case could not be evaluated under this pack within the work budget
   * (core/engine/budget.ts). Deadlines, compensation and replies are then empty and mean
   * nothing: show this text (the badge marks the case unreadable), never "no deadline".
   */
  unevaluated: z.optional(TextSchema),
  /** Optional: what refusing leads to on this platform (the pack's first refusal rule for the case), with its passages. */
  refusal: z.optional(z.object({ ruleId: text(), text: TextSchema, citations: z.array(CitationSchema) })),
  /**
   * Optional: the evidence to have ready (the case may go to intervention, or a complaint is in
   * its evidence period): the checklist for its reason, and the deadline it must be ready by
   * (`deadlineId` of one of `deadlines`; null: the sources give no time — `text` says so).
   */
  evidence: z.optional(
    z.object({
      ruleId: text(),
      text: TextSchema,
      citation: CitationSchema,
      deadlineId: z.nullable(text()),
      items: z.array(z.object({ ruleId: text(), text: TextSchema, citation: CitationSchema })),
    }),
  ),
});
export type Guidance = z.infer<typeof GuidanceSchema>;
export type Penalty = z.infer<typeof PenaltySchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Reply = z.infer<typeof ReplySchema>;
export type Warning = z.infer<typeof WarningSchema>;
export type Explanation = z.infer<typeof ExplanationSchema>;
