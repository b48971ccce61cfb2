import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import zhMessages from '../public/_locales/zh_CN/messages.json';
import enMessages from '../public/_locales/en/messages.json';
import { messagesFor, type Catalog, type Messages } from '../core/text/messages';
import type { Locale } from '../core/model/settings';

/**
 * UI text for the extension pages (options, side panel, day page): both whole locale files,
 * through the one mechanism of core/text/messages.ts. The page that reads the agent's
 * locale setting renders `<LocaleContext.Provider value={uiMessages(locale)}>`; components read
 * it with `const { t, pick } = useMessages()`. Without a provider (tests) the texts are zh-CN.
 *
 * Why not `browser.i18n.getMessage`: it follows the browser's UI language only, while the
 * agent may pick zh-CN or en in the options page; and this works in happy-dom tests.
 */

export type UiLocale = Locale;

/** Every key of the default (zh_CN) message file. */
export type MessageKey = keyof typeof zhMessages;

export type UiMessages = Messages<MessageKey>;

const CATALOG: Catalog = { 'zh-CN': zhMessages, en: enMessages };
const BY_LOCALE: Readonly<Record<UiLocale, UiMessages>> = {
  'zh-CN': messagesFor<MessageKey>(CATALOG, 'zh-CN'),
  en: messagesFor<MessageKey>(CATALOG, 'en'),
};

/** The pages' texts in `locale`: one value per locale, so context consumers re-render only on a switch. */
export function uiMessages(locale: UiLocale): UiMessages {
  return BY_LOCALE[locale];
}

export const LocaleContext = createContext<UiMessages>(uiMessages('zh-CN'));

export function useMessages(): UiMessages {
  return useContext(LocaleContext);
}

/** A cited source by its title (a title per seed document); unknown sources by their file name. */
export function sourceTitle(m: UiMessages, source: string): string {
  return m.tKnown(`source_${source.replace(/\.txt$/, '')}`) ?? source;
}
