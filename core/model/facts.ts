import { count, text, z } from './zod';
import {
  CASE_KINDS,
  CROSS_CHECKED,
  FACT_KEYS,
  LOGISTICS,
  PLATFORMS,
  REFUND_TYPES,
  TRADE_STATUSES,
} from './vocabulary';

export * from './vocabulary';

/**
 * The facts read from one refund / after-sale / complaint panel.
 * Keys are the contract of docs/panel-fields.md: scrapers, the rules core
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
  .check(
    z.regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/,
      'expected an ISO time with +08:00, e.g. 2026-11-20T10:00:00+08:00',
    ),
  );

/** Yuan, finite, non-negative, at most two decimals. */
export const YuanSchema = z.number().check(
  z.nonnegative(),
  z.refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most two decimals (fen)'),
);

export const FactKeySchema = z.enum(FACT_KEYS);

export const FactsSchema = z.object({
  refundId: z.optional(z.string().check(z.regex(/^\d+$/))),
  orderId: z.optional(z.string().check(z.regex(/^\d+$/))),
  /** Kept only as a key for the 24 h compensation cap; never displayed in full. */
  buyer: z.optional(text()),
  reason: z.optional(text()),
  complaintType: z.optional(text()),
  refundAmount: z.optional(YuanSchema),
  /** The compensation base. */
  paidAmount: z.optional(YuanSchema),
  /** 0 means seller-free-shipping (包邮). */
  shippingFee: z.optional(YuanSchema),
  paidAt: z.optional(BeijingIsoSchema),
  shippedAt: z.optional(BeijingIsoSchema),
  refundRequestedAt: z.optional(BeijingIsoSchema),
  complaintFiledAt: z.optional(BeijingIsoSchema),
  tradeClosedAt: z.optional(BeijingIsoSchema),
  tradeSucceededAt: z.optional(BeijingIsoSchema),
  tradeStatus: z.optional(z.enum(TRADE_STATUSES)),
  refundStatus: z.optional(text()),
  /** 仅退款 / 退货退款 / 换货 (`要求`). */
  refundType: z.optional(z.enum(REFUND_TYPES)),
  logistics: z.optional(z.enum(LOGISTICS)),
  activity: z.optional(text()),
  /** The platform's own countdown as shown, e.g. `剩余2天23时7分51秒`; authoritative. */
  platformCountdown: z.optional(text()),
  /** Keys whose label was on the page but whose value could not be read. */
  unreadable: z.optional(z.array(FactKeySchema)),
});
export type Facts = z.infer<typeof FactsSchema>;

/** What a page adapter reports for one panel or one list row. */
export const PanelReadSchema = z.object({
  kind: z.enum(CASE_KINDS),
  /** Which adapter read it, e.g. `refund-detail`, `refund-list`. */
  adapter: text(),
  platform: z.enum(PLATFORMS),
  facts: FactsSchema,
  /** Same as facts.unreadable, repeated at the top for display. */
  unreadable: z.array(FactKeySchema),
  /** 0-based position on the page (row index on list pages). */
  index: count(),
  /**
   * Optional: where the page's embedded data (old refund2 detail: `var disputeData`) says
   * otherwise than the page shows (core/pages/dispute-data.ts). The case is marked, never
   * resolved: `page` and `script` are both shown, neither is used as a fact.
   */
  secondSource: z.optional(
    z
      .array(z.object({ field: z.enum(CROSS_CHECKED), page: text(), script: text() }))
      .check(z.maxLength(CROSS_CHECKED.length)),
  ),
});
export type PanelRead = z.infer<typeof PanelReadSchema>;
