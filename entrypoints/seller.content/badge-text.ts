import * as zh from '../../public/_locales/zh_CN/messages.json';
import * as en from '../../public/_locales/en/messages.json';
import { messagesFor, type Messages } from '../../core/text/messages';
import type { Locale } from '../../core/model/settings';

/**
 * The badge's texts through the one i18n mechanism (core/text/messages.ts), in the locale the
 * caller passes. The catalog names only the messages the content script uses: each `zh.key` is
 * a static read of the JSON module, so the bundler keeps just these (the content script has a
 * size budget), and TypeScript fails the build when either message file lacks one.
 */

const CATALOG = {
  'zh-CN': {
    badge_comp: zh.badge_comp,
    badge_unreadable: zh.badge_unreadable,
    badge_page_unreadable: zh.badge_page_unreadable,
    badge_pack_limit: zh.badge_pack_limit,
    badge_report_failed: zh.badge_report_failed,
    badge_title: zh.badge_title,
    list_sep: zh.list_sep,
    field_refundId: zh.field_refundId,
    field_orderId: zh.field_orderId,
    field_buyer: zh.field_buyer,
    field_reason: zh.field_reason,
    field_complaintType: zh.field_complaintType,
    field_refundAmount: zh.field_refundAmount,
    field_paidAmount: zh.field_paidAmount,
    field_shippingFee: zh.field_shippingFee,
    field_paidAt: zh.field_paidAt,
    field_shippedAt: zh.field_shippedAt,
    field_refundRequestedAt: zh.field_refundRequestedAt,
    field_complaintFiledAt: zh.field_complaintFiledAt,
    field_tradeClosedAt: zh.field_tradeClosedAt,
    field_tradeSucceededAt: zh.field_tradeSucceededAt,
    field_tradeStatus: zh.field_tradeStatus,
    field_refundStatus: zh.field_refundStatus,
    field_logistics: zh.field_logistics,
    field_activity: zh.field_activity,
    field_platformCountdown: zh.field_platformCountdown,
    field_refundType: zh.field_refundType,
    badge_platform_unknown: zh.badge_platform_unknown,
    deadline_short_complaint_platform_decision: zh.deadline_short_complaint_platform_decision,
    deadline_short_buyer_return: zh.deadline_short_buyer_return,
    deadline_short_seller_confirm_return: zh.deadline_short_seller_confirm_return,
    deadline_short_intervention_countdown: zh.deadline_short_intervention_countdown,
    deadline_short_seven_day_window: zh.deadline_short_seven_day_window,
    deadline_short_intervention_open: zh.deadline_short_intervention_open,
    deadline_short_seller_response: zh.deadline_short_seller_response,
    deadline_short_ship_promise: zh.deadline_short_ship_promise,
    deadline_short_late_ship_reason_available: zh.deadline_short_late_ship_reason_available,
    deadline_short_complaint_seller_handle: zh.deadline_short_complaint_seller_handle,
    deadline_short_complaint_buyer_confirm: zh.deadline_short_complaint_buyer_confirm,
    deadline_short_complaint_evidence: zh.deadline_short_complaint_evidence,
    deadline_short_breach_complaint_window: zh.deadline_short_breach_complaint_window,
    deadline_short_breach_complaint_unpaid: zh.deadline_short_breach_complaint_unpaid,
    deadline_short_complaint_after_success: zh.deadline_short_complaint_after_success,
    deadline_short_after_sale_window: zh.deadline_short_after_sale_window,
    deadline_short_auto_confirm_receipt: zh.deadline_short_auto_confirm_receipt,
    deadline_short_review_window: zh.deadline_short_review_window,
    badge_overdue_mark: zh.badge_overdue_mark,
    countdown_overdue: zh.countdown_overdue,
    badge_comp_unknown: zh.badge_comp_unknown,
    badge_batch: zh.badge_batch,
  },
  en: {
    badge_comp: en.badge_comp,
    badge_unreadable: en.badge_unreadable,
    badge_page_unreadable: en.badge_page_unreadable,
    badge_pack_limit: en.badge_pack_limit,
    badge_report_failed: en.badge_report_failed,
    badge_title: en.badge_title,
    list_sep: en.list_sep,
    field_refundId: en.field_refundId,
    field_orderId: en.field_orderId,
    field_buyer: en.field_buyer,
    field_reason: en.field_reason,
    field_complaintType: en.field_complaintType,
    field_refundAmount: en.field_refundAmount,
    field_paidAmount: en.field_paidAmount,
    field_shippingFee: en.field_shippingFee,
    field_paidAt: en.field_paidAt,
    field_shippedAt: en.field_shippedAt,
    field_refundRequestedAt: en.field_refundRequestedAt,
    field_complaintFiledAt: en.field_complaintFiledAt,
    field_tradeClosedAt: en.field_tradeClosedAt,
    field_tradeSucceededAt: en.field_tradeSucceededAt,
    field_tradeStatus: en.field_tradeStatus,
    field_refundStatus: en.field_refundStatus,
    field_logistics: en.field_logistics,
    field_activity: en.field_activity,
    field_platformCountdown: en.field_platformCountdown,
    field_refundType: en.field_refundType,
    badge_platform_unknown: en.badge_platform_unknown,
    deadline_short_complaint_platform_decision: en.deadline_short_complaint_platform_decision,
    deadline_short_buyer_return: en.deadline_short_buyer_return,
    deadline_short_seller_confirm_return: en.deadline_short_seller_confirm_return,
    deadline_short_intervention_countdown: en.deadline_short_intervention_countdown,
    deadline_short_seven_day_window: en.deadline_short_seven_day_window,
    deadline_short_intervention_open: en.deadline_short_intervention_open,
    deadline_short_seller_response: en.deadline_short_seller_response,
    deadline_short_ship_promise: en.deadline_short_ship_promise,
    deadline_short_late_ship_reason_available: en.deadline_short_late_ship_reason_available,
    deadline_short_complaint_seller_handle: en.deadline_short_complaint_seller_handle,
    deadline_short_complaint_buyer_confirm: en.deadline_short_complaint_buyer_confirm,
    deadline_short_complaint_evidence: en.deadline_short_complaint_evidence,
    deadline_short_breach_complaint_window: en.deadline_short_breach_complaint_window,
    deadline_short_breach_complaint_unpaid: en.deadline_short_breach_complaint_unpaid,
    deadline_short_complaint_after_success: en.deadline_short_complaint_after_success,
    deadline_short_after_sale_window: en.deadline_short_after_sale_window,
    deadline_short_auto_confirm_receipt: en.deadline_short_auto_confirm_receipt,
    deadline_short_review_window: en.deadline_short_review_window,
    badge_overdue_mark: en.badge_overdue_mark,
    countdown_overdue: en.countdown_overdue,
    badge_comp_unknown: en.badge_comp_unknown,
    badge_batch: en.badge_batch,
  },
};

type BadgeTextKey = keyof (typeof CATALOG)['en'];

const BY_LOCALE: Readonly<Record<Locale, Messages<BadgeTextKey>>> = {
  'zh-CN': messagesFor<BadgeTextKey>(CATALOG, 'zh-CN'),
  en: messagesFor<BadgeTextKey>(CATALOG, 'en'),
};

export function badgeText(locale: Locale, key: BadgeTextKey, ...subs: Array<string | number>): string {
  return BY_LOCALE[locale].t(key, ...subs);
}

/** All of the content script's messages in `locale`: what the badges' countdown grammar takes. */
export function badgeMessages(locale: Locale): Messages<BadgeTextKey> {
  return BY_LOCALE[locale];
}

export function hasBadgeText(key: string): key is BadgeTextKey {
  return Object.hasOwn(CATALOG.en, key);
}
