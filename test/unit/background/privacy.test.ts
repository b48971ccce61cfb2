import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Clock, NOW, freshProfile, sentinel, tab } from './helpers';
import { readPage } from '../../../core/pages';
import { fixturePages, readFixture } from '../../e2e/site';

beforeEach(freshProfile);

const PHONE = '13912345678';
const ADDRESS = '浙江省杭州市余杭区文一西路969号';

/** The fixture refund detail page, plus the personal data real pages carry. */
function pageWithPersonalData(): string {
  const html = readFileSync(resolve('test/fixtures/pages/refund-detail-tmall.html'), 'utf8');
  return html.replace(
    '<dt>买家：</dt><dd>tb_小鹿2026',
    `<dt>收货地址：</dt><dd>${ADDRESS}</dd><dt>联系电话：</dt><dd>${PHONE}</dd><dt>买家：</dt><dd>tb_小鹿2026 ${PHONE}`,
  );
}

async function everythingStored(s: ReturnType<typeof sentinel>): Promise<string> {
  const store = await s.store();
  const idb = JSON.stringify([
    await store.listRecentCases(),
    await store.listLedger(),
    await store.getSettings(),
  ]);
  return idb;
}

describe('buyer data stays out of storage', () => {
  it('recent cases in IndexedDB hold no phone number, address or buyer name after reading a real page', async () => {
    document.body.innerHTML = pageWithPersonalData().replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, '');
    const url = 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611200001';
    const read = readPage(document, url);
    expect(read.cases.length).toBe(1);
    expect(JSON.stringify(read.cases)).toContain(PHONE); // the page reader saw it
    const s = sentinel(new Clock(NOW));
    const { cases } = await s.handlers.reportPage({ url, cases: read.cases }, tab(3));
    expect(cases[0]!.guidance.compensation.amount).toBe('150.00');
    await s.settled(); // the page is answered first; the writes follow

    const stored = await everythingStored(s);
    expect(stored).toContain('202611200001');
    expect(stored).not.toContain(PHONE);
    expect(stored).not.toContain('文一西路');
    expect(stored).not.toContain('小鹿');
    // session storage (open tabs): phone numbers masked, no address field at all
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(session).not.toContain('文一西路');
    expect(session).not.toContain(PHONE);
    expect(JSON.stringify(cases)).not.toContain(PHONE);
  });

  it('every fixture back-office page, with a phone number and an address added, leaves neither in storage', async () => {
    const pages = fixturePages();
    expect(pages.length).toBeGreaterThanOrEqual(10);
    const s = sentinel(new Clock(NOW));
    let reported = 0;
    let sawPhone = 0; // pages where the reader picked the phone up (in a 买家 cell)
    for (const [i, p] of pages.entries()) {
      const extra = `<dl><dt>收货地址：</dt><dd>${ADDRESS}</dd><dt>手机号码：</dt><dd>${PHONE}</dd></dl>`;
      const html = readFixture(p.file)
        .replace(/<body[^>]*>/, (m) => `${m}${extra}`)
        .replace(/(tb_[\w\u4e00-\u9fa5]+)/g, `$1 ${PHONE}`);
      document.body.innerHTML = html.replace(/^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/g, '');
      const read = readPage(document, p.url);
      if (read.cases.length === 0) continue;
      if (JSON.stringify(read.cases).includes(PHONE)) sawPhone++;
      await s.handlers.reportPage({ url: p.url, cases: read.cases.slice(0, 300) }, tab(100 + i));
      reported++;
    }
    expect(reported).toBeGreaterThanOrEqual(10);
    expect(sawPhone).toBeGreaterThan(0);
    const stored = await everythingStored(s);
    expect((await (await s.store()).listRecentCases()).length).toBeGreaterThan(20);
    expect(stored).not.toContain(PHONE);
    expect(stored).not.toContain('文一西路');
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(session).not.toContain(PHONE);
    expect(session).not.toContain('文一西路');
  });
});
