import { z } from 'zod';
import { CASE_KINDS, FACT_KEYS, LOGISTICS, PLATFORMS, TRADE_STATUSES } from './vocabulary';

export * from './vocabulary';

/**
 * The facts read from one refund / after-sale / complaint panel.
 * Keys are the contract of ../shared/domain/panel-fields.md: scrapers, the rules core
 * and the `guidance` command all use these names.
 *
 * Edges: times are ISO 8601 strings with a `+08:00` offset (Beijing time), money is
 * yuan as a number with at most 2 decimals. Inside the engine money is integer fen.
 * A field that is absent was not on the page; a field whose label was found but whose
 * value could not be read is listed in `unreadable` and left out — never guessed.
 */

/** `2026-11-20T10:00:00+08:00` — seconds required, offset must be +08:00. */
export const BeijingIsoSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/, 'expected an ISO time with +08:00, e.g. 2026-11-20T10:00:00+08:00');

/** Yuan, finite, non-negative, at most two decimals. */
export const YuanSchema = z
  .number()
  .finite()
  .nonnegative()
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most two decimals (fen)');

export const FactKeySchema = z.enum(FACT_KEYS);

export const FactsSchema = z.object({
  refundId: z.string().regex(/^\d+$/).optional(),
  orderId: z.string().regex(/^\d+$/).optional(),
  /** Kept only as a key for the 24 h compensation cap; never displayed in full. */
  buyer: z.string().min(1).optional(),
  reason: z.string().min(1).optional(),
  complaintType: z.string().min(1).optional(),
  refundAmount: YuanSchema.optional(),
  /** The compensation base. */
  paidAmount: YuanSchema.optional(),
  /** 0 means seller-free-shipping (包邮). */
  shippingFee: YuanSchema.optional(),
  paidAt: BeijingIsoSchema.optional(),
  shippedAt: BeijingIsoSchema.optional(),
  refundRequestedAt: BeijingIsoSchema.optional(),
  complaintFiledAt: BeijingIsoSchema.optional(),
  tradeClosedAt: BeijingIsoSchema.optional(),
  tradeSucceededAt: BeijingIsoSchema.optional(),
  tradeStatus: z.enum(TRADE_STATUSES).optional(),
  refundStatus: z.string().min(1).optional(),
  logistics: z.enum(LOGISTICS).optional(),
  activity: z.string().min(1).optional(),
  /** The platform's own countdown as shown, e.g. `剩余2天23时7分51秒`; authoritative. */
  platformCountdown: z.string().min(1).optional(),
  /** Keys whose label was on the page but whose value could not be read. */
  unreadable: z.array(FactKeySchema).optional(),
});
export type Facts = z.infer<typeof FactsSchema>;

/** What a page adapter reports for one panel or one list row. */
export const PanelReadSchema = z.object({
  kind: z.enum(CASE_KINDS),
  /** Which adapter read it, e.g. `refund-detail`, `refund-list`. */
  adapter: z.string().min(1),
  platform: z.enum(PLATFORMS),
  facts: FactsSchema,
  /** Same as facts.unreadable, repeated at the top for display. */
  unreadable: z.array(FactKeySchema),
  /** 0-based position on the page (row index on list pages). */
  index: z.number().int().nonnegative(),
});
export type PanelRead = z.infer<typeof PanelReadSchema>;
