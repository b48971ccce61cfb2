import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { openSentinelStore } from '../../core/store/sentinel-store';
import { deadlineKinds } from '../../core/day/deadline-kinds';
import { RANGE_DAYS, type DayRange } from '../../core/day/figures';
import { beijingDate } from '../../core/time/beijing';
import { DayView, type DayData } from '../../components/day-view';
import { casesCsv, ledgerCsv } from '../../components/day-csv';
import { LocaleContext, uiMessages, type UiLocale } from '../../components/i18n';
import './style.css';

/**
 * The shop's day, an extension page (day.html). It reads the same IndexedDB the worker
 * writes (extension pages share its origin) through core/store, once per refresh, and
 * closes the connection right away so a later schema upgrade by the worker is never blocked.
 * No message to the worker is needed.
 */

const DEFAULT_RETENTION_DAYS = 30;
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;

async function readDay(): Promise<{ data: DayData; locale?: UiLocale }> {
  const store = await openSentinelStore();
  try {
    const [cases, ledger, pack, settings] = await Promise.all([
      store.listRecentCases(),
      store.listLedger(),
      store.getPack('active'),
      store.getSettings(),
    ]);
    // A managed (policy) value wins over the agent's own, as in the options page.
    const managed = ((await browser.storage.managed
      ?.get(['locale', 'recentCaseRetentionDays'])
      .catch(() => ({}))) ?? {}) as Record<string, unknown>;
    const own = (settings ?? {}) as Record<string, unknown>;
    const locale = [managed.locale, own.locale].find((l): l is UiLocale => l === 'zh-CN' || l === 'en');
    const retentionDays =
      num(managed.recentCaseRetentionDays) ?? num(own.recentCaseRetentionDays) ?? DEFAULT_RETENTION_DAYS;
    return { data: { cases, ledger, kinds: deadlineKinds(pack?.json), retentionDays }, locale };
  } finally {
    store.close();
  }
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const initialRange = (): DayRange => {
  const r = new URLSearchParams(location.search).get('range');
  return r !== null && r in RANGE_DAYS ? (r as DayRange) : 'today';
};

function DayPage() {
  const [range, setRange] = useState<DayRange>(initialRange);
  const [data, setData] = useState<DayData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nowMs, setNowMs] = useState(Date.now());
  const [locale, setLocale] = useState<UiLocale>('zh-CN');
  const m = uiMessages(locale);

  useEffect(() => {
    document.title = `${m.t('day_title')} · ${m.t('extName')}`;
  }, [m]);

  const load = useCallback(async () => {
    const now = Date.now();
    try {
      const { data: d, locale } = await readDay();
      if (locale) setLocale(locale);
      setNowMs(now);
      setData(d);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void load();
    // Back to this tab after working in the back-office: read again.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [load]);

  const onRange = (r: DayRange) => {
    setRange(r);
    history.replaceState(null, '', `?range=${r}`);
  };
  const onExport = (which: 'cases' | 'ledger') => {
    if (!data) return;
    const stamp = `${beijingDate(nowMs)}-${range}`;
    if (which === 'cases')
      download(`aftersale-sentinel-cases-${stamp}.csv`, casesCsv(data.cases, range, nowMs, data.kinds));
    else download(`aftersale-sentinel-compensation-${stamp}.csv`, ledgerCsv(data.ledger, range, nowMs));
  };

  return (
    <LocaleContext.Provider value={m}>
      <DayView
        data={data}
        error={error}
        range={range}
        nowMs={nowMs}
        onRange={onRange}
        onRefresh={() => void load()}
        onExport={onExport}
      />
    </LocaleContext.Provider>
  );
}

render(<DayPage />, document.getElementById('app')!);
