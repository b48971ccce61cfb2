/**
 * The column reader's shortcut (the head of a plain table is the header-row reader's, so its
 * rows are not read for per-case blocks) against the reading without it: identical column
 * lists on every page of the corpus drill (every layout) and on every fixture page.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readColumnLists, type ColumnList } from '../../../core/pages/columns';
import { scanPage } from '../../../core/pages/scan';
import { generatePage } from '../drills/corpus';
import { FIXTURES, fixtureHtml, parseHtml } from './load';

function shape(lists: readonly ColumnList[]) {
  return lists.map((l) => ({ titles: l.title.element.textContent, cases: l.cases.map((c) => ({ facts: c.facts, unreadable: c.unreadable, aftersale: c.aftersale })) }));
}

function compare(doc: Document): number {
  const fast = readColumnLists(scanPage(doc));
  const plain = readColumnLists(scanPage(doc), { plain: true });
  expect(shape(fast)).toEqual(shape(plain));
  return fast.reduce((n, l) => n + l.cases.length, 0);
}

describe('column reader: the plain-table shortcut = the full reading', () => {
  it('every corpus page (2,016, all layouts)', () => {
    let cases = 0;
    for (let i = 0; i < 2016; i++) {
      const page = generatePage(20261123 + i);
      cases += compare(parseHtml(page.html, page.url));
    }
    console.log(`[columns-plain] 2016 pages, ${cases} per-case cases: 0 differ`);
    expect(cases).toBeGreaterThan(100);
  }, 120_000);

  it('every fixture page', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
    let cases = 0;
    for (const f of files) cases += compare(parseHtml(fixtureHtml(f)));
    expect(files.length).toBeGreaterThan(10);
    expect(cases).toBeGreaterThan(60);
  });
});
