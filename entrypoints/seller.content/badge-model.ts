import type { FactKey } from '../../core/model/facts';
import type { Deadline } from '../../core/model/guidance';
import type { BadgeModel } from '../../components/countdown-badge';
import type { UiLocale } from '../../components/i18n';
import { badgeText, hasBadgeText } from './badge-text';
import type { BadgeView } from '../background/messaging';

/**
 * From the background's answer (a BadgeView: key, deadlines, compensation) to what the case's badge shows.
 * Type-only imports from the core and the protocol: the content script bundles no zod and
 * no rule pack.
 */

/**
 * Fields without which a badge's countdown or compensation mark could be wrong: when one of
 * them is unreadable the case gets the "unreadable" marker instead of a countdown.
 */
export const KEY_FIELDS: readonly FactKey[] = [
  'reason',
  'complaintType',
  'paidAmount',
  'refundAmount',
  'paidAt',
  'refundRequestedAt',
  'complaintFiledAt',
  'platformCountdown',
];

export function fieldLabel(field: string, locale: UiLocale): string {
  const key = `field_${field}`;
  return hasBadgeText(key) ? badgeText(locale, key) : field;
}

/** `无法读取：实付金额、付款时间` */
export function unreadableText(fields: readonly string[], locale: UiLocale): string {
  if (fields.length === 0) return badgeText(locale, 'badge_page_unreadable');
  return badgeText(locale, 'badge_unreadable', fields.map((f) => fieldLabel(f, locale)).join(badgeText(locale, 'list_sep')));
}

/**
 * The deadline a badge counts down to: the earliest due time among the seller's own
 * deadlines (breached ones first, being earliest), else among all deadlines.
 */
export function mostUrgentDeadline<D extends Pick<Deadline, 'actor' | 'dueAt'>>(guidance: { deadlines: readonly D[] }): D | null {
  const seller = guidance.deadlines.filter((d) => d.actor === 'seller');
  const pool = seller.length > 0 ? seller : guidance.deadlines;
  let best: D | null = null;
  for (const d of pool) if (!best || d.dueAt < best.dueAt) best = d;
  return best;
}

/** `2026-11-20T10:00:00+08:00` → `2026-11-20 10:00` (Beijing wall time, as the back office writes it). */
export function shortBeijing(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** What the badge of one case shows; null when there is nothing to count down. */
export function badgeModelFor(view: BadgeView, locale: UiLocale, onActivate?: (key: string) => void): BadgeModel | null {
  const unreadable = view.read.unreadable ?? [];
  const keyUnreadable = unreadable.filter((f) => KEY_FIELDS.includes(f));
  const deadline = mostUrgentDeadline(view.guidance);
  if (keyUnreadable.length > 0 || (!deadline && unreadable.length > 0)) {
    return { kind: 'unreadable', caseKey: view.key, fields: unreadable, text: unreadableText(unreadable, locale), onActivate };
  }
  if (!deadline) return null;
  const comp = view.guidance.compensation;
  const label = locale === 'en' ? deadline.label.en : deadline.label.zh;
  return {
    kind: 'countdown',
    caseKey: view.key,
    deadlineId: deadline.id,
    dueAt: deadline.dueAt,
    title: badgeText(locale, 'badge_title', label, shortBeijing(deadline.dueAt)),
    compMark: comp.triggered ? badgeText(locale, 'badge_comp', comp.amount ?? '?') : null,
    onActivate,
  };
}
