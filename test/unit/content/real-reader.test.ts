import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readPageWithAnchors } from '../../../core/pages';
import { BADGE_TAG } from '../../../components/countdown-badge';
import type { PanelRead } from '../../../core/model/facts';
import { PageLoop } from '../../../entrypoints/seller.content/page-loop';
import { deadline, guidance, view } from '../sidepanel/cases';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { servedAt } from '../../fixtures/clock';

/**
 * The content-script loop with the REAL page readers (core/pages) on a list page laid out as
 * panel-fields.md describes (a header row of labels, one case per row); the background is
 * faked (each case gets one deadline and, for 卖家缺货, a compensation of 30 %).
 */
const URL_LIST = 'https://refund2.tmall.com/dispute/sellerDisputeList.htm?type=1';

const HEAD = ['退款编号', '订单编号', '退款原因', '实付金额', '申请时间'];
function row(id: string, reason: string, paid: string) {
  const tr = document.createElement('tr');
  for (const v of [id, `4${id}`, reason, paid, '2026-11-19 12:00:00']) {
    const td = document.createElement('td');
    td.textContent = v; // hostile text stays text
    tr.append(td);
  }
  return tr;
}
function page(rows: Array<[string, string, string]>) {
  document.body.innerHTML = `<h2>退款管理</h2><table><thead><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody></tbody></table>`;
  const tbody = document.querySelector('tbody')!;
  for (const r of rows) tbody.append(row(...r));
  return tbody;
}

function fakeBackground() {
  return vi.fn(async (d: { url: string; cases: PanelRead[] }) => ({
    cases: d.cases.map((r) => {
      const paidFen = Math.round((r.facts.paidAmount ?? 0) * 100);
      const triggered = r.facts.reason === '卖家缺货';
      const amountFen = Math.floor((paidFen * 3000 + 5000) / 10000);
      return view(
        r,
        guidance({
          deadlines: [deadline('seller-response', '2026-11-21T12:00:00+08:00')],
          compensation: {
            triggered,
            amount: triggered
              ? `${Math.floor(amountFen / 100)}.${String(amountFen % 100).padStart(2, '0')}`
              : null,
            amountFen: triggered ? amountFen : null,
            ruleId: triggered ? 'comp' : null,
            explanation: { zh: 'x', en: 'x' },
            contestable: false,
          },
        }),
      );
    }),
  }));
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

const badges = () => Array.from(document.getElementsByTagName(BADGE_TAG));

describe('content script with the real page readers', () => {
  it('one badge per list row, comp mark with the seed amount (500.00 × 30 % = 150.00), stable across re-reads', async () => {
    const tbody = page([
      ['2026112000001', '卖家缺货', '¥500.00'],
      ['2026112000002', '拍错了', '88.00'],
      ['2026112000003', '<img src=x onerror="window.__pwned=1">', '12.50'],
    ]);
    const report = fakeBackground();
    const s = new PageLoop(ctx, {
      read: (root) => readPageWithAnchors(root, URL_LIST),
      report,
      focus: () => {},
      now: () => Date.parse('2026-11-20T02:00:00Z'),
    });
    await s.pass();
    const first = badges();
    expect(first.map((b) => b.getAttribute('data-case'))).toEqual([
      'tmall:refund:2026112000001',
      'tmall:refund:2026112000002',
      'tmall:refund:2026112000003',
    ]);
    const sent = report.mock.calls[0]![0].cases;
    expect(sent.map((c) => c.facts.paidAmount)).toEqual([500, 88, 12.5]);
    expect(sent[2]!.facts.reason).toBe('<img src=x onerror="window.__pwned=1">');
    expect(first[0]!.shadowRoot!.querySelector('[data-testid="comp-mark"]')!.textContent).toBe('赔 150.00');
    expect(first[1]!.shadowRoot!.querySelector('[data-testid="comp-mark"]')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(first[0]!.shadowRoot!.querySelector('[data-testid="countdown"]')!.textContent).toBe('1天02时');

    // the badges inside the rows do not change what the reader sees
    await s.pass();
    expect(report).toHaveBeenCalledTimes(1);
    expect(badges()).toEqual(first);

    tbody.append(row('2026112000004', '卖家缺货', '100.00'));
    await s.pass();
    expect(report).toHaveBeenCalledTimes(2);
    expect(report.mock.calls[1]![0].cases).toHaveLength(4);
    expect(badges()).toHaveLength(4);
    expect(badges().slice(0, 3)).toEqual(first);
    expect(badges()[3]!.shadowRoot!.querySelector('[data-testid="comp-mark"]')!.textContent).toBe('赔 30.00');
  });
});

describe('a workbench page that does not say 天猫 or 淘宝', () => {
  const QN_DETAIL =
    'https://qn.taobao.com/home.htm/trade-platform/refund-list/detail?disputeId=202611210455&type=3&spm=a1z0k.1';

  it('reports the cases as waiting (no verdict), and reads them with the agent’s answer once the worker says the settings changed', async () => {
    const file = join(
      dirname(fileURLToPath(import.meta.url)),
      '../../fixtures/pages/workbench-detail-qn.html',
    );
    const html = servedAt(readFileSync(file, 'utf8'), Date.now()).html;
    document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
    const report = fakeBackground();
    let answers: Record<string, 'tmall' | 'taobao'> = {};
    const settings = vi.fn(async () => ({ shopPlatforms: answers }));
    const s = new PageLoop(ctx, {
      read: (root, _url, opts) => readPageWithAnchors(root, QN_DETAIL, opts),
      report,
      focus: () => {},
      settings,
    });
    await s.pass();
    expect(report).toHaveBeenCalledTimes(1);
    const first = report.mock.calls[0]![0] as {
      cases: PanelRead[];
      unreadable?: { fields: string[]; waiting?: number };
    };
    expect(first.cases).toEqual([]);
    expect(first.unreadable).toMatchObject({ fields: ['platform'], waiting: 1 });
    expect(badges().map((b) => b.getAttribute('data-unreadable'))).toEqual(['platform']);
    // The agent answers 淘宝 in the side panel; the worker tells the page.
    answers = { '': 'taobao' };
    s.settingsChanged();
    await vi.waitFor(() => expect(report).toHaveBeenCalledTimes(2));
    const second = report.mock.calls[1]![0] as { cases: PanelRead[]; unreadable?: unknown };
    expect(second.unreadable).toBeUndefined();
    expect(second.cases.map((c) => `${c.platform}:${c.facts.refundId}`)).toEqual(['taobao:202611210455']);
    await vi.waitFor(() =>
      expect(badges().map((b) => b.getAttribute('data-case'))).toEqual(['taobao:refund:202611210455']),
    );
  });
});
