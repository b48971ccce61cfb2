import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BADGE_TAG,
  activateBadge,
  countdownText,
  compactCountdown,
  createBadgeHost,
  renderBadge,
  tickBadge,
  type BadgeModel,
} from '../../../components/countdown-badge';
import { isUrgent, urgencyOf } from '../../../core/urgency';
import { toEpochMs } from '../../../core/time/beijing';
import { badgeMessages } from '../../../entrypoints/seller.content/badge-text';

const NOW = toEpochMs('2026-11-20T10:00:00+08:00');
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
/** The messages the content script passes its badges. */
const zh = badgeMessages('zh-CN');
const en = badgeMessages('en');
const iso = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 19) + '+08:00';

function countdownModel(
  dueMs: number,
  extra: Partial<Extract<BadgeModel, { kind: 'countdown' }>> = {},
): BadgeModel {
  return {
    kind: 'countdown',
    caseKey: 'tmall:refund:1001',
    deadlineId: 'seller-response',
    dueAt: iso(dueMs),
    title: '卖家处理',
    label: '处理',
    overdueMark: null,
    compMark: null,
    ...extra,
  };
}

function mount(model: BadgeModel, now = NOW, thresholds?: number[]) {
  const host = createBadgeHost(document);
  document.body.append(host);
  renderBadge(host, model, now, zh, thresholds);
  return host;
}

const countdownOf = (host: Element) => host.shadowRoot!.querySelector('[data-testid="countdown"]');
const boxOf = (host: Element) => host.shadowRoot!.querySelector('[part="badge"]')!;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('countdown text', () => {
  it('shows the platform style for the seed example 剩余2天23时7分51秒', () => {
    const due = NOW + 2 * D + 23 * H + 7 * M + 51 * S;
    expect(countdownText(due, NOW, zh)).toBe('2天23时07分');
    const host = mount(countdownModel(due));
    // the badge's compact form: two units, so it fits a narrow cell
    expect(countdownOf(host)!.textContent).toBe('2天23时');
  });

  it('compact forms: hours and minutes under a day, minutes under an hour; English too', () => {
    expect(compactCountdown(NOW + 5 * H + 7 * M + 30 * S, NOW, zh)).toBe('5时07分');
    expect(compactCountdown(NOW + 42 * M + 59 * S, NOW, zh)).toBe('42分');
    expect(compactCountdown(NOW + 2 * D + 3 * H, NOW, en)).toBe('2d 3h');
    expect(compactCountdown(NOW + 5 * H + 7 * M, NOW, en)).toBe('5h 07m');
    expect(compactCountdown(NOW - 2 * D - 1 * H, NOW, zh)).toBe('已超时 2天01时');
  });

  it('says 已超时 once breached (no minus sign)', () => {
    const due = NOW - (1 * H + 5 * M);
    const host = mount(countdownModel(due));
    expect(countdownOf(host)!.textContent).toBe('已超时 1时05分');
    expect(host.getAttribute('data-urgency')).toBe('breached');
    expect(countdownText(due, NOW, zh)).toBe('已超时 1时05分');
    expect(countdownText(due, NOW, en)).toBe('overdue 1h 05m');
  });

  it('shows the two-character deadline label before the countdown and the overdue mark after it', () => {
    const host = mount(
      countdownModel(NOW + 2 * D, { label: '处理', overdueMark: '已超时·发货', compMark: '赔 150.00' }),
    );
    const parts = [...host.shadowRoot!.querySelector('[part="badge"]')!.children].map(
      (e) => `${e.getAttribute('data-testid')}:${e.textContent}`,
    );
    expect(parts).toEqual([
      'deadline-label:处理',
      'countdown:2天00时',
      'overdue-mark:已超时·发货',
      'comp-mark:赔 150.00',
    ]);
    // the marks go when the model no longer has them
    renderBadge(host, countdownModel(NOW + 2 * D, { label: '', overdueMark: null, compMark: null }), NOW, zh);
    expect(
      [...host.shadowRoot!.querySelector('[part="badge"]')!.children].map((e) =>
        e.getAttribute('data-testid'),
      ),
    ).toEqual(['countdown']);
  });

  it('has an English form', () => {
    expect(countdownText(NOW + 2 * D + 23 * H + 7 * M, NOW, en)).toBe('2d 23h 07m');
  });
});

describe('host element (DOM contract)', () => {
  it('is an aftersale-sentinel-badge with an OPEN shadow root and the data attributes', () => {
    const due = NOW + 3 * H;
    const host = mount(countdownModel(due));
    expect(host.localName).toBe(BADGE_TAG);
    expect(host.shadowRoot).not.toBeNull();
    expect(host.getAttribute('data-deadline')).toBe('seller-response');
    expect(host.getAttribute('data-due')).toBe(iso(due));
    expect(host.getAttribute('data-case')).toBe('tmall:refund:1001');
    expect(host.hasAttribute('data-unreadable')).toBe(false);
  });

  it('has no light-DOM children, so the page text it sits in is unchanged', () => {
    const host = mount(countdownModel(NOW + H));
    expect(host.childNodes.length).toBe(0);
    expect(host.textContent).toBe('');
  });
});

describe('colour by urgency', () => {
  it.each([
    [5 * H, 'ok'],
    [4 * H + S, 'ok'],
    [4 * H, 'warning'],
    [H + S, 'warning'],
    [H, 'critical'],
    [3 * H + 59 * M, 'warning'],
    [59 * M, 'critical'],
    [0, 'breached'],
    [-M, 'breached'],
  ])('%d ms left → %s with the default 4 h / 1 h thresholds', (left, urgency) => {
    expect(urgencyOf(NOW + left, NOW)).toBe(urgency);
    const host = mount(countdownModel(NOW + left));
    expect(boxOf(host).className).toContain(urgency);
  });

  it.each([5 * H, 4 * H + S, 4 * H, 2 * H, H, S, 0, -M])(
    '%d ms left: the toolbar count (isUrgent) agrees with the badge colour',
    (left) => {
      const colour = urgencyOf(NOW + left, NOW, [4, 1]);
      expect(isUrgent([{ dueAt: iso(NOW + left) }], [4, 1], NOW)).toBe(
        colour === 'warning' || colour === 'critical',
      );
    },
  );

  it('follows the thresholds from settings', () => {
    expect(urgencyOf(NOW + 6 * H, NOW, [8, 2])).toBe('warning');
    expect(urgencyOf(NOW + 90 * M, NOW, [8, 2])).toBe('critical');
    expect(urgencyOf(NOW + 90 * M, NOW, [4, 1])).toBe('warning');
  });
});

describe('compensation mark', () => {
  it('appears with the amount when compensation is triggered, and goes when it is not', () => {
    const host = mount(countdownModel(NOW + 5 * H, { compMark: '赔 150.00' }));
    expect(host.shadowRoot!.querySelector('[data-testid="comp-mark"]')!.textContent).toBe('赔 150.00');
    renderBadge(host, countdownModel(NOW + 5 * H, { compMark: null }), NOW, zh);
    expect(host.shadowRoot!.querySelector('[data-testid="comp-mark"]')).toBeNull();
  });
});

describe('unreadable marker', () => {
  it('names the fields in data-unreadable and in the text, with no countdown', () => {
    const host = mount({
      kind: 'unreadable',
      caseKey: 'tmall:refund:9',
      fields: ['paidAmount', 'paidAt'],
      text: '无法读取：实付金额、付款时间',
    });
    expect(host.getAttribute('data-unreadable')).toBe('paidAmount,paidAt');
    expect(host.shadowRoot!.textContent).toContain('无法读取：实付金额、付款时间');
    expect(countdownOf(host)).toBeNull();
    expect(host.hasAttribute('data-due')).toBe(false);
  });

  it('switches back to a countdown when the fields become readable', () => {
    const host = mount({ kind: 'unreadable', caseKey: 'k', fields: ['paidAt'], text: '无法读取：付款时间' });
    renderBadge(host, countdownModel(NOW + H + 30 * M), NOW, zh);
    expect(host.hasAttribute('data-unreadable')).toBe(false);
    expect(countdownOf(host)!.textContent).toBe('1时30分');
  });
});

describe('hostile text', () => {
  it('is shown as text, never parsed as HTML', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const host = mount({ kind: 'unreadable', caseKey: evil, fields: ['reason'], text: evil });
    const root = host.shadowRoot!;
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).toContain(evil);
    const host2 = mount(countdownModel(NOW + H, { title: evil, compMark: evil }));
    expect(host2.shadowRoot!.querySelector('img, script')).toBeNull();
    expect(host2.shadowRoot!.querySelector('[data-testid="comp-mark"]')!.textContent).toBe(evil);
    expect(host2.getAttribute('title')).toBe(evil);
  });
});

describe('ticking', () => {
  it('changes the DOM only when the shown text or colour changes', () => {
    const due = NOW + 4 * H + 30 * S;
    const host = mount(countdownModel(due));
    const el = countdownOf(host)!;
    expect(el.textContent).toBe('4时00分');
    expect(tickBadge(host, NOW + 10 * S, zh)).toBe(false);
    expect(tickBadge(host, NOW + 31 * S, zh)).toBe(true);
    expect(el.textContent).toBe('3时59分');
    expect(host.getAttribute('data-urgency')).toBe('warning');
  });

  it('activating it asks to focus the case; a marker with no case does nothing', () => {
    const onActivate = vi.fn();
    const host = mount(countdownModel(NOW + H, { onActivate }));
    expect(activateBadge(host)).toBe(true);
    expect(onActivate).toHaveBeenCalledWith('tmall:refund:1001');
    const marker = mount({ kind: 'unreadable', caseKey: null, fields: [], text: 'x', onActivate });
    expect(activateBadge(marker)).toBe(false);
    expect(onActivate).toHaveBeenCalledTimes(1);
  });
});
