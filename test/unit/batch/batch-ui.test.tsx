import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { BatchList } from '../../../components/batch-list';
import { badgeModelFor } from '../../../entrypoints/seller.content/badge-model';
import type { BadgeView, CaseSummary } from '../../../protocol/views';

/** The safe batches as the agent sees them: the chip's text, and the panel's groups under the limits. */
let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const summary = (i: number, batch: CaseSummary['batch']): CaseSummary => ({
  key: `tmall:refund:${9000 + i}`,
  tabId: 1,
  url: 'https://myseller.taobao.com/home.htm/trade-platform/refund-list',
  seenAt: '2026-11-21T12:00:00+08:00',
  platform: 'tmall',
  kind: 'refund',
  caseId: String(9000 + i),
  reason: '拍错了',
  due: null,
  deadlines: [],
  compensation: { triggered: false, amount: null },
  unreadable: [],
  batch,
});

describe('the panel’s batches', () => {
  it('groups the qualifying refunds by count and amount, lists the excluded ones by reason, and tells the agent to press the platform’s own button', () => {
    const cases = [
      ...Array.from({ length: 5 }, (_, i) => summary(i, { ok: true, refundFen: 300_000 })), // ¥3,000 each
      summary(5, { ok: true, refundFen: 2_000_000 }), // ¥20,000: above the limit on its own
      summary(6, { ok: false, why: ['compensation'] }),
      summary(7, { ok: false, why: ['state'] }),
      summary(8, { ok: false, why: ['amount-unknown'] }),
    ];
    render(
      <BatchList
        cases={cases}
        limits={{ tmall: { count: 30, yuan: 10_000 }, taobao: { count: 20, yuan: 6_000 } }}
      />,
      root,
    );
    const batches = Array.from(root.querySelectorAll('[data-testid="batch"]'));
    expect(batches.map((b) => [b.getAttribute('data-count'), b.getAttribute('data-total-fen')])).toEqual([
      ['3', '900000'],
      ['2', '600000'],
    ]);
    expect(root.querySelector('[data-testid="batch-too-large"]')!.textContent).toContain('9005');
    expect(root.querySelector('[data-testid="batch-excluded"]')!.textContent).toBe(
      '未列入：原因涉及赔付 1、交易状态不在政策内（如已发货） 1、退款金额未读到 1',
    );
    expect(root.textContent).toContain('批量同意退款');
    expect(root.textContent).toContain('本扩展不会勾选或点击页面上的任何内容');
  });

  it('shows nothing when the policy is switched off or no case was checked', () => {
    render(
      <BatchList
        cases={[summary(0, { ok: true, refundFen: 100 })]}
        limits={{ tmall: { count: 30, yuan: 10_000 }, taobao: { count: 20, yuan: 6_000 } }}
        enabled={false}
      />,
      root,
    );
    expect(root.querySelector('[data-testid="batches"]')).toBeNull();
  });
});

describe('the list chip', () => {
  const view = (batch?: { ok: boolean }): BadgeView => ({
    key: 'tmall:refund:1',
    read: { kind: 'refund', index: 0, unreadable: [] },
    guidance: {
      deadlines: [
        {
          id: 'intervention-open',
          actor: 'seller',
          dueAt: '2026-11-24T10:00:00+08:00',
          label: { zh: '可申请小二介入', en: 'Intervention opens' },
          source: 'computed',
        },
      ],
      compensation: { triggered: false, amount: null },
    },
    ...(batch ? { batch } : {}),
  });
  const now = Date.UTC(2026, 10, 21, 4);
  it('says 可批量同意 only for a qualifying case', () => {
    expect(badgeModelFor(view({ ok: true }), 'zh-CN', now)).toMatchObject({
      kind: 'countdown',
      batchMark: '可批量\u200b同意',
    });
    expect(badgeModelFor(view(), 'zh-CN', now)).toMatchObject({ batchMark: null });
    expect(badgeModelFor(view({ ok: true }), 'en', now)).toMatchObject({ batchMark: 'Batch-agree OK' });
  });
});
