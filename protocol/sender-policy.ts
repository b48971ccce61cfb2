import { boundedPageUrl } from './limits';
import type { ProtocolMap } from './map';

/**
 * Who may send what to the background worker. Every message is checked against this table
 * at the worker's door (entrypoints/background/register.ts), before its handler runs.
 *
 * No WXT / browser imports here: the caller passes the extension's own origin and id.
 */

/** Where a message may come from. */
export type SenderContext = 'extension-page' | 'content-script';
/** What a sender is: a context, or `unknown` (always refused). */
type SenderKind = SenderContext | 'unknown';

/** The part of runtime.MessageSender the policy reads. */
interface PolicySender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** The extension itself: `origin` is runtime.getURL('/'), e.g. `chrome-extension://<id>/`. */
export interface ExtensionSelf {
  origin: string;
  id: string;
}

const PAGES: readonly SenderContext[] = ['extension-page'];
const BOTH: readonly SenderContext[] = ['extension-page', 'content-script'];

/**
 * For each message, the contexts that may send it. A content script only reports its own
 * page, focuses a case from a badge and reads the settings; everything that reads other
 * tabs' cases or changes settings, packs or the ledger is for extension pages only.
 * `casesChanged`, `settingsChanged`, `showCue` and `offscreenCopy` go from the worker to the
 * pages, content scripts and the offscreen document:
 * nobody may send them to the worker.
 */
export const SENDER_POLICY: { readonly [K in keyof ProtocolMap]: readonly SenderContext[] } = {
  reportPage: ['content-script'],
  focusCase: BOTH,
  getSettings: BOTH,
  getTabCases: PAGES,
  getQueue: PAGES,
  getTabSummaries: PAGES,
  getQueueSummaries: PAGES,
  getCase: PAGES,
  getFocusedCase: PAGES,
  saveSettings: PAGES,
  getPackInfo: PAGES,
  importPack: PAGES,
  decidePack: PAGES,
  exportPack: PAGES,
  resetPack: PAGES,
  // The ledger is written by an agent's click on an extension page (同意赔付) or by the worker
  // itself (payouts seen 退款成功): a content script can neither write nor read it.
  recordSettlement: PAGES,
  deleteLedgerEntry: PAGES,
  getLedger: PAGES,
  refreshTeamPack: PAGES,
  casesChanged: [],
  settingsChanged: [],
  showCue: [],
  offscreenCopy: [],
};

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * An extension page (side panel — docked or opened as a tab —, options, any page of ours):
 * its URL is on the extension's origin. A content script: in a tab, on an https page.
 */
export function classifySender(sender: PolicySender | null | undefined, self: ExtensionSelf): SenderKind {
  if (!sender || typeof sender.url !== 'string') return 'unknown';
  if (sender.id !== undefined && sender.id !== self.id) return 'unknown';
  if (self.origin.endsWith('/') && self.origin.length > 1 && sender.url.startsWith(self.origin))
    return 'extension-page';
  if (typeof sender.tab?.id === 'number' && isHttps(sender.url)) return 'content-script';
  return 'unknown';
}

const CONTEXT_NAMES: Record<SenderKind, string> = {
  'extension-page': 'an extension page',
  'content-script': 'a content script',
  unknown: 'an unknown sender',
};

/** Throws `<type>: refused from <context>` unless the table lets this sender send `type`. */
export function assertSenderAllowed(
  type: string,
  sender: PolicySender | null | undefined,
  self: ExtensionSelf,
): SenderContext {
  const kind = classifySender(sender, self);
  const allowed = Object.hasOwn(SENDER_POLICY, type) ? SENDER_POLICY[type as keyof ProtocolMap] : [];
  if (kind === 'unknown' || !allowed.includes(kind))
    throw new Error(`${type}: refused from ${CONTEXT_NAMES[kind]}`);
  return kind;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The URL a page report is stored under. The payload's origin must be the sender's own
 * (bounded like the content script bounds it): a content script can never report a case for
 * another site. Its path and query are taken from the payload, because the workbench is a
 * single-page app: its routes change with the history API, and Chrome keeps `sender.url` at
 * the URL the document was loaded with. Without `senderUrl` (a direct, in-process call: the
 * door refuses such senders) the payload URL stands.
 */
export function reportedPageUrl(payloadUrl: string, senderUrl: string | undefined): string {
  if (senderUrl === undefined) return payloadUrl;
  const own = originOf(boundedPageUrl(senderUrl));
  if (own === null || own !== originOf(payloadUrl))
    throw new Error('reportPage: refused — the payload url is not on the sender’s site');
  return boundedPageUrl(payloadUrl);
}
