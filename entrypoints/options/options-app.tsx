import { useEffect, useRef, useState } from 'preact/hooks';
import {
  MANAGED_PATHS,
  applyManaged,
  defaultSettings,
  type ManagedPath,
  type Settings,
  type SettingsPatch,
} from '../../core/model/settings';
import type { PackRuleRow } from '../../components/pack-summary';
import { ShopPolicyExtras } from '../../components/shop-policy-extras';
import { ShortcutList, type Shortcut } from '../../components/shortcut-list';
import { LedgerTable } from '../../components/ledger-table';
import { ledgerCsv } from '../../components/day-csv';
import type { LedgerRecord } from '../../core/store/schema';
import { beijingDate } from '../../core/time/beijing';
import { LocaleContext, uiMessages, type UiMessages } from '../../components/i18n';
import type { OptionsApi } from './options-api';
import { PackSection, usePacks } from './pack-section';
import { SettingsForm, errorInWords, type Draft, type SaveState } from './settings-form';

/**
 * The options page: settings (platform profile, warning thresholds, shop policy, locale,
 * retention, team pack URL) and rule packs (view, import, export, reset). Values set by
 * enterprise policy are shown disabled with a lock note; the background ignores them too.
 */

function toDraft(s: Settings): Draft {
  const r = s.shopPolicy.remedyLimits;
  return {
    platformProfile: s.platformProfile,
    ruleProfileTmall: s.ruleProfiles.tmall,
    ruleProfileTaobao: s.ruleProfiles.taobao,
    thresholds: s.warningThresholdsHours.join(', '),
    locale: s.locale,
    retentionDays: String(s.recentCaseRetentionDays),
    shopName: s.shopPolicy.shopName,
    signature: s.shopPolicy.signature,
    freeShippingDefault: s.shopPolicy.freeShippingDefault,
    exchangeUpliftPercent: String(r.exchangeUpliftPercent),
    couponMaxPercentOfOrder: String(r.couponMaxPercentOfOrder),
    smallCashMinPercent: String(r.smallCashMinPercent),
    smallCashMaxPercent: String(r.smallCashMaxPercent),
    priceDifferenceWaiveYuan: String(r.priceDifferenceWaiveYuan),
    teamUrl: s.teamPack.url,
    teamHours: String(s.teamPack.refreshHours),
    teamSha256: s.teamPack.sha256,
  };
}

/** Numbers stay as typed when they are not numbers, so the background's zod error names the field. */
const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

function draftToPatch(d: Draft): SettingsPatch {
  return {
    platformProfile: d.platformProfile,
    ruleProfiles: { tmall: d.ruleProfileTmall, taobao: d.ruleProfileTaobao },
    // `4, 1`, `4小时，1小时`, `4h 1h` all mean 4 and 1 hours.
    warningThresholdsHours: d.thresholds
      .split(/[,，、;；\s]+/)
      .map((x) => x.replace(/(个?小时|时|hours?|hrs?|h)$/i, ''))
      .filter(Boolean)
      .map(Number),
    locale: d.locale,
    recentCaseRetentionDays: num(d.retentionDays),
    shopPolicy: {
      shopName: d.shopName,
      signature: d.signature,
      freeShippingDefault: d.freeShippingDefault,
      remedyLimits: {
        exchangeUpliftPercent: num(d.exchangeUpliftPercent),
        couponMaxPercentOfOrder: num(d.couponMaxPercentOfOrder),
        smallCashMinPercent: num(d.smallCashMinPercent),
        smallCashMaxPercent: num(d.smallCashMaxPercent),
        priceDifferenceWaiveYuan: num(d.priceDifferenceWaiveYuan),
      },
    },
    teamPack: { url: d.teamUrl.trim(), refreshHours: num(d.teamHours), sha256: d.teamSha256.trim() },
  };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The compensation ledger on the options page: newest first, an entry deleted on confirmation, CSV export. */
function useLedger(api: OptionsApi) {
  const [ledger, setLedger] = useState<LedgerRecord[] | null>(null);
  const loadLedger = () =>
    api.getLedger().then(
      (r) => setLedger(r.entries),
      () => setLedger([]),
    );
  useEffect(() => {
    void loadLedger();
  }, []);
  /** Deletes entry `seq` once the agent confirms `question`. */
  const onDeleteEntry = async (seq: number, question: string) => {
    if (!(api.confirm ?? ((text: string) => window.confirm(text)))(question)) return;
    await api.deleteLedgerEntry(seq);
    await loadLedger();
  };
  const onExportLedger = () => {
    const now = Date.now();
    api.download(
      `aftersale-sentinel-compensation-${beijingDate(now)}.csv`,
      ledgerCsv(ledger ?? [], 'all', now),
      'text/csv;charset=utf-8',
    );
  };
  return { ledger, onDeleteEntry, onExportLedger };
}

/**
 * The settings as saved and as being edited: loaded with the managed (locked) paths and the
 * packs, saved from the draft (asking for the team URL's origin first), the platform answers forgotten.
 */
function useSettings(api: OptionsApi, loadPacks: () => Promise<void>) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [locked, setLocked] = useState<ManagedPath[]>([]);
  const [saveState, setSaveState] = useState<SaveState>(null);
  const [permissionDenied, setPermissionDenied] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  function applySettings(s: Settings, managedRaw: unknown) {
    const { locked: l } = applyManaged(defaultSettings(), managedRaw);
    // The page's language follows the UI's (fonts, screen readers); quoted Chinese keeps its own lang.
    document.documentElement.lang = s.locale;
    setSettings(s);
    setDraft(toDraft(s));
    setLocked(l);
  }

  useEffect(() => {
    (async () => {
      const [s, managed] = await Promise.all([api.getSettings(), api.readManaged()]);
      applySettings(s, managed);
      await loadPacks();
    })().catch((e: unknown) => setLoadError(message(e)));
  }, []);

  const isLocked = (path: ManagedPath) => locked.includes(path);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => (d ? { ...d, [key]: value } : d));

  const onSave = (e: Event) => {
    e.preventDefault();
    if (!settings || !draft) return;
    const url = draft.teamUrl.trim();
    // The permission prompt needs the click's user gesture: ask before any await.
    const permission =
      url && url !== settings.teamPack.url && url.startsWith('https://') && !isLocked('teamPack.url')
        ? api.requestOrigin(url)
        : null;
    void (async () => {
      try {
        setPermissionDenied(permission ? !(await permission) : false);
        const saved = await api.saveSettings(draftToPatch(draft));
        applySettings(saved, await api.readManaged());
        setSaveState({ ok: true });
        await loadPacks();
      } catch (err) {
        setSaveState({ ok: false, error: message(err) });
      }
    })();
  };

  /** Forget the platform answers (the side panel asks again); the draft being edited stays. */
  const forgetShops = async () => {
    try {
      const saved = await api.saveSettings({ shopPlatforms: {} });
      setSettings(saved);
    } catch (err) {
      setSaveState({ ok: false, error: message(err) });
    }
  };

  return {
    settings,
    setSettings,
    draft,
    locked,
    isLocked,
    set,
    saveState,
    permissionDenied,
    loadError,
    onSave,
    forgetShops,
  };
}

/** The browser's keyboard shortcuts for the extension (where the browser lists them). */
function useShortcuts(api: OptionsApi) {
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    api.shortcuts?.().then(setShortcuts, () => setShortcuts([]));
  }, []);
  return shortcuts;
}

export function OptionsApp({ api }: { api: OptionsApi }) {
  // The texts of the latest render, for pack actions that run later (usePacks runs before the settings are known).
  const messagesNow = useRef<UiMessages>(uiMessages('zh-CN'));
  const {
    packs,
    rules,
    profiles,
    packMsg,
    loadPacks,
    packAction,
    onFile,
    onDecide,
    onExport,
    onReset,
    onRefreshTeam,
  } = usePacks(api, () => messagesNow.current);
  const { ledger, onDeleteEntry, onExportLedger } = useLedger(api);
  const shortcuts = useShortcuts(api);
  const {
    settings,
    setSettings,
    draft,
    locked,
    isLocked,
    set,
    saveState,
    permissionDenied,
    loadError,
    onSave,
    forgetShops,
  } = useSettings(api, loadPacks);
  // The page speaks the saved locale (not the draft's): it switches once the agent saves.
  const m = uiMessages(settings?.locale ?? 'zh-CN');
  messagesNow.current = m;
  const { t, pick } = m;

  if (loadError)
    return (
      <p role="alert" data-testid="load-error">
        {loadError}
      </p>
    );
  if (!settings || !draft) return <p aria-busy="true">…</p>;

  return (
    <LocaleContext.Provider value={m}>
      <main>
        <h1>{t('opt_title')}</h1>
        {packs?.readOnly && (
          <p role="alert" class="error" data-testid="store-notice">
            {pick(packs.readOnly)}
          </p>
        )}
        {locked.length > 0 && (
          <p class="note" data-testid="managed-note">
            {t('opt_locked_note')}
          </p>
        )}

        <SettingsForm
          form={{ draft, set, isLocked }}
          settings={settings}
          profiles={profiles}
          team={packs?.team}
          permissionDenied={permissionDenied}
          saveState={saveState}
          onSave={onSave}
          onForgetShops={() => void forgetShops()}
          onRefreshTeam={() => packAction(onRefreshTeam)}
        />

        <ShopPolicyExtras
          settings={settings}
          describeError={(error) => errorInWords(m, error)}
          compensating={(
            rules as Array<PackRuleRow & { triggered?: boolean; categories?: string[] }>
          ).flatMap((r) => (r.type === 'compensation' && r.triggered ? (r.categories ?? []) : []))}
          onSave={async (patch) => {
            const saved = await api.saveSettings(patch);
            setSettings(saved);
            return saved;
          }}
        />

        <PackSection
          packs={packs}
          rules={rules}
          packMsg={packMsg}
          onFile={(e) => packAction(() => onFile(e))}
          onDecide={(pending, accept) => packAction(() => onDecide(pending, accept))}
          onExport={() => packAction(onExport)}
          onReset={() => packAction(onReset)}
        />
        <LedgerTable
          entries={ledger}
          onDelete={(seq) => void onDeleteEntry(seq, t('opt_ledger_delete_confirm'))}
          onExport={onExportLedger}
        />
        {shortcuts && (
          <ShortcutList
            shortcuts={shortcuts}
            {...(api.openShortcuts ? { onChange: api.openShortcuts } : {})}
          />
        )}
      </main>
    </LocaleContext.Provider>
  );
}

export { MANAGED_PATHS };
