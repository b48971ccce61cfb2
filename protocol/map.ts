import type { PanelRead } from '../core/model/facts';
import type { LedgerRecord } from '../core/store/schema';
import type { Settings, SettingsPatch } from '../core/model/settings';
import type {
  BadgeView,
  CaseSummary,
  CaseView,
  PackInfo,
  PackPreview,
  PageUnreadable,
  TabCases,
  TeamPackStatus,
} from './views';

export type {
  BadgeView,
  CaseSummary,
  CaseView,
  PackInfo,
  PackPreview,
  PageUnreadable,
  TabCases,
  TeamPackStatus,
} from './views';
export type { Settings, SettingsPatch } from '../core/model/settings';

/**
 * Types only: importing this module costs a bundle nothing. The protocol's modules:
 *   map.ts            the messages and the views they carry (this file)
 *   messaging.ts      the typed sendMessage / onMessage binding
 *   schemas.ts        payload schemas (zod: the worker's door and tests only)
 *   sender-policy.ts  who may send what
 *   limits.ts         size caps, the case key, URL bounding (zod-free: the content script)
 *   views.ts          the answers' shapes: CaseView and its light CaseSummary / BadgeView
 *   permissions.ts    the host permission asked for a team pack URL
 */

/**
 * The one message protocol of the extension: every context (worker, content script, side
 * panel, options page) speaks it through protocol/messaging.ts. The worker validates every
 * payload with the schemas in ./schemas.ts (PAYLOAD_SCHEMAS, checked against this map) and
 * rejects invalid ones with an Error naming the zod path.
 *
 * `saveSettings` takes a partial update (nested objects merge) and answers the effective
 * settings (managed policy applied). `casesChanged` goes background → extension pages.
 *
 * CaseView.seenAt = the instant these exact facts were first read in the tab; the guidance
 * (due times from the page's countdown text) is anchored to it, so a re-report of an
 * unchanged page, a worker restart or a pack change never moves a due time. Compute
 * "breached" and countdowns live from `deadline.dueAt`, not from `deadline.breached`.
 */
export interface ProtocolMap {
  /**
   * Replaces the tab's cases; `append: true` (later chunks of a >300-case page, or a list
   * page's changed rows) adds to them, replacing those of the same key, and drops the keys
   * in `remove`. Answers this report's cases; `resync: true` (nothing applied) when an
   * `append` finds no cases of that page in the tab: the page must be reported whole.
   * `answer: 'badges'`: the cases come back as BadgeViews (the content script's badges).
   */
  reportPage(d: {
    url: string;
    cases: PanelRead[];
    unreadable?: PageUnreadable;
    append?: boolean;
    /** A chunk held until the page's last chunk (append without staged) commits the whole page. */
    staged?: boolean;
    remove?: string[];
    answer?: 'badges';
  }): { cases: Array<CaseView | BadgeView>; resync?: boolean };
  getTabCases(d: { tabId?: number }): TabCases<CaseView>;
  /** All open back-office tabs, most urgent first. */
  getQueue(): { cases: CaseView[] };
  /**
   * The side panel's light versions of getTabCases / getQueue (same cases, same order):
   * CaseSummary (ids, reason, most urgent due time, compensation triggered + amount) instead
   * of full CaseViews, so a refresh with a 1,000-row tab open stays small. The panel fetches
   * the case it shows expanded with `getCase`.
   */
  getTabSummaries(d: { tabId?: number }): TabCases<CaseSummary>;
  getQueueSummaries(): { cases: CaseSummary[] };
  /** One case's full view (null: no open tab has it any more). */
  getCase(d: { key: string; tabId?: number }): { case: CaseView | null };
  /** Badge click: the background remembers the case and opens the side panel on its tab. */
  focusCase(d: { key: string }): void;
  /** `seq` counts the focus requests: a new one (even for the same case) is scrolled to again. */
  getFocusedCase(): { key: string | null; seq?: number };
  getSettings(): Settings;
  saveSettings(d: SettingsPatch): Settings;
  /**
   * `team`: the team pack URL's last check (added for the options page); `pending`: a pack
   * from a file or the team URL waiting for the agent's confirmation.
   */
  getPackInfo(): {
    active: PackInfo;
    previous: PackInfo | null;
    team?: TeamPackStatus;
    pending?: PackPreview | null;
    readOnly?: { zh: string; en: string } | null;
  };
  /**
   * Stage a pack file: validated, tried within the work budget, and shown as a preview (what
   * changes, flagged replies, `warnings` for fields of a newer schema). Nothing becomes active
   * until `decidePack` accepts it.
   */
  importPack(d: { json: string }): { ok: true; preview: PackPreview } | { ok: false; error: string };
  /** The agent's answer to the pending pack's preview (`token`: the preview's): activate it, or drop it. */
  decidePack(d: {
    token: string;
    accept: boolean;
  }): { ok: true; info?: PackInfo; warnings?: string[]; discarded?: true } | { ok: false; error: string };
  exportPack(): { json: string };
  resetPack(): { info: PackInfo };
  /**
   * The agent's 同意赔付 on a complaint, from one click (and a confirm step) in the side panel:
   * a `proactive-settlement` entry built by the worker from the open case `key` (buyer, order,
   * payment time, complaint type) with the amount the agent confirmed. One per case: `seq`
   * null when the case already has one. Only extension pages may send it; platform payouts
   * are recorded by the worker itself, never from a message.
   */
  recordSettlement(d: { key: string; tabId?: number; amount: number }): { seq: number | null };
  /** Undo or delete one ledger entry (side panel undo, options page). */
  deleteLedgerEntry(d: { seq: number }): { ok: boolean };
  /** The ledger (newest first), or one case's entries. */
  getLedger(d: { caseKey?: string }): { entries: LedgerRecord[] };
  /** Fetch the team pack URL now (options page button; the alarm does the same). */
  refreshTeamPack(): TeamPackStatus;
  /** Background → extension pages (side panel refresh). */
  casesChanged(d: { tabId: number }): void;
  /** Background → the back-office tabs' content scripts: settings, the pack or the ledger changed — read the page again and report it (fresh badges). */
  settingsChanged(): void;
  /** Background → a back-office tab: bring case `key`'s badge into view and show `text` (a keyboard command's result). */
  showCue(d: { key?: string; text: string }): void;
  /** Background → the offscreen document: put `text` on the clipboard (a worker has none). */
  offscreenCopy(d: { text: string }): { ok: boolean };
}

/** A message's payload as its sender passes it (`undefined` for a message without one). */
export type PayloadOf<K extends keyof ProtocolMap> =
  Parameters<ProtocolMap[K]> extends [infer D] ? D : undefined;
/** A message's answer. */
export type AnswerOf<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;
/** The messages the worker answers (the others go from the worker to pages and tabs). */
export type WorkerMessage = Exclude<
  keyof ProtocolMap,
  'casesChanged' | 'settingsChanged' | 'showCue' | 'offscreenCopy'
>;
