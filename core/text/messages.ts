import type { Locale } from '../model/settings';

/**
 * The one i18n mechanism: texts in a locale the caller names, never a module-wide "current"
 * locale. Every context builds its Messages from a catalog of the `public/_locales/<locale>/
 * messages.json` files (the same ones Chrome reads for `__MSG_…__`): the pages from both whole
 * files (components/i18n.ts), the worker and the content script from the few keys they use
 * (their bundles have size budgets), and passes the value down — a Preact context in pages,
 * an argument elsewhere.
 *
 * Lookup: the locale's message, else zh-CN's (the default locale), else the key itself.
 * Message names may only use [A-Za-z0-9_@] (Chrome refuses to load others); a `-` in a key is
 * read as `_`, so `authority_${'shop-policy'}` finds `authority_shop_policy`.
 * Placeholders `$1`…`$9` are filled from the arguments, as in Chrome.
 */

type MessageTable = Readonly<Record<string, { message: string } | undefined>>;
/** A locale's messages by name; a subset catalog holds only the names its bundle uses. */
export type Catalog = Readonly<Record<Locale, MessageTable>>;

type Subs = Array<string | number>;

export type Messages<K extends string> = {
  readonly locale: Locale;
  /** The message `key`, placeholders filled from `subs`. */
  readonly t: (key: K, ...subs: Subs) => string;
  /**
   * A message about `count` things: in English a count of 1 takes the key's `_one` variant
   * (`panel_tab_cases_one`: "This page (1 case)") when the catalog has one; Chinese has no
   * plural form, so zh-CN always uses the key itself.
   */
  readonly tCount: (key: K, count: number, ...subs: Subs) => string;
  /** The message for a key built from data (`source_…`, `category_…`), or null when no locale has it. */
  readonly tKnown: (key: string, ...subs: Subs) => string | null;
  /** This locale's side of a `{ zh, en }` text from the core (rule packs, replies). */
  readonly pick: (text: { zh: string; en: string }) => string;
};

/** `$1`…`$9` replaced by the arguments, as chrome.i18n does; a `$n` with no argument stays as written. */
function fillPlaceholders(message: string, subs: Subs): string {
  return message.replace(/\$(\d)/g, (m, d: string) => {
    const v = subs[Number(d) - 1];
    return v === undefined ? m : String(v);
  });
}

export function messagesFor<K extends string>(catalog: Catalog, locale: Locale): Messages<K> {
  const own = catalog[locale];
  const fallback = catalog['zh-CN'];
  const raw = (name: string): string | undefined => own[name]?.message ?? fallback[name]?.message;
  const t = (key: string, ...subs: Subs): string => {
    const name = key.replace(/-/g, '_');
    return fillPlaceholders(raw(name) ?? key, subs);
  };
  return {
    locale,
    t,
    tCount: (key, count, ...subs) =>
      locale === 'en' && count === 1 && own[`${key}_one`] ? t(`${key}_one`, ...subs) : t(key, ...subs),
    tKnown: (key, ...subs) => (raw(key.replace(/-/g, '_')) === undefined ? null : t(key, ...subs)),
    pick: (text) => (locale === 'en' ? text.en : text.zh),
  };
}
