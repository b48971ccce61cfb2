import type { PanelRead } from '../core/model/facts';
import type { Deadline, Guidance } from '../core/model/guidance';
import { caseDue } from '../core/urgency';
import type { BatchCheck } from '../core/batch/safe-batches';
import type { ContactFlag, RuleLine } from '../core/rules/preview';

/**
 * One evaluated case. `seenAt` = the instant these exact facts were first read in the tab.
 */
export type CaseView = {
  key: string;
  tabId: number;
  url: string;
  read: PanelRead;
  guidance: Guidance;
  seenAt: string;
  /** Optional: whether the shop's safe-batch policy lets it be agreed in a batch (core/batch). */
  batch?: BatchCheck;
};

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
  /** Something the agent must know about the extension itself (it runs read-only after a downgrade). */
  notice?: { zh: string; en: string };
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

/**
 * A rule pack from a file or the team URL, waiting for the agent's confirmation (options
 * page): what changes against the active pack (lists cut to PREVIEW_LIST_MAX, with the full
 * counts), the replies and actions that hold a link or a private contact, and the warnings of
 * a newer schema. `token`: the SHA-256 of the pack text — confirming names it, so only the
 * pack that was shown becomes active.
 */
export interface PackPreview {
  token: string;
  info: PackInfo;
  stagedAt: string;
  changes: { added: RuleLine[]; removed: RuleLine[]; changed: RuleLine[] };
  counts: { added: number; removed: number; changed: number };
  flags: ContactFlag[];
  warnings: string[];
}
export const PREVIEW_LIST_MAX = 100;

/** The team pack URL's last check (options page). `pending`: a new version waits for confirmation. */
export interface TeamPackStatus {
  url: string;
  checkedAt: string | null;
  result: 'none' | 'updated' | 'pending' | 'not-modified' | 'error' | 'no-permission';
  error?: string;
  etag?: string;
}

/**
 * What the side panel renders for a case it does not show expanded (its list of the tab's
 * cases and the queue): a few hundred bytes instead of the full CaseView (read + guidance,
 * ≈ 7 KB), so that refreshing a 1,000-case queue on every `casesChanged` does not clone
 * megabytes through messaging. The expanded case is fetched in full with `getCase`.
 *
 * No WXT / browser imports: the side panel and the tests import it.
 */
export interface CaseSummary {
  key: string;
  tabId: number;
  url: string;
  seenAt: string;
  platform: PanelRead['platform'];
  kind: PanelRead['kind'];
  /** refundId ?? orderId, as scraped (cut to SUMMARY_TEXT_CHARS). */
  caseId?: string;
  /** Optional: which of the two `caseId` is (the panel labels an order number as such). */
  caseIdField?: 'refundId' | 'orderId';
  /** reason ?? complaintType, as scraped (cut to SUMMARY_TEXT_CHARS). */
  reason?: string;
  /** The due time the case is ordered by (core/urgency.ts caseDue, when summarized); null: no deadline. */
  due: string | null;
  /** Every deadline (breached = due in the past at evaluation time): the panel picks the headline live. */
  deadlines: Array<Pick<Deadline, 'id' | 'label' | 'dueAt' | 'actor' | 'source' | 'breached'>>;
  compensation: { triggered: boolean; amount: string | null };
  /** Keys of the fields whose label was found but whose value was unreadable. */
  unreadable: string[];
  /** Optional: the safe-batch check (the panel groups the qualifying cases). */
  batch?: BatchCheck;
}

/** Scraped text kept in a summary (the panel shows at most 40 characters, 400 in a tooltip). */
const SUMMARY_TEXT_CHARS = 400;

function cut(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // (at most 2 UTF-16 units a character: no need to split a megabyte cell into characters)
  const chars = Array.from(
    text.length > SUMMARY_TEXT_CHARS * 2 ? text.slice(0, SUMMARY_TEXT_CHARS * 2) : text,
  );
  return chars.length <= SUMMARY_TEXT_CHARS && text.length <= SUMMARY_TEXT_CHARS * 2
    ? text
    : `${chars.slice(0, SUMMARY_TEXT_CHARS - 1).join('')}…`;
}

const cache = new WeakMap<CaseView, CaseSummary>();

/**
 * The summary of a case view at `nowMs` (memoized per view object: the background keeps
 * views until the tab or the context changes; `due` orders the lists, the panel recomputes
 * the headline live from `deadlines`).
 */
export function summarizeCase(v: CaseView, nowMs: number): CaseSummary {
  const hit = cache.get(v);
  if (hit) return hit;
  const { facts } = v.read;
  const g = v.guidance;
  const s: CaseSummary = {
    key: v.key,
    tabId: v.tabId,
    url: v.url,
    seenAt: v.seenAt,
    platform: v.read.platform,
    kind: v.read.kind,
    due: caseDue(g.deadlines, nowMs),
    deadlines: g.deadlines.map((d) => ({
      id: d.id,
      label: d.label,
      dueAt: d.dueAt,
      actor: d.actor,
      source: d.source,
      breached: d.breached,
    })),
    compensation: { triggered: g.compensation.triggered, amount: g.compensation.amount },
    unreadable: [...v.read.unreadable],
  };
  if (v.batch) s.batch = v.batch;
  const caseId = cut(facts.refundId ?? facts.orderId);
  const reason = cut(facts.reason ?? facts.complaintType);
  if (caseId !== undefined) {
    s.caseId = caseId;
    s.caseIdField = facts.refundId !== undefined ? 'refundId' : 'orderId';
  }
  if (reason !== undefined) s.reason = reason;
  cache.set(v, s);
  return s;
}

/**
 * What the content script needs of a case to badge it (reportPage with `answer: 'badges'`):
 * its key, where it is on the page, and the deadlines and compensation of its guidance —
 * a few hundred bytes instead of the full CaseView, so a 1,000-row page's answer is not
 * megabytes of JSON parsed on the page's main thread. A CaseView is a BadgeView too.
 */
export interface BadgeView {
  key: string;
  read: Pick<PanelRead, 'kind' | 'index' | 'unreadable'>;
  guidance: {
    deadlines: Array<Pick<Deadline, 'id' | 'actor' | 'dueAt' | 'label' | 'source'>>;
    compensation: Pick<Guidance['compensation'], 'triggered' | 'amount'>;
    /** Optional: the pack could not evaluate the case within its work budget (the badge says so; a CaseView carries the text). */
    unevaluated?: true | Guidance['unevaluated'];
  };
  /** Optional: `ok` when the shop's policy lets it be agreed in a safe batch (the `可批量同意` chip). */
  batch?: { ok: boolean };
}

export function badgeView(v: CaseView): BadgeView {
  const g = v.guidance;
  return {
    key: v.key,
    read: { kind: v.read.kind, index: v.read.index, unreadable: v.read.unreadable },
    guidance: {
      deadlines: g.deadlines.map((d) => ({
        id: d.id,
        actor: d.actor,
        dueAt: d.dueAt,
        label: d.label,
        source: d.source,
      })),
      compensation: { triggered: g.compensation.triggered, amount: g.compensation.amount },
      ...(g.unevaluated ? { unevaluated: true as const } : {}),
    },
    ...(v.batch?.ok ? { batch: { ok: true } } : {}),
  };
}
