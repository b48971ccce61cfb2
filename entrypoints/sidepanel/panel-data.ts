import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CaseSummary, CaseView, PageUnreadable, TabCases } from '../../protocol/map';
import { shopKey, type PlatformSettings } from '../../core/model/platform-answer';
import type { Platform } from '../../core/model/vocabulary';
import { DEFAULT_THRESHOLDS_HOURS, type ThresholdsHours } from '../../core/urgency';
import type { CopyText } from '../../components/reply-list';
import type { SettleApi } from '../../components/settle-line';
import type { UiLocale } from '../../components/i18n';

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
  getSettings(): Promise<
    PlatformSettings & {
      shopPolicy?: { shopName?: string; signature?: string; memoTemplate?: string };
      safeBatches?: {
        enabled?: boolean;
        limits?: { tmall: { count: number; yuan: number }; taobao: { count: number; yuan: number } };
      };
      warningThresholdsHours?: ThresholdsHours;
      locale?: UiLocale;
    }
  >;
  /** Open the options page (the first-run line's link). */
  openOptions?: () => void;
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

export interface PanelState {
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
export interface PanelDetail {
  key: string;
  gen: number;
  view: CaseView | null;
}

/** A view of the same case fetched for an older refresh never replaces a newer one. */
export const newer = (prev: PanelDetail | null, next: PanelDetail): PanelDetail =>
  prev !== null && prev.key === next.key && prev.gen > next.gen ? prev : next;

type PanelSettings = Awaited<ReturnType<PanelApi['getSettings']>>;
type Focused = Awaited<ReturnType<PanelApi['getFocusedCase']>>;

const initialState = (): PanelState => ({
  loaded: false,
  error: null,
  tabUrl: null,
  tabCases: [],
  tabUnreadable: null,
  notice: null,
  shop: '',
  firstRun: false,
  queue: [],
  thresholdsHours: DEFAULT_THRESHOLDS_HOURS,
  gen: 0,
});

/** The lists of load `gen` as the panel shows them; `cached`: the settings last asked for (`settings` may be the same). */
function loadedState(
  tab: TabCases<CaseSummary>,
  queue: CaseSummary[],
  settings: PanelSettings,
  cached: PanelSettings,
  gen: number,
): PanelState {
  return {
    loaded: true,
    error: null,
    tabUrl: tab.url,
    tabCases: tab.cases,
    tabUnreadable: tab.unreadable ?? null,
    notice: tab.notice ?? null,
    shop: shopKey(cached),
    firstRun:
      !cached.shopPolicy?.shopName?.trim() &&
      !cached.shopPolicy?.signature?.trim() &&
      cached.locale !== undefined,
    queue,
    thresholdsHours: settings.warningThresholdsHours ?? DEFAULT_THRESHOLDS_HOURS,
    gen,
  };
}

/**
 * The open case's full view, shown as soon as it arrives (it is small; the lists take longer
 * with a big tab open): the new verdict does not wait for the queue.
 */
function fetchOpenCase(
  api: PanelApi,
  currentRef: { current: { key: string; tabId: number } | null },
  gen: number,
  setDetail: (update: (prev: PanelDetail | null) => PanelDetail) => void,
): void {
  const open = currentRef.current;
  if (!open) return;
  api.getCase(open.key, open.tabId).then(
    (full) => {
      // (the agent may have opened another case meanwhile)
      if (currentRef.current?.key === open.key)
        setDetail((prev) => newer(prev, { key: open.key, gen, view: full.case }));
    },
    () => {},
  );
}

/**
 * Which case is open (`selected`; '' = none, null = the tab's first), which one a badge click
 * or keyboard jump asked for, and `follow`: after each load, another tab puts its own case on
 * top, and a new focus request opens its case.
 */
function useSelection() {
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
  /** The last focus request acted on (key and the worker's request count). */
  const lastFocused = useRef<string | null>(null);

  const follow = (tab: TabCases<CaseSummary>, focused: Focused) => {
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
  };
  return { selected, setSelected, reveal, setReveal, marked, setMarked, follow };
}

/**
 * The panel's data: the tab's cases and the queue (summaries), the expanded case's full view,
 * the selection, refreshed on every casesChanged and tab switch, and a clock for the countdowns.
 */
export function usePanelData(api: PanelApi) {
  const now = api.now ?? Date.now;
  const [state, setState] = useState<PanelState>(initialState);
  const [detail, setDetail] = useState<PanelDetail | null>(null);
  /** The case shown expanded at the last render: its full view is fetched along with the lists. */
  const currentRef = useRef<{ key: string; tabId: number } | null>(null);
  const genRef = useRef(0);
  const appliedGen = useRef(0);
  const { selected, setSelected, reveal, setReveal, marked, setMarked, follow } = useSelection();
  const [nowMs, setNowMs] = useState(now());
  /** The agent's language setting: the panel renders its texts through uiMessages(locale). */
  const [locale, setLocale] = useState<UiLocale>('zh-CN');
  /** Settings change rarely: asked at start and then at most once a minute, not on every casesChanged. */
  const settingsAt = useRef(-Infinity);
  const settingsRef = useRef<PanelSettings>({});

  const load = useCallback(async () => {
    try {
      const fresh = now() - settingsAt.current > 60_000;
      const gen = ++genRef.current;
      fetchOpenCase(api, currentRef, gen, setDetail);
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
      if (settings.locale) setLocale(settings.locale);
      setState(loadedState(tab, queue.cases, settings, settingsRef.current, gen));
      setNowMs(now());
      follow(tab, focused);
    } catch (error) {
      setState((s) => ({
        ...s,
        loaded: true,
        error: error instanceof Error ? error.message : String(error),
      }));
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

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return {
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
  };
}
