import {
  bg_action_title_counts as zhActionTitle,
  bg_kind_aftersale as zhAftersale,
  bg_kind_complaint as zhComplaint,
  bg_kind_refund as zhRefund,
  bg_notify_message as zhMessage,
  bg_notify_evidence as zhEvidence,
  bg_notify_title as zhTitle,
  extName as zhName,
  bg_cue_copied as zhCueCopied,
  bg_cue_no_reply as zhCueNoReply,
  bg_cue_no_case as zhCueNoCase,
  bg_cue_copy_failed as zhCueCopyFailed,
  bg_cue_most_urgent as zhCueMostUrgent,
  bg_cue_queue_empty as zhCueQueueEmpty,
  field_refundId as zhRefundIdLabel,
  field_orderId as zhOrderIdLabel,
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
  bg_cue_copied as enCueCopied,
  bg_cue_no_reply as enCueNoReply,
  bg_cue_no_case as enCueNoCase,
  bg_cue_copy_failed as enCueCopyFailed,
  bg_cue_most_urgent as enCueMostUrgent,
  bg_cue_queue_empty as enCueQueueEmpty,
  field_refundId as enRefundIdLabel,
  field_orderId as enOrderIdLabel,
} from '../../public/_locales/en/messages.json';
import { fillPlaceholders } from '../../core/text/placeholders';

/**
 * The background's own texts (notification, toolbar title, keyboard-command lines), in the agent's chosen locale.
 * Named imports from the same message files the UI uses, so the worker bundle carries only
 * these few messages (the worker has a size budget); `$1…` are replaced as in Chrome.
 */

type Msg = { message: string };
const TEXTS = {
  'zh-CN': {
    title: zhTitle,
    message: zhMessage,
    evidence: zhEvidence,
    refund: zhRefund,
    aftersale: zhAftersale,
    complaint: zhComplaint,
    actionTitle: zhActionTitle,
    name: zhName,
    cueCopied: zhCueCopied,
    cueNoReply: zhCueNoReply,
    cueNoCase: zhCueNoCase,
    cueCopyFailed: zhCueCopyFailed,
    cueMostUrgent: zhCueMostUrgent,
    cueQueueEmpty: zhCueQueueEmpty,
    refundIdLabel: zhRefundIdLabel,
    orderIdLabel: zhOrderIdLabel,
  },
  en: {
    title: enTitle,
    message: enMessage,
    evidence: enEvidence,
    refund: enRefund,
    aftersale: enAftersale,
    complaint: enComplaint,
    actionTitle: enActionTitle,
    name: enName,
    cueCopied: enCueCopied,
    cueNoReply: enCueNoReply,
    cueNoCase: enCueNoCase,
    cueCopyFailed: enCueCopyFailed,
    cueMostUrgent: enCueMostUrgent,
    cueQueueEmpty: enCueQueueEmpty,
    refundIdLabel: enRefundIdLabel,
    orderIdLabel: enOrderIdLabel,
  },
} satisfies Record<'zh-CN' | 'en', Record<string, Msg>>;

type NotifyText = keyof (typeof TEXTS)['en'];

export function notifyText(locale: 'zh-CN' | 'en', key: NotifyText, ...subs: Array<string | number>): string {
  return fillPlaceholders(TEXTS[locale][key].message, subs);
}

/**
 * The evidence line a deadline warning carries when that deadline is the one the case's
 * evidence must be ready by (guidance.evidence, pack data): `；凭证 3 项须在此前备好：发货记录…、…`.
 * '' for any other deadline: the warning itself is the one every deadline gets (deadline-alarms.ts).
 */
export function evidenceNote(
  locale: 'zh-CN' | 'en',
  evidence:
    { deadlineId: string | null; items: ReadonlyArray<{ text: { zh: string; en: string } }> } | undefined,
  deadlineId: string,
): string {
  if (!evidence || evidence.deadlineId !== deadlineId || evidence.items.length === 0) return '';
  const names = evidence.items.map((i) => (locale === 'en' ? i.text.en : i.text.zh).split(/[（(：:]/)[0]!);
  return notifyText(locale, 'evidence', evidence.items.length, names.join(locale === 'en' ? ', ' : '、'));
}
