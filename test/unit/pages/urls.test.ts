/** Page detection by URL: a pure function with a table of example URLs (refined-github style). */
import { describe, expect, it } from 'vitest';
import {
  BACK_OFFICE_MATCHES,
  EXAMPLE_URLS,
  PAGE_KINDS,
  detectPageKind,
  isWorkbench,
  platformFromHost,
  type PageKind,
} from '../../../core/pages';

const TABLE: Array<[string, PageKind | null]> = [
  // the 千牛 workbench, both hosts (Tmall and Taobao shops alike)
  ['https://myseller.taobao.com/home.htm/trade-platform/refund-list', 'refund-list'],
  ['https://qn.taobao.com/home.htm/trade-platform/refund-list', 'refund-list'],
  ['https://myseller.taobao.com/home.htm/trade-platform/refund-list?spm=a21dvs.23580594.0.0', 'refund-list'],
  ['https://myseller.taobao.com/home.htm/trade-platform/tp/refund-list', 'refund-list'],
  [
    'https://myseller.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611200001&type=1',
    'refund-detail',
  ],
  [
    'https://qn.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611210455&type=3&spm=a1z0k.1',
    'refund-detail',
  ],
  // the old refund2 pages
  ['https://refund2.tmall.com/dispute/sellerDisputeList.htm', 'refund-list'],
  ['https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1', 'refund-list'],
  ['https://refund2.taobao.com/dispute/sellerDisputeList.htm?type=1&showFrame=false', 'refund-list'],
  ['https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200088', 'refund-detail'],
  [
    'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3921845507769901&disputeType=1',
    'refund-detail',
  ],
  ['https://REFUND2.TMALL.COM/dispute/sellerDisputeList.htm', 'refund-list'],
  // complaints
  ['https://rights.taobao.com/complaint/sellerList.htm', 'complaint-list'],
  // present, but no case to read there
  ['https://myseller.taobao.com/home.htm/QnworkbenchHome/', null],
  ['https://myseller.taobao.com/home.htm/trade-platform/tp/sold', null],
  // not ours: other hosts, other schemes, near misses of the real paths
  ['http://myseller.taobao.com/home.htm/trade-platform/refund-list', null],
  ['https://myseller.taobao.com.evil.example/home.htm/trade-platform/refund-list', null],
  ['https://evil.example/myseller.taobao.com/home.htm/trade-platform/refund-list', null],
  ['https://www.taobao.com/home.htm/trade-platform/refund-list', null],
  ['https://refund2.tmall.com/dispute/detail.html', null],
  ['file:///home/agent/退款详情.html', null],
  ['not a url', null],
  ['', null],
];

describe('detectPageKind', () => {
  for (const [url, kind] of TABLE)
    it(`${url || '(empty)'} → ${kind}`, () => expect(detectPageKind(url)).toBe(kind));

  it('every example URL is detected as its own page kind', () => {
    for (const kind of PAGE_KINDS)
      for (const url of EXAMPLE_URLS[kind]) expect(detectPageKind(url)).toBe(kind);
    expect(EXAMPLE_URLS['refund-list'].length).toBeGreaterThanOrEqual(4);
    expect(EXAMPLE_URLS['refund-detail'].length).toBeGreaterThanOrEqual(4);
  });

  it('workbench routes: the content script is present on every /home.htm route', () => {
    expect(isWorkbench('https://myseller.taobao.com/home.htm/QnworkbenchHome/')).toBe(true);
    expect(isWorkbench('https://qn.taobao.com/home.htm')).toBe(true);
    expect(isWorkbench('https://myseller.taobao.com/homepage.htm')).toBe(false);
    expect(isWorkbench('https://refund2.tmall.com/dispute/detail.htm')).toBe(false);
  });

  it('every example URL falls under a content-script match pattern', () => {
    const toRegex = (p: string) => new RegExp(`^${p.replace(/[.?]/g, '\\$&').replace(/\*/g, '.*')}$`);
    for (const url of Object.values(EXAMPLE_URLS).flat())
      expect(BACK_OFFICE_MATCHES.some((p) => toRegex(p).test(url))).toBe(true);
  });
});

describe('platformFromHost', () => {
  it.each([
    ['https://refund2.tmall.com/dispute/sellerDisputeList.htm', 'tmall'],
    ['https://refund2.taobao.com/dispute/detail.htm', 'taobao'],
    ['https://rights.taobao.com/complaint/sellerList.htm', 'taobao'],
    // the workbench serves Tmall and Taobao shops: the host says nothing
    ['https://myseller.taobao.com/home.htm/trade-platform/refund-list', null],
    ['https://qn.taobao.com/home.htm/trade-platform/refund-list', null],
    ['https://tmall.com/', 'tmall'],
    ['https://nottmall.com/', null],
    ['https://tmall.com.evil.example/', null],
    ['file:///tmp/page.html', null],
  ])('%s → %s', (url, platform) => expect(platformFromHost(url)).toBe(platform));
});
