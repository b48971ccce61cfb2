import type { Platform } from '../model/facts';

/**
 * The seller back-office pages we read, as the platform names them. Pure functions of a
 * URL, with example URLs beside them (tested as a table).
 *
 * - The 千牛 web workbench (`myseller.taobao.com`, `qn.taobao.com`), used by Tmall and
 *   Taobao shops alike: a single-page app whose routes are path segments after
 *   `/home.htm/`. The content script is present on every `/home.htm…` route and reads only
 *   the routes below (an agent may land on the home page and click through to the list).
 * - The older refund2 pages: the seller's refund list and the refund detail, often inside a
 *   frame of the seller centre.
 * - The seller's complaint list on rights.taobao.com.
 * After-sale (售后) cases and complaints have no detail page of their own we know of: an
 * after-sale is a case type inside the same lists and details.
 */

/** Match patterns for the content script (every frame). */
export const BACK_OFFICE_MATCHES = [
  'https://myseller.taobao.com/home.htm*',
  'https://qn.taobao.com/home.htm*',
  'https://refund2.tmall.com/dispute/sellerDisputeList.htm*',
  'https://refund2.taobao.com/dispute/sellerDisputeList.htm*',
  'https://refund2.tmall.com/dispute/detail.htm*',
  'https://refund2.taobao.com/dispute/detail.htm*',
  'https://rights.taobao.com/complaint/sellerList.htm*',
] as const;

export const PAGE_KINDS = [
  'refund-list',
  'refund-detail',
  'aftersale-detail',
  'complaint-detail',
  'complaint-list',
] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** Where each page kind lives. After-sale and complaint details have no URL of their own: they are told by their labels. */
export const EXAMPLE_URLS: Readonly<Record<PageKind, readonly string[]>> = {
  'refund-list': [
    'https://myseller.taobao.com/home.htm/trade-platform/refund-list',
    'https://qn.taobao.com/home.htm/trade-platform/refund-list',
    'https://myseller.taobao.com/home.htm/trade-platform/tp/refund-list',
    'https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1',
    'https://refund2.taobao.com/dispute/sellerDisputeList.htm?type=1&showFrame=false',
  ],
  'refund-detail': [
    'https://myseller.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611200001&type=1',
    'https://qn.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611210455&type=3&spm=a1z0k.1',
    'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200088',
    'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3921845507769901&disputeType=1',
  ],
  'aftersale-detail': [],
  'complaint-detail': [],
  'complaint-list': ['https://rights.taobao.com/complaint/sellerList.htm'],
};

const WORKBENCH_HOST = /^(?:myseller|qn)\.taobao\.com$/;
const REFUND2_HOST = /^refund2\.(?:tmall|taobao)\.com$/;

const PATHS: ReadonlyArray<readonly [RegExp, RegExp, PageKind]> = [
  [WORKBENCH_HOST, /^\/home\.htm\/trade-platform\/(?:tp\/)?refund-list\/?$/, 'refund-list'],
  [WORKBENCH_HOST, /^\/home\.htm\/trade-platform\/(?:tp\/)?refund-list\/detail\/?$/, 'refund-detail'],
  [REFUND2_HOST, /^\/dispute\/sellerDisputeList\.htm$/, 'refund-list'],
  [REFUND2_HOST, /^\/dispute\/detail\.htm$/, 'refund-detail'],
  [/^rights\.taobao\.com$/, /^\/complaint\/sellerList\.htm$/, 'complaint-list'],
];

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The page kind a back-office URL shows, from host and path only; null for any other URL. */
export function detectPageKind(url: string): PageKind | null {
  const u = parseUrl(url);
  if (!u || u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase();
  for (const [hostRe, pathRe, kind] of PATHS) if (hostRe.test(host) && pathRe.test(u.pathname)) return kind;
  return null;
}

/** Whether a URL is on the workbench (any route): the content script is present there. */
export function isWorkbench(url: string): boolean {
  const u = parseUrl(url);
  return (
    !!u &&
    u.protocol === 'https:' &&
    WORKBENCH_HOST.test(u.hostname.toLowerCase()) &&
    /^\/home\.htm(?:[/?#]|$)/.test(u.pathname)
  );
}

/**
 * What the host says about the platform: `*.tmall.com` → tmall; the old taobao.com pages →
 * taobao; the workbench (Tmall and Taobao shops alike) → null: the page or the agent decides.
 */
export function platformFromHost(url: string): Platform | null {
  const host = parseUrl(url)?.hostname.toLowerCase() ?? '';
  if (host === 'tmall.com' || host.endsWith('.tmall.com')) return 'tmall';
  if (WORKBENCH_HOST.test(host)) return null;
  if (host === 'taobao.com' || host.endsWith('.taobao.com')) return 'taobao';
  return null;
}
