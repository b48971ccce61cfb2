import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { CaseCard } from '../../../components/case-card';
import { defaultPack, evaluate, toEpochMs } from '../../../core/index';
import type { PanelRead } from '../../../core/model/facts';

/** The side panel's memo line: one click per decision copies the line for the case. */
const NOW_ISO = '2026-11-21T12:00:00+08:00';
const NOW = toEpochMs(NOW_ISO);
let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

function caseOf(facts: PanelRead['facts']) {
  const read: PanelRead = {
    kind: 'refund',
    adapter: 'test',
    platform: 'tmall',
    facts,
    unreadable: facts.unreadable ?? [],
    index: 0,
  };
  return {
    key: 'tmall:refund:9001',
    read,
    guidance: evaluate(facts, defaultPack, { now: NOW_ISO, platform: 'tmall' }),
  };
}
const facts = {
  refundId: '9001',
  orderId: '4001',
  reason: '拍错了',
  tradeStatus: '买家已付款' as const,
  refundAmount: 59,
  paidAmount: 59,
  paidAt: '2026-11-20T10:00:00+08:00',
  refundRequestedAt: '2026-11-21T09:00:00+08:00',
};

describe('memo line in the case card', () => {
  it('one click copies the line with the decision clicked, the rule, the signature and Beijing time', async () => {
    const copy = vi.fn(async (_t: string) => {});
    render(
      <CaseCard
        c={caseOf(facts)}
        nowMs={NOW}
        thresholdsHours={[4, 1]}
        copy={copy}
        memo={{ signature: '客服小鹿' }}
      />,
      root,
    );
    const buttons = Array.from(root.querySelectorAll<HTMLButtonElement>('button[data-testid="copy-memo"]'));
    expect(buttons.map((b) => b.dataset.decision)).toEqual(['agree', 'refuse', 'contact', 'intervention']);
    await act(async () => {
      buttons[1]!.click();
    });
    expect(copy).toHaveBeenCalledWith(
      '拒绝退款｜原因：拍错了｜依据：买家拍错或订单信息错误（reason-buyer-mistake）｜客服小鹿｜2026-11-21 12:00',
    );
    expect(root.querySelector('[data-testid="memo-copied"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="memo-text"]')!.textContent).toBe(copy.mock.calls[0]![0]);
  });

  it('uses the shop’s template and highlights what is missing', async () => {
    render(
      <CaseCard
        c={caseOf(facts)}
        nowMs={NOW}
        thresholdsHours={[4, 1]}
        copy={async () => {}}
        memo={{ template: '{决定} {签名}' }}
      />,
      root,
    );
    expect(root.querySelector('[data-testid="memo-text"]')!.textContent).toBe('同意退款 【客服签名】');
    expect(Array.from(root.querySelectorAll('[data-testid="memo"] mark')).map((m) => m.textContent)).toEqual([
      '【客服签名】',
    ]);
  });
});

describe('if you refuse and evidence on time in the case card', () => {
  it('shows the refusal line beside the verdict and the checklist with its deadline, as text with sources', () => {
    const late = { ...facts, reason: '未按约定时间发货' };
    render(<CaseCard c={caseOf(late)} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    const refusal = root.querySelector('[data-testid="refusal"]')!;
    expect(refusal.getAttribute('data-rule')).toBe('refuse-tmall-refund');
    expect(refusal.textContent).toContain('退款纠纷率');
    const evidence = root.querySelector('[data-testid="evidence"]')!;
    expect(evidence.getAttribute('data-deadline')).toBe('intervention-open');
    expect(evidence.querySelector('[data-testid="evidence-due"]')!.textContent).toContain('2026-11-24 09:00');
    expect(
      Array.from(evidence.querySelectorAll('[data-testid="evidence-item"]')).map((li) =>
        li.getAttribute('data-rule'),
      ),
    ).toEqual(['evidence-shipping-record', 'evidence-tracking', 'evidence-chat']);
  });

  it('says when the sources give no evidence time', () => {
    render(
      <CaseCard
        c={caseOf({
          ...facts,
          tradeStatus: '卖家已发货',
          reason: '商品质量问题',
          refundStatus: '客服已经介入',
        })}
        nowMs={NOW}
        thresholdsHours={[4, 1]}
      />,
      root,
    );
    expect(root.querySelector('[data-testid="evidence-due"]')!.textContent).toBe(
      '时限：资料未给出，以页面倒计时为准',
    );
  });
});

describe('a case the pack could not evaluate (work limit)', () => {
  it('the card says why and shows no deadline, verdict or reply; the badge is the unreadable marker', async () => {
    const { parseRulePack } = await import('../../../core/index');
    const { workBombs } = await import('../../fixtures/packs/hostile');
    const { badgeView } = await import('../../../protocol/views');
    const { badgeModelFor } = await import('../../../entrypoints/seller.content/badge-model');
    const parsed = parseRulePack(workBombs().find((b) => b.stoppedBy === 'budget')!.json);
    if (!parsed.ok) throw new Error(parsed.error);
    const c = caseOf(facts);
    const g = evaluate({ ...facts, reason: '未按约定时间发货' }, parsed.pack, {
      now: NOW_ISO,
      platform: 'tmall',
    });
    render(<CaseCard c={{ ...c, guidance: g }} nowMs={NOW} thresholdsHours={[4, 1]} />, root);
    expect(root.querySelector('[data-code="pack-limit"]')!.textContent).toContain(
      '规则包对这个案件的计算量超出上限',
    );
    expect(root.querySelector('[data-testid="verdict"]')).toBeNull();
    expect(root.textContent).not.toContain('没有进行中的时限');
    const view = { ...c, guidance: g, tabId: 1, url: 'https://refund2.tmall.com/', seenAt: NOW_ISO };
    expect(badgeModelFor(badgeView(view), 'zh-CN', NOW)).toMatchObject({
      kind: 'unreadable',
      text: '无法评估：规则包超限',
    });
    expect(badgeModelFor(badgeView(view), 'en', NOW)).toMatchObject({
      kind: 'unreadable',
      text: 'Not evaluated: pack over its limits',
    });
  });
});
