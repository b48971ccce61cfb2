/**
 * The list reader's fast paths (the scan's cell texts, one badge-host query per page, values
 * parsed once per read, the header's label set shared by its rows) against its plain reading
 * (every cell read and parsed on its own): identical rows on every generated list page of the
 * corpus, each also with our badge hosts carrying light-DOM text in random cells and with an
 * `订单信息` column of inline labels in random rows, and on every list fixture. Rows read again
 * one by one (rereadListRows) equal the whole read too.
 */
import { describe, expect, it } from 'vitest';
import { findHeaderRows, readListRows, rereadListRows, type ListRow } from '../../../core/pages/list';
import { scanPage } from '../../../core/pages/scan';
import { generatePage, LAYOUTS, Rng } from '../drills/corpus';
import { prng } from '../../helpers/prng';
import { fixtureHtml, parseHtml } from './load';

function shape(rows: readonly ListRow[]) {
  return rows.map((r) => ({
    index: r.index,
    facts: r.facts,
    unreadable: r.unreadable,
    labels: [...r.labels].sort(),
  }));
}

/** Our badge host with text in its light DOM (what a stale or page-made host may carry), in random cells. */
function addBadgeHosts(doc: Document, r: Rng): number {
  let n = 0;
  for (const cell of Array.from(doc.querySelectorAll('td'))) {
    if (!r.chance(0.08)) continue;
    const host = doc.createElement('aftersale-sentinel-badge');
    host.textContent = r.pick(['剩余1天2时3分', '赔 150.00', '2天23时07分', '¥5000.00']);
    if (r.chance(0.5)) cell.prepend(host);
    else cell.append(host);
    n++;
  }
  return n;
}

/** An `订单信息` column: inline `订单号：…` / `买家：…` texts in some rows, nothing in others. */
function addInfoColumn(doc: Document, r: Rng): void {
  const rows = Array.from(doc.querySelectorAll('tr'));
  rows.forEach((row, i) => {
    const cell = doc.createElement(i === 0 && row.querySelector('th') ? 'th' : 'td');
    if (i === 0) cell.textContent = '订单信息';
    else if (r.chance(0.4))
      cell.innerHTML = `订单号：${r.int(1e15, 9e15)}<br>买家${r.pick(['：', ':'])}${r.pick(['tb_小鹿', '剩余29天23时59分'])}`;
    row.prepend(cell);
  });
}

function compare(doc: Document): number {
  const fast = readListRows(scanPage(doc), findHeaderRows(scanPage(doc)));
  const plainScan = scanPage(doc);
  const plain = readListRows(plainScan, findHeaderRows(plainScan), { plain: true });
  expect(shape(fast)).toEqual(shape(plain));
  // Row by row (as after a DOM change) = the whole read.
  for (const row of fast) {
    const again = rereadListRows(row.header, [row.element]);
    if (again)
      expect(again[0] && { facts: again[0].facts, unreadable: again[0].unreadable }).toEqual({
        facts: row.facts,
        unreadable: row.unreadable,
      });
  }
  return fast.length;
}

describe('list reader: fast paths = the plain reading', () => {
  // The corpus drill's seeds whose layout is `list` (the layout is seed % LAYOUTS.length).
  const LIST_PAGES = Array.from({ length: 2016 }, (_, i) => 20261123 + i).filter(
    (seed) => LAYOUTS[seed % LAYOUTS.length] === 'list',
  );

  it(`${LIST_PAGES.length} generated list pages, as generated, with badge hosts, and with an 订单信息 column`, () => {
    let rows = 0;
    let hosts = 0;
    for (const seed of LIST_PAGES) {
      const page = generatePage(seed);
      const r = new Rng(prng(seed ^ 0x5eed));
      rows += compare(parseHtml(page.html, page.url));
      const withHosts = parseHtml(page.html, page.url);
      hosts += addBadgeHosts(withHosts, r);
      rows += compare(withHosts);
      const withInfo = parseHtml(page.html, page.url);
      addInfoColumn(withInfo, r);
      rows += compare(withInfo);
    }
    console.log(`[list-plain] ${LIST_PAGES.length * 3} pages, ${rows} rows, ${hosts} badge hosts: 0 differ`);
    expect(rows).toBeGreaterThan(2000);
    expect(hosts).toBeGreaterThan(100);
  }, 60_000);

  for (const file of [
    'refund-list-rows.html',
    'refund-list-taobao.html',
    'complaint-list-tmall.html',
    'complaint-list-taobao.html',
  ]) {
    it(`${file}`, () => {
      expect(compare(parseHtml(fixtureHtml(file)))).toBeGreaterThan(1);
    });
  }
});
