import { intIn, z } from '../../core/model/zod';
import { BeijingIsoSchema, FactsSchema, PanelReadSchema, type PanelRead } from '../../core/model/facts';
import type { Guidance } from '../../core/model/guidance';
import { LedgerEntrySchema } from '../../core/model/ledger';
import { SettingsPatchSchema } from '../../core/model/settings';

/**
 * Payload schemas for every message of the ProtocolMap (messaging.ts). The background
 * validates each incoming payload with these before doing anything; a failure is answered
 * with an Error whose message names the zod path.
 *
 * No WXT / browser imports here: the content script, the side panel and the tests import it.
 */

export { LIMITS, caseKey } from './case-key';
import { LIMITS } from './case-key';

const NoPayload = z.union([z.undefined(), z.null()]);

export type { CaseSummary } from './case-summary';

export type CaseView = { key: string; tabId: number; url: string; read: PanelRead; guidance: Guidance; seenAt: string };

/**
 * A page that could not be read as a whole: the adapters tried and the fields missing.
 * `waiting`: cases found but held back (fields `['platform']`: the page does not say 天猫 or
 * 淘宝 and the agent has not answered for this shop).
 */
export interface PageUnreadable {
  tried: string[];
  fields: string[];
  waiting?: number;
}

/** One tab's cases (getTabCases / getTabSummaries), with the page-level problem if any. */
export interface TabCases<C> {
  tabId: number | null;
  url: string | null;
  cases: C[];
  unreadable?: PageUnreadable;
}

export interface PackInfo {
  id: string;
  version: string;
  /** ISO +08:00: when it became active (for the built-in pack: when it was first recorded). */
  importedAt: string;
  ruleCount: number;
  /** Where it came from: the built-in default, a file import, or the team pack URL. */
  source: 'default' | 'file' | 'url';
  sourceUrl?: string;
}

/** The team pack URL's last check (options page). */
export interface TeamPackStatus {
  url: string;
  checkedAt: string | null;
  result: 'none' | 'updated' | 'not-modified' | 'error' | 'no-permission';
  error?: string;
  etag?: string;
}

/** A string of at most `max` characters (`min`: at least that many). */
const bounded = (max: number, min = 0) => z.string().check(...(min > 0 ? [z.minLength(min)] : []), z.maxLength(max));
const digits = z.optional(z.string().check(z.regex(/^\d+$/), z.maxLength(LIMITS.textChars)));
const freeText = z.optional(bounded(LIMITS.textChars, 1));
const at = z.optional(BeijingIsoSchema.check(z.maxLength(LIMITS.textChars)));

/** The model's facts with every string bounded at the door (the content script sends none longer). */
const ReportFactsSchema = z.extend(FactsSchema, {
  refundId: digits,
  orderId: digits,
  buyer: freeText,
  reason: freeText,
  complaintType: freeText,
  refundStatus: freeText,
  activity: freeText,
  platformCountdown: freeText,
  paidAt: at,
  shippedAt: at,
  refundRequestedAt: at,
  complaintFiledAt: at,
  tradeClosedAt: at,
  tradeSucceededAt: at,
});
const ReportReadSchema = z.extend(PanelReadSchema, { adapter: bounded(LIMITS.nameChars, 1), facts: ReportFactsSchema });

export const ReportPagePayload = z.object({
  /** Only the seller back-office sends reports: https on *.tmall.com / *.taobao.com. */
  url: z.url({ protocol: /^https$/, hostname: /(^|\.)(tmall|taobao)\.com$/ }).check(z.maxLength(LIMITS.urlChars)),
  cases: z.array(ReportReadSchema).check(z.maxLength(LIMITS.casesPerReport)),
  /** Later chunks of a page with more than LIMITS.casesPerReport cases: add to the tab's cases (same url) instead of replacing them. */
  append: z.optional(z.boolean()),
  /** `badges`: answer with BadgeViews (what a badge shows), not whole CaseViews (the content script). */
  answer: z.optional(z.literal('badges')),
  /** With `append` (a row-by-row update of a list page): case keys no longer on the page. */
  remove: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars))).check(z.maxLength(LIMITS.casesPerReport))),
  unreadable: z.optional(
    z.object({
      tried: z.array(bounded(LIMITS.nameChars)).check(z.maxLength(50)),
      fields: z.array(bounded(LIMITS.nameChars)).check(z.maxLength(100)),
      waiting: z.optional(z.number().check(z.int(), z.nonnegative(), z.maximum(100_000))),
    }),
  ),
});
export const GetTabCasesPayload = z.union([z.object({ tabId: z.optional(z.number().check(z.int(), z.nonnegative())) }), NoPayload]);
export const FocusCasePayload = z.object({ key: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars)) });
/** `tabId`: prefer that tab's copy of the case (a case open in two tabs); else the first tab that has it. */
export const GetCasePayload = z.object({ key: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars)), tabId: z.optional(z.number().check(z.int(), z.nonnegative())) });
/** The settings patch with the team pack URL bounded (the model's patch leaves it to the full settings' check). */
export const SaveSettingsPayload = z.extend(SettingsPatchSchema, {
  teamPack: z.optional(z.partial(z.object({ url: bounded(LIMITS.urlChars), refreshHours: intIn(1, 168) }))),
});
export const ImportPackPayload = z.object({ json: z.string().check(z.maxLength(LIMITS.packJsonChars, 'pack file too large (max 5 MB)')) });
export const ConfirmLedgerPayload = z.extend(LedgerEntrySchema, {
  buyer: bounded(LIMITS.textChars, 1),
  at: BeijingIsoSchema.check(z.maxLength(LIMITS.textChars)),
  orderPaidAt: at,
  orderId: z.optional(bounded(LIMITS.textChars)),
  reason: z.optional(bounded(LIMITS.textChars)),
});
export const CasesChangedPayload = z.object({ tabId: z.number().check(z.int()) });

/** The schema for each message's payload, by message type. */
export const PAYLOAD_SCHEMAS = {
  reportPage: ReportPagePayload,
  getTabCases: GetTabCasesPayload,
  getQueue: NoPayload,
  getTabSummaries: GetTabCasesPayload,
  getQueueSummaries: NoPayload,
  getCase: GetCasePayload,
  focusCase: FocusCasePayload,
  getFocusedCase: NoPayload,
  getSettings: NoPayload,
  saveSettings: SaveSettingsPayload,
  getPackInfo: NoPayload,
  importPack: ImportPackPayload,
  exportPack: NoPayload,
  resetPack: NoPayload,
  confirmLedger: ConfirmLedgerPayload,
  refreshTeamPack: NoPayload,
  casesChanged: CasesChangedPayload,
  settingsChanged: NoPayload,
} as const;


/** `a.b[2].c: message; …` — a zod error as one line an agent (or developer) can read. */
export function formatZodError(error: Pick<z.core.$ZodError, 'issues'>): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${formatPath(i.path)}: ${i.message}`)
    .join('; ');
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}
