import type { FactKey } from '../../core/model/facts';
import type { BadgeModel } from '../../components/countdown-badge';
import type { UiLocale } from '../../components/i18n';
import { headlineDeadline } from '../../core/urgency';
import { badgeText, hasBadgeText } from './badge-text';
import type { BadgeView } from '../../protocol/views';

/**
 * From the background's answer (a BadgeView: key, deadlines, compensation) to what the case's badge shows.
 * Type-only imports from the core and the protocol: the content script bundles no zod and
 * no rule pack.
 */

/**
 * Fields without which a badge's countdown or compensation mark could be wrong: when one of
 * them is unreadable the case gets the "unreadable" marker instead of a countdown. An
 * amount is not among them: it only decides how much is paid, and an unknown amount keeps
 * the countdown, with `赔付·金额待定` beside it.
 */
const KEY_FIELDS: readonly FactKey[] = [
  'reason',
  'complaintType',
  'paidAt',
  'refundRequestedAt',
  'complaintFiledAt',
  'platformCountdown',
];

function fieldLabel(field: string, locale: UiLocale): string {
  const key = `field_${field}`;
  return hasBadgeText(key) ? badgeText(locale, key) : field;
}

/** `无法读取：实付金额、付款时间` */
export function unreadableText(fields: readonly string[], locale: UiLocale): string {
  if (fields.length === 0) return badgeText(locale, 'badge_page_unreadable');
  return badgeText(
    locale,
    'badge_unreadable',
    fields.map((f) => fieldLabel(f, locale)).join(badgeText(locale, 'list_sep')),
  );
}

/** A deadline in two characters (`处理`, `发货`, `举证`); a deadline a pack added: '' (the tooltip names it). */
export function shortLabel(id: string, locale: UiLocale): string {
  const key = `deadline_short_${id.replace(/-/g, '_')}`;
  return hasBadgeText(key) ? badgeText(locale, key) : '';
}

/** `2026-11-20T10:00:00+08:00` → `2026-11-20 10:00` (Beijing wall time, as the back office writes it). */
function shortBeijing(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/**
 * What the badge of one case shows at `nowMs`; null when there is nothing to count down.
 * It counts down to the case's headline deadline (core/urgency.ts: the next open one
 * the seller must act on, the page's own countdown first); a seller deadline already past
 * shows as a small `已超时·发货` mark beside it. With nothing open, it counts the latest breach.
 */
export function badgeModelFor(
  view: BadgeView,
  locale: UiLocale,
  nowMs: number,
  onActivate?: (key: string) => void,
): BadgeModel | null {
  const unreadable = view.read.unreadable ?? [];
  // The pack could not evaluate this case within its limits: no countdown means nothing, say so.
  if (view.guidance.unevaluated)
    return {
      kind: 'unreadable',
      caseKey: view.key,
      fields: [],
      text: badgeText(locale, 'badge_pack_limit'),
      onActivate,
    };
  const keyUnreadable = unreadable.filter((f) => KEY_FIELDS.includes(f));
  const { next, overdue } = headlineDeadline(view.guidance.deadlines, nowMs);
  const deadline = next ?? overdue[overdue.length - 1] ?? null;
  if (keyUnreadable.length > 0 || (!deadline && unreadable.length > 0)) {
    return {
      kind: 'unreadable',
      caseKey: view.key,
      fields: unreadable,
      text: unreadableText(unreadable, locale),
      onActivate,
    };
  }
  if (!deadline) return null;
  const comp = view.guidance.compensation;
  const label = locale === 'en' ? deadline.label.en : deadline.label.zh;
  // The mark names the breached deadline(s) other than the one counted (by their short labels).
  const marks = [
    ...new Set(
      overdue
        .filter((d) => d !== deadline)
        .map((d) => shortLabel(d.id, locale) || (locale === 'en' ? d.label.en : d.label.zh)),
    ),
  ];
  return {
    kind: 'countdown',
    caseKey: view.key,
    deadlineId: deadline.id,
    dueAt: deadline.dueAt,
    title: badgeText(locale, 'badge_title', label, shortBeijing(deadline.dueAt)),
    label: shortLabel(deadline.id, locale),
    overdueMark:
      marks.length > 0
        ? badgeText(locale, 'badge_overdue_mark', marks.join(badgeText(locale, 'list_sep')))
        : null,
    compMark: comp.triggered
      ? comp.amount
        ? badgeText(locale, 'badge_comp', comp.amount)
        : badgeText(locale, 'badge_comp_unknown')
      : null,
    batchMark: view.batch?.ok ? badgeText(locale, 'badge_batch') : null,
    onActivate,
  };
}
