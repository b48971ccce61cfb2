/** The adapter registry: URL first, then labels; each adapter fails alone; platform rules; anchors. */
import { describe, expect, it } from 'vitest';
import { ADAPTERS, readPage, readPageWithAnchors, rereadRows, type PageAdapter } from '../../../core/pages';
import { SAVED_PAGE, loadFixture, parseHtml } from './load';

const PAGES: Array<[string, string, string]> = [
  [
    'refund-detail-tmall.html',
    'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001',
    'refund-detail',
  ],
  [
    'refund-detail-taobao.html',
    'https://refund2.taobao.com/dispute/detail.htm?disputeId=202611210455',
    'refund-detail',
  ],
  [
    'aftersale-detail-tmall.html',
    'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200088',
    'aftersale-detail',
  ],
  [
    'aftersale-detail-taobao.html',
    'https://refund2.taobao.com/dispute/detail.htm?disputeId=202611170342',
    'aftersale-detail',
  ],
  // Complaint details have no known URL: saved files (the test below reads every page that way too).
  ['complaint-detail-taobao.html', SAVED_PAGE, 'complaint-detail'],
  ['complaint-detail-tmall.html', SAVED_PAGE, 'complaint-detail'],
  ['refund-list-rows.html', 'https://myseller.taobao.com/home.htm/trade-platform/refund-list', 'refund-list'],
  ['refund-list-taobao.html', 'https://refund2.taobao.com/dispute/sellerDisputeList.htm', 'refund-list'],
  [
    'complaint-list-tmall.html',
    'https://rights.taobao.com/complaint/sellerList.htm?page=2',
    'complaint-list',
  ],
  ['complaint-list-taobao.html', 'https://rights.taobao.com/complaint/sellerList.htm', 'complaint-list'],
];

describe('one registry, five page kinds', () => {
  it('registers each page kind once', () => {
    expect(ADAPTERS.map((a) => a.id).sort()).toEqual([
      'aftersale-detail',
      'complaint-detail',
      'complaint-list',
      'refund-detail',
      'refund-list',
    ]);
  });

  for (const [file, url, adapter] of PAGES) {
    it(`${file}: saved as a file (no back-office URL) → read by its labels as ${adapter}, same facts`, () => {
      const atUrl = readPage(loadFixture(file, url), url);
      const saved = readPage(loadFixture(file, SAVED_PAGE), SAVED_PAGE, {
        platform: atUrl.cases[0]!.platform,
      });
      expect(saved.cases.map((c) => c.adapter)).toEqual(atUrl.cases.map(() => adapter));
      expect(saved.cases.map((c) => [c.kind, c.facts])).toEqual(atUrl.cases.map((c) => [c.kind, c.facts]));
    });
  }

  it('the adapter the URL names is tried first; a page with no panel reports every kind tried', () => {
    const doc = parseHtml('<html><body><h1>卖家中心</h1><p>今日待办 3</p></body></html>');
    const result = readPage(doc, 'https://rights.taobao.com/complaint/sellerList.htm');
    expect(result.cases).toEqual([]);
    expect(result.tried).toEqual([
      'complaint-list',
      'refund-list',
      'complaint-detail',
      'aftersale-detail',
      'refund-detail',
    ]);
    expect(result.errors).toEqual([]);
  });

  const FILE = 'file:///home/agent/page.html';
  const replace = (adapter: PageAdapter) => ADAPTERS.map((a) => (a.id === adapter.id ? adapter : a));

  it('an adapter whose read throws fails alone: its error is recorded and the right adapter still reads the page', () => {
    const broken: PageAdapter = {
      id: 'complaint-list',
      kind: 'complaint',
      detect: () => true,
      read: () => {
        throw new Error('layout changed');
      },
    };
    const result = readPage(loadFixture('refund-detail-tmall.html', FILE), FILE, {
      adapters: replace(broken),
    });
    expect(result.errors).toEqual([{ adapter: 'complaint-list', message: 'layout changed' }]);
    expect(result.cases.map((c) => [c.adapter, c.facts.refundId])).toEqual([
      ['refund-detail', '202611200001'],
    ]);
  });

  it('an adapter whose detect throws does not stop the others', () => {
    const exploding: PageAdapter = {
      id: 'complaint-list',
      kind: 'complaint',
      detect: () => {
        throw new TypeError('boom');
      },
      read: () => [],
    };
    const result = readPage(loadFixture('refund-list-taobao.html', FILE), FILE, {
      adapters: replace(exploding),
    });
    expect(result.errors).toEqual([{ adapter: 'complaint-list', message: 'boom' }]);
    expect(result.cases).toHaveLength(6);
    expect(result.cases[0]!.adapter).toBe('refund-list');
  });

  it('when the adapter the URL names throws, the others are still tried and the error is reported', () => {
    const broken: PageAdapter = {
      id: 'refund-detail',
      kind: 'refund',
      detect: () => true,
      read: () => {
        throw new RangeError('bad index');
      },
    };
    const url = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001';
    const result = readPage(loadFixture('refund-detail-tmall.html', url), url, { adapters: replace(broken) });
    expect(result.tried).toEqual([
      'refund-detail',
      'complaint-list',
      'refund-list',
      'complaint-detail',
      'aftersale-detail',
    ]);
    expect(result.errors).toEqual([{ adapter: 'refund-detail', message: 'bad index' }]);
    expect(result.cases).toEqual([]);
  });
});

describe('platform', () => {
  const panel = '<dl><dt>退款原因</dt><dd>卖家缺货</dd><dt>实付金额</dt><dd>10.00</dd></dl>';
  it('*.tmall.com → tmall; *.taobao.com → taobao', () => {
    expect(
      readPage(parseHtml(panel), 'https://refund2.tmall.com/dispute/detail.htm').cases[0]!.platform,
    ).toBe('tmall');
    expect(
      readPage(parseHtml(panel), 'https://refund2.taobao.com/dispute/detail.htm').cases[0]!.platform,
    ).toBe('taobao');
  });
  it('*.taobao.com whose page says 天猫 → tmall', () => {
    const html = `<div class="hd">天猫商家中心</div>${panel}`;
    expect(
      readPage(parseHtml(html), 'https://refund2.taobao.com/dispute/detail.htm').cases[0]!.platform,
    ).toBe('tmall');
  });
  it('天猫 only inside an ad does not count', () => {
    const html = `<div class="ad_1">天猫双12</div><div><h3>猜你喜欢</h3><p>天猫超市</p></div>${panel}`;
    expect(
      readPage(parseHtml(html), 'https://refund2.taobao.com/dispute/detail.htm').cases[0]!.platform,
    ).toBe('taobao');
  });
  it('the option overrides host and page', () => {
    expect(
      readPage(parseHtml(panel), 'https://refund2.tmall.com/dispute/detail.htm', { platform: 'taobao' })
        .cases[0]!.platform,
    ).toBe('taobao');
  });
});

describe('anchors for badges', () => {
  it('list pages: each case is anchored to its own row element, in page order', () => {
    const url = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
    const doc = loadFixture('refund-list-rows.html', url);
    const { cases } = readPageWithAnchors(doc, url);
    expect(cases).toHaveLength(60);
    cases.forEach((c, i) => {
      expect(c.anchor.tagName).toBe('TR');
      expect(c.anchor.getAttribute('data-row-key')).toBe(c.facts.refundId);
      expect(c.index).toBe(i);
    });
  });

  it('role=grid lists: the row element', () => {
    const url = 'https://refund2.taobao.com/dispute/sellerDisputeList.htm';
    const { cases } = readPageWithAnchors(loadFixture('refund-list-taobao.html', url), url);
    expect(cases.every((c) => c.anchor.getAttribute('role') === 'row')).toBe(true);
  });

  it('readPage returns plain data (no DOM nodes) for messaging', () => {
    const url = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001';
    const result = readPage(loadFixture('refund-detail-tmall.html', url), url);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(Object.keys(result.cases[0]!).sort()).toEqual([
      'adapter',
      'facts',
      'index',
      'kind',
      'platform',
      'unreadable',
    ]);
  });

  it('reads any ParentNode: an element subtree, as the content script may pass', () => {
    const doc = parseHtml(
      `<div id="a"><dl><dt>退款原因</dt><dd>卖家缺货</dd></dl></div><div id="b"><dl><dt>退款原因</dt><dd>拍错了</dd></dl></div>`,
    );
    const only = doc.getElementById('b')!;
    const result = readPage(only, 'https://refund2.tmall.com/dispute/detail.htm');
    expect(result.cases.map((c) => c.facts.reason)).toEqual(['拍错了']);
  });
});

describe('re-reading a page that carries our own badges', () => {
  it('badge hosts (shadow root or light text) inside the panel and rows change nothing', () => {
    const url = 'https://myseller.taobao.com/home.htm/trade-platform/refund-list';
    const doc = loadFixture('refund-list-rows.html', url);
    const before = readPageWithAnchors(doc, url);
    for (const c of before.cases) {
      const badge = doc.createElement('aftersale-sentinel-badge');
      badge.setAttribute('data-deadline', 'seller-response');
      badge.attachShadow({ mode: 'open' }).textContent = '剩余9天9时9分 实付金额：1.00';
      badge.appendChild(doc.createTextNode('剩余8天8时8分'));
      c.anchor.querySelector('td')!.appendChild(badge);
    }
    const after = readPage(doc, url);
    expect(after.cases.map((c) => c.facts)).toEqual(before.cases.map((c) => c.facts));
  });

  it('a detail panel with a badge prepended (and one between label and value) reads the same', () => {
    const url = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001';
    const doc = loadFixture('refund-detail-tmall.html', url);
    const before = readPageWithAnchors(doc, url);
    const badge = () => {
      const b = doc.createElement('aftersale-sentinel-badge');
      b.attachShadow({ mode: 'open' }).textContent = '2天23时07分';
      return b;
    };
    before.cases[0]!.anchor.prepend(badge());
    const dt = Array.from(doc.querySelectorAll('dt')).find((d) => d.textContent.includes('实付金额'))!;
    dt.after(badge());
    expect(readPage(doc, url).cases.map((c) => c.facts)).toEqual(before.cases.map((c) => c.facts));
  });
});

describe('rows re-read alone (a list page changing row by row)', () => {
  for (const [file, url] of PAGES.filter((p) => p[2].endsWith('-list'))) {
    it(`${file}: every row re-read on its own says what the whole read says`, () => {
      const doc = loadFixture(file, url);
      const whole = readPageWithAnchors(doc, url).cases;
      expect(whole.length).toBeGreaterThan(1);
      const list = whole[0]!.list!;
      expect(whole.every((c) => c.list === list)).toBe(true);
      const again = rereadRows(
        list,
        whole.map((c) => c.anchor),
        url,
      );
      if (url.includes('taobao') && list.platform === 'tmall') {
        // a 淘宝 host whose page says 天猫: a row could change the platform, only a whole read can tell
        expect(again).toBeNull();
        return;
      }
      expect(again!.map((c) => c && [c.kind, c.platform, c.facts, c.unreadable])).toEqual(
        whole.map((c) => [c.kind, c.platform, c.facts, c.unreadable]),
      );
    });
  }

  it('a row that now reads as labels (a second header) or says 天猫 on a 淘宝 page needs a whole read', () => {
    const url = 'https://refund2.taobao.com/dispute/sellerDisputeList.htm';
    const doc = parseHtml(
      '<table><thead><tr><th>退款编号</th><th>退款原因</th><th>实付金额</th></tr></thead><tbody>' +
        '<tr><td>2026112000001</td><td>拍错了</td><td>10.00</td></tr><tr><td>2026112000002</td><td>卖家缺货</td><td>20.00</td></tr></tbody></table>',
      url,
    );
    const whole = readPageWithAnchors(doc, url).cases;
    expect(whole.map((c) => c.platform)).toEqual(['taobao', 'taobao']);
    const [a, b] = whole.map((c) => c.anchor) as [HTMLTableRowElement, HTMLTableRowElement];
    expect(rereadRows(whole[0]!.list!, [a, b], url)!.map((c) => c!.facts.reason)).toEqual([
      '拍错了',
      '卖家缺货',
    ]);
    b.innerHTML = '<td>退款编号</td><td>退款原因</td><td>x</td>';
    expect(rereadRows(whole[0]!.list!, [b], url)).toBeNull();
    b.innerHTML = '<td>2026112000002</td><td>卖家缺货（天猫）</td><td>20.00</td>';
    expect(rereadRows(whole[0]!.list!, [b], url)).toBeNull();
    b.innerHTML = '<td colspan="3">暂无数据</td>';
    expect(rereadRows(whole[0]!.list!, [b], url)).toEqual([null]);
  });
});

describe('wide lists', () => {
  it('a 35-column list: labelled columns past the 31st are read and the platform timer there is found', () => {
    const url = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1';
    const filler = Array.from({ length: 30 }, (_, i) => `列${i}`);
    const head = [...filler, '退款编号', '退款原因', '实付金额', '剩余时间', '申请时间'];
    const row = (id: string, left: string) => [
      ...filler.map((_, i) => `v${i}`),
      id,
      '卖家缺货',
      '¥500.00',
      left,
      '2026-11-20 10:00:00',
    ];
    const doc = parseHtml(
      `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>` +
        [row('2026112000001', '剩余2天23时7分51秒'), row('2026112000002', '已超时')]
          .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
          .join('') +
        '</tbody></table>',
      url,
    );
    const { cases } = readPage(doc, url);
    expect(
      cases.map((c) => [
        c.facts.refundId,
        c.facts.reason,
        c.facts.paidAmount,
        c.facts.refundRequestedAt,
        c.facts.platformCountdown ?? null,
      ]),
    ).toEqual([
      ['2026112000001', '卖家缺货', 500, '2026-11-20T10:00:00+08:00', '剩余2天23时7分51秒'],
      // no timer in the row: none is made up from the 申请时间 cell's clock
      ['2026112000002', '卖家缺货', 500, '2026-11-20T10:00:00+08:00', null],
    ]);
  });
});
