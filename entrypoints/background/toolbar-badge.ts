import { browser } from '#imports';
import { workerMessages } from './notify-text';

interface ToolbarCounts {
  /** Cases with something open due within the largest warning threshold. */
  urgent: number;
  /** Cases with nothing open any more and a seller deadline passed. */
  breached: number;
}

const URGENT_COLOUR = '#d93025';
const BREACHED_ONLY_COLOUR = '#5f6368';

const capped = (n: number) => (n > 99 ? '99+' : String(n));

/**
 * The badge text: the urgent count, then `·` and the breached count when there are both
 * (`3·2`), the breached count alone (on grey) when nothing is urgent, nothing when neither.
 */
export function toolbarBadgeText(c: ToolbarCounts): { text: string; colour: string } {
  if (c.urgent > 0)
    return {
      text: c.breached > 0 ? `${capped(c.urgent)}·${capped(c.breached)}` : capped(c.urgent),
      colour: URGENT_COLOUR,
    };
  if (c.breached > 0) return { text: capped(c.breached), colour: BREACHED_ONLY_COLOUR };
  return { text: '', colour: URGENT_COLOUR };
}

/**
 * The toolbar button's badge (urgent and breached cases) and title (both counts in words).
 * Only a change is sent to the browser.
 */
export class ToolbarBadge {
  private last: string | null = null;
  private lastColour: string | null = null;

  /** The browser calls needed to show `counts` (none when it already shows them). */
  show(counts: ToolbarCounts, locale: 'zh-CN' | 'en'): Array<Promise<unknown>> {
    const { text, colour } = toolbarBadgeText(counts);
    const { t } = workerMessages(locale);
    const title = text ? t('bg_action_title_counts', counts.urgent, counts.breached) : t('extName');
    const badge = `${text}|${title}`;
    const calls: Array<Promise<unknown>> = [];
    if (text && colour !== this.lastColour) {
      this.lastColour = colour;
      calls.push(browser.action.setBadgeBackgroundColor({ color: colour }));
    }
    if (badge === this.last) return calls;
    this.last = badge;
    calls.push(browser.action.setBadgeText({ text }), browser.action.setTitle({ title }));
    return calls;
  }
}
