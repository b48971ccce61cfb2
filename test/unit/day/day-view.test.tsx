import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { DayView, type DayData } from '../../../components/day-view';
import { LocaleContext, uiMessages, type UiLocale } from '../../../components/i18n';
import { DEFAULT_DEADLINE_KINDS } from '../../../core/day/deadline-kinds';
import { dayFigures } from '../../../core/day/figures';
import type { RecentCase } from '../../../core/store/schema';
import { H, NOW, iso, seedCases, seedLedger } from './seed';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const q = (sel: string) => root.querySelector(sel);
const text = (sel: string) => q(sel)?.textContent ?? null;
const data = (over: Partial<DayData> = {}): DayData => ({
  cases: [],
  ledger: [],
  kinds: DEFAULT_DEADLINE_KINDS,
  retentionDays: 30,
  ...over,
});
const show = (
  d: DayData | null,
  range: 'today' | '7d' | '30d' = '7d',
  handlers: Partial<Parameters<typeof DayView>[0]> = {},
  locale: UiLocale = 'zh-CN',
) =>
  act(() => {
    render(
      <LocaleContext.Provider value={uiMessages(locale)}>
        <DayView
          data={d}
          error={null}
          range={range}
          nowMs={NOW}
          onRange={() => {}}
          onRefresh={() => {}}
          onExport={() => {}}
          {...handlers}
        />
      </LocaleContext.Provider>,
      root,
    );
  });

const one = (over: Partial<RecentCase> = {}): RecentCase => ({
  key: 'tmall:refund:1',
  platform: 'tmall',
  kind: 'refund',
  deadlines: [],
  compensation: { triggered: false, amount: null },
  pack: { id: 'default', version: '1' },
  firstSeenAt: iso(NOW - 2 * H),
  lastSeenAt: iso(NOW - H),
  lastSeenMs: NOW - H,
  ...over,
});

describe('the day page: designed states', () => {
  it('loading, before the store answered', async () => {
    await show(null);
    expect(root.textContent).toContain('正在读取本机记录');
  });

  it('empty: says what will appear and where it is kept; no figures, exports off', async () => {
    await show(data());
    expect(q('[data-testid="day-empty"]')).not.toBeNull();
    expect(text('[data-testid="day-empty"] h2')).toBe('还没有记录');
    expect(text('[data-testid="day-empty"]')).toContain('记录只存在这台电脑上');
    expect(q('[data-testid="day-seen"]')).toBeNull();
    expect((q('[data-testid="export-cases"]') as HTMLButtonElement).disabled).toBe(true);
    expect((q('[data-testid="export-ledger"]') as HTMLButtonElement).disabled).toBe(true);
  });

  it('first day: a banner with the start time, and today’s figures below', async () => {
    await show(data({ cases: [one()] }), '30d');
    expect(text('[data-testid="day-first"] h2')).toBe('今天是记录的第一天');
    expect(text('[data-testid="day-first"]')).toContain('12:30');
    expect(text('[data-testid="day-seen-value"]')).toBe('1');
    expect(q('[data-testid="day-partial"]')).toBeNull();
  });

  it('a range with no case seen, but records elsewhere: said, and the ledger still shown', async () => {
    const old = one({
      firstSeenAt: iso(NOW - 10 * 24 * H),
      lastSeenAt: iso(NOW - 9 * 24 * H),
      lastSeenMs: NOW - 9 * 24 * H,
    });
    await show(
      data({
        cases: [old],
        ledger: [
          { buyer: 'b', amount: 12.5, at: iso(NOW - H), kind: 'platform-payout', confirmedAt: iso(NOW - H) },
        ],
      }),
      'today',
    );
    expect(text('[data-testid="day-none"]')).toBe('这个范围内没有看到案件。');
    expect(text('[data-testid="day-comp-platform-value"]')).toBe('¥12.50');
    expect(text('[data-testid="day-comp-platform"]')).toContain('1 笔');
  });

  it('retention shorter than the range is said', async () => {
    await show(data({ cases: [one({ firstSeenAt: iso(NOW - 3 * 24 * H) })], retentionDays: 7 }), '30d');
    expect(text('[data-testid="day-retention"]')).toContain('只保留 7 天');
    expect(text('[data-testid="day-partial"]')).toContain('记录自');
  });
});

describe('the day page: figures', () => {
  const cases = seedCases(400, 21).map((s) => s.rec);
  const ledger = seedLedger(60, 22).map((e) => e.rec);

  it('tiles and legends show the figures; charts are drawn', async () => {
    await show(data({ cases, ledger }), '30d');
    const f = dayFigures({ cases, ledger, nowMs: NOW, range: '30d' });
    expect(text('[data-testid="day-seen-value"]')).toBe(String(f.seen));
    expect(text('[data-testid="day-new-value"]')).toBe(String(f.newCases));
    expect(text('[data-testid="day-breached-value"]')).toBe(String(f.breachTotal));
    expect(text('[data-testid="outcome-in-window"] strong')).toBe(String(f.outcomes['in-window']));
    expect(text('[data-testid="outcome-intervention"] strong')).toBe(String(f.outcomes.intervention));
    expect(text('[data-testid="day-due-unseen"]')).toContain(String(f.dueUnseen));
    const rows = [...root.querySelectorAll('[data-testid="table-pages"] tr')].map((tr) => tr.textContent);
    expect(rows).toContain(`未记录（旧记录）${f.pages.find((p) => p.key === null)!.count}`);
    // Chartist draws on the next tick.
    await act(() => new Promise((r) => setTimeout(r, 20)));
    for (const id of ['chart-series', 'chart-breaches', 'chart-reasons', 'chart-pages'])
      expect(q(`[data-testid="${id}"] svg`), id).not.toBeNull();
  });

  it('a reason that looks like HTML is text: no element made from it', async () => {
    const hostile = one({ reason: '<img src=x onerror="window.__pwned=1">' });
    await show(data({ cases: [hostile] }), 'today');
    expect(root.querySelector('img')).toBeNull();
    expect(text('[data-testid="table-reasons"]')).toContain('<img src=x');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('English when the agent chose it, switching in place from Chinese', async () => {
    await show(data({ cases: [one()] }), 'today');
    expect(text('h1')).toBe('店铺的一天');
    await show(data({ cases: [one()] }), 'today', {}, 'en');
    expect(text('h1')).toBe("The shop's day");
    expect(text('[data-testid="day-seen"]')).toContain('Cases seen');
    await show(data({ cases: [one()] }), 'today', {}, 'zh-CN');
    expect(text('h1')).toBe('店铺的一天');
  });

  it('the range buttons and exports call back', async () => {
    const onRange = vi.fn();
    const onExport = vi.fn();
    await show(data({ cases: [one()] }), 'today', { onRange, onExport });
    expect(q('[data-testid="range-today"]')!.getAttribute('aria-pressed')).toBe('true');
    await act(() => (q('[data-testid="range-30d"]') as HTMLButtonElement).click());
    await act(() => (q('[data-testid="export-cases"]') as HTMLButtonElement).click());
    expect(onRange).toHaveBeenCalledWith('30d');
    expect(onExport).toHaveBeenCalledWith('cases');
  });
});
