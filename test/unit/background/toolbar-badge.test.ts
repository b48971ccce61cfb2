import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { toolbarBadgeText } from '../../../entrypoints/background/toolbar-badge';
import { Clock, NOW, URL_LIST, freshProfile, sentinel, tab, tmallRefund } from './helpers';

beforeEach(freshProfile);

describe('toolbar badge text', () => {
  it.each([
    [{ urgent: 0, breached: 0 }, ''],
    [{ urgent: 3, breached: 0 }, '3'],
    [{ urgent: 3, breached: 2 }, '3·2'],
    [{ urgent: 0, breached: 2 }, '2'],
    [{ urgent: 120, breached: 7 }, '99+·7'],
  ])('%o → %s', (counts, text) => {
    expect(toolbarBadgeText(counts).text).toBe(text);
  });

  it('breached cases alone are grey, anything urgent is red', () => {
    expect(toolbarBadgeText({ urgent: 0, breached: 2 }).colour).not.toBe(
      toolbarBadgeText({ urgent: 1, breached: 2 }).colour,
    );
  });
});

describe('the toolbar count says both: due soon and overdue', () => {
  it('one case due in 3 h, one with only a passed seller deadline, one due in days', async () => {
    const s = sentinel(new Clock(NOW));
    await s.handlers.reportPage(
      {
        url: URL_LIST,
        cases: [
          tmallRefund({ refundId: '101', platformCountdown: '剩余0天3时0分0秒' }, 0),
          // Refund closed, still unshipped, paid five days ago: the 48 h ship promise is long past.
          tmallRefund(
            {
              refundId: '102',
              platformCountdown: undefined,
              refundStatus: '退款关闭',
              reason: undefined,
              paidAt: '2026-11-15T10:00:00+08:00',
            },
            1,
          ),
          tmallRefund({ refundId: '103', platformCountdown: '剩余2天23时0分0秒' }, 2),
        ],
      },
      tab(3),
    );
    await s.settled();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1·1');
    expect(await fakeBrowser.action.getTitle({})).toBe('售后哨兵：1 件临近截止，1 件已超时');
  });
});
