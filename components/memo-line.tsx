import { useEffect, useState } from 'preact/hooks';
import type { Facts } from '../core/model/facts';
import type { Guidance } from '../core/model/guidance';
import { MEMO_DECISIONS, memoLine, type MemoDecision } from '../core/replies/memo';
import { useMessages } from './i18n';
import type { CopyText } from './reply-list';

/**
 * The 备注 memo line: one button per decision; one click copies the line for this case (the
 * shop's template, core/replies/memo.ts) to paste into the platform's own 备注 field. The
 * line is shown as text; a value the extension does not have stays marked (【客服签名】).
 */

const clipboardCopy: CopyText = (text) => navigator.clipboard.writeText(text);

export function MemoLine(props: {
  guidance: Guidance;
  facts: Facts;
  signature?: string;
  template?: string;
  nowMs: number;
  copy?: CopyText;
}) {
  const { t, pick } = useMessages();
  const [decision, setDecision] = useState<MemoDecision>('agree');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const id = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(id);
  }, [state]);
  const memo = memoLine({
    decision,
    guidance: props.guidance,
    facts: props.facts,
    signature: props.signature,
    template: props.template,
    nowMs: props.nowMs,
  });
  const onCopy = async (d: MemoDecision) => {
    setDecision(d);
    // the line at the click, with the decision clicked (not the one rendered before it)
    const text = memoLine({
      decision: d,
      guidance: props.guidance,
      facts: props.facts,
      signature: props.signature,
      template: props.template,
      nowMs: props.nowMs,
    }).text;
    try {
      await (props.copy ?? clipboardCopy)(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <div class="memo" data-testid="memo">
      <div class="memo-buttons">
        {MEMO_DECISIONS.map((d) => (
          <button
            type="button"
            class={`copy ${d.id === decision ? 'chosen' : ''}`}
            data-testid="copy-memo"
            data-decision={d.id}
            key={d.id}
            onClick={() => void onCopy(d.id)}
          >
            {t('memo_copy', pick(d))}
          </button>
        ))}
        {state === 'copied' && (
          <span class="copied" data-testid="memo-copied" role="status">
            {t('memo_copied')}
          </span>
        )}
        {state === 'failed' && (
          <span class="copy-failed" role="alert">
            {t('reply_copy_failed')}
          </span>
        )}
      </div>
      <p class="memo-hint">{t('memo_hint')}</p>
      <p class="memo-text" data-testid="memo-text" lang="zh-CN">
        {memo.parts.map((p, i) =>
          p.placeholder ? (
            <mark key={i} data-testid="missing">
              {p.text}
            </mark>
          ) : (
            p.text
          ),
        )}
      </p>
    </div>
  );
}
