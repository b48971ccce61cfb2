import type { ThresholdsHours } from './countdown-badge';
import { CaseTitle, type CaseHead } from './case-card';
import { Countdown } from './countdown';
import { getLocale, t } from './i18n';
import { sortByDue } from './urgency';

/** Every case seen in the open back-office tabs, most urgent first; a click focuses one. */
export function Queue(props: {
  cases: readonly CaseHead[];
  nowMs: number;
  thresholdsHours: ThresholdsHours;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const sorted = sortByDue(props.cases);
  return (
    <section class="queue" data-testid="queue">
      <h2>{t('panel_queue')}</h2>
      {sorted.length === 0 ? (
        <p class="empty">{t('panel_queue_empty')}</p>
      ) : (
        <ol>
          {sorted.map((c) => {
            const due = c.due;
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
                  {due ? (
                    <Countdown dueAt={due} nowMs={props.nowMs} thresholdsHours={props.thresholdsHours} locale={getLocale()} />
                  ) : (
                    <span class="countdown none">{t('queue_no_deadline')}</span>
                  )}
                  <CaseTitle c={c} />
                  {comp.triggered && <span class="comp">{t('badge_comp', comp.amount ?? '?')}</span>}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
