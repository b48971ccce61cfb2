import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CaseSummary, CaseView, PageUnreadable, TabCases } from '../../protocol/map';
import { shopKey, type PlatformSettings } from '../../core/model/platform-answer';
import type { Platform } from '../../core/model/vocabulary';
import { PlatformQuestion } from '../../components/platform-question';
import { DEFAULT_THRESHOLDS_HOURS, type ThresholdsHours } from '../../components/countdown-badge';
import { CaseCard, CaseTitle, fieldList } from '../../components/case-card';
import { Countdown } from '../../components/countdown';
import { Queue } from '../../components/queue';
import { BatchList } from '../../components/batch-list';
import { DEFAULT_BATCH_LIMITS } from '../../core/batch/limits';
import type { CopyText } from '../../components/reply-list';
import type { SettleApi } from '../../components/settle-line';
import { getLocale, pick, setLocale, t, tCount, tKnown, type UiLocale } from '../../components/i18n';
import { detectPageKind, isWorkbench } from '../../core/pages/urls';

/** The tab's page as the agent knows it (`千牛工作台 · 退款列表`); the URL only on hover. */
function pageName(url: string): string {
  const kind = detectPageKind(url);
  const name = kind ? tKnown(`day_page_${kind.replace(/-/g, '_')}`) : null;
  const where = isWorkbench(url) ? t('panel_workbench') : null;
  return [where, name].filter(Boolean).join(' · ') || url;
}

/**
 * What the panel needs from the background (main.tsx wires it to the messaging binding).
 * The lists (the tab's cases, the queue) are summaries; only the expanded case is fetched in
 * full (`getCase`), so a refresh with a 1,000-row tab open moves kilobytes, not megabytes.
 */
export interface PanelApi {
  getTabCases(): Promise<TabCases<CaseSummary>>;
  getQueue(): Promise<{ cases: CaseSummary[] }>;
  /** The full view of one case (null: no open tab has it any more). */
  getCase(key: string, tabId?: number): Promise<{ case: CaseView | null }>;
  getFocusedCase(): Promise<{ key: string | null; seq?: number }>;
  getSettings(): Promise<PlatformSettings & { shopPolicy?: { shopName?: string; signature?: string; memoTemplate?: string }; safeBatches?: { enabled?: boolean; limits?: { tmall: { count: number; yuan: number }; taobao: { count: number; yuan: number } } }; warningThresholdsHours?: ThresholdsHours; locale?: UiLocale }>;
  /** Open the options page (the first-run line's link). */
  openOptions?(): void;
  focusCase(key: string): Promise<void>;
  /** The agent's answer to "天猫 or 淘宝?" for the current shop (saved in the settings). */
  answerPlatform(platform: Platform): Promise<void>;
  /** Subscribe to `casesChanged` (and tab switches); returns the unsubscribe. */
  onChange(cb: () => void): () => void;
  copy?: CopyText;
  now?: () => number;
  /** The ledger: the agent's 同意赔付 on a complaint, recorded with one click (and undone). */
  ledger?: SettleApi;
}

interface State {
  loaded: boolean;
  error: string | null;
  tabUrl: string | null;
  tabCases: CaseSummary[];
  /** What the tab's page could not read as a whole (e.g. its platform). */
  tabUnreadable: PageUnreadable | null;
  /** The worker's own notice (read-only after a downgrade). */
  notice: { zh: string; en: string } | null;
  shop: string;
  /** Neither a shop name nor a signature is set: replies would go out with 【店铺名】 unfilled. */
  firstRun: boolean;
  queue: CaseSummary[];
  thresholdsHours: ThresholdsHours;
  /** Bumped on every load: the expanded case's full view is fetched again for each. */
  gen: number;
}

/** The expanded case's full view, as fetched for load `gen`. */
interface Detail {
  key: string;
  gen: number;
  view: CaseView | null;
}

/** A view of the same case fetched for an older refresh never replaces a newer one. */
const newer = (prev: Detail | null, next: Detail): Detail => (prev !== null && prev.key === next.key && prev.gen > next.gen ? prev : next);

export function App(props: { api: PanelApi }) {
  const { api } = props;
  const now = api.now ?? Date.now;
  const [state, setState] = useState<State>({ loaded: false, error: null, tabUrl: null, tabCases: [], tabUnreadable: null, notice: null, shop: '', firstRun: false, queue: [], thresholdsHours: DEFAULT_THRESHOLDS_HOURS, gen: 0 });
  const [detail, setDetail] = useState<Detail | null>(null);
  /** The case shown expanded at the last render: its full view is fetched along with the lists. */
  const currentRef = useRef<{ key: string; tabId: number } | null>(null);
  const genRef = useRef(0);
  const appliedGen = useRef(0);
  const [selected, setSelected] = useState<string | null>(null);
  /** The case a badge click or keyboard jump asked for: scrolled into view once it is on screen. */
  const [reveal, setReveal] = useState<string | null>(null);
  /**
   * The case a badge click or keyboard jump asked for stays marked (`revealed`) while it is
   * the one open: until the agent opens another case or moves to another tab.
   */
  const [marked, setMarked] = useState<string | null>(null);
  /** The tab the lists were last loaded for: another tab means another case on top. */
  const lastTab = useRef<number | null>(null);
  const [nowMs, setNowMs] = useState(now());
  const [, setLocaleTick] = useState<UiLocale>(getLocale());
  /** The last focus request acted on (key and the worker's request count). */
  const lastFocused = useRef<string | null>(null);
  /** Settings change rarely: asked at start and then at most once a minute, not on every casesChanged. */
  const settingsAt = useRef(-Infinity);
  const settingsRef = useRef<Awaited<ReturnType<PanelApi['getSettings']>>>({});

  const load = useCallback(async () => {
    try {
      const fresh = now() - settingsAt.current > 60_000;
      const gen = ++genRef.current;
      // The open case's full view is shown as soon as it arrives (it is small; the lists
      // take longer with a big tab open): the new verdict does not wait for the queue.
      const open = currentRef.current;
      if (open) {
        api.getCase(open.key, open.tabId).then(
          (full) => {
            // (the agent may have opened another case meanwhile)
            if (currentRef.current?.key === open.key) setDetail((prev) => newer(prev, { key: open.key, gen, view: full.case }));
          },
          () => {},
        );
      }
      const [focused, tab, queue, settings] = await Promise.all([
        api.getFocusedCase(),
        api.getTabCases(),
        api.getQueue(),
        fresh ? api.getSettings().catch(() => settingsRef.current) : settingsRef.current,
      ]);
      // An older refresh answered after a newer one: its lists are stale.
      if (gen < appliedGen.current) return;
      appliedGen.current = gen;
      if (fresh) {
        settingsAt.current = now();
        settingsRef.current = settings;
      }
      if (settings.locale && settings.locale !== getLocale()) {
        setLocale(settings.locale);
        document.documentElement.lang = settings.locale;
        setLocaleTick(settings.locale);
      }
      setState({
        loaded: true,
        error: null,
        tabUrl: tab.url,
        tabCases: tab.cases,
        tabUnreadable: tab.unreadable ?? null,
        notice: tab.notice ?? null,
        shop: shopKey(settingsRef.current),
        firstRun: !settingsRef.current.shopPolicy?.shopName?.trim() && !settingsRef.current.shopPolicy?.signature?.trim() && settingsRef.current.locale !== undefined,
        queue: queue.cases,
        thresholdsHours: settings.warningThresholdsHours ?? DEFAULT_THRESHOLDS_HOURS,
        gen,
      });
      setNowMs(now());
      // The agent moved to another tab: its own case goes on top, not the one opened before.
      if (tab.tabId !== lastTab.current) {
        lastTab.current = tab.tabId;
        setSelected(null);
        setMarked(null);
      }
      // A new focus request (badge click; the same badge clicked again is a new one) wins over
      // the agent's own selection — for the tab it was made on only: a case of another tab
      // never takes this tab's place.
      const request = focused.key === null ? null : `${focused.seq ?? 0}|${focused.key}`;
      if (focused.key && request !== lastFocused.current && tab.cases.some((c) => c.key === focused.key)) {
        lastFocused.current = request;
        setSelected(focused.key);
        setMarked(focused.key);
        setReveal(focused.key);
      }
    } catch (error) {
      setState((s) => ({ ...s, loaded: true, error: error instanceof Error ? error.message : String(error) }));
    }
  }, [api]);

  useEffect(() => {
    void load();
    return api.onChange(() => void load());
  }, [api, load]);

  useEffect(() => {
    const id = setInterval(() => setNowMs(now()), 1000);
    return () => clearInterval(id);
  }, []);

  const known = (key: string | null) => key !== null && (state.tabCases.some((c) => c.key === key) || state.queue.some((c) => c.key === key));
  // The worker's order (core/urgency.ts queueOrder), as it comes.
  const tabSorted = state.tabCases;
  // The cross-tab queue lists the other tabs' cases: this tab's are in the list above.
  const otherTabs = state.queue.filter((c) => !state.tabCases.some((x) => x.key === c.key));
  const current = selected === '' ? null : known(selected) ? selected : (tabSorted[0]?.key ?? null);
  const outside = current && !state.tabCases.some((c) => c.key === current) ? state.queue.find((c) => c.key === current) : undefined;
  const currentTab = current === null ? undefined : (outside ?? state.tabCases.find((c) => c.key === current))?.tabId;
  currentRef.current = current !== null && currentTab !== undefined ? { key: current, tabId: currentTab } : null;

  // The expanded case's full view: fetched when another case opens, or when a load could
  // not fetch it along with the lists (the case opened after that load started).
  const haveDetail = detail !== null && detail.key === current && detail.gen >= state.gen;
  useEffect(() => {
    if (current === null || currentTab === undefined || haveDetail) return;
    let stale = false;
    const gen = state.gen;
    api
      .getCase(current, currentTab)
      .then((r) => {
        if (!stale) setDetail((prev) => newer(prev, { key: current, gen, view: r.case }));
      })
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, [api, current, currentTab, state.gen, haveDetail]);

  useEffect(() => {
    if (reveal === null) return;
    const el = document.querySelector<HTMLElement>(`.case[data-case="${CSS.escape(reveal)}"]`);
    if (!el) return;
    const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
    setReveal(null);
  }, [reveal, state.gen]);

  /** The platform answer given while the question is on screen (cleared once the page no longer waits). */
  const [answered, setAnswered] = useState<Platform | null>(null);
  const asksPlatform = state.tabUnreadable?.fields.includes('platform') ?? false;
  useEffect(() => {
    if (!asksPlatform) setAnswered(null);
  }, [asksPlatform]);
  const answer = (p: Platform) => {
    setAnswered(p);
    settingsAt.current = -Infinity;
    api.answerPlatform(p).catch((error: unknown) => {
      setAnswered(null);
      setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
    });
  };
  const pageFields = !asksPlatform && state.tabCases.length === 0 ? (state.tabUnreadable?.fields ?? []) : [];

  const select = (key: string) => {
    setSelected(key);
    setMarked(null);
    api.focusCase(key).catch(() => {});
  };

  const caseBlock = (c: CaseSummary, fromOtherTab = false) => {
    const due = c.due;
    const open = c.key === current;
    // Until the new case's view arrives, the one shown keeps its (older) view if it has one.
    const view = open && detail !== null && detail.key === c.key ? detail.view : null;
    const revealed = open && marked === c.key;
    return (
      <div class={`case${open ? ' open' : ''}${revealed ? ' revealed' : ''}`} data-testid="case" data-case={c.key} key={c.key} aria-current={revealed ? 'true' : undefined}>
        <button
          type="button"
          class="case-head"
          aria-expanded={open}
          onClick={() => {
            setSelected(open ? '' : c.key);
            setMarked(null);
          }}
        >
          {revealed && <span class="located" data-testid="located">{t('panel_located')}</span>}
          {fromOtherTab && <span class="other-tab" data-testid="other-tab">{t('panel_other_tab')}</span>}
          <CaseTitle c={c} />
          {due && <Countdown dueAt={due} nowMs={nowMs} thresholdsHours={state.thresholdsHours} locale={getLocale()} />}
        </button>
        {open && view && <CaseCard c={view} nowMs={nowMs} thresholdsHours={state.thresholdsHours} copy={api.copy} settle={api.ledger} tabId={c.tabId} memo={{ signature: settingsRef.current.shopPolicy?.signature, template: settingsRef.current.shopPolicy?.memoTemplate }} />}
        {open && !view && <p class="empty">{t('panel_loading')}</p>}
      </div>
    );
  };

  return (
    <div class="panel" lang={getLocale() === 'en' ? 'en' : 'zh-CN'}>
      <header>
        <a href="day.html" target="_blank" rel="noopener" title={t('day_open_title')} data-testid="open-day" class="open-day">{t('day_open')}</a>
        <h1>{t('panel_title')}</h1>
        {state.tabUrl && (
          <p class="tab-url" title={state.tabUrl} data-testid="tab-page">
            {pageName(state.tabUrl)}
          </p>
        )}
      </header>
      {state.firstRun && (
        <p class="first-run" data-testid="first-run">
          {t('panel_first_run')}{' '}
          {api.openOptions && (
            <button type="button" class="link" onClick={() => api.openOptions?.()}>
              {t('panel_open_options')}
            </button>
          )}
        </p>
      )}
      {state.notice && (
        <p class="error" role="alert" data-testid="store-notice">
          {pick(state.notice)}
        </p>
      )}
      {!state.loaded && <p class="empty">{t('panel_loading')}</p>}
      {state.error && (
        <div class="error" role="alert" data-testid="panel-error">
          <p>{t('panel_error')}</p>
          <details>
            <summary>{t('opt_error_detail')}</summary>
            <code>{state.error}</code>
          </details>
        </div>
      )}
      {asksPlatform && <PlatformQuestion waiting={state.tabUnreadable?.waiting ?? 0} shop={state.shop} answered={answered} onAnswer={answer} />}
      {state.loaded && (
        <section class="tab-cases">
          <h2>{tCount('panel_tab_cases', state.tabCases.length, state.tabCases.length)}</h2>
          {state.tabUrl === null && <p class="empty">{t('panel_no_tab')}</p>}
          {state.tabUrl !== null && state.tabCases.length === 0 && !asksPlatform && pageFields.length === 0 && <p class="empty">{t('panel_no_cases')}</p>}
          {pageFields.length > 0 && (
            <p class="warning" role="status" data-testid="page-unreadable">
              {t('warning_unreadable', fieldList(pageFields))}
            </p>
          )}
          {tabSorted.map((c) => caseBlock(c))}
        </section>
      )}
      {state.loaded && <BatchList cases={state.tabCases} limits={settingsRef.current.safeBatches?.limits ?? DEFAULT_BATCH_LIMITS} enabled={settingsRef.current.safeBatches?.enabled} />}
      {outside && <section class="focused">{caseBlock(outside, true)}</section>}
      {state.loaded && <Queue cases={otherTabs} nowMs={nowMs} thresholdsHours={state.thresholdsHours} selected={current} onSelect={select} />}
    </div>
  );
}
