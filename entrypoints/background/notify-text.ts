import * as zh from '../../public/_locales/zh_CN/messages.json';
import * as en from '../../public/_locales/en/messages.json';
import { messagesFor, type Messages } from '../../core/text/messages';
import type { Locale } from '../../core/model/settings';

/**
 * The worker's texts (notification, toolbar title, keyboard-command lines) through the one
 * i18n mechanism (core/text/messages.ts), in the locale the caller passes. The catalog names
 * only the messages the worker uses: each `zh.key` is a static read of the JSON module, so the
 * bundler keeps just these few (the worker has a size budget), and TypeScript fails the build
 * when either message file lacks one.
 */

const CATALOG = {
  'zh-CN': {
    extName: zh.extName,
    bg_notify_title: zh.bg_notify_title,
    bg_notify_message: zh.bg_notify_message,
    bg_notify_evidence: zh.bg_notify_evidence,
    bg_kind_refund: zh.bg_kind_refund,
    bg_kind_aftersale: zh.bg_kind_aftersale,
    bg_kind_complaint: zh.bg_kind_complaint,
    bg_action_title_counts: zh.bg_action_title_counts,
    bg_cue_copied: zh.bg_cue_copied,
    bg_cue_no_reply: zh.bg_cue_no_reply,
    bg_cue_no_case: zh.bg_cue_no_case,
    bg_cue_copy_failed: zh.bg_cue_copy_failed,
    bg_cue_most_urgent: zh.bg_cue_most_urgent,
    bg_cue_queue_empty: zh.bg_cue_queue_empty,
    field_refundId: zh.field_refundId,
    field_orderId: zh.field_orderId,
  },
  en: {
    extName: en.extName,
    bg_notify_title: en.bg_notify_title,
    bg_notify_message: en.bg_notify_message,
    bg_notify_evidence: en.bg_notify_evidence,
    bg_kind_refund: en.bg_kind_refund,
    bg_kind_aftersale: en.bg_kind_aftersale,
    bg_kind_complaint: en.bg_kind_complaint,
    bg_action_title_counts: en.bg_action_title_counts,
    bg_cue_copied: en.bg_cue_copied,
    bg_cue_no_reply: en.bg_cue_no_reply,
    bg_cue_no_case: en.bg_cue_no_case,
    bg_cue_copy_failed: en.bg_cue_copy_failed,
    bg_cue_most_urgent: en.bg_cue_most_urgent,
    bg_cue_queue_empty: en.bg_cue_queue_empty,
    field_refundId: en.field_refundId,
    field_orderId: en.field_orderId,
  },
};

type WorkerKey = keyof (typeof CATALOG)['en'];
export type WorkerMessages = Messages<WorkerKey>;

const BY_LOCALE: Readonly<Record<Locale, WorkerMessages>> = {
  'zh-CN': messagesFor<WorkerKey>(CATALOG, 'zh-CN'),
  en: messagesFor<WorkerKey>(CATALOG, 'en'),
};

export function workerMessages(locale: Locale): WorkerMessages {
  return BY_LOCALE[locale];
}

/**
 * The evidence line a deadline warning carries when that deadline is the one the case's
 * evidence must be ready by (guidance.evidence, pack data): `；凭证 3 项须在此前备好：发货记录…、…`.
 * '' for any other deadline: the warning itself is the one every deadline gets (deadline-alarms.ts).
 */
export function evidenceNote(
  { t, pick, locale }: WorkerMessages,
  evidence:
    { deadlineId: string | null; items: ReadonlyArray<{ text: { zh: string; en: string } }> } | undefined,
  deadlineId: string,
): string {
  if (!evidence || evidence.deadlineId !== deadlineId || evidence.items.length === 0) return '';
  const names = evidence.items.map((i) => pick(i.text).split(/[（(：:]/)[0]!);
  return t('bg_notify_evidence', evidence.items.length, names.join(locale === 'en' ? ', ' : '、'));
}
