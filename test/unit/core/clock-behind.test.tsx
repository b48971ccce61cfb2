import { describe, expect, it } from 'vitest';
import { defaultPack, evaluate, type Facts } from '../../../core/index';
import { render } from 'preact';
import { CaseCard } from '../../../components/case-card';

/**
 * Issue 17 (review L4): with the agent's clock two hours slow, page times lie in the future
 * and nothing said so. The guidance now warns in the agent's words, and the side panel shows it.
 */

const NOW = '2026-11-21T12:00:00+08:00';
const facts: Facts = {
  refundId: '9001',
  orderId: '4001',
  reason: '拍错了',
  tradeStatus: '买家已付款',
  paidAmount: 59,
  paidAt: '2026-11-21T10:00:00+08:00',
  refundRequestedAt: '2026-11-21T14:00:00+08:00', // two hours after this computer's "now"
};

describe('page times ahead of the clock', () => {
  it('warns that the computer clock may be slow, naming the field and how far', () => {
    const g = evaluate(facts, defaultPack, { now: NOW, platform: 'tmall' });
    const w = g.warnings.find((x) => x.code === 'clock-behind');
    expect(w?.fields).toEqual(['refundRequestedAt']);
    expect(w?.message.zh).toContain('页面上的申请时间比本机时钟晚约 2 小时');
    expect(w?.message.zh).toContain('校准电脑时间');
    expect(w?.message.en).toContain('about 2 h later than this computer');
  });

  it('says nothing within the readers’ tolerance (10 minutes: a page is built on a server)', () => {
    const g = evaluate({ ...facts, refundRequestedAt: '2026-11-21T12:05:00+08:00' }, defaultPack, {
      now: NOW,
      platform: 'tmall',
    });
    expect(g.warnings.map((x) => x.code)).not.toContain('clock-behind');
  });

  it('the side panel card shows it among the warnings', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const read = {
      kind: 'refund' as const,
      adapter: 'test',
      platform: 'tmall' as const,
      facts,
      unreadable: [],
      index: 0,
    };
    render(
      <CaseCard
        c={{
          key: 'tmall:refund:9001',
          read,
          guidance: evaluate(facts, defaultPack, { now: NOW, platform: 'tmall' }),
        }}
        nowMs={Date.parse(NOW)}
        thresholdsHours={[4, 1]}
      />,
      root,
    );
    expect(root.querySelector('[data-code="clock-behind"]')!.textContent).toContain('这台电脑的时钟可能慢了');
    render(null, root);
    root.remove();
  });
});
