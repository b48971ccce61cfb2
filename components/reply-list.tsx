import { useEffect, useState } from 'preact/hooks';
import type { Reply } from '../core/model/guidance';
import { pick, t } from './i18n';

/**
 * Suggested replies, each with a one-click copy. A placeholder the engine could not fill
 * stays in the text as 【name】 and is highlighted (`<mark data-testid="missing">`), so the
 * agent sees what to complete before sending. All text is rendered as text.
 */

/** Split a reply into plain parts and the 【…】 placeholders listed as missing. */
export function splitPlaceholders(text: string, missing: readonly string[]): Array<{ text: string; missing: boolean }> {
  const parts: Array<{ text: string; missing: boolean }> = [];
  const re = /【([^【】]*)】/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const name = m[1] ?? '';
    const isMissing = missing.includes(name) || missing.includes(m[0]);
    if (!isMissing) continue;
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
  const { reply } = props;
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
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
        <button type="button" class="copy" data-testid="copy-reply" onClick={onCopy}>
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
      <p class="reply-text" data-testid="reply-text">
        {splitPlaceholders(reply.text, reply.missing).map((p, i) =>
          p.missing ? (
            <mark key={i} data-testid="missing">
              {p.text}
            </mark>
          ) : (
            p.text
          ),
        )}
      </p>
      {reply.missing.length > 0 && <p class="reply-missing">{t('reply_missing', reply.missing.join(t('list_sep')))}</p>}
    </li>
  );
}

export function ReplyList(props: { replies: readonly Reply[]; copy?: CopyText }) {
  if (props.replies.length === 0) return <p class="empty">{t('replies_none')}</p>;
  return (
    <ul class="replies">
      {props.replies.map((r) => (
        <ReplyItem key={r.id} reply={r} copy={props.copy ?? clipboardCopy} />
      ))}
    </ul>
  );
}
