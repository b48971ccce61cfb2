import type { PackPreview } from '../protocol/views';
import { PackSummary } from './pack-summary';
import { useMessages } from './i18n';

/**
 * A rule pack from a file or the team URL before it becomes active (presentational): what
 * changes against the active pack, the replies and steps that hold a link or a private
 * contact, newer-schema warnings, and the two buttons. Pack texts are rendered as text.
 */
export function PackPreviewPanel(props: {
  preview: PackPreview;
  onDecide: (accept: boolean) => void;
  busy?: boolean;
}) {
  const { t, pick } = useMessages();
  const { preview, onDecide } = props;
  const { changes, counts, flags } = preview;
  const list = (
    key: 'added' | 'removed' | 'changed',
    label: 'opt_pack_added' | 'opt_pack_removed' | 'opt_pack_changed',
  ) =>
    counts[key] > 0 && (
      <details data-testid={`pack-${key}`} data-count={counts[key]} open={counts[key] <= 10}>
        <summary>
          {t(label)} {counts[key]}
        </summary>
        <ul>
          {changes[key].map((r) => (
            <li key={r.id} data-rule-id={r.id}>
              <code>{r.id}</code> <span class="rule-type">[{r.type}]</span> {r.title ? pick(r.title) : ''}
            </li>
          ))}
          {counts[key] > changes[key].length && (
            <li>{t('opt_pack_more', counts[key] - changes[key].length)}</li>
          )}
        </ul>
      </details>
    );
  return (
    <div
      class="pack-pending"
      data-testid="pack-pending"
      data-token={preview.token}
      role="region"
      aria-label={t('opt_pack_pending_title')}
    >
      <h3>{t('opt_pack_pending_title')}</h3>
      <p class="hint">{t('opt_pack_pending_hint')}</p>
      <PackSummary info={preview.info} testid="pending-pack" />
      <p data-testid="pack-changes">{t('opt_pack_changes', counts.added, counts.removed, counts.changed)}</p>
      {list('added', 'opt_pack_added')}
      {list('removed', 'opt_pack_removed')}
      {list('changed', 'opt_pack_changed')}
      {flags.length > 0 && (
        <div role="alert" class="error" data-testid="pack-flags" data-count={flags.length}>
          <p>{t('opt_pack_flags')}</p>
          <ul>
            {flags.map((f) => (
              <li key={f.ruleId} data-rule-id={f.ruleId} data-kind={f.kind}>
                <code>{f.ruleId}</code> ·{' '}
                {t(
                  f.kind === 'link'
                    ? 'opt_pack_flag_link'
                    : f.kind === 'phone'
                      ? 'opt_pack_flag_phone'
                      : 'opt_pack_flag_contact',
                )}
                ：<q>{f.text}</q>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.warnings.length > 0 && (
        <div data-testid="pack-warnings">
          {t('opt_pack_warnings')}
          <ul>
            {preview.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <p class="buttons">
        <button type="button" data-testid="pack-confirm" disabled={props.busy} onClick={() => onDecide(true)}>
          {t('opt_pack_confirm')}
        </button>{' '}
        <button
          type="button"
          data-testid="pack-discard"
          disabled={props.busy}
          onClick={() => onDecide(false)}
        >
          {t('opt_pack_discard')}
        </button>
      </p>
    </div>
  );
}
