import { browser } from '#imports';
import { notifyText } from './notify-text';

/**
 * The toolbar button's badge (the number of urgent cases) and title. Only a change is sent
 * to the browser; the badge colour once per worker lifetime.
 */
export class ToolbarBadge {
  private last: string | null = null;

  /** The browser calls needed to show `count` (none when it already shows it). */
  show(count: number, locale: 'zh-CN' | 'en'): Array<Promise<unknown>> {
    const text = count > 0 ? String(count) : '';
    const title = count > 0 ? notifyText(locale, 'actionTitle', count) : notifyText(locale, 'name');
    const badge = `${text}|${title}`;
    if (badge === this.last) return [];
    const calls: Array<Promise<unknown>> = [];
    if (this.last === null) calls.push(browser.action.setBadgeBackgroundColor({ color: '#d93025' }));
    this.last = badge;
    calls.push(browser.action.setBadgeText({ text }), browser.action.setTitle({ title }));
    return calls;
  }
}
