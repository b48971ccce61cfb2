import type { ThresholdsHours } from '../core/urgency';
import { CaseTitle, type CaseHead } from './case-card';
import { Countdown } from './countdown';
import { useMessages } from './i18n';

/**
 * Every case seen in the open back-office tabs, in the worker's queue order (core/urgency.ts
 * queueOrder), in groups: still open (即将到期), nothing open any more (已超时), no deadline.
 * A click focuses one.
 */
export function Queue(props: {
  cases: readonly CaseHead[];
  nowMs: number;
  thresholdsHours: ThresholdsHours;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const { t } = useMessages();
  const { nowMs } = props;
  const overdue = (c: CaseHead) => c.due !== null && Date.parse(c.due) <= nowMs;
  const open = props.cases.filter((c) => c.due !== null && !overdue(c));
  const late = props.cases.filter(overdue);
  const none = props.cases.filter((c) => c.due === null);
  const item = (c: CaseHead) => {
    const comp = c.compensation;
    return (
      <li key={c.key}>
        <button
          type="button"
          class={`queue-item ${props.selected === c.key ? 'selected' : ''}`}
          data-testid="queue-item"
          data-case={c.key}
          aria-pressed={props.selected === c.key}
          title={t('queue_focus')}
          onClick={() => props.onSelect(c.key)}
        >
          {c.due ? (
            <Countdown dueAt={c.due} nowMs={nowMs} thresholdsHours={props.thresholdsHours} />
          ) : (
            <span class="countdown none">{t('queue_no_deadline')}</span>
          )}
          <CaseTitle c={c} />
          {comp.triggered && (
            <span class="comp">{comp.amount ? t('badge_comp', comp.amount) : t('badge_comp_unknown')}</span>
          )}
        </button>
      </li>
    );
  };
  return (
    <section class="queue" data-testid="queue">
      <h2>{t('panel_queue')}</h2>
      {props.cases.length === 0 ? (
        <p class="empty">{t('panel_queue_empty')}</p>
      ) : (
        <>
          {open.length > 0 && (
            <>
              <h3 class="queue-group" data-testid="queue-open">
                {t('queue_open', open.length)}
              </h3>
              <ol>{open.map(item)}</ol>
            </>
          )}
          {late.length > 0 && (
            <>
              <h3 class="queue-group overdue" data-testid="queue-overdue">
                {t('queue_overdue', late.length)}
              </h3>
              <ol>{late.map(item)}</ol>
            </>
          )}
          {none.length > 0 && (
            <>
              <h3 class="queue-group" data-testid="queue-none">
                {t('queue_none', none.length)}
              </h3>
              <ol>{none.map(item)}</ol>
            </>
          )}
        </>
      )}
    </section>
  );
}
