import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CaseSummary } from '../../protocol/map';
import type { Platform } from '../../core/model/vocabulary';
import { PlatformQuestion } from '../../components/platform-question';
import { CaseCard, CaseTitle, fieldList } from '../../components/case-card';
import { Countdown } from '../../components/countdown';
import { Queue } from '../../components/queue';
import { BatchList } from '../../components/batch-list';
import { DEFAULT_BATCH_LIMITS } from '../../core/batch/limits';
import { LocaleContext, uiMessages, useMessages, type UiMessages } from '../../components/i18n';
import { detectPageKind, isWorkbench } from '../../core/pages/urls';
import type { CaseView } from '../../protocol/map';
import type { ThresholdsHours } from '../../core/urgency';
import { newer, usePanelData, type PanelApi, type PanelDetail, type PanelState } from './panel-data';

export type { PanelApi };

export function App(props: { api: PanelApi }) {
  const { api } = props;
  const {
    state,
    setState,
    detail,
    setDetail,
    currentRef,
    selected,
    setSelected,
    reveal,
    setReveal,
    marked,
    setMarked,
    nowMs,
    locale,
    settingsRef,
    settingsAt,
  } = usePanelData(api);
  const { current, currentTab, outside, otherTabs } = openCase(state, selected);
  currentRef.current =
    current !== null && currentTab !== undefined ? { key: current, tabId: currentTab } : null;
  useCaseDetail(api, { current, currentTab, gen: state.gen, detail, setDetail });
  useReveal(reveal, setReveal, state.gen);
  const { answered, asksPlatform, answer } = usePlatformAnswer(
    api,
    state.tabUnreadable,
    () => {
      settingsAt.current = -Infinity;
    },
    (message) => setState((s) => ({ ...s, error: message })),
  );

  const select = (key: string) => {
    setSelected(key);
    setMarked(null);
    api.focusCase(key).catch(() => {});
  };

  const caseBlock = (c: CaseSummary, fromOtherTab = false) => {
    const open = c.key === current;
    // Until the new case's view arrives, the one shown keeps its (older) view if it has one.
    const view = open && detail !== null && detail.key === c.key ? detail.view : null;
    const toggle = () => {
      setSelected(open ? '' : c.key);
      setMarked(null);
    };
    const memo = {
      signature: settingsRef.current.shopPolicy?.signature,
      template: settingsRef.current.shopPolicy?.memoTemplate,
    };
    return (
      <CaseBlock
        key={c.key}
        c={c}
        open={open}
        view={view}
        revealed={open && marked === c.key}
        fromOtherTab={fromOtherTab}
        nowMs={nowMs}
        thresholdsHours={state.thresholdsHours}
        api={api}
        memo={memo}
        onToggle={toggle}
      />
    );
  };

  return (
    <LocaleContext.Provider value={uiMessages(locale)}>
      <div class="panel" lang={locale === 'en' ? 'en' : 'zh-CN'}>
        <PanelHeader
          tabUrl={state.tabUrl}
          firstRun={state.firstRun}
          openOptions={api.openOptions}
          notice={state.notice}
          loaded={state.loaded}
          error={state.error}
        />
        {asksPlatform && (
          <PlatformQuestion
            waiting={state.tabUnreadable?.waiting ?? 0}
            shop={state.shop}
            answered={answered}
            onAnswer={answer}
          />
        )}
        {state.loaded && <TabCasesSection state={state} asksPlatform={asksPlatform} caseBlock={caseBlock} />}
        {state.loaded && (
          <BatchList
            cases={state.tabCases}
            limits={settingsRef.current.safeBatches?.limits ?? DEFAULT_BATCH_LIMITS}
            enabled={settingsRef.current.safeBatches?.enabled}
          />
        )}
        {outside && <section class="focused">{caseBlock(outside, true)}</section>}
        {state.loaded && (
          <Queue
            cases={otherTabs}
            nowMs={nowMs}
            thresholdsHours={state.thresholdsHours}
            selected={current}
            onSelect={select}
          />
        )}
      </div>
    </LocaleContext.Provider>
  );
}

/**
 * The case shown open (`selected`: '' = none, unknown or null = the tab's first, in the
 * worker's order — core/urgency.ts queueOrder — as it comes), its tab, whether it is another
 * tab's (`outside`), and the queue's cases: the other tabs' (this tab's are in the list above).
 */
function openCase(state: PanelState, selected: string | null) {
  const known = (key: string | null) =>
    key !== null && (state.tabCases.some((c) => c.key === key) || state.queue.some((c) => c.key === key));
  const otherTabs = state.queue.filter((c) => !state.tabCases.some((x) => x.key === c.key));
  const current = selected === '' ? null : known(selected) ? selected : (state.tabCases[0]?.key ?? null);
  const outside =
    current && !state.tabCases.some((c) => c.key === current)
      ? state.queue.find((c) => c.key === current)
      : undefined;
  const currentTab =
    current === null ? undefined : (outside ?? state.tabCases.find((c) => c.key === current))?.tabId;
  return { current, currentTab, outside, otherTabs };
}

/**
 * The expanded case's full view: fetched when another case opens, or when a load could not
 * fetch it along with the lists (the case opened after that load started).
 */
function useCaseDetail(
  api: PanelApi,
  o: {
    current: string | null;
    currentTab: number | undefined;
    gen: number;
    detail: PanelDetail | null;
    setDetail: (update: (prev: PanelDetail | null) => PanelDetail) => void;
  },
) {
  const { current, currentTab, gen, detail, setDetail } = o;
  const haveDetail = detail !== null && detail.key === current && detail.gen >= gen;
  useEffect(() => {
    if (current === null || currentTab === undefined || haveDetail) return;
    let stale = false;
    api
      .getCase(current, currentTab)
      .then((r) => {
        if (!stale) setDetail((prev) => newer(prev, { key: current, gen, view: r.case }));
      })
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, [api, current, currentTab, gen, haveDetail]);
}

/** The case a badge click or keyboard jump asked for is scrolled into view once it is on screen (smoothly unless motion is reduced). */
function useReveal(reveal: string | null, setReveal: (key: string | null) => void, gen: number) {
  useEffect(() => {
    if (reveal === null) return;
    const el = document.querySelector<HTMLElement>(`.case[data-case="${CSS.escape(reveal)}"]`);
    if (!el) return;
    const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
    setReveal(null);
  }, [reveal, gen]);
}

/**
 * "天猫 or 淘宝?" while the tab's page waits for it: the answer given is shown at once (cleared
 * once the page no longer waits); `onSent` when it goes out, `onError` if it fails.
 */
function usePlatformAnswer(
  api: PanelApi,
  unreadable: PanelState['tabUnreadable'],
  onSent: () => void,
  onError: (message: string) => void,
) {
  const [answered, setAnswered] = useState<Platform | null>(null);
  const asksPlatform = unreadable?.fields.includes('platform') ?? false;
  useEffect(() => {
    if (!asksPlatform) setAnswered(null);
  }, [asksPlatform]);
  const answer = (p: Platform) => {
    setAnswered(p);
    onSent();
    api.answerPlatform(p).catch((error: unknown) => {
      setAnswered(null);
      onError(error instanceof Error ? error.message : String(error));
    });
  };
  return { answered, asksPlatform, answer };
}

/** This tab's cases, or why there are none (no back-office tab, no case, a page field unreadable). */
function TabCasesSection(props: {
  state: PanelState;
  asksPlatform: boolean;
  caseBlock: (c: CaseSummary) => ComponentChild;
}) {
  const m = useMessages();
  const { t, tCount } = m;
  const { state, asksPlatform } = props;
  const pageFields = !asksPlatform && state.tabCases.length === 0 ? (state.tabUnreadable?.fields ?? []) : [];
  return (
    <section class="tab-cases">
      <h2>{tCount('panel_tab_cases', state.tabCases.length, state.tabCases.length)}</h2>
      {state.tabUrl === null && <p class="empty">{t('panel_no_tab')}</p>}
      {state.tabUrl !== null && state.tabCases.length === 0 && !asksPlatform && pageFields.length === 0 && (
        <p class="empty">{t('panel_no_cases')}</p>
      )}
      {pageFields.length > 0 && (
        <p class="warning" role="status" data-testid="page-unreadable">
          {t('warning_unreadable', fieldList(m, pageFields))}
        </p>
      )}
      {state.tabCases.map((c) => props.caseBlock(c))}
    </section>
  );
}

/** The tab's page as the agent knows it (`千牛工作台 · 退款列表`); the URL only on hover. */
function pageName({ t, tKnown }: UiMessages, url: string): string {
  const kind = detectPageKind(url);
  const name = kind ? tKnown(`day_page_${kind.replace(/-/g, '_')}`) : null;
  const where = isWorkbench(url) ? t('panel_workbench') : null;
  return [where, name].filter(Boolean).join(' · ') || url;
}

/** One case of a list: its head (a click opens or closes it) and, open, its card. */
function CaseBlock(props: {
  c: CaseSummary;
  open: boolean;
  view: CaseView | null;
  revealed: boolean;
  fromOtherTab: boolean;
  nowMs: number;
  thresholdsHours: ThresholdsHours;
  api: PanelApi;
  memo: { signature: string | undefined; template: string | undefined };
  onToggle: () => void;
}) {
  const { t } = useMessages();
  const { c, open, view, revealed, nowMs, thresholdsHours, api } = props;
  return (
    <div
      class={`case${open ? ' open' : ''}${revealed ? ' revealed' : ''}`}
      data-testid="case"
      data-case={c.key}
      aria-current={revealed ? 'true' : undefined}
    >
      <button type="button" class="case-head" aria-expanded={open} onClick={props.onToggle}>
        {revealed && (
          <span class="located" data-testid="located">
            {t('panel_located')}
          </span>
        )}
        {props.fromOtherTab && (
          <span class="other-tab" data-testid="other-tab">
            {t('panel_other_tab')}
          </span>
        )}
        <CaseTitle c={c} />
        {c.due && <Countdown dueAt={c.due} nowMs={nowMs} thresholdsHours={thresholdsHours} />}
      </button>
      {open && view && (
        <CaseCard
          c={view}
          nowMs={nowMs}
          thresholdsHours={thresholdsHours}
          copy={api.copy}
          settle={api.ledger}
          tabId={c.tabId}
          memo={props.memo}
        />
      )}
      {open && !view && <p class="empty">{t('panel_loading')}</p>}
    </div>
  );
}

/** The title, the shop's day link, the tab's page, the first-run line, the worker's notice, loading and errors. */
function PanelHeader(props: {
  tabUrl: string | null;
  firstRun: boolean;
  openOptions: (() => void) | undefined;
  notice: { zh: string; en: string } | null;
  loaded: boolean;
  error: string | null;
}) {
  const m = useMessages();
  const { t, pick } = m;
  const { openOptions } = props;
  return (
    <>
      <header>
        <a
          href="day.html"
          target="_blank"
          rel="noopener"
          title={t('day_open_title')}
          data-testid="open-day"
          class="open-day"
        >
          {t('day_open')}
        </a>
        <h1>{t('panel_title')}</h1>
        {props.tabUrl && (
          <p class="tab-url" title={props.tabUrl} data-testid="tab-page">
            {pageName(m, props.tabUrl)}
          </p>
        )}
      </header>
      {props.firstRun && (
        <p class="first-run" data-testid="first-run">
          {t('panel_first_run')}{' '}
          {openOptions && (
            <button type="button" class="link" onClick={() => openOptions()}>
              {t('panel_open_options')}
            </button>
          )}
        </p>
      )}
      {props.notice && (
        <p class="error" role="alert" data-testid="store-notice">
          {pick(props.notice)}
        </p>
      )}
      {!props.loaded && <p class="empty">{t('panel_loading')}</p>}
      {props.error && (
        <div class="error" role="alert" data-testid="panel-error">
          <p>{t('panel_error')}</p>
          <details>
            <summary>{t('opt_error_detail')}</summary>
            <code>{props.error}</code>
          </details>
        </div>
      )}
    </>
  );
}
