import { useEffect, useState } from 'preact/hooks';
import type { Reply } from '../core/model/guidance';
import { useMessages } from './i18n';

/**
 * Suggested replies, each with a one-click copy. A placeholder the engine could not fill
 * stays in the text as 【name】 and is highlighted (`<mark data-testid="missing">`), so the
 * agent sees what to complete before sending. All text is rendered as text.
 */

/**
 * Split a reply into plain parts and its unfilled placeholders. The engine leaves a
 * placeholder with no value as its visible mark (【店铺名】) and lists its id in `missing`
 * (`shopName`); a filled one leaves no mark. So when anything is missing, every 【…】 in the
 * text is an unfilled placeholder.
 */
export function splitPlaceholders(
  text: string,
  missing: readonly string[],
): Array<{ text: string; missing: boolean }> {
  if (missing.length === 0) return [{ text, missing: false }];
  const parts: Array<{ text: string; missing: boolean }> = [];
  const re = /【[^【】\n]{1,20}】/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), missing: false });
    parts.push({ text: m[0], missing: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), missing: false });
  return parts;
}

export type CopyText = (text: string) => Promise<void>;

const clipboardCopy: CopyText = (text) => navigator.clipboard.writeText(text);

function ReplyItem(props: { reply: Reply; copy: CopyText }) {
  const { t, pick } = useMessages();
  const { reply } = props;
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const parts = splitPlaceholders(reply.text, reply.missing);
  const marks = [...new Set(parts.filter((p) => p.missing).map((p) => p.text))];
  useEffect(() => {
    if (state !== 'copied') return;
    const id = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(id);
  }, [state]);
  const onCopy = async () => {
    try {
      await props.copy(reply.text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <li class="reply" data-testid="reply" data-reply={reply.id}>
      <div class="reply-head">
        <span class="reply-title">{pick(reply.title)}</span>
        <button type="button" class="copy" data-testid="copy-reply" onClick={() => void onCopy()}>
          {t('reply_copy')}
        </button>
        {state === 'copied' && (
          <span class="copied" data-testid="copied" role="status">
            {t('reply_copied')}
          </span>
        )}
        {state === 'failed' && (
          <span class="copy-failed" role="alert">
            {t('reply_copy_failed')}
          </span>
        )}
      </div>
      <p class="reply-text" data-testid="reply-text" lang="zh-CN">
        {parts.map((p, i) =>
          p.missing ? (
            <mark key={i} data-testid="missing">
              {p.text}
            </mark>
          ) : (
            p.text
          ),
        )}
      </p>
      {marks.length > 0 && <p class="reply-missing">{t('reply_missing', marks.join(t('list_sep')))}</p>}
    </li>
  );
}

/** `for`: which case the replies name (`退款编号 202611200001`), said above them so a copy never goes to the wrong buyer. */
export function ReplyList(props: { replies: readonly Reply[]; copy?: CopyText; for?: string }) {
  const { t } = useMessages();
  if (props.replies.length === 0) return <p class="empty">{t('replies_none')}</p>;
  return (
    <>
      {props.for && (
        <p class="replies-for" data-testid="replies-for">
          {props.for}
        </p>
      )}
      <ul class="replies">
        {props.replies.map((r) => (
          <ReplyItem key={r.id} reply={r} copy={props.copy ?? clipboardCopy} />
        ))}
      </ul>
    </>
  );
}
