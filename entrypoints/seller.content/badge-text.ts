import {
  badge_comp as zh_badge_comp,
  badge_unreadable as zh_badge_unreadable,
  badge_page_unreadable as zh_badge_page_unreadable,
  badge_title as zh_badge_title,
  list_sep as zh_list_sep,
  field_refundId as zh_field_refundId,
  field_orderId as zh_field_orderId,
  field_buyer as zh_field_buyer,
  field_reason as zh_field_reason,
  field_complaintType as zh_field_complaintType,
  field_refundAmount as zh_field_refundAmount,
  field_paidAmount as zh_field_paidAmount,
  field_shippingFee as zh_field_shippingFee,
  field_paidAt as zh_field_paidAt,
  field_shippedAt as zh_field_shippedAt,
  field_refundRequestedAt as zh_field_refundRequestedAt,
  field_complaintFiledAt as zh_field_complaintFiledAt,
  field_tradeClosedAt as zh_field_tradeClosedAt,
  field_tradeSucceededAt as zh_field_tradeSucceededAt,
  field_tradeStatus as zh_field_tradeStatus,
  field_refundStatus as zh_field_refundStatus,
  field_logistics as zh_field_logistics,
  field_activity as zh_field_activity,
  field_platformCountdown as zh_field_platformCountdown,
  field_refundType as zh_field_refundType,
  badge_platform_unknown as zh_badge_platform_unknown,
} from '../../public/_locales/zh_CN/messages.json';
import {
  badge_comp as en_badge_comp,
  badge_unreadable as en_badge_unreadable,
  badge_page_unreadable as en_badge_page_unreadable,
  badge_title as en_badge_title,
  list_sep as en_list_sep,
  field_refundId as en_field_refundId,
  field_orderId as en_field_orderId,
  field_buyer as en_field_buyer,
  field_reason as en_field_reason,
  field_complaintType as en_field_complaintType,
  field_refundAmount as en_field_refundAmount,
  field_paidAmount as en_field_paidAmount,
  field_shippingFee as en_field_shippingFee,
  field_paidAt as en_field_paidAt,
  field_shippedAt as en_field_shippedAt,
  field_refundRequestedAt as en_field_refundRequestedAt,
  field_complaintFiledAt as en_field_complaintFiledAt,
  field_tradeClosedAt as en_field_tradeClosedAt,
  field_tradeSucceededAt as en_field_tradeSucceededAt,
  field_tradeStatus as en_field_tradeStatus,
  field_refundStatus as en_field_refundStatus,
  field_logistics as en_field_logistics,
  field_activity as en_field_activity,
  field_platformCountdown as en_field_platformCountdown,
  field_refundType as en_field_refundType,
  badge_platform_unknown as en_badge_platform_unknown,
} from '../../public/_locales/en/messages.json';

/**
 * The badge's few texts, in the agent's chosen locale. Named imports from the same message
 * files as components/i18n.ts (which the side panel uses), so the content script carries
 * only these messages, not both whole locale files (as entrypoints/background/notify-text.ts).
 * `$1…` are replaced as in Chrome.
 */

type Msg = { message: string };
const TEXTS = {
  'zh-CN': {
    badge_comp: zh_badge_comp,
    badge_unreadable: zh_badge_unreadable,
    badge_page_unreadable: zh_badge_page_unreadable,
    badge_title: zh_badge_title,
    list_sep: zh_list_sep,
    field_refundId: zh_field_refundId,
    field_orderId: zh_field_orderId,
    field_buyer: zh_field_buyer,
    field_reason: zh_field_reason,
    field_complaintType: zh_field_complaintType,
    field_refundAmount: zh_field_refundAmount,
    field_paidAmount: zh_field_paidAmount,
    field_shippingFee: zh_field_shippingFee,
    field_paidAt: zh_field_paidAt,
    field_shippedAt: zh_field_shippedAt,
    field_refundRequestedAt: zh_field_refundRequestedAt,
    field_complaintFiledAt: zh_field_complaintFiledAt,
    field_tradeClosedAt: zh_field_tradeClosedAt,
    field_tradeSucceededAt: zh_field_tradeSucceededAt,
    field_tradeStatus: zh_field_tradeStatus,
    field_refundStatus: zh_field_refundStatus,
    field_logistics: zh_field_logistics,
    field_activity: zh_field_activity,
    field_platformCountdown: zh_field_platformCountdown,
    field_refundType: zh_field_refundType,
    badge_platform_unknown: zh_badge_platform_unknown,
  },
  en: {
    badge_comp: en_badge_comp,
    badge_unreadable: en_badge_unreadable,
    badge_page_unreadable: en_badge_page_unreadable,
    badge_title: en_badge_title,
    list_sep: en_list_sep,
    field_refundId: en_field_refundId,
    field_orderId: en_field_orderId,
    field_buyer: en_field_buyer,
    field_reason: en_field_reason,
    field_complaintType: en_field_complaintType,
    field_refundAmount: en_field_refundAmount,
    field_paidAmount: en_field_paidAmount,
    field_shippingFee: en_field_shippingFee,
    field_paidAt: en_field_paidAt,
    field_shippedAt: en_field_shippedAt,
    field_refundRequestedAt: en_field_refundRequestedAt,
    field_complaintFiledAt: en_field_complaintFiledAt,
    field_tradeClosedAt: en_field_tradeClosedAt,
    field_tradeSucceededAt: en_field_tradeSucceededAt,
    field_tradeStatus: en_field_tradeStatus,
    field_refundStatus: en_field_refundStatus,
    field_logistics: en_field_logistics,
    field_activity: en_field_activity,
    field_platformCountdown: en_field_platformCountdown,
    field_refundType: en_field_refundType,
    badge_platform_unknown: en_badge_platform_unknown,
  },
} satisfies Record<'zh-CN' | 'en', Record<string, Msg>>;

export type BadgeTextKey = keyof (typeof TEXTS)['en'];

export function badgeText(locale: 'zh-CN' | 'en', key: BadgeTextKey, ...subs: Array<string | number>): string {
  return TEXTS[locale][key].message.replace(/\$(\d)/g, (m, d: string) => String(subs[Number(d) - 1] ?? m));
}

export function hasBadgeText(key: string): key is BadgeTextKey {
  return Object.hasOwn(TEXTS.en, key);
}
