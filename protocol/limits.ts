import type { PanelRead } from '../core/model/facts';

/**
 * Zod-free pieces of the protocol, safe to import from the content script and the side
 * panel without pulling the validation schemas into their bundles.
 */

/** Hard caps so a hostile page cannot make the worker store or evaluate huge payloads. */
export const LIMITS = {
  urlChars: 2048,
  casesPerReport: 300,
  reportJsonChars: 1_000_000,
  packJsonChars: 5_000_000, // = RULE_PACK_LIMITS.maxJsonChars (core/model/rule-pack.ts); a test keeps them equal
  keyChars: 300,
  /** One string fact of a report, or a ledger entry's text: above the content script's MAX_FACT_CHARS (a test keeps it so). */
  textChars: 20_000,
  /** A short name: a report's adapter, an unreadable selector or field name. */
  nameChars: 100,
} as const;

/** `${platform}:${kind}:${refundId ?? orderId ?? 'row' + index}` — a case's identity across reports, tabs and alarms. */
export function caseKey(read: Pick<PanelRead, 'platform' | 'kind' | 'index' | 'facts'>): string {
  const id = read.facts.refundId ?? read.facts.orderId ?? `row${read.index}`;
  return `${read.platform}:${read.kind}:${id}`;
}

/**
 * Whether two reads describe the same case in the same state: kind, platform, facts,
 * unreadable fields and second-source marks (the row index is where the case is, not what it is).
 */
export function sameRead(a: PanelRead, b: PanelRead): boolean {
  return (
    a.kind === b.kind &&
    a.platform === b.platform &&
    a.unreadable.join() === b.unreadable.join() &&
    JSON.stringify(a.facts) === JSON.stringify(b.facts) &&
    JSON.stringify(a.secondSource ?? null) === JSON.stringify(b.secondSource ?? null)
  );
}

/**
 * The page URL as the content script reports it, and as the worker bounds a sender's URL:
 * an over-long URL loses its query and hash.
 */
export function boundedPageUrl(href: string): string {
  if (href.length <= LIMITS.urlChars) return href;
  try {
    const u = new URL(href);
    return `${u.origin}${u.pathname}`.slice(0, LIMITS.urlChars);
  } catch {
    return href.slice(0, LIMITS.urlChars);
  }
}
