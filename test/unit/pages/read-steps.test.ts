/**
 * The read in steps (readPageSteps, what the content script spreads over short tasks)
 * against the read at once: on every corpus page and every fixture, two reads taken step by
 * step in turn — as two frames of a tab would be — give exactly what each gives alone (the
 * same cases, facts, unreadable fields, anchors by identity, warnings, tried adapters). So
 * no reader keeps state between steps that another read could disturb. And a page changed
 * between two steps gives a read of neither page: why the content script throws such a
 * read away (test/unit/content/sliced-read.test.ts).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPageSteps, readPageWithAnchors } from '../../../core/pages';
import { generatePage } from '../drills/corpus';
import { Window } from 'happy-dom';
import { FIXTURES, SAVED_PAGE, fixtureHtml, parseHtml } from './load';

type Read = ReturnType<typeof readPageWithAnchors>;

const NOW = Date.parse('2026-11-20T02:00:00Z');
const URLS = [
  'https://myseller.taobao.com/home.htm/trade-platform/refund-list',
  'https://refund2.tmall.com/dispute/sellerDisputeList.htm',
  'https://refund2.taobao.com/dispute/detail.htm?disputeId=1',
  'https://rights.taobao.com/complaint/sellerList.htm',
  SAVED_PAGE,
];

interface Job {
  doc: Document;
  url: string;
  opts: Parameters<typeof readPageWithAnchors>[2];
}

/** Everything a read says but its elements (compared by identity). */
function shape(r: Read) {
  return {
    ...r,
    cases: r.cases.map(({ anchor: _anchor, list, ...c }) => ({
      ...c,
      list: list ? { ...list, header: { ...list.header, row: null } } : null,
    })),
  };
}

/** The anchors and list header rows of a read. */
function elements(r: Read): Element[] {
  return r.cases.flatMap((c) => (c.list ? [c.anchor, c.list.header.row] : [c.anchor]));
}

/** Both jobs read step by step in turn; each result compared with its read at once. Returns the steps taken. */
function compareInTurn(a: Job, b: Job): number {
  const once = [a, b].map((j) => readPageWithAnchors(j.doc, j.url, j.opts));
  const steps = [a, b].map((j) => readPageSteps(j.doc, j.url, j.opts));
  const results: Array<Read | undefined> = [undefined, undefined];
  let taken = 0;
  while (results.some((r) => r === undefined)) {
    for (let k = 0; k < 2; k++) {
      if (results[k]) continue;
      const r = steps[k]!.next();
      taken++;
      if (r.done) results[k] = r.value;
    }
  }
  for (let k = 0; k < 2; k++) {
    expect(shape(results[k]!)).toEqual(shape(once[k]!));
    const [x, y] = [elements(results[k]!), elements(once[k]!)];
    expect(x.length === y.length && x.every((el, i) => el === y[i])).toBe(true);
  }
  return taken;
}

/** Pages parsed by `open` live until `closeAll` (the unit files share a worker: 4,000 open windows would not fit). */
const windows: Window[] = [];
function open(html: string, url: string): Document {
  const window = new Window({ url });
  windows.push(window);
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
async function closeAll(): Promise<void> {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
}

describe('the read in steps = the read at once', () => {
  it('every corpus page (2,016, all layouts), two pages read step by step in turn', async () => {
    let steps = 0;
    for (let i = 0; i < 2016; i += 2) {
      const p = generatePage(20261123 + i);
      const q = generatePage(20261123 + i + 1);
      const url = URLS[i % URLS.length]!;
      steps += compareInTurn(
        { doc: open(p.html, p.url), url: p.url, opts: { now: NOW } },
        // The second page at another URL, with the agent's platform: other adapters and paths.
        { doc: open(q.html, url), url, opts: { now: NOW, fallbackPlatform: 'taobao' } },
      );
      await closeAll();
    }
    expect(steps).toBeGreaterThan(10_000);
  }, 240_000);

  it('every fixture page, at each back-office URL', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(10);
    for (const [i, file] of files.entries()) {
      for (const url of URLS) {
        const other = files[(i + 1) % files.length]!;
        compareInTurn(
          { doc: open(fixtureHtml(file), url), url, opts: { now: NOW } },
          { doc: open(fixtureHtml(other), url), url, opts: { fallbackPlatform: 'tmall' } },
        );
        await closeAll();
      }
    }
  });
});

describe('a page changed between two steps', () => {
  const URL_LIST = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm';
  const page = (reasons: readonly string[], first: number) =>
    '<table><thead><tr><th>退款编号</th><th>退款原因</th><th>退款金额</th></tr></thead><tbody>' +
    reasons.map((r, i) => `<tr><td>${first + i}</td><td>${r}</td><td>¥${10 + i}.00</td></tr>`).join('') +
    '</tbody></table>';

  it('gives a read of neither render: the steps before the change saw one page, those after it another', () => {
    const before = page(['卖家缺货', '拍错了', '不想买了', '卖家缺货', '拍错了', '不想买了'], 3100000000001);
    const after = page(['拍错了', '不想买了', '卖家缺货', '拍错了', '不想买了', '卖家缺货'], 3200000000001);
    const doc = parseHtml(before, URL_LIST);
    const renders = [before, after].map((html) =>
      readPageWithAnchors(parseHtml(html, URL_LIST), URL_LIST).cases.map((c) => c.facts),
    );
    const steps = readPageSteps(doc, URL_LIST);
    for (let i = 0; i < 5; i++) steps.next(); // the scan is under way
    doc.querySelector('tbody')!.outerHTML = after.slice(after.indexOf('<tbody>'), after.indexOf('</table>'));
    let r = steps.next();
    while (!r.done) r = steps.next();
    const mixed = r.value.cases.map((c) => c.facts);
    expect(mixed).not.toEqual(renders[0]);
    expect(mixed).not.toEqual(renders[1]);
  });
});
