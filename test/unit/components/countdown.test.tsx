import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import {
  compactCountdown,
  countdownText,
  createBadgeHost,
  renderBadge,
  type CountdownMessages,
} from '../../../components/countdown-badge';
import { Countdown } from '../../../components/countdown';
import { LocaleContext, uiMessages, type MessageKey, type UiMessages } from '../../../components/i18n';
import { messagesFor, type Catalog } from '../../../core/text/messages';
import type { Locale } from '../../../core/model/settings';
import { toEpochMs } from '../../../core/time/beijing';
import { DEFAULT_THRESHOLDS_HOURS } from '../../../core/urgency';
import { badgeMessages } from '../../../entrypoints/seller.content/badge-text';

/**
 * The words a countdown says past its deadline (`已超时 …` / `overdue …`) are the message
 * catalogs' `countdown_overdue`, in the locale the caller passes: the page's badge (the content
 * script's key subset) and the side panel's countdowns (the whole catalogs) alike.
 */

const NOW = toEpochMs('2026-11-20T10:00:00+08:00');
const H = 3_600_000;
/** Two days and an hour past the deadline. */
const DUE = NOW - 49 * H;
const DUE_AT = '2026-11-18T09:00:00+08:00';

const catalogFile = (dir: string) =>
  (
    JSON.parse(readFileSync(`public/_locales/${dir}/messages.json`, 'utf8')) as Record<
      string,
      { message: string }
    >
  ).countdown_overdue!.message;

function badgeText(m: CountdownMessages): string {
  const host = createBadgeHost(document);
  document.body.append(host);
  renderBadge(
    host,
    {
      kind: 'countdown',
      caseKey: 'tmall:refund:1001',
      deadlineId: 'seller-response',
      dueAt: DUE_AT,
      title: '',
      label: '',
      overdueMark: null,
      compMark: null,
    },
    NOW,
    m,
  );
  return host.shadowRoot!.querySelector('[data-testid="countdown"]')!.textContent;
}

function panelText(m: UiMessages): string {
  const root = document.createElement('div');
  document.body.append(root);
  void act(() => {
    render(
      <LocaleContext.Provider value={m}>
        <Countdown dueAt={DUE_AT} nowMs={NOW} thresholdsHours={DEFAULT_THRESHOLDS_HOURS} />
      </LocaleContext.Provider>,
      root,
    );
  });
  const text = root.querySelector('[data-testid="countdown"]')!.textContent;
  render(null, root);
  return text;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the countdown past its deadline says the catalogs’ countdown_overdue', () => {
  it.each([
    ['zh-CN', 'zh_CN', '已超时 $1', '2天01时', '2天01时00分'],
    ['en', 'en', 'overdue $1', '2d 1h', '2d 1h 00m'],
  ] as const)(
    '%s: badge and side panel show the message file’s text',
    (locale, dir, message, short, long) => {
      expect(toEpochMs(DUE_AT)).toBe(DUE);
      expect(catalogFile(dir)).toBe(message);
      const badge = message.replace('$1', short);
      const panel = message.replace('$1', long);
      expect(compactCountdown(DUE, NOW, badgeMessages(locale))).toBe(badge);
      expect(badgeText(badgeMessages(locale))).toBe(badge);
      expect(countdownText(DUE, NOW, uiMessages(locale))).toBe(panel);
      expect(panelText(uiMessages(locale))).toBe(panel);
    },
  );

  it('another wording in the catalog is what shows, in every locale and both forms', () => {
    const catalog: Catalog = {
      'zh-CN': { countdown_overdue: { message: '超时$1了' } },
      en: { countdown_overdue: { message: '$1 late' } },
    };
    const m = (locale: Locale) => messagesFor<MessageKey>(catalog, locale);
    expect(badgeText(m('zh-CN'))).toBe('超时2天01时了');
    expect(badgeText(m('en'))).toBe('2d 1h late');
    expect(panelText(m('zh-CN'))).toBe('超时2天01时00分了');
    expect(panelText(m('en'))).toBe('2d 1h 00m late');
    // before the deadline there is no wording, only the units
    expect(countdownText(NOW + H, NOW, m('en'))).toBe('1h 00m');
  });
});
