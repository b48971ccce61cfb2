import { z } from '../../core/model/zod';
import { PanelReadSchema, type PanelRead } from '../../core/model/facts';
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

export const ReportPagePayload = z.object({
  /** Only the seller back-office sends reports: https on *.tmall.com / *.taobao.com. */
  url: z.url({ protocol: /^https$/, hostname: /(^|\.)(tmall|taobao)\.com$/ }).check(z.maxLength(LIMITS.urlChars)),
  cases: z.array(PanelReadSchema).check(z.maxLength(LIMITS.casesPerReport)),
  /** Later chunks of a page with more than LIMITS.casesPerReport cases: add to the tab's cases (same url) instead of replacing them. */
  append: z.optional(z.boolean()),
  /** `badges`: answer with BadgeViews (what a badge shows), not whole CaseViews (the content script). */
  answer: z.optional(z.literal('badges')),
  /** With `append` (a row-by-row update of a list page): case keys no longer on the page. */
  remove: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars))).check(z.maxLength(LIMITS.casesPerReport))),
  unreadable: z.optional(
    z.object({
      tried: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(50)),
      fields: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(100)),
    }),
  ),
});
export const GetTabCasesPayload = z.union([z.object({ tabId: z.optional(z.number().check(z.int(), z.nonnegative())) }), NoPayload]);
export const FocusCasePayload = z.object({ key: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars)) });
/** `tabId`: prefer that tab's copy of the case (a case open in two tabs); else the first tab that has it. */
export const GetCasePayload = z.object({ key: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars)), tabId: z.optional(z.number().check(z.int(), z.nonnegative())) });
export const SaveSettingsPayload = SettingsPatchSchema;
export const ImportPackPayload = z.object({ json: z.string().check(z.maxLength(LIMITS.packJsonChars, 'pack file too large (max 5 MB)')) });
export const ConfirmLedgerPayload = LedgerEntrySchema;
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
