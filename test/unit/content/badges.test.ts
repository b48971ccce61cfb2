import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BADGE_TAG } from '../../../components/countdown-badge';
import { toEpochMs } from '../../../core/time/beijing';
import type { PanelRead } from '../../../core/model/facts';
import type { CaseView } from '../../../protocol/views';
import { BadgeLayer, type BadgeEntry } from '../../../entrypoints/seller.content/badge-layer';
import { badgeModelFor, shortLabel } from '../../../entrypoints/seller.content/badge-model';
import { defaultPackInput } from '../../../core/rules/default-pack';
import { PageLoop, type ReadResult, type PageLoopDeps } from '../../../entrypoints/seller.content/page-loop';
import { isOwnOrTickMutation } from '../../../entrypoints/seller.content/page-watcher';
import { CUE_TAG, CueLine } from '../../../entrypoints/seller.content/cue-line';
import { boundedRead, reportUrl } from '../../../entrypoints/seller.content/reporter';
import { deadline, guidance, read, view } from '../sidepanel/cases';
import { elapse } from '../../helpers/until';

const NOW = toEpochMs('2026-11-20T10:00:00+08:00');
const M = 60_000;
const H = 60 * M;

/** IntersectionObserver under test control: `show(els, true)` makes badges visible. */
class FakeIntersectionObserver {
  static last: FakeIntersectionObserver | null = null;
  readonly observed = new Set<Element>();
  constructor(
    private readonly cb: (entries: Array<{ target: Element; isIntersecting: boolean }>, o: unknown) => void,
  ) {
    FakeIntersectionObserver.last = this;
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
  show(els: Element[], isIntersecting = true) {
    this.cb(
      els.map((target) => ({ target, isIntersecting })),
      this,
    );
  }
}

let ctx: ContentScriptContext;
let clock = NOW;

beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  ctx = new ContentScriptContext('test');
  clock = NOW;
});
afterEach(() => {
  ctx.abort();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('data-as-read-ms');
});

const badges = () => Array.from(document.getElementsByTagName(BADGE_TAG)) as HTMLElement[];
const countdown = (host: Element) => host.shadowRoot!.querySelector('[data-testid="countdown"]')!.textContent;

/** A list page: one <tr> per refund, ids 1001… */
function listPage(ids: string[]): HTMLTableSectionElement {
  document.body.innerHTML =
    '<table><thead><tr><th></th><th>退款编号</th><th>退款原因</th></tr></thead><tbody></tbody></table>';
  const tbody = document.querySelector('tbody')!;
  for (const id of ids) addRow(tbody, id);
  return tbody;
}
const rowsOf = (tbody: Element) => Array.from(tbody.querySelectorAll('tr'));
function addRow(tbody: Element, id: string) {
  const tr = document.createElement('tr');
  tr.dataset.id = id;
  tr.innerHTML = `<td><input type="checkbox"></td><td>${id}</td><td>卖家缺货</td>`;
  tbody.append(tr);
}

function caseFor(id: string, index: number, minutesLeft: number, extra: Partial<PanelRead> = {}): CaseView {
  const due = new Date(NOW + minutesLeft * M + 8 * H).toISOString().slice(0, 19) + '+08:00';
  return view(
    read({ refundId: id, reason: '卖家缺货' }, index, { adapter: 'refund-list', ...extra }),
    guidance({ deadlines: [deadline('seller-response', due)] }),
  );
}

/** Fake page reader over listPage(): one case per row, anchored to the row. */
function fakeDeps(overrides: Partial<PageLoopDeps> = {}) {
  const reads = vi.fn((_root: Document, _url: string): ReadResult => {
    const rows = Array.from(document.querySelectorAll<HTMLElement>('tbody tr'));
    return {
      cases: rows.map((tr, index) => ({
        ...read({ refundId: tr.dataset.id!, reason: '卖家缺货' }, index, { adapter: 'refund-list' }),
        anchor: tr,
      })),
      tried: ['refund-list'],
      errors: [],
    };
  });
  const report = vi.fn(async (d: { url: string; cases: PanelRead[]; append?: boolean }) => ({
    cases: d.cases.map((c) => caseFor(c.facts.refundId!, c.index, 90 + c.index)),
  }));
  const deps: PageLoopDeps = {
    read: reads,
    report,
    focus: vi.fn(),
    now: () => clock,
    debounceMs: 20,
    ...overrides,
  };
  return { deps, reads, report };
}

describe('badge layer: one shared ticker, visible badges only', () => {
  it('uses ONE interval for many badges', () => {
    const setIntervalSpy = vi.spyOn(ctx, 'setInterval');
    const tbody = listPage(Array.from({ length: 50 }, (_, i) => String(1000 + i)));
    const layer = new BadgeLayer(ctx, { now: () => clock });
    const rows = rowsOf(tbody);
    const entries: BadgeEntry[] = rows.map((tr, i) => ({
      slot: `k${i}`,
      anchor: tr,
      model: badgeModelFor(caseFor(String(1000 + i), i, 120), 'zh-CN', clock)!,
    }));
    layer.reconcile(entries);
    layer.reconcile(entries);
    expect(badges()).toHaveLength(50);
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);
  });

  it('mounts the first rows at once and the rest on later tasks', async () => {
    const ids = Array.from({ length: 650 }, (_, i) => String(3000 + i));
    const tbody = listPage(ids);
    const layer = new BadgeLayer(ctx, { now: () => clock });
    const entries: BadgeEntry[] = rowsOf(tbody).map((tr, i) => ({
      slot: ids[i]!,
      anchor: tr,
      model: badgeModelFor(caseFor(ids[i]!, i, 120), 'zh-CN', clock)!,
    }));
    const { mountedNow, done } = layer.reconcile(entries, 120, 200);
    expect(mountedNow).toBe(120);
    expect(badges()).toHaveLength(120);
    expect(badges()[0]!.getAttribute('data-case')).toBe('tmall:refund:3000'); // page order: the top rows first
    await done;
    expect(badges()).toHaveLength(650);
    // a re-read of the same page mounts nothing
    expect(layer.reconcile(entries, 120, 200).mountedNow).toBe(0);
  });

  it('with a time per slice, the later badges go in as many slices as their time needs, each after the page’s turn, in page order', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(5000 + i));
    const tbody = listPage(ids);
    const layer = new BadgeLayer(ctx, { now: () => clock });
    const entries: BadgeEntry[] = rowsOf(tbody).map((tr, i) => ({
      slot: ids[i]!,
      anchor: tr,
      model: badgeModelFor(caseFor(ids[i]!, i, 120), 'zh-CN', clock)!,
    }));
    const counts: number[] = [];
    const turn = vi.fn(async () => void counts.push(badges().length));
    // No time at all per slice: one case each (a slice always gets one done).
    const { mountedNow, done } = layer.reconcileLazy(entries.length, (i) => entries[i]!, [], 10, Infinity, {
      sliceMs: 0,
      yieldToPage: turn,
    });
    expect(mountedNow).toBe(1);
    await done;
    expect(turn).toHaveBeenCalledTimes(29);
    expect(counts).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(badges().map((b) => b.getAttribute('data-case'))).toEqual(ids.map((id) => `tmall:refund:${id}`));
  });

  it('a tick updates only badges on screen, and only when the text changes', () => {
    const tbody = listPage(['1', '2', '3']);
    const layer = new BadgeLayer(ctx, { now: () => clock });
    const rows = rowsOf(tbody);
    // due in 2 h 00 min 45 s
    layer.reconcile(
      rows.map((tr, i) => ({
        slot: `k${i}`,
        anchor: tr,
        model: badgeModelFor(caseFor(String(i + 1), i, 120.75), 'zh-CN', clock)!,
      })),
    );
    const [a, b, c] = badges();
    expect(countdown(a!)).toBe('2时00分');
    FakeIntersectionObserver.last!.show([a!, b!]);
    clock = NOW + 30_000; // same minute shown: nothing to write
    expect(layer.tick()).toBe(0);
    clock = NOW + 61_000;
    expect(layer.tick()).toBe(2);
    expect(countdown(a!)).toBe('1时59分');
    expect(countdown(b!)).toBe('1时59分');
    expect(countdown(c!)).toBe('2时00分'); // off screen: untouched
    FakeIntersectionObserver.last!.show([b!], false);
    FakeIntersectionObserver.last!.show([c!], true); // comes on screen: brought up to date at once
    expect(countdown(c!)).toBe('1时59分');
    clock = NOW + 3 * M + 1000;
    layer.tick();
    expect(countdown(b!)).toBe('1时59分');
    expect(countdown(c!)).toBe('1时57分');
  });

  it('removes every badge when the extension context is invalidated', () => {
    const tbody = listPage(['1']);
    const layer = new BadgeLayer(ctx, { now: () => clock });
    layer.reconcile([
      { slot: 'k', anchor: rowsOf(tbody)[0]!, model: badgeModelFor(caseFor('1', 0, 5), 'zh-CN', clock)! },
    ]);
    expect(badges()).toHaveLength(1);
    ctx.abort();
    expect(badges()).toHaveLength(0);
  });
});

describe('badge models', () => {
  it('counts down to the most urgent seller deadline and marks compensation', () => {
    const v = view(
      read({ refundId: '9', reason: '卖家缺货' }),
      guidance({
        deadlines: [
          deadline('intervention-open', '2026-11-23T10:00:00+08:00'),
          deadline('seller-response', '2026-11-20T08:55:00+08:00'),
          deadline('auto-confirm-receipt', '2026-11-19T10:00:00+08:00', { actor: 'buyer' }),
        ],
        compensation: {
          triggered: true,
          amount: '150.00',
          amountFen: 15000,
          ruleId: 'r',
          explanation: { zh: '赔', en: 'c' },
          contestable: false,
        },
      }),
    );
    // 10:00: the 08:55 reply deadline is past; the next open seller deadline is the headline, the past one a mark
    const m = badgeModelFor(v, 'zh-CN', clock);
    expect(m).toMatchObject({
      kind: 'countdown',
      deadlineId: 'intervention-open',
      label: '介入',
      overdueMark: '已超时·处理',
      compMark: '赔 150.00',
      caseKey: 'tmall:refund:9',
    });
    // with nothing open any more, the badge counts the latest breach
    expect(badgeModelFor(v, 'zh-CN', Date.parse('2026-11-24T10:00:00+08:00'))).toMatchObject({
      deadlineId: 'intervention-open',
      overdueMark: '已超时·处理',
    });
  });

  it('the page’s own countdown is the headline while every computed deadline is past, or nearer', () => {
    const platform = { source: 'platform' as const };
    const v = view(
      read({ refundId: '10', reason: '不想要了' }),
      guidance({
        deadlines: [
          deadline('ship-promise', '2026-11-19T20:00:00+08:00'), // computed, past
          deadline('intervention-open', '2026-11-20T11:00:00+08:00'), // computed, nearer than the platform's
          deadline('seller-response', '2026-11-22T23:00:00+08:00', platform),
        ],
      }),
    );
    const m = badgeModelFor(v, 'zh-CN', clock);
    expect(m).toMatchObject({
      kind: 'countdown',
      deadlineId: 'seller-response',
      label: '处理',
      overdueMark: '已超时·发货',
      compMark: null,
    });
    expect(badgeModelFor(v, 'en', clock)).toMatchObject({ label: 'Reply', overdueMark: 'over: Ship' });
  });

  it('an unreadable amount (待定) keeps the countdown and says the amount is unknown', () => {
    const v = view(
      read({ refundId: '11', reason: '卖家缺货', unreadable: ['paidAmount', 'refundAmount'] }),
      guidance({
        deadlines: [deadline('seller-response', '2026-11-21T10:00:00+08:00')],
        compensation: {
          triggered: true,
          amount: null,
          amountFen: null,
          ruleId: 'r',
          explanation: { zh: '赔', en: 'c' },
          contestable: false,
        },
      }),
    );
    expect(badgeModelFor(v, 'zh-CN', clock)).toMatchObject({
      kind: 'countdown',
      deadlineId: 'seller-response',
      compMark: '赔付·金额待定',
    });
  });

  it('a case whose key fields are unreadable gets the marker instead of a countdown', () => {
    const v = view(
      read({ refundId: '9', reason: '卖家缺货', unreadable: ['paidAmount', 'paidAt'] }),
      guidance({ deadlines: [deadline('seller-response', '2026-11-21T10:00:00+08:00')] }),
    );
    // the payment time decides the ship-by deadline: without it the countdown could be wrong
    expect(badgeModelFor(v, 'zh-CN', clock)).toMatchObject({
      kind: 'unreadable',
      fields: ['paidAmount', 'paidAt'],
      text: '无法读取：实付金额、付款时间',
    });
    expect(badgeModelFor(v, 'en', clock)).toMatchObject({ text: 'Unreadable: Amount paid, Paid at' });
  });
});

describe('content script pass loop', () => {
  it('mounts one badge per row; re-reads are idempotent (no duplicates, same hosts)', async () => {
    const tbody = listPage(['1001', '1002', '1003']);
    const { deps, report } = fakeDeps();
    const s = new PageLoop(ctx, deps);
    await s.pass();
    const first = badges();
    expect(first).toHaveLength(3);
    expect(first.map((b) => b.getAttribute('data-case'))).toEqual([
      'tmall:refund:1001',
      'tmall:refund:1002',
      'tmall:refund:1003',
    ]);
    // in the first cell that shows something (not the checkbox cell)
    expect(first[0]!.parentElement).toBe(rowsOf(tbody)[0]!.querySelectorAll('td')[1]);
    await s.pass();
    await s.pass();
    const again = badges();
    expect(again).toHaveLength(3);
    again.forEach((b, i) => expect(b).toBe(first[i]));
    expect(report).toHaveBeenCalledTimes(1); // same facts: not reported again
    addRow(tbody, '1004');
    rowsOf(tbody)[0]!.remove();
    await s.pass();
    expect(badges().map((b) => b.getAttribute('data-case'))).toEqual([
      'tmall:refund:1002',
      'tmall:refund:1003',
      'tmall:refund:1004',
    ]);
    expect(badges()[0]).toBe(first[1]);
  });

  it('re-reads after a DOM change (debounced), but not after its own badge insertions', async () => {
    const tbody = listPage(['1', '2']);
    const { deps, reads } = fakeDeps();
    const s = new PageLoop(ctx, deps);
    await s.start();
    expect(badges()).toHaveLength(2);
    await elapse(60);
    expect(reads).toHaveBeenCalledTimes(1); // the badges it inserted did not trigger a re-read
    addRow(tbody, '3');
    addRow(tbody, '4');
    await elapse(60);
    expect(reads).toHaveBeenCalledTimes(2); // two changes, one debounced re-read
    expect(badges()).toHaveLength(4);
  });

  it('one change after a quiet period is read at once; a burst is debounced into one more read', async () => {
    const tbody = listPage(['1']);
    // A debounce long enough that a loaded machine's late zero-delay timers stay inside it
    // (with 40 ms, `npm test` on 2 busy cores saw the burst split in two).
    const { deps, reads } = fakeDeps({ debounceMs: 400 });
    await new PageLoop(ctx, deps).start();
    await elapse(450); // quiet
    addRow(tbody, '2');
    await Promise.resolve(); // the MutationObserver's microtask: no timer involved
    expect(reads).toHaveBeenCalledTimes(2);
    await elapse(0);
    addRow(tbody, '3');
    await elapse(0);
    addRow(tbody, '4');
    await elapse(0);
    expect(reads).toHaveBeenCalledTimes(2); // inside the burst: waiting for quiet
    await elapse(500);
    expect(reads).toHaveBeenCalledTimes(3);
    expect(badges()).toHaveLength(4);
  });

  it('a route change with its DOM change is read at once: the DOM change does not push the route’s pass back by the debounce', async () => {
    const tbody = listPage(['1']);
    const { deps, reads } = fakeDeps({ debounceMs: 200 });
    const listen = vi.spyOn(ctx, 'addEventListener');
    await new PageLoop(ctx, deps).start();
    const onRoute = listen.mock.calls.find((c) => c[1] === 'wxt:locationchange')![2] as (e: Event) => void;
    history.pushState({}, '', '/home.htm/trade-platform/refund-list/detail?disputeId=2&type=1');
    onRoute(new Event('wxt:locationchange'));
    addRow(tbody, '2'); // the app renders the new route
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(2), { timeout: 100, interval: 5 });
  });

  it('a page that never stops changing is still read within the max wait', async () => {
    const tbody = listPage(['1']);
    const { deps, reads } = fakeDeps({ debounceMs: 30, maxWaitMs: 80 });
    await new PageLoop(ctx, deps).start();
    await elapse(50);
    let n = 2;
    const ticker = setInterval(() => addRow(tbody, String(n++)), 5);
    try {
      // a change every 5 ms: the debounce alone (30 ms of quiet) would never fire
      await vi.waitFor(() => expect(reads.mock.calls.length).toBeGreaterThanOrEqual(3), {
        timeout: 1000,
        interval: 5,
      });
    } finally {
      clearInterval(ticker);
    }
  });

  it('a ticking platform countdown is not a change', () => {
    const p = document.createElement('p');
    p.textContent = '剩余2天23时7分51秒';
    const text = p.firstChild!;
    expect(isOwnOrTickMutation({ type: 'characterData', target: text } as unknown as MutationRecord)).toBe(
      true,
    );
    for (const ticking of ['05:12:09', '2天23时7分50秒', '51秒']) {
      p.textContent = ticking;
      expect(
        isOwnOrTickMutation({ type: 'characterData', target: p.firstChild! } as unknown as MutationRecord),
      ).toBe(true);
    }
    // a countdown split into elements: the bare number's enclosing text is the countdown
    const timer = document.createElement('span');
    timer.innerHTML = '剩余<em>2</em>天<em>23</em>时<em>7</em>分<em>51</em>秒';
    expect(
      isOwnOrTickMutation({
        type: 'characterData',
        target: timer.querySelectorAll('em')[3]!.firstChild!,
      } as unknown as MutationRecord),
    ).toBe(true);
    // a changed value is a change, even when it is only digits (a recycled row's refund number)
    for (const value of ['卖家缺货', '2026112000009', '500.00']) {
      const cell = document.createElement('td');
      cell.innerHTML = '<a></a>';
      cell.firstChild!.textContent = value;
      expect(
        isOwnOrTickMutation({
          type: 'characterData',
          target: cell.firstChild!.firstChild!,
        } as unknown as MutationRecord),
      ).toBe(false);
    }
  });

  it('re-reads on in-page navigation (wxt:locationchange)', async () => {
    listPage(['1']);
    const { deps, reads } = fakeDeps();
    const listen = vi.spyOn(ctx, 'addEventListener');
    const s = new PageLoop(ctx, deps);
    await s.start();
    expect(reads).toHaveBeenCalledTimes(1);
    const call = listen.mock.calls.find((c) => c[1] === 'wxt:locationchange');
    expect(call?.[0]).toBe(window);
    history.pushState({}, '', '/home.htm/trade-platform/refund-list?page=2');
    (call![2] as (e: Event) => void)(new Event('wxt:locationchange'));
    await elapse(10);
    expect(reads).toHaveBeenCalledTimes(2);
    expect(reads.mock.calls[1]![1]).toContain('page=2');
  });

  it('inserts nothing but one marker when the page cannot be read', async () => {
    document.body.innerHTML = '<div>退款原因：<span></span></div>';
    const { deps, report } = fakeDeps({
      read: () => ({
        cases: [],
        tried: ['refund-detail'],
        errors: [{ adapter: 'refund-detail', message: 'boom' }],
      }),
    });
    const s = new PageLoop(ctx, deps);
    await s.pass();
    const all = badges();
    expect(all).toHaveLength(1);
    expect(all[0]!.hasAttribute('data-unreadable')).toBe(true);
    expect(all[0]!.shadowRoot!.querySelector('[data-testid="countdown"]')).toBeNull();
    expect(report).toHaveBeenCalledWith(
      expect.objectContaining({ cases: [], unreadable: { tried: ['refund-detail'], fields: [] } }),
    );
  });

  it('nothing at all on a page with no case and no error', async () => {
    document.body.innerHTML = '<p>hello</p>';
    const { deps } = fakeDeps({ read: () => ({ cases: [], tried: ['refund-list'], errors: [] }) });
    await new PageLoop(ctx, deps).pass();
    expect(badges()).toHaveLength(0);
  });

  it('a badge click asks the background to focus the case', async () => {
    listPage(['77']);
    const { deps } = fakeDeps();
    await new PageLoop(ctx, deps).pass();
    badges()[0]!.click();
    expect(deps.focus).toHaveBeenCalledWith('tmall:refund:77');
  });

  it('sends more than 300 cases in several reports (the protocol caps one report)', async () => {
    listPage(Array.from({ length: 650 }, (_, i) => String(5000 + i)));
    const { deps, report } = fakeDeps();
    await new PageLoop(ctx, deps).pass();
    expect(report.mock.calls.map((c) => c[0].cases.length)).toEqual([300, 300, 50]);
    // the first report replaces the tab's cases, the later ones add to them
    expect(report.mock.calls.map((c) => c[0].append === true)).toEqual([false, true, true]);
    // all but the last are staged: the worker commits the whole page with the last one
    expect(report.mock.calls.map((c) => (c[0] as { staged?: boolean }).staged === true)).toEqual([
      true,
      true,
      false,
    ]);
    expect(badges()).toHaveLength(650);
  });

  it('a report that fails is retried with a growing wait, with one marker on the page while it fails', async () => {
    listPage(['1', '2']);
    let failures = 2;
    const { deps, report } = fakeDeps();
    const answer = report.getMockImplementation()!;
    report.mockImplementation(async (d) => {
      if (failures-- > 0) throw new Error('The message channel closed before a response was received');
      return answer(d);
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = new PageLoop(ctx, { ...deps, retryMs: [20, 40] });
    await s.start();
    // failed: no countdown, one marker saying so
    expect(badges()).toHaveLength(1);
    expect(badges()[0]!.hasAttribute('data-unreadable')).toBe(true);
    expect(badges()[0]!.shadowRoot!.textContent).toContain('售后哨兵暂时无法计算本页，正在重试');
    await vi.waitFor(() => expect(report).toHaveBeenCalledTimes(2), { timeout: 1000, interval: 5 });
    expect(badges()[0]!.hasAttribute('data-unreadable')).toBe(true);
    await vi.waitFor(
      () => expect(badges().filter((b) => !b.hasAttribute('data-unreadable'))).toHaveLength(2),
      { timeout: 1000, interval: 5 },
    );
    expect(report).toHaveBeenCalledTimes(3);
    expect(badges()).toHaveLength(2);
  });

  it('the worker’s settingsChanged (a pack or settings change) reports the unchanged page again and shows the fresh badges', async () => {
    listPage(['1']);
    const { deps, report } = fakeDeps();
    const s = new PageLoop(ctx, deps);
    await s.start();
    expect(badges()[0]!.shadowRoot!.textContent).not.toContain('赔');
    // the new pack: compensation for this reason
    report.mockImplementation(async (d) => ({
      cases: d.cases.map((c) => {
        const v = caseFor(c.facts.refundId!, c.index, 90);
        return {
          ...v,
          guidance: {
            ...v.guidance,
            compensation: { ...v.guidance.compensation, triggered: true, amount: '150.00' },
          },
        };
      }),
    }));
    s.settingsChanged();
    await vi.waitFor(() => expect(report).toHaveBeenCalledTimes(2), { timeout: 1000, interval: 5 });
    await vi.waitFor(() => expect(badges()[0]!.shadowRoot!.textContent).toContain('赔 150.00'), {
      timeout: 1000,
      interval: 5,
    });
  });

  it('keeps every report within what the worker accepts: long values unreadable, big reports split, long URLs cut', async () => {
    expect(boundedRead(read({ refundId: '1', reason: '啊'.repeat(10_000), paidAmount: 5 })).facts).toEqual({
      refundId: '1',
      paidAmount: 5,
      unreadable: ['reason'],
    });
    expect(boundedRead(read({ refundId: '1', reason: '啊'.repeat(10_000) })).unreadable).toEqual(['reason']);
    const ok = read({ refundId: '2', reason: '卖家缺货' });
    expect(boundedRead(ok)).toBe(ok);
    expect(
      reportUrl('https://myseller.taobao.com/home.htm/trade-platform/refund-list?x=' + 'a'.repeat(5000)),
    ).toBe('https://myseller.taobao.com/home.htm/trade-platform/refund-list');
    // 300 rows (one report's count) whose values are each just under the cap: ~1.2 M characters in all
    listPage(Array.from({ length: 300 }, (_, i) => String(7000 + i)));
    const long = (c: string, i: number) => c.repeat(990) + i;
    const { deps, report } = fakeDeps({
      read: () => ({
        cases: rowsOf(document.querySelector('tbody')!).map((tr, index) => ({
          ...read(
            {
              refundId: tr.dataset.id!,
              reason: long('卖', index),
              refundStatus: long('待', index),
              activity: long('活', index),
              buyer: long('买', index),
            },
            index,
          ),
          anchor: tr,
        })),
        tried: [],
        errors: [],
      }),
    });
    await new PageLoop(ctx, deps).pass();
    expect(report.mock.calls.length).toBeGreaterThanOrEqual(2);
    for (const [d] of report.mock.calls) expect(JSON.stringify(d).length).toBeLessThan(1_000_000);
    expect(report.mock.calls.flatMap(([d]) => d.cases.map((c) => c.facts.refundId))).toEqual(
      Array.from({ length: 300 }, (_, i) => String(7000 + i)),
    );
  });

  it('records the pass measurements on <html> for the bench', async () => {
    listPage(['1', '2']);
    const { deps } = fakeDeps();
    await new PageLoop(ctx, deps).pass();
    const el = document.documentElement;
    for (const name of ['read-ms', 'mount-ms', 'mount-all-ms', 'total-ms', 'report-ms'])
      expect(Number.isFinite(Number(el.getAttribute(`data-as-${name}`)))).toBe(true);
    expect(el.dataset.asBadges).toBe('2');
    expect(el.dataset.asReadMs).toBe(el.getAttribute('data-as-read-ms'));
  });

  it('does nothing once the extension context is invalid', async () => {
    listPage(['1']);
    const { deps, reads } = fakeDeps();
    const s = new PageLoop(ctx, deps);
    ctx.abort();
    await s.pass();
    expect(reads).not.toHaveBeenCalled();
    expect(badges()).toHaveLength(0);
  });
});

describe('short deadline labels', () => {
  it('every deadline of the default pack has a two-character badge label in zh (and one in en)', () => {
    const ids = new Set(
      (defaultPackInput.rules.filter((r) => r.type === 'timer') as Array<{ deadlineId: string }>).map(
        (r) => r.deadlineId,
      ),
    );
    for (const id of ids) {
      expect(shortLabel(id, 'zh-CN'), id).toMatch(/^\p{Script=Han}{2}$/u);
      expect(shortLabel(id, 'en'), id).not.toBe('');
    }
  });
});

describe('a keyboard command’s cue on the page', () => {
  it('scrolls the case’s badge into view and marks it for a moment; a case without a badge here is left alone', async () => {
    const tbody = listPage(['1001', '1002', '1003']);
    const layer = new BadgeLayer(ctx, { now: () => clock });
    layer.reconcile(
      rowsOf(tbody).map((tr, i) => ({
        slot: `k${i}`,
        anchor: tr,
        model: badgeModelFor(caseFor(String(1001 + i), i, 120), 'zh-CN', clock)!,
      })),
    );
    const scrolled: Element[] = [];
    vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
      scrolled.push(this);
    });
    expect(layer.cue('k2', 30)).toBe(true);
    const host = badges()[2]!;
    expect(scrolled).toEqual([host]);
    expect(host.hasAttribute('data-cue')).toBe(true);
    expect(layer.cue('elsewhere')).toBe(false);
    await vi.waitFor(() => expect(host.hasAttribute('data-cue')).toBe(false));
    // the mark is our badge's own attribute: no re-read of the page for it
    expect(isOwnOrTickMutation({ type: 'attributes', target: host } as unknown as MutationRecord)).toBe(true);
  });

  it('says the line as text in its own shadow root, replaces the previous one, and goes away', async () => {
    const line = new CueLine(ctx, document, 40);
    line.show('已复制回复「<b>缺货致歉</b>」（退款编号 1001）');
    const hosts = document.getElementsByTagName(CUE_TAG);
    const status = hosts[0]!.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('已复制回复「<b>缺货致歉</b>」（退款编号 1001）');
    expect(status.querySelector('b')).toBeNull();
    line.show('最紧急的售后：退款编号 1002');
    expect(hosts).toHaveLength(1);
    expect(status.textContent).toBe('最紧急的售后：退款编号 1002');
    expect(
      isOwnOrTickMutation({
        type: 'childList',
        target: document.body,
        addedNodes: [hosts[0]],
        removedNodes: [],
      } as unknown as MutationRecord),
    ).toBe(true);
    await vi.waitFor(() => expect(document.getElementsByTagName(CUE_TAG)).toHaveLength(0));
  });
});
