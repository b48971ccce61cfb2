/** Page detection by URL: a pure function with a table of example URLs (refined-github style). */
import { describe, expect, it } from 'vitest';
import { BACK_OFFICE_MATCHES, EXAMPLE_URLS, PAGE_KINDS, detectPageKind, platformFromHost, type PageKind } from '../../../core/pages';

const TABLE: Array<[string, PageKind | null]> = [
  ['https://refund2.tmall.com/dispute/seller/list.htm', 'refund-list'],
  ['https://refund2.taobao.com/dispute/seller/list.htm?page=3&status=WAIT_SELLER', 'refund-list'],
  ['https://refund2.tmall.com/dispute/seller/detail.htm?refundId=202611200001', 'refund-detail'],
  ['https://refund2.taobao.com/dispute/seller/detail.htm?refundId=202611210455#evidence', 'refund-detail'],
  ['https://refund2.tmall.com/dispute/seller/aftersale.htm?refundId=202611200088', 'aftersale-detail'],
  ['https://refund2.taobao.com/dispute/seller/aftersale.htm?refundId=202611170342', 'aftersale-detail'],
  ['https://rights.tmall.com/complaint/seller/detail.htm?complaintId=9026112101', 'complaint-detail'],
  ['https://rights.taobao.com/complaint/seller/detail.htm?complaintId=9026112102', 'complaint-detail'],
  ['https://rights.tmall.com/complaint/seller/list.htm', 'complaint-list'],
  ['https://rights.taobao.com/complaint/seller/list.htm?tab=pending', 'complaint-list'],
  ['https://REFUND2.TMALL.COM/dispute/seller/list.htm', 'refund-list'],
  // not ours
  ['http://refund2.tmall.com/dispute/seller/list.htm', null], // not https
  ['https://refund2.tmall.com/dispute/buyer/list.htm', null], // the buyer's side
  ['https://refund2.tmall.com/dispute/seller/list.html', null],
  ['https://rights.tmall.com/dispute/seller/list.htm', null], // wrong host for the path
  ['https://refund2.tmall.com.evil.example/dispute/seller/list.htm', null],
  ['https://evil.example/refund2.tmall.com/dispute/seller/list.htm', null],
  ['https://www.tmall.com/', null],
  ['file:///home/agent/退款详情.html', null],
  ['not a url', null],
  ['', null],
];

describe('detectPageKind', () => {
  for (const [url, kind] of TABLE) it(`${url || '(empty)'} → ${kind}`, () => expect(detectPageKind(url)).toBe(kind));

  it('every example URL is detected as its own page kind', () => {
    for (const kind of PAGE_KINDS) {
      expect(EXAMPLE_URLS[kind].length).toBeGreaterThanOrEqual(2);
      for (const url of EXAMPLE_URLS[kind]) expect(detectPageKind(url)).toBe(kind);
    }
  });

  it('every example URL falls under a content-script match pattern', () => {
    const toRegex = (p: string) => new RegExp(`^${p.replace(/[.?]/g, '\\$&').replace(/\*/g, '.*')}$`);
    for (const url of Object.values(EXAMPLE_URLS).flat()) expect(BACK_OFFICE_MATCHES.some((p) => toRegex(p).test(url))).toBe(true);
  });
});

describe('platformFromHost', () => {
  it.each([
    ['https://refund2.tmall.com/dispute/seller/list.htm', 'tmall'],
    ['https://rights.taobao.com/complaint/seller/list.htm', 'taobao'],
    ['https://tmall.com/', 'tmall'],
    ['https://nottmall.com/', null],
    ['https://tmall.com.evil.example/', null],
    ['file:///tmp/page.html', null],
  ])('%s → %s', (url, platform) => expect(platformFromHost(url)).toBe(platform));
});
