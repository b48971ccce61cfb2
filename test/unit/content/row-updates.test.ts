import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readPageWithAnchors, rereadRows, type ListSource } from '../../../core/pages';
import { BADGE_TAG } from '../../../components/countdown-badge';
import type { PanelRead } from '../../../core/model/facts';
import { caseKey } from '../../../protocol/limits';
import { PageLoop } from '../../../entrypoints/seller.content/page-loop';
import { deadline, guidance, view } from '../sidepanel/cases';
import { elapse } from '../../helpers/until';

/**
 * A list page changes row by row (a new refund arrives at the top, a row is re-rendered, a
 * case leaves the list): the content script reads, reports and badges only those rows. What
 * the agent relies on is that the result is the same as reading the whole page again: the
 * worker ends up with exactly the cases a whole read finds, each row has exactly its own
 * badge, and changes the rows cannot account for still make a whole read.
 */
const URL_LIST = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1';
const HEAD = ['退款编号', '订单编号', '退款原因', '实付金额', '申请时间', '退款状态'];
const REASONS = ['卖家缺货', '拍错了', '不想买了', '未按约定时间发货'];

function cellsFor(id: string, reason: string, paid: string): string[] {
  return [id, `4${id}`, reason, paid, '2026-11-19 12:00:00', '等待商家处理'];
}
function row(id: string, reason: string, paid: string): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const v of cellsFor(id, reason, paid)) {
    const td = document.createElement('td');
    td.textContent = v;
    tr.append(td);
  }
  return tr;
}
/** The body rows (happy-dom has no `tbody.rows`). */
const rowsOf = (tbody: HTMLTableSectionElement) =>
  Array.from(tbody.querySelectorAll<HTMLTableRowElement>(':scope > tr'));
const cellsOf = (tr: HTMLTableRowElement) =>
  Array.from(tr.querySelectorAll<HTMLTableCellElement>(':scope > td'));

function page(n: number): HTMLTableSectionElement {
  document.body.innerHTML = `<h2>退款管理</h2><div class="bar">共 ${n} 条</div><table><thead><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody></tbody></table>`;
  const tbody = document.querySelector('tbody')!;
  for (let i = 0; i < n; i++)
    tbody.append(row(String(2026112000100 + i), REASONS[i % REASONS.length]!, `${(i + 1) * 10}.00`));
  return tbody;
}

type Report = { url: string; cases: PanelRead[]; append?: boolean; remove?: string[] };

/** The worker's side of reportPage as messaging.ts documents it: replace, or patch (append + remove); resync when it has nothing to patch. */
function fakeWorker() {
  let tab: Map<string, PanelRead> | null = null;
  const report = vi.fn(async (d: Report) => {
    if (d.append && !tab) return { cases: [], resync: true };
    if (!d.append) tab = new Map();
    for (const key of d.remove ?? []) tab!.delete(key);
    const answered = [];
    for (const r of d.cases) {
      const key = caseKey(r);
      tab!.set(key, r);
      answered.push(
        view(r, guidance({ deadlines: [deadline('seller-response', '2026-11-21T12:00:00+08:00')] })),
      );
    }
    return { cases: answered };
  });
  return { report, cases: () => tab, forget: () => (tab = null) };
}

let ctx: ContentScriptContext;
beforeEach(() => {
  ctx = new ContentScriptContext('test');
  history.replaceState({}, '', '/');
});
afterEach(() => {
  ctx.abort();
  document.body.innerHTML = '';
});

function start(worker: ReturnType<typeof fakeWorker>) {
  const s = new PageLoop(ctx, {
    read: (root) => readPageWithAnchors(root, URL_LIST),
    reread: (list, rows) => rereadRows(list as ListSource, rows, URL_LIST),
    report: worker.report,
    focus: () => {},
    debounceMs: 5,
    now: () => Date.parse('2026-11-20T02:00:00Z'),
  });
  return s;
}

/**
 * Let the observer fire and every pass (and badge slice) finish: until neither the pass
 * count nor the badges on the page have moved for 40 ms.
 */
async function settle() {
  let last: string | null = null;
  let still = 0;
  for (let i = 0; i < 200 && still < 4; i++) {
    await elapse(10);
    const now = `${document.documentElement.getAttribute('data-as-passes')}/${document.getElementsByTagName(BADGE_TAG).length}`;
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** The worker holds what a whole read finds; each case row holds exactly its own badge. */
function expectSameAsWholeRead(worker: ReturnType<typeof fakeWorker>) {
  const whole = readPageWithAnchors(document, URL_LIST).cases;
  const held = worker.cases()!;
  const want = new Map(whole.map((c) => [caseKey(c), c]));
  expect([...held.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [key, c] of want) {
    expect(held.get(key)!.facts).toEqual(c.facts);
    expect(held.get(key)!.kind).toBe(c.kind);
    expect(held.get(key)!.unreadable).toEqual(c.unreadable);
  }
  const hosts = Array.from(document.getElementsByTagName(BADGE_TAG));
  expect(hosts).toHaveLength(whole.length);
  for (const c of whole) {
    const inRow = Array.from(c.anchor.getElementsByTagName(BADGE_TAG));
    expect(inRow.map((b) => b.getAttribute('data-case'))).toEqual([caseKey(c)]);
  }
}

describe('a list page that changes row by row', () => {
  it('a new row at the top: only that row is read, reported (as a patch) and badged', async () => {
    const tbody = page(40);
    const worker = fakeWorker();
    const s = start(worker);
    await s.start();
    await settle();
    expect(worker.report).toHaveBeenCalledTimes(1);
    expect(worker.report.mock.calls[0]![0].cases).toHaveLength(40);
    const before = Array.from(document.getElementsByTagName(BADGE_TAG));

    tbody.prepend(row('2026112000999', '卖家缺货', '500.00'));
    await settle();
    expect(worker.report).toHaveBeenCalledTimes(2);
    const patch = worker.report.mock.calls[1]![0];
    expect(patch.append).toBe(true);
    expect(patch.cases.map((c) => [c.facts.refundId, c.facts.reason, c.facts.paidAmount, c.index])).toEqual([
      ['2026112000999', '卖家缺货', 500, 0],
    ]);
    expect(patch.remove).toEqual([]);
    expect(document.documentElement.getAttribute('data-as-rows')).toBe('1');
    // the 40 badges already there were not touched
    for (const b of before) expect(b.isConnected).toBe(true);
    expectSameAsWholeRead(worker);
  });

  it('an edited row is re-reported; a removed row leaves the worker and takes its badge along', async () => {
    const tbody = page(12);
    const worker = fakeWorker();
    await start(worker).start();
    await settle();

    const third = rowsOf(tbody)[2]!;
    cellsOf(third)[2]!.textContent = '卖家缺货';
    cellsOf(third)[3]!.textContent = '待定'; // an amount the page does not give: unreadable, not guessed
    await settle();
    const edit = worker.report.mock.calls.at(-1)![0];
    expect(edit.append).toBe(true);
    expect(edit.cases).toHaveLength(1);
    expect(edit.cases[0]!.facts.reason).toBe('卖家缺货');
    expect(edit.cases[0]!.unreadable).toEqual(['paidAmount']);
    expectSameAsWholeRead(worker);

    const gone = caseKey(edit.cases[0]!);
    third.remove();
    await settle();
    const removal = worker.report.mock.calls.at(-1)![0];
    expect(removal).toMatchObject({ append: true, cases: [], remove: [gone] });
    expect(document.querySelector(`${BADGE_TAG}[data-case="${gone}"]`)).toBeNull();
    expectSameAsWholeRead(worker);
  });

  it('a seeded run of inserts, edits, id changes and removals always ends where a whole read does', async () => {
    const tbody = page(30);
    const worker = fakeWorker();
    await start(worker).start();
    await settle();
    let seed = 20261123;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let next = 2026112005000;
    for (let step = 0; step < 40; step++) {
      const rows = rowsOf(tbody);
      const at = rnd(rows.length);
      switch (rnd(5)) {
        case 0:
          tbody.insertBefore(row(String(next++), REASONS[rnd(4)]!, `${rnd(900) + 1}.50`), rows[at] ?? null);
          break;
        case 1:
          if (rows.length > 5) rows[at]!.remove();
          break;
        case 2:
          cellsOf(rows[at]!)[2]!.textContent = REASONS[rnd(4)]!;
          break;
        case 3: // re-rendered: the row's cells replaced wholesale, with a new id
          rows[at]!.replaceChildren(...cellsOf(row(String(next++), REASONS[rnd(4)]!, '66.00')));
          break;
        default: // two changes in one go
          cellsOf(rows[at]!)[3]!.textContent = `${rnd(500)}.00`;
          tbody.append(row(String(next++), '拍错了', '1.00'));
      }
      await settle();
      expectSameAsWholeRead(worker);
    }
    // row by row throughout: one whole report at the start only
    expect(worker.report.mock.calls.filter((c) => !c[0].append)).toHaveLength(1);
  });

  it('changes the rows cannot account for make a whole read: a duplicate id, a header edit, text outside the list', async () => {
    const tbody = page(8);
    const worker = fakeWorker();
    await start(worker).start();
    await settle();
    const wholeReports = () => worker.report.mock.calls.filter((c) => !c[0].append).length;

    tbody.append(row(cellsOf(rowsOf(tbody)[0]!)[0]!.textContent, '拍错了', '9.00')); // same 退款编号 twice
    await settle();
    expect(wholeReports()).toBe(2);

    rowsOf(tbody)[8]!.remove(); // while a key is on two rows, every change reads the whole page
    await settle();
    expect(wholeReports()).toBe(3);
    document.querySelector('thead th:nth-child(3)')!.textContent = '售后原因'; // the column now says 售后
    await settle();
    expect(wholeReports()).toBe(4);
    expect(worker.report.mock.calls.at(-1)![0].cases.every((c) => c.kind === 'aftersale')).toBe(true);

    document.querySelector('.bar')!.textContent = '共 9 条'; // outside the list: the page is read whole (nothing changed, no report)
    await settle();
    expect(wholeReports()).toBe(4);
    expectSameAsWholeRead(worker);
  });

  it('a list re-rendered wholesale (the next page of results in place) is read and reported whole, in reports the worker accepts', async () => {
    const tbody = page(400);
    const worker = fakeWorker();
    await start(worker).start();
    await settle();
    const before = worker.report.mock.calls.length;
    tbody.replaceChildren(
      ...Array.from({ length: 400 }, (_, i) =>
        row(String(2026112009000 + i), REASONS[(i + 1) % REASONS.length]!, '5.00'),
      ),
    );
    await settle();
    const calls = worker.report.mock.calls.slice(before).map((c) => c[0]);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls[0]!.append).toBeFalsy(); // a whole report: the first part replaces the tab's cases
    for (const c of calls) expect(c.cases.length).toBeLessThanOrEqual(300);
    expect(document.documentElement.getAttribute('data-as-rows')).toBe('0');
    expectSameAsWholeRead(worker);
  });

  it('a row patch the worker refuses is followed at once by a whole read', async () => {
    const tbody = page(6);
    const worker = fakeWorker();
    await start(worker).start();
    await settle();
    const real = worker.report.getMockImplementation()!;
    worker.report.mockImplementationOnce(async () => {
      throw new Error('reportPage: invalid payload');
    });
    tbody.prepend(row('2026112000555', '卖家缺货', '20.00'));
    await settle();
    worker.report.mockImplementation(real);
    const calls = worker.report.mock.calls.map((c) => ({ append: !!c[0].append, n: c[0].cases.length }));
    expect(calls.slice(-2)).toEqual([
      { append: true, n: 1 },
      { append: false, n: 7 },
    ]);
    expectSameAsWholeRead(worker);
  });

  it('when the worker has lost the tab, a row patch turns into a whole report', async () => {
    const tbody = page(5);
    const worker = fakeWorker();
    await start(worker).start();
    await settle();
    worker.forget();
    tbody.prepend(row('2026112000777', '卖家缺货', '20.00'));
    await settle();
    const calls = worker.report.mock.calls.map((c) => ({ append: !!c[0].append, n: c[0].cases.length }));
    expect(calls.slice(-2)).toEqual([
      { append: true, n: 1 },
      { append: false, n: 6 },
    ]);
    expectSameAsWholeRead(worker);
  });
});
