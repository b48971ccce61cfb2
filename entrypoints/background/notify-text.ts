import {
  bg_action_title_counts as zhActionTitle,
  bg_kind_aftersale as zhAftersale,
  bg_kind_complaint as zhComplaint,
  bg_kind_refund as zhRefund,
  bg_notify_message as zhMessage,
  bg_notify_evidence as zhEvidence,
  bg_notify_title as zhTitle,
  extName as zhName,
} from '../../public/_locales/zh_CN/messages.json';
import {
  bg_action_title_counts as enActionTitle,
  bg_kind_aftersale as enAftersale,
  bg_kind_complaint as enComplaint,
  bg_kind_refund as enRefund,
  bg_notify_message as enMessage,
  bg_notify_evidence as enEvidence,
  bg_notify_title as enTitle,
  extName as enName,
} from '../../public/_locales/en/messages.json';

/**
 * The background's own texts (notification, toolbar title), in the agent's chosen locale.
 * Named imports from the same message files the UI uses, so the worker bundle carries only
 * these few messages (the worker has a size budget); `$1…` are replaced as in Chrome.
 */

type Msg = { message: string };
const TEXTS = {
  'zh-CN': { title: zhTitle, message: zhMessage, evidence: zhEvidence, refund: zhRefund, aftersale: zhAftersale, complaint: zhComplaint, actionTitle: zhActionTitle, name: zhName },
  en: { title: enTitle, message: enMessage, evidence: enEvidence, refund: enRefund, aftersale: enAftersale, complaint: enComplaint, actionTitle: enActionTitle, name: enName },
} satisfies Record<'zh-CN' | 'en', Record<string, Msg>>;

export type NotifyText = keyof (typeof TEXTS)['en'];

export function notifyText(locale: 'zh-CN' | 'en', key: NotifyText, ...subs: Array<string | number>): string {
  return TEXTS[locale][key].message.replace(/\$(\d)/g, (m, d: string) => String(subs[Number(d) - 1] ?? m));
}

/**
 * The evidence line a deadline warning carries when that deadline is the one the case's
 * evidence must be ready by (guidance.evidence, pack data): `；凭证 3 项须在此前备好：发货记录…、…`.
 * '' for any other deadline: the warning itself is the one every deadline gets (deadline-alarms.ts).
 */
export function evidenceNote(locale: 'zh-CN' | 'en', evidence: { deadlineId: string | null; items: ReadonlyArray<{ text: { zh: string; en: string } }> } | undefined, deadlineId: string): string {
  if (!evidence || evidence.deadlineId !== deadlineId || evidence.items.length === 0) return '';
  const names = evidence.items.map((i) => (locale === 'en' ? i.text.en : i.text.zh).split(/[（(：:]/)[0]!);
  return notifyText(locale, 'evidence', evidence.items.length, names.join(locale === 'en' ? ', ' : '、'));
}
