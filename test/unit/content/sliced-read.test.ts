import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readPageSteps, readPageWithAnchors, rereadRows, type ListSource } from '../../../core/pages';
import { BADGE_TAG } from '../../../components/countdown-badge';
import type { Facts, PanelRead } from '../../../core/model/facts';
import { caseKey } from '../../../protocol/limits';
import { PageLoop } from '../../../entrypoints/seller.content/page-loop';
import { deadline, guidance, view } from '../sidepanel/cases';
import { parseHtml } from '../pages/load';
import { elapse, until } from '../../helpers/until';

/**
 * The content script reads a page in slices, giving the page its turn in between
 * (page-loop.ts readPage, slices.ts). The page may change in between: a read whose slices
 * saw two renders must never be reported — what the worker gets is always a read of one
 * render — and the page is read again. Here every slice is one step (sliceMs 0) and the
 * page's turn between two slices is under the test's control.
 */
const URL_LIST = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1';
const HEAD = ['退款编号', '退款原因', '实付金额', '申请时间', '退款状态'];
const REASONS = ['卖家缺货', '拍错了', '不想买了', '未按约定时间发货'];

/** A list of `n` refunds, ids from `first`, reasons rotated by `shift`; a ticking countdown in each state cell. */
function listHtml(n: number, first: number, shift: number): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const cells = [
      String(first + i),
      REASONS[(i + shift) % REASONS.length]!,
      `${(i + 1) * 10}.00`,
      '2026-11-19 12:00:00',
      '等待商家处理 <span class="left">剩余1天2时3分</span>',
    ];
    return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  return `<table><thead><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The facts a read of `html` finds, alone (another document). */
function factsOf(html: string): Facts[] {
  return readPageWithAnchors(parseHtml(`<html><body>${html}</body></html>`, URL_LIST), URL_LIST).cases.map(
    (c) => c.facts,
  );
}

type Report = { url: string; cases: PanelRead[]; append?: boolean; remove?: string[] };

function fakeWorker() {
  let tab: Map<string, PanelRead> | null = null;
  const reports: Report[] = [];
  const report = vi.fn(async (d: Report) => {
    reports.push(d);
    if (d.append && !tab) return { cases: [], resync: true };
    if (!d.append) tab = new Map();
    for (const key of d.remove ?? []) tab!.delete(key);
    for (const r of d.cases) tab!.set(caseKey(r), r);
    return {
      cases: d.cases.map((r) =>
        view(r, guidance({ deadlines: [deadline('seller-response', '2026-11-21T12:00:00+08:00')] })),
      ),
    };
  });
  return { report, reports, cases: () => tab };
}

let ctx: ContentScriptContext;
beforeEach(() => {
  ctx = new ContentScriptContext('test');
  history.replaceState({}, '', '/');
});
afterEach(() => {
  ctx.abort();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

/**
 * A content script over `document` with the real reader, one step per slice; `pageTurn(n)`
 * runs as the page's task before the n-th slice after the first (1, 2, …).
 */
function start(worker: ReturnType<typeof fakeWorker>, pageTurn: (n: number) => void = () => {}) {
  const reads = { inSteps: 0, atOnce: 0 };
  let turns = 0;
  const loop = new PageLoop(ctx, {
    read: (root) => {
      reads.atOnce++;
      return readPageWithAnchors(root, URL_LIST);
    },
    readSteps: (root) => {
      reads.inSteps++;
      return readPageSteps(root, URL_LIST);
    },
    reread: (list, rows) => rereadRows(list as ListSource, rows, URL_LIST),
    report: worker.report,
    focus: () => {},
    debounceMs: 5,
    sliceMs: 0,
    firstPassIdleMs: 0,
    yieldToPage: () =>
      new Promise((resolve) =>
        setTimeout(() => {
          pageTurn(++turns);
          resolve();
        }, 0),
      ),
    now: () => Date.parse('2026-11-20T02:00:00Z'),
  });
  return { loop, reads };
}

/** Until neither the pass count nor the badges have moved for 40 ms. */
async function settle() {
  let last = '';
  for (let i = 0, still = 0; i < 300 && still < 4; i++) {
    await elapse(10);
    const now = `${document.documentElement.getAttribute('data-as-passes')}/${document.getElementsByTagName(BADGE_TAG).length}`;
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** Each case row holds exactly its own badge, and the worker holds exactly what a whole read finds. */
function expectWhole(worker: ReturnType<typeof fakeWorker>) {
  const whole = readPageWithAnchors(document, URL_LIST).cases;
  expect([...worker.cases()!.keys()].sort()).toEqual(whole.map((c) => caseKey(c)).sort());
  for (const c of whole) {
    expect(worker.cases()!.get(caseKey(c))!.facts).toEqual(c.facts);
    const badges = Array.from(c.anchor.getElementsByTagName(BADGE_TAG));
    expect(badges.map((b) => b.getAttribute('data-case'))).toEqual([caseKey(c)]);
  }
  expect(document.getElementsByTagName(BADGE_TAG)).toHaveLength(whole.length);
}

describe('a read spread over slices', () => {
  it('the page re-rendered between two slices: that read is thrown away, the new render is read again, and only whole renders are ever reported', async () => {
    const first = listHtml(12, 3100000000001, 0);
    const second = listHtml(12, 3200000000001, 1);
    document.body.innerHTML = first;
    const worker = fakeWorker();
    // Before the 6th slice (the scan is half way down the rows): the app renders other cases.
    const { loop, reads } = start(worker, (n) => {
      if (n === 6) document.body.innerHTML = second;
    });
    await loop.start();
    await settle();
    expect(reads).toEqual({ inSteps: 1, atOnce: 1 }); // one read thrown away, one read at once
    const renders = [factsOf(first), factsOf(second)];
    expect(worker.reports.length).toBeGreaterThan(0);
    for (const r of worker.reports) expect(renders).toContainEqual(r.cases.map((c) => c.facts));
    expect(worker.reports.at(-1)!.cases.map((c) => c.facts)).toEqual(renders[1]);
    expectWhole(worker);
  });

  it('one case edited between two slices (a new reason in its row): never reported half old, half new', async () => {
    document.body.innerHTML = listHtml(10, 3100000000001, 0);
    const worker = fakeWorker();
    const { loop, reads } = start(worker, (n) => {
      if (n === 4) document.querySelectorAll('tbody tr')[8]!.children[1]!.textContent = '商品破损';
    });
    await loop.start();
    await settle();
    expect(reads).toEqual({ inSteps: 1, atOnce: 1 });
    expect(worker.reports).toHaveLength(1);
    expect(worker.reports[0]!.cases[8]!.facts.reason).toBe('商品破损');
    expectWhole(worker);
  });

  it('a platform countdown ticking between two slices is no change: the read goes on (as a tick after a read calls for none)', async () => {
    const before = listHtml(10, 3100000000001, 0);
    document.body.innerHTML = before;
    const worker = fakeWorker();
    const { loop, reads } = start(worker, (n) => {
      if (n === 4) document.querySelector('.left')!.firstChild!.textContent = '剩余1天2时2分';
    });
    await loop.start();
    await settle();
    expect(reads).toEqual({ inSteps: 1, atOnce: 0 });
    expect(worker.reports).toHaveLength(1);
    // The first row's countdown as it was, or as it ticked: both were true.
    const renders = [factsOf(before), factsOf(before.replace('剩余1天2时3分', '剩余1天2时2分'))];
    expect(renders).toContainEqual(worker.reports[0]!.cases.map((c) => c.facts));
    expect(document.getElementsByTagName(BADGE_TAG)).toHaveLength(10);
  });

  it('a page that changes before every slice is still read: after a thrown-away read, the next is done at once', async () => {
    document.body.innerHTML = listHtml(10, 3100000000001, 0);
    const worker = fakeWorker();
    // The app keeps editing one row's reason (for its first 30 turns, while its list is there).
    const { loop, reads } = start(worker, (n) => {
      const row = document.querySelectorAll('tbody tr')[9];
      if (n <= 30 && row) row.children[1]!.textContent = REASONS[n % REASONS.length]!;
    });
    await loop.start();
    await settle();
    // Under load 40 quiet ms (settle) can fall between two edits' passes: then the wait goes
    // on until the last edit's pass has painted.
    await until(() => {
      expect(reads.atOnce).toBeGreaterThanOrEqual(1);
      expect(worker.reports.length).toBeGreaterThan(0);
      expectWhole(worker);
    }, 10_000);
  });

  it('the first pass waits for the page to be idle; a change before that starts it, and the idle callback adds no second read', async () => {
    const idle: Array<() => void> = [];
    vi.stubGlobal('requestIdleCallback', (cb: () => void) => idle.push(cb));
    document.body.innerHTML = listHtml(3, 3100000000001, 0);
    const worker = fakeWorker();
    const { loop, reads } = start(worker);
    const started = loop.start();
    await elapse(20);
    expect(reads).toEqual({ inSteps: 0, atOnce: 0 }); // not idle yet
    document
      .querySelector('tbody')!
      .insertAdjacentHTML(
        'beforeend',
        '<tr><td>3100000000099</td><td>拍错了</td><td>5.00</td><td>2026-11-19 12:00:00</td><td>等待商家处理</td></tr>',
      );
    await settle();
    expect(reads).toEqual({ inSteps: 1, atOnce: 0 });
    idle.forEach((cb) => cb());
    await started;
    await settle();
    expect(reads).toEqual({ inSteps: 1, atOnce: 0 });
    expect(worker.reports).toHaveLength(1);
    expectWhole(worker);
  });
});
