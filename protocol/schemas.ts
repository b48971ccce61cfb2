import { formatZodError, intIn, z } from '../core/model/zod';
import {
  BeijingIsoSchema,
  CROSS_CHECKED,
  FactsSchema,
  PanelReadSchema,
  YuanSchema,
} from '../core/model/facts';
import { SettingsPatchSchema } from '../core/model/settings';
import { LIMITS } from './limits';
import type { PayloadOf, ProtocolMap, WorkerMessage } from './map';

/**
 * Payload schemas for every message of the ProtocolMap (map.ts). The worker validates each
 * incoming payload with these before doing anything (`validatePayload`); a failure is
 * answered with an Error whose message names the zod path.
 *
 * No WXT / browser imports here, but zod: the content script and the side panel import
 * map.ts and limits.ts, never this module.
 */

const NoPayload = z.union([z.undefined(), z.null()]);

/** A string of at most `max` characters (`min`: at least that many). */
const bounded = (max: number, min = 0) =>
  z.string().check(...(min > 0 ? [z.minLength(min)] : []), z.maxLength(max));
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
const ReportReadSchema = z.extend(PanelReadSchema, {
  adapter: bounded(LIMITS.nameChars, 1),
  facts: ReportFactsSchema,
  secondSource: z.optional(
    z
      .array(
        z.object({
          field: z.enum(CROSS_CHECKED),
          page: bounded(LIMITS.nameChars, 1),
          script: bounded(LIMITS.nameChars, 1),
        }),
      )
      .check(z.maxLength(CROSS_CHECKED.length)),
  ),
});

const ReportPagePayload = z.object({
  /** Only the seller back-office sends reports: https on *.tmall.com / *.taobao.com. */
  url: z
    .url({ protocol: /^https$/, hostname: /(^|\.)(tmall|taobao)\.com$/ })
    .check(z.maxLength(LIMITS.urlChars)),
  cases: z.array(ReportReadSchema).check(z.maxLength(LIMITS.casesPerReport)),
  /** Later chunks of a page with more than LIMITS.casesPerReport cases: add to the tab's cases (same url) instead of replacing them. */
  append: z.optional(z.boolean()),
  /** Every chunk of a chunked page but the last: evaluated and answered, committed with the last chunk (atomic). */
  staged: z.optional(z.boolean()),
  /** `badges`: answer with BadgeViews (what a badge shows), not whole CaseViews (the content script). */
  answer: z.optional(z.literal('badges')),
  /** With `append` (a row-by-row update of a list page): case keys no longer on the page. */
  remove: z.optional(
    z
      .array(z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars)))
      .check(z.maxLength(LIMITS.casesPerReport)),
  ),
  unreadable: z.optional(
    z.object({
      tried: z.array(bounded(LIMITS.nameChars)).check(z.maxLength(50)),
      fields: z.array(bounded(LIMITS.nameChars)).check(z.maxLength(100)),
      waiting: z.optional(z.number().check(z.int(), z.nonnegative(), z.maximum(100_000))),
    }),
  ),
});
const GetTabCasesPayload = z.union([
  z.object({ tabId: z.optional(z.number().check(z.int(), z.nonnegative())) }),
  NoPayload,
]);
const FocusCasePayload = z.object({ key: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars)) });
/** `tabId`: prefer that tab's copy of the case (a case open in two tabs); else the first tab that has it. */
const GetCasePayload = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars)),
  tabId: z.optional(z.number().check(z.int(), z.nonnegative())),
});
/** The settings patch with the team pack URL bounded (the model's patch leaves it to the full settings' check). */
const SaveSettingsPayload = z.extend(SettingsPatchSchema, {
  teamPack: z.optional(
    z.partial(z.object({ url: bounded(LIMITS.urlChars), refreshHours: intIn(1, 168), sha256: bounded(64) })),
  ),
});
const ImportPackPayload = z.object({
  json: z.string().check(z.maxLength(LIMITS.packJsonChars, 'pack file too large (max 5 MB)')),
});
/** The amount the agent confirmed for a 同意赔付: more than 0, at most two decimals, at most 1,000,000 yuan. */
const RecordSettlementPayload = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyChars)),
  tabId: z.optional(z.number().check(z.int(), z.nonnegative())),
  amount: YuanSchema.check(z.positive(), z.maximum(1_000_000)),
});
const DecidePackPayload = z.object({
  token: z.string().check(z.length(64), z.regex(/^[0-9a-f]{64}$/)),
  accept: z.boolean(),
});
const DeleteLedgerEntryPayload = z.object({ seq: z.number().check(z.int(), z.positive()) });
const GetLedgerPayload = z.union([
  z.object({ caseKey: z.optional(z.string().check(z.maxLength(LIMITS.keyChars))) }),
  NoPayload,
]);
const CasesChangedPayload = z.object({ tabId: z.number().check(z.int()) });
/** Worker → tab / offscreen document (validated by nobody's door: the worker is their only sender). */
const ShowCuePayload = z.object({
  key: z.optional(bounded(LIMITS.keyChars)),
  text: bounded(LIMITS.textChars),
});
const OffscreenCopyPayload = z.object({ text: bounded(LIMITS.textChars) });

/**
 * The schema of each message's payload. Checked against the ProtocolMap both ways: what a
 * schema lets through is what the map's handler expects (`satisfies`, below), and every
 * payload the map lets a sender pass is one the schema accepts (`_SendersPass`).
 */
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
  decidePack: DecidePackPayload,
  exportPack: NoPayload,
  resetPack: NoPayload,
  recordSettlement: RecordSettlementPayload,
  deleteLedgerEntry: DeleteLedgerEntryPayload,
  getLedger: GetLedgerPayload,
  refreshTeamPack: NoPayload,
  casesChanged: CasesChangedPayload,
  settingsChanged: NoPayload,
  showCue: ShowCuePayload,
  offscreenCopy: OffscreenCopyPayload,
} as const satisfies { readonly [K in keyof ProtocolMap]: z.core.$ZodType<PayloadOf<K> | null | undefined> };

type Schemas = typeof PAYLOAD_SCHEMAS;
/** A payload as validated: what a worker handler receives. */
export type Validated<K extends keyof ProtocolMap> = z.output<Schemas[K]>;

/** Every payload type of the map is accepted by its schema (a compile error names the message if not). */
type _SendersPass = { [K in keyof ProtocolMap]: [PayloadOf<K>] extends [z.input<Schemas[K]>] ? true : K };
const _sendersPass: { [K in keyof ProtocolMap]: true } = {} as _SendersPass;
void _sendersPass;

/** Payloads whose JSON may not exceed this many characters, checked before zod parses them. */
const MAX_PAYLOAD_JSON: Partial<Record<keyof ProtocolMap, { chars: number; message: string }>> = {
  reportPage: { chars: LIMITS.reportJsonChars, message: 'report too large' },
};

/** Validate a payload at the worker's door; throws `<type>: invalid payload — <zod path>: …`. */
export function validatePayload<K extends WorkerMessage>(type: K, data: unknown): Validated<K> {
  const max = MAX_PAYLOAD_JSON[type];
  if (
    max !== undefined &&
    typeof data === 'object' &&
    data !== null &&
    JSON.stringify(data).length > max.chars
  ) {
    throw new Error(`${type}: invalid payload — (root): ${max.message}`);
  }
  const result = PAYLOAD_SCHEMAS[type].safeParse(data);
  if (!result.success) throw new Error(`${type}: invalid payload — ${formatZodError(result.error)}`);
  return result.data as Validated<K>;
}
