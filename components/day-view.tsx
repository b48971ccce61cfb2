import type { LedgerRecord, RecentCase } from '../core/store/schema';
import {
  DAY_RANGES,
  OUTCOMES,
  RANGE_DAYS,
  dayFigures,
  topN,
  type DayFigures,
  type DayRange,
  type Outcome,
} from '../core/day/figures';
import type { DeadlineKind } from '../core/day/deadline-kinds';
import { formatYuanDisplay } from '../core/money/fen';
import { beijingParts, toBeijingIso } from '../core/time/beijing';
import { BarsChart, DonutChart, type BarDatum } from './day-chart';
import { useMessages, type MessageKey, type UiMessages } from './i18n';

/**
 * The shop's day, as shown: figure tiles, charts with their numbers as text beside them,
 * the designed empty and first-day states. Everything scraped (reasons) is rendered as text.
 */

export interface DayData {
  cases: RecentCase[];
  ledger: LedgerRecord[];
  kinds: Readonly<Record<string, DeadlineKind>>;
  /** The agent's recent-case retention in days (cases last seen earlier are deleted). */
  retentionDays: number;
}

interface DayViewProps {
  data: DayData | null;
  error: string | null;
  range: DayRange;
  nowMs: number;
  onRange: (range: DayRange) => void;
  onRefresh: () => void;
  onExport: (which: 'cases' | 'ledger') => void;
}

const TOP_REASONS = 6;

/** `2026-11-20 14:05` in Beijing time. */
function shortWall(ms: number): string {
  return toBeijingIso(ms).slice(0, 16).replace('T', ' ');
}

function Tile(props: { testId: string; label: string; value: string; note?: string; tone?: 'bad' | 'good' }) {
  return (
    <div class={`day-tile${props.tone ? ` day-tile-${props.tone}` : ''}`} data-testid={props.testId}>
      <span class="day-tile-label">{props.label}</span>
      <strong class="day-tile-value" data-testid={`${props.testId}-value`}>
        {props.value}
      </strong>
      {props.note && <span class="day-tile-note">{props.note}</span>}
    </div>
  );
}

function DataTable(props: { caption: string; rows: BarDatum[]; testId: string }) {
  const { t } = useMessages();
  return (
    <details class="day-table">
      <summary>{t('day_table_caption', props.caption)}</summary>
      <table data-testid={props.testId}>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function EmptyState() {
  const { t } = useMessages();
  return (
    <section class="day-state day-empty" data-testid="day-empty">
      <div class="day-state-mark" aria-hidden="true">
        ◷
      </div>
      <h2>{t('day_empty_title')}</h2>
      <p>{t('day_empty_body')}</p>
    </section>
  );
}

const pageLabel = ({ t }: UiMessages, key: string | null) =>
  key === null ? t('day_page_unknown') : t(`day_page_${key}` as MessageKey);

function Figures(props: { f: DayFigures; data: DayData }) {
  const { t } = useMessages();
  const { f, data } = props;
  return (
    <>
      <FigureTiles f={f} />
      {f.seen === 0 ? (
        <p class="day-state day-none" data-testid="day-none">
          {t('day_none_in_range')}
        </p>
      ) : (
        <div class="day-grid">
          <SeriesCard f={f} />
          <OutcomesCard f={f} />
          <BreachesCard f={f} data={data} />
          <ReasonsCard f={f} />
          <PagesCard f={f} />
        </div>
      )}
      <p class="day-note">{t('day_comp_note')}</p>
    </>
  );
}

function FigureTiles({ f }: { f: DayFigures }) {
  const { t, tCount } = useMessages();
  return (
    <section class="day-tiles" aria-label={t('day_title')}>
      <Tile testId="day-seen" label={t('day_seen')} value={String(f.seen)} note={t('day_seen_note')} />
      <Tile testId="day-new" label={t('day_new')} value={String(f.newCases)} note={t('day_new_note')} />
      <Tile
        testId="day-breached"
        label={t('day_breached')}
        value={String(f.breachTotal)}
        note={t('day_breached_note')}
        tone={f.breachTotal > 0 ? 'bad' : undefined}
      />
      <Tile
        testId="day-comp-platform"
        label={t('day_comp_platform')}
        value={formatYuanDisplay(f.compensation.platformPayout.fen)}
        note={tCount(
          'day_comp_count',
          f.compensation.platformPayout.count,
          f.compensation.platformPayout.count,
        )}
      />
      <Tile
        testId="day-comp-proactive"
        label={t('day_comp_proactive')}
        value={formatYuanDisplay(f.compensation.proactive.fen)}
        note={tCount('day_comp_count', f.compensation.proactive.count, f.compensation.proactive.count)}
      />
    </section>
  );
}

function SeriesCard({ f }: { f: DayFigures }) {
  const { t } = useMessages();
  const series: BarDatum[] = f.series.map((s) => ({ label: s.label, value: s.count }));
  const title = t(f.range !== 'today' ? 'day_series_days' : 'day_series_today');
  return (
    <section class="day-card day-wide" data-testid="day-series-card">
      <h2>{title}</h2>
      <BarsChart
        testId="chart-series"
        label={title}
        data={series}
        labelEvery={f.range === '30d' ? 5 : f.range === 'today' ? 3 : 1}
      />
      <DataTable caption={title} rows={series} testId="table-series" />
    </section>
  );
}

function OutcomesCard({ f }: { f: DayFigures }) {
  const { t, tCount } = useMessages();
  const outcomeSlices = OUTCOMES.map((o: Outcome) => ({
    key: o,
    label: t(`day_outcome_${o}` as MessageKey),
    value: f.outcomes[o],
  }));
  const title = tCount('day_outcomes_title', f.refundsSeen, f.refundsSeen);
  return (
    <section class="day-card" data-testid="day-outcomes">
      <h2>{title}</h2>
      {f.refundsSeen > 0 && (
        <div class="day-outcome-row">
          <DonutChart
            testId="chart-outcomes"
            label={title}
            slices={outcomeSlices}
            total={String(f.refundsSeen)}
          />
          <ul class="day-legend">
            {outcomeSlices
              .filter((s) => s.value > 0)
              .map((s) => (
                <li key={s.key} data-testid={`outcome-${s.key}`}>
                  <span class={`day-swatch day-slice-${s.key}`} aria-hidden="true" />
                  <span class="day-legend-label">{s.label}</span>
                  <strong>{s.value}</strong>
                </li>
              ))}
          </ul>
        </div>
      )}
      <p class="day-note">{t('day_outcomes_note')}</p>
    </section>
  );
}

function BreachesCard({ f, data }: { f: DayFigures; data: DayData }) {
  const { t, tCount, pick } = useMessages();
  const breachRows: BarDatum[] = f.breaches.map((b) => ({
    label: data.kinds[b.key] ? pick(data.kinds[b.key]!.label) : b.key,
    value: b.count,
  }));
  return (
    <section class="day-card" data-testid="day-breaches">
      <h2>{t('day_breaches_title')}</h2>
      {breachRows.length > 0 ? (
        <>
          <BarsChart testId="chart-breaches" label={t('day_breaches_title')} data={breachRows} horizontal />
          <DataTable caption={t('day_breaches_title')} rows={breachRows} testId="table-breaches" />
        </>
      ) : (
        <p class="day-quiet">{t('day_breaches_none')}</p>
      )}
      {f.dueUnseen > 0 && (
        <p class="day-note" data-testid="day-due-unseen">
          {tCount('day_due_unseen', f.dueUnseen, f.dueUnseen)}
        </p>
      )}
    </section>
  );
}

function ReasonsCard({ f }: { f: DayFigures }) {
  const { t } = useMessages();
  const { top, other } = topN(f.reasons, TOP_REASONS);
  const reasonRows: BarDatum[] = top.map((r) => ({ label: r.key ?? t('day_reason_none'), value: r.count }));
  if (other > 0) reasonRows.push({ label: t('day_reason_other'), value: other });
  return (
    <section class="day-card" data-testid="day-reasons">
      <h2>{t('day_reasons_title')}</h2>
      <BarsChart testId="chart-reasons" label={t('day_reasons_title')} data={reasonRows} horizontal />
      <DataTable caption={t('day_reasons_title')} rows={reasonRows} testId="table-reasons" />
    </section>
  );
}

function PagesCard({ f }: { f: DayFigures }) {
  const m = useMessages();
  const { t } = m;
  const pageRows: BarDatum[] = f.pages.map((p) => ({ label: pageLabel(m, p.key), value: p.count }));
  const kindRows: BarDatum[] = (['refund', 'aftersale', 'complaint'] as const).map((k) => ({
    label: t(`kind_${k}`),
    value: f.kinds[k],
  }));
  return (
    <section class="day-card" data-testid="day-pages">
      <h2>{t('day_pages_title')}</h2>
      <BarsChart testId="chart-pages" label={t('day_pages_title')} data={pageRows} horizontal />
      <DataTable caption={t('day_pages_title')} rows={pageRows} testId="table-pages" />
      <h3>{t('day_kinds_title')}</h3>
      <ul class="day-kinds" data-testid="day-kinds">
        {kindRows.map((k) => (
          <li key={k.label}>
            <span>{k.label}</span> <strong>{k.value}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DayView(props: DayViewProps) {
  const { t, tCount, locale } = useMessages();
  const { data, range, nowMs } = props;
  const f = data
    ? dayFigures({ cases: data.cases, ledger: data.ledger, nowMs, range, kinds: data.kinds })
    : null;
  const since = f?.dataSinceMs ?? null;
  const started = since !== null ? beijingParts(since) : null;

  return (
    <main class="day" lang={locale === 'en' ? 'en' : 'zh-CN'}>
      <header class="day-header">
        <h1>{t('day_title')}</h1>
        <div class="day-ranges" role="group" aria-label={t('day_range_label')}>
          {DAY_RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={r === range}
              data-testid={`range-${r}`}
              onClick={() => props.onRange(r)}
            >
              {t(`day_range_${r}` as MessageKey)}
            </button>
          ))}
        </div>
        <div class="day-actions">
          <button type="button" onClick={props.onRefresh} data-testid="day-refresh">
            {t('day_refresh')}
          </button>
          <button
            type="button"
            onClick={() => props.onExport('cases')}
            disabled={!f || f.empty}
            data-testid="export-cases"
          >
            {t('day_export_cases')}
          </button>
          <button
            type="button"
            onClick={() => props.onExport('ledger')}
            disabled={!f || f.empty}
            data-testid="export-ledger"
          >
            {t('day_export_ledger')}
          </button>
        </div>
      </header>
      {f && (
        <p class="day-when" data-testid="day-when">
          {t('day_as_of', shortWall(f.fromMs), shortWall(nowMs))}
        </p>
      )}
      {props.error && (
        <p class="day-error" role="alert">
          {t('day_error', props.error)}
        </p>
      )}
      {!data && !props.error && <p class="day-quiet">{t('day_loading')}</p>}
      {f && f.empty && <EmptyState />}
      {f && !f.empty && (
        <>
          {f.firstDay && started && (
            <section class="day-state day-first" data-testid="day-first">
              <h2>{t('day_first_title')}</h2>
              <p>
                {t(
                  'day_first_body',
                  `${String(started.hour).padStart(2, '0')}:${String(started.minute).padStart(2, '0')}`,
                )}
              </p>
            </section>
          )}
          {!f.firstDay && since !== null && since > f.fromMs && (
            <p class="day-note" data-testid="day-partial">
              {t('day_partial', shortWall(since))}
            </p>
          )}
          {data && data.retentionDays < RANGE_DAYS[range] && (
            <p class="day-note" data-testid="day-retention">
              {tCount('day_retention', data.retentionDays, data.retentionDays)}
            </p>
          )}
          {data && <Figures f={f} data={data} />}
        </>
      )}
    </main>
  );
}
