/**
 * The column reader's shortcuts against the reading without them — the head of a plain table
 * skipped (the header-row reader's), each block's label hits found by one climb per hit,
 * the header line read past the value row, titles classified once per text: identical column
 * lists (facts, unreadable, 售后 mark, the same elements) on every page of the corpus drill
 * (every layout) and on every fixture page.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readColumnLists, type ColumnList } from '../../../core/pages/columns';
import { scanPage } from '../../../core/pages/scan';
import { generatePage } from '../drills/corpus';
import { FIXTURES, fixtureHtml, parseHtml } from './load';

function shape(lists: readonly ColumnList[]) {
  return lists.map((l) => ({
    titles: l.title.element.textContent,
    cases: l.cases.map((c) => ({ facts: c.facts, unreadable: c.unreadable, aftersale: c.aftersale })),
  }));
}

/** Each case's block and value row, by identity: the same elements in both readings. */
function elements(lists: readonly ColumnList[]): Element[] {
  return lists.flatMap((l) => [l.title.element, ...l.cases.flatMap((c) => [c.element, c.values])]);
}

function compare(doc: Document): number {
  const scan = scanPage(doc);
  const fast = readColumnLists(scan);
  const plain = readColumnLists(scan, { plain: true });
  expect(shape(fast)).toEqual(shape(plain));
  const a = elements(fast);
  const b = elements(plain);
  expect(a.length).toBe(b.length);
  expect(a.every((el, i) => el === b[i])).toBe(true);
  return fast.reduce((n, l) => n + l.cases.length, 0);
}

describe('column reader: the shortcuts = the full reading', () => {
  it('every corpus page (2,016, all layouts)', () => {
    let cases = 0;
    for (let i = 0; i < 2016; i++) {
      const page = generatePage(20261123 + i);
      cases += compare(parseHtml(page.html, page.url));
    }
    console.log(`[columns-plain] 2016 pages, ${cases} per-case cases: 0 differ`);
    expect(cases).toBeGreaterThan(100);
  }, 120_000);

  it('a page built to tell them apart: labels and 售后 marks inside and outside the value rows', () => {
    const kase = (n: number) =>
      `<table class="case"><tbody><tr class="group"><td colspan="5"><span>订单号：420000000000${n}</span> <span>退款编号：310000000000${n}</span>${n === 3 ? ' <span>退款（售后）</span>' : ''}</td></tr>` +
      `<tr><td>针织开衫（售后）</td><td>¥1${n}.00</td><td>2026-11-20 10:0${n}:00</td><td>卖家缺货</td><td>退款编号：399999999999${n}</td></tr></tbody></table>`;
    const doc = parseHtml(
      `<html><body><div class="head"><table><thead><tr><th>宝贝</th><th>退款金额</th><th>申请时间</th><th>退款原因</th><th>操作</th></tr></thead></table></div>` +
        `<div class="body">${kase(1)}${kase(2)}${kase(3)}</div></body></html>`,
      'https://myseller.taobao.com/home.htm/trade-platform/refund-list',
    );
    expect(compare(doc)).toBe(3);
    // What the full reading says there: the group line's ids only, and 售后 from the group line only.
    const [first, , third] = readColumnLists(scanPage(doc), { plain: true })[0]!.cases;
    expect(first!.facts.refundId).toBe('3100000000001');
    expect(first!.aftersale).toBe(false);
    expect(third!.aftersale).toBe(true);
  });

  it('every fixture page', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
    let cases = 0;
    for (const f of files) cases += compare(parseHtml(fixtureHtml(f)));
    expect(files.length).toBeGreaterThan(10);
    expect(cases).toBeGreaterThan(60);
  });
});
