import zhMessages from '../public/_locales/zh_CN/messages.json';
import enMessages from '../public/_locales/en/messages.json';
import { fillPlaceholders } from '../core/text/placeholders';

/**
 * UI text for extension pages (options, side panel, badges), read from the same
 * `public/_locales/<locale>/messages.json` files Chrome uses for `__MSG_…__`.
 *
 * Why not `browser.i18n.getMessage`: it follows the browser's UI language only, while the
 * agent may pick zh-CN or en in the options page; and this works in happy-dom tests.
 * Placeholders: `$1`…`$9` in a message are replaced by the arguments (as in Chrome).
 * A key missing from the chosen locale falls back to zh-CN, then to the key itself.
 * Message names may only use [A-Za-z0-9_@] (Chrome refuses to load others); a `-` in a
 * key passed to t() is read as `_`, so `authority_${'shop-policy'}` finds `authority_shop_policy`.
 */

export type UiLocale = 'zh-CN' | 'en';
type MessageFile = Record<string, { message: string; description?: string }>;
const FILES: Record<UiLocale, MessageFile> = { 'zh-CN': zhMessages, en: enMessages };

/** Every key of the default (zh_CN) message file. */
export type MessageKey = keyof typeof zhMessages;

let current: UiLocale = 'zh-CN';

export function setLocale(locale: UiLocale): void {
  current = locale;
}

export function getLocale(): UiLocale {
  return current;
}

export function t(key: MessageKey, ...subs: Array<string | number>): string {
  return translate(current, key, ...subs);
}

export function translate(locale: UiLocale, key: string, ...subs: Array<string | number>): string {
  // Chrome only allows [A-Za-z0-9_@] in message names: `a-b` is looked up as `a_b`.
  const name = key.replace(/-/g, '_');
  const raw = FILES[locale][name]?.message ?? FILES['zh-CN'][name]?.message ?? key;
  return fillPlaceholders(raw, subs);
}

/**
 * A message about `count` things: in English a count of 1 takes the key's `_one` variant
 * (`panel_tab_cases_one`: "This page (1 case)") when the file has one; Chinese has no plural
 * form, so zh-CN always uses the key itself. `subs` fill `$1`… as in t().
 */
export function tCount(key: MessageKey, count: number, ...subs: Array<string | number>): string {
  const one = `${key}_one`;
  return current === 'en' && count === 1 && FILES.en[one]
    ? translate(current, one, ...subs)
    : translate(current, key, ...subs);
}

/** The message for a key built from data (`source_…`, `category_…`), or null when no locale file has it. */
export function tKnown(key: string, ...subs: Array<string | number>): string | null {
  const name = key.replace(/-/g, '_');
  return FILES[current][name] || FILES['zh-CN'][name] ? translate(current, name, ...subs) : null;
}

/** A cited source by its title (a title per seed document); unknown sources by their file name. */
export function sourceTitle(source: string): string {
  return tKnown(`source_${source.replace(/\.txt$/, '')}`) ?? source;
}

/** Pick the current locale's side of a `{ zh, en }` text from the core. */
export function pick(text: { zh: string; en: string }, locale: UiLocale = current): string {
  return locale === 'en' ? text.en : text.zh;
}
