import type { Platform } from '../model/facts';

/**
 * The seller back-office pages we read (team brief, "Back-office URLs we support").
 * Pure functions of a URL, with example URLs beside them (tested as a table).
 */

/** Match patterns for the content script and host permissions. */
export const BACK_OFFICE_MATCHES = [
  'https://refund2.tmall.com/dispute/*',
  'https://refund2.taobao.com/dispute/*',
  'https://rights.tmall.com/complaint/*',
  'https://rights.taobao.com/complaint/*',
] as const;

export const PAGE_KINDS = ['refund-list', 'refund-detail', 'aftersale-detail', 'complaint-detail', 'complaint-list'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** Where each page kind lives; the fixture, e2e and demo pages are served at these. */
export const EXAMPLE_URLS: Readonly<Record<PageKind, readonly string[]>> = {
  'refund-list': ['https://refund2.tmall.com/dispute/seller/list.htm', 'https://refund2.taobao.com/dispute/seller/list.htm'],
  'refund-detail': [
    'https://refund2.tmall.com/dispute/seller/detail.htm?refundId=202611200001',
    'https://refund2.taobao.com/dispute/seller/detail.htm?refundId=202611200002',
  ],
  'aftersale-detail': [
    'https://refund2.tmall.com/dispute/seller/aftersale.htm?refundId=202611150001',
    'https://refund2.taobao.com/dispute/seller/aftersale.htm?refundId=202611150002',
  ],
  'complaint-detail': [
    'https://rights.tmall.com/complaint/seller/detail.htm?complaintId=9026112101',
    'https://rights.taobao.com/complaint/seller/detail.htm?complaintId=9026112102',
  ],
  'complaint-list': ['https://rights.tmall.com/complaint/seller/list.htm', 'https://rights.taobao.com/complaint/seller/list.htm'],
};

const PATHS: ReadonlyArray<readonly [RegExp, RegExp, PageKind]> = [
  [/^refund2\.(?:tmall|taobao)\.com$/, /^\/dispute\/seller\/list\.htm$/, 'refund-list'],
  [/^refund2\.(?:tmall|taobao)\.com$/, /^\/dispute\/seller\/detail\.htm$/, 'refund-detail'],
  [/^refund2\.(?:tmall|taobao)\.com$/, /^\/dispute\/seller\/aftersale\.htm$/, 'aftersale-detail'],
  [/^rights\.(?:tmall|taobao)\.com$/, /^\/complaint\/seller\/detail\.htm$/, 'complaint-detail'],
  [/^rights\.(?:tmall|taobao)\.com$/, /^\/complaint\/seller\/list\.htm$/, 'complaint-list'],
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

/** `*.tmall.com` → tmall, `*.taobao.com` → taobao, anything else → null. */
export function platformFromHost(url: string): Platform | null {
  const host = parseUrl(url)?.hostname.toLowerCase() ?? '';
  if (host === 'tmall.com' || host.endsWith('.tmall.com')) return 'tmall';
  if (host === 'taobao.com' || host.endsWith('.taobao.com')) return 'taobao';
  return null;
}
