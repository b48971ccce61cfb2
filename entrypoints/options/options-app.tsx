import { useEffect, useState } from 'preact/hooks';
import { MANAGED_PATHS, applyManaged, defaultSettings, type ManagedPath, type Settings, type SettingsPatch } from '../../core/model/settings';
import { PackSummary, formatBeijing, type PackRuleRow } from '../../components/pack-summary';
import { PackPreviewPanel } from '../../components/pack-preview';
import { ShopPolicyExtras } from '../../components/shop-policy-extras';
import { ShortcutList, type Shortcut } from '../../components/shortcut-list';
import { LedgerTable } from '../../components/ledger-table';
import { ledgerCsv } from '../../components/day-csv';
import type { LedgerRecord } from '../../core/store/schema';
import { beijingDate } from '../../core/time/beijing';
import { pick, setLocale, t, type MessageKey } from '../../components/i18n';
import type { PackInfo, PackPreview, TeamPackStatus } from '../../protocol/map';
import type { OptionsApi } from './options-api';

/**
 * The options page: settings (platform profile, warning thresholds, shop policy, locale,
 * retention, team pack URL) and rule packs (view, import, export, reset). Values set by
 * enterprise policy are shown disabled with a lock note; the background ignores them too.
 */

interface Draft {
  platformProfile: Settings['platformProfile'];
  ruleProfileTmall: string;
  ruleProfileTaobao: string;
  thresholds: string;
  locale: Settings['locale'];
  retentionDays: string;
  shopName: string;
  signature: string;
  freeShippingDefault: boolean;
  exchangeUpliftPercent: string;
  couponMaxPercentOfOrder: string;
  smallCashMinPercent: string;
  smallCashMaxPercent: string;
  priceDifferenceWaiveYuan: string;
  teamUrl: string;
  teamHours: string;
  teamSha256: string;
}

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

/** The settings a save error's path points at, by the option's own label. */
const FIELD_OF_PATH: ReadonlyArray<[RegExp, MessageKey]> = [
  [/^warningThresholdsHours/, 'opt_thresholds'],
  [/^recentCaseRetentionDays/, 'opt_retention'],
  [/^shopPolicy\.shopName/, 'opt_shop_name'],
  [/^shopPolicy\.signature/, 'opt_signature'],
  [/^shopPolicy\.remedyLimits/, 'opt_section_shop'],
  [/^shopPolicy\.memoTemplate/, 'opt_memo_template'],
  [/^safeBatches/, 'opt_section_batches'],
  [/^teamPack/, 'opt_team_url'],
  [/^ruleProfiles/, 'opt_platform_profile'],
  [/^platformProfile/, 'opt_platform_profile'],
];

/**
 * A save error in the agent's words: `saveSettings: invalid payload — warningThresholdsHours[1]: …`
 * → `「提醒阈值」的值不正确，请检查后再保存`; the technical line stays behind a disclosure.
 */
function errorInWords(error: string): string {
  const path = /—\s*([A-Za-z][\w.[\]]*)\s*:/.exec(error)?.[1] ?? /^([A-Za-z][\w.[\]]*):\s/.exec(error)?.[1];
  const hit = path ? FIELD_OF_PATH.find(([re]) => re.test(path)) : undefined;
  return hit ? t('opt_error_field', t(hit[1])) : t('opt_error_generic');
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

interface PackProfile {
  id: string;
  platform: 'tmall' | 'taobao';
  era?: string;
  label?: { zh: string; en: string };
  default?: boolean;
}

function packContents(json: string): { rules: PackRuleRow[]; profiles: PackProfile[] } {
  try {
    const parsed = JSON.parse(json) as { rules?: unknown; profiles?: unknown };
    const rules = Array.isArray(parsed.rules) ? (parsed.rules as PackRuleRow[]).filter((r) => r && typeof r.id === 'string') : [];
    const profiles = Array.isArray(parsed.profiles) ? (parsed.profiles as PackProfile[]).filter((p) => p && typeof p.id === 'string') : [];
    return { rules, profiles };
  } catch {
    return { rules: [], profiles: [] };
  }
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function OptionsApp({ api }: { api: OptionsApi }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [locked, setLocked] = useState<ManagedPath[]>([]);
  const [saveState, setSaveState] = useState<{ ok: true } | { ok: false; error: string } | null>(null);
  const [permissionDenied, setPermissionDenied] = useState(false);
  const [packs, setPacks] = useState<{ active: PackInfo; previous: PackInfo | null; team?: TeamPackStatus; pending?: PackPreview | null; readOnly?: { zh: string; en: string } | null } | null>(null);
  const [rules, setRules] = useState<PackRuleRow[]>([]);
  const [profiles, setProfiles] = useState<PackProfile[]>([]);
  const [packMsg, setPackMsg] = useState<{ kind: 'error' | 'imported' | 'staged' | 'discarded' | 'reset'; text: string; warnings?: string[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  async function loadPacks() {
    const [info, exported] = await Promise.all([api.getPackInfo(), api.exportPack()]);
    setPacks(info);
    const contents = packContents(exported.json);
    setRules(contents.rules);
    setProfiles(contents.profiles);
  }

  function applySettings(s: Settings, managedRaw: unknown) {
    const { locked: l } = applyManaged(defaultSettings(), managedRaw);
    setLocale(s.locale);
    // The page's language follows the UI's (fonts, screen readers); quoted Chinese keeps its own lang.
    document.documentElement.lang = s.locale;
    setSettings(s);
    setDraft(toDraft(s));
    setLocked(l);
  }

  const [ledger, setLedger] = useState<LedgerRecord[] | null>(null);
  const loadLedger = () => api.getLedger().then((r) => setLedger(r.entries), () => setLedger([]));
  useEffect(() => {
    void loadLedger();
  }, []);
  const onDeleteEntry = async (seq: number) => {
    if (!(api.confirm ?? ((text: string) => window.confirm(text)))(t('opt_ledger_delete_confirm'))) return;
    await api.deleteLedgerEntry(seq);
    await loadLedger();
  };
  const onExportLedger = () => {
    const now = Date.now();
    api.download(`aftersale-sentinel-compensation-${beijingDate(now)}.csv`, ledgerCsv(ledger ?? [], 'all', now), 'text/csv;charset=utf-8');
  };

  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    api.shortcuts?.().then(setShortcuts, () => setShortcuts([]));
  }, []);

  useEffect(() => {
    (async () => {
      const [s, managed] = await Promise.all([api.getSettings(), api.readManaged()]);
      applySettings(s, managed);
      await loadPacks();
    })().catch((e: unknown) => setLoadError(message(e)));
  }, []);

  if (loadError) return <p role="alert" data-testid="load-error">{loadError}</p>;
  if (!settings || !draft) return <p aria-busy="true">…</p>;

  const isLocked = (path: ManagedPath) => locked.includes(path);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));

  const onSave = (e: Event) => {
    e.preventDefault();
    const url = draft.teamUrl.trim();
    // The permission prompt needs the click's user gesture: ask before any await.
    const permission = url && url !== settings.teamPack.url && url.startsWith('https://') && !isLocked('teamPack.url') ? api.requestOrigin(url) : null;
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

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const text = await file.text();
      // Staged, not active: the preview below shows what changes; the agent confirms or discards.
      const result = await api.importPack(text);
      if (result.ok) {
        setPackMsg({ kind: 'staged', text: t('opt_pack_staged', result.preview.info.id, result.preview.info.version) });
      } else {
        setPackMsg({ kind: 'error', text: result.error });
      }
    } catch (err) {
      setPackMsg({ kind: 'error', text: message(err) });
    }
    input.value = '';
    await loadPacks();
  };

  /** The agent's answer to the pending pack's preview; a flagged pack asks once more. */
  const onDecide = async (pending: PackPreview, accept: boolean) => {
    if (accept && pending.flags.length > 0 && !(api.confirm ?? ((text: string) => window.confirm(text)))(t('opt_pack_flags_confirm', pending.flags.length))) return;
    try {
      const result = await api.decidePack(pending.token, accept);
      if (!result.ok) setPackMsg({ kind: 'error', text: result.error });
      else if (result.discarded) setPackMsg({ kind: 'discarded', text: t('opt_pack_discarded') });
      else if (result.info) setPackMsg({ kind: 'imported', text: t('opt_pack_imported', result.info.id, result.info.version), warnings: result.warnings });
    } catch (err) {
      setPackMsg({ kind: 'error', text: message(err) });
    }
    await loadPacks();
  };

  /** A pack action's failure is shown as a pack error (never an unhandled rejection). */
  const packAction = (action: () => Promise<void>) => {
    action().catch((err: unknown) => setPackMsg({ kind: 'error', text: message(err) }));
  };

  const onExport = async () => {
    const { json } = await api.exportPack();
    const name = packs ? `${packs.active.id}-${packs.active.version}.json` : 'rule-pack.json';
    api.download(name.replace(/[^\w.-]+/g, '_'), json);
  };

  const onReset = async () => {
    // The platform's pages are never clicked; this is our own page asking the agent.
    if (!(api.confirm ?? ((text: string) => window.confirm(text)))(t('opt_pack_reset_confirm'))) return;
    await api.resetPack();
    setPackMsg({ kind: 'reset', text: t('opt_pack_reset_done') });
    await loadPacks();
  };

  const onRefreshTeam = async () => {
    await api.refreshTeamPack();
    await loadPacks();
  };

  const lockNote = (path: ManagedPath) =>
    isLocked(path) ? (
      <span class="locked" data-testid="locked" data-path={path}>
        🔒 {t('opt_locked')}
      </span>
    ) : null;

  const textField = (path: ManagedPath, key: keyof Draft, label: MessageKey, type: 'text' | 'number' | 'url' = 'text', testid?: string) => (
    <label class="field">
      <span>{t(label)}</span>
      <input
        // preact's input props are a union keyed by `type`: the rule checks this attribute alone.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={type as 'text'}
        name={path}
        data-testid={testid ?? `setting-${path}`}
        value={draft[key] as string}
        disabled={isLocked(path)}
        onInput={(e) => set(key, e.currentTarget.value as never)}
      />
      {lockNote(path)}
    </label>
  );

  const selectField = <K extends 'platformProfile' | 'locale'>(key: K, label: MessageKey, options: ReadonlyArray<readonly [Draft[K], MessageKey]>) => (
    <label class="field">
      <span>{t(label)}</span>
      <select
        name={key}
        data-testid={`setting-${key}`}
        value={draft[key]}
        disabled={isLocked(key)}
        onChange={(e) => set(key, e.currentTarget.value as Draft[K])}
      >
        {options.map(([value, text]) => (
          <option value={value}>{t(text)}</option>
        ))}
      </select>
      {lockNote(key)}
    </label>
  );

  const profileSelect = (platform: 'tmall' | 'taobao') => {
    const path = platform === 'tmall' ? 'ruleProfiles.tmall' : 'ruleProfiles.taobao';
    const key = platform === 'tmall' ? 'ruleProfileTmall' : 'ruleProfileTaobao';
    const options = profiles.filter((p) => p.platform === platform);
    const byDefault = options.find((p) => p.default);
    const name = (p: PackProfile) => `${p.label ? pick(p.label) : p.id}${p.era ? ` · ${p.era}` : ''}`;
    return (
      <label class="field">
        <span>{t(platform === 'tmall' ? 'opt_rule_profile_tmall' : 'opt_rule_profile_taobao')}</span>
        <select
          name={path}
          data-testid={`setting-${path}`}
          value={draft[key]}
          disabled={isLocked(path)}
          onChange={(e) => set(key, e.currentTarget.value)}
        >
          <option value="">{t('opt_rule_profile_default', byDefault ? name(byDefault) : '—')}</option>
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {name(p)}
            </option>
          ))}
        </select>
        {lockNote(path)}
      </label>
    );
  };

  const team = packs?.team;
  return (
    <main>
      <h1>{t('opt_title')}</h1>
      {packs?.readOnly && (
        <p role="alert" class="error" data-testid="store-notice">
          {pick(packs.readOnly)}
        </p>
      )}
      {locked.length > 0 && <p class="note" data-testid="managed-note">{t('opt_locked_note')}</p>}

      <form onSubmit={onSave} data-testid="settings-form">
        <fieldset>
          <legend>{t('opt_section_general')}</legend>
          {selectField('platformProfile', 'opt_platform_profile', [
            ['auto', 'opt_platform_auto'],
            ['tmall', 'opt_platform_tmall'],
            ['taobao', 'opt_platform_taobao'],
          ])}
          {settings && (
            <div class="remembered" data-testid="shop-platforms">
              <span>{t('opt_shop_platforms')}</span>
              {Object.keys(settings.shopPlatforms).length === 0 ? (
                <p class="hint">{t('opt_shop_platforms_none')}</p>
              ) : (
                <>
                  <ul>
                    {Object.entries(settings.shopPlatforms).map(([shop, p]) => (
                      <li key={shop} data-shop={shop}>
                        {shop || t('opt_shop_unnamed')}：{t(p === 'tmall' ? 'platform_tmall' : 'platform_taobao')}
                      </li>
                    ))}
                  </ul>
                  <button type="button" data-testid="shop-platforms-forget" onClick={() => void forgetShops()}>
                    {t('opt_shop_platforms_forget')}
                  </button>
                </>
              )}
            </div>
          )}
          {profileSelect('tmall')}
          {profileSelect('taobao')}
          <p class="hint">{t('opt_rule_profile_hint')}</p>
          {textField('warningThresholdsHours', 'thresholds', 'opt_thresholds', 'text', 'setting-thresholds')}
          <p class="hint">{t('opt_thresholds_hint')}</p>
          {selectField('locale', 'opt_locale', [
            ['zh-CN', 'opt_locale_zh'],
            ['en', 'opt_locale_en'],
          ])}
          {textField('recentCaseRetentionDays', 'retentionDays', 'opt_retention', 'number')}
          <p class="hint">{t('opt_retention_hint')}</p>
        </fieldset>

        <fieldset>
          <legend>{t('opt_section_shop')}</legend>
          {textField('shopPolicy.shopName', 'shopName', 'opt_shop_name', 'text', 'setting-shopName')}
          <label class="field">
            <span>{t('opt_signature')}</span>
            <textarea
              name="shopPolicy.signature"
              data-testid="setting-signature"
              value={draft.signature}
              disabled={isLocked('shopPolicy.signature')}
              onInput={(e) => set('signature', e.currentTarget.value)}
            />
            {lockNote('shopPolicy.signature')}
          </label>
          <label class="field checkbox">
            <input
              type="checkbox"
              name="shopPolicy.freeShippingDefault"
              data-testid="setting-freeShipping"
              checked={draft.freeShippingDefault}
              disabled={isLocked('shopPolicy.freeShippingDefault')}
              onChange={(e) => set('freeShippingDefault', e.currentTarget.checked)}
            />
            <span>{t('opt_free_shipping')}</span>
            {lockNote('shopPolicy.freeShippingDefault')}
          </label>
          <fieldset class="remedy">
            <legend>{t('opt_remedy_title')}</legend>
            {textField('shopPolicy.remedyLimits.exchangeUpliftPercent', 'exchangeUpliftPercent', 'opt_remedy_exchange', 'number')}
            {textField('shopPolicy.remedyLimits.couponMaxPercentOfOrder', 'couponMaxPercentOfOrder', 'opt_remedy_coupon', 'number')}
            {textField('shopPolicy.remedyLimits.smallCashMinPercent', 'smallCashMinPercent', 'opt_remedy_cash_min', 'number')}
            {textField('shopPolicy.remedyLimits.smallCashMaxPercent', 'smallCashMaxPercent', 'opt_remedy_cash_max', 'number')}
            {textField('shopPolicy.remedyLimits.priceDifferenceWaiveYuan', 'priceDifferenceWaiveYuan', 'opt_remedy_waive', 'number')}
          </fieldset>
        </fieldset>

        <fieldset>
          <legend>{t('opt_section_team')}</legend>
          {textField('teamPack.url', 'teamUrl', 'opt_team_url', 'url', 'setting-teamUrl')}
          {textField('teamPack.refreshHours', 'teamHours', 'opt_team_hours', 'number', 'setting-teamHours')}
          {textField('teamPack.sha256', 'teamSha256', 'opt_team_sha256', 'text', 'setting-teamSha256')}
          <p class="hint">{t('opt_team_hint')}</p>
          {permissionDenied && (
            <p role="alert" data-testid="team-permission-denied">
              {t('opt_team_permission_denied')}
            </p>
          )}
          {settings.teamPack.url && (
            <p data-testid="team-status" data-result={team?.result ?? 'none'}>
              {team?.checkedAt
                ? t('opt_team_status', formatBeijing(team.checkedAt), t(`opt_team_result_${(team.result ?? 'none').replace('-', '_')}` as MessageKey))
                : t('opt_team_never')}
              {team?.error ? ` — ${team.error}` : ''}{' '}
              <button type="button" data-testid="team-refresh" onClick={() => packAction(onRefreshTeam)}>
                {t('opt_team_refresh')}
              </button>
            </p>
          )}
        </fieldset>

        <div class="save-bar">
          <button type="submit" data-testid="settings-save">
            {t('opt_save')}
          </button>
          {saveState?.ok === true && <span data-testid="settings-saved"> {t('opt_saved')}</span>}
          {saveState?.ok === false && (
            <div role="alert" data-testid="settings-error">
              <p>{t('opt_settings_error', errorInWords(saveState.error))}</p>
              <details>
                <summary>{t('opt_error_detail')}</summary>
                <code>{saveState.error}</code>
              </details>
            </div>
          )}
        </div>
      </form>

      <ShopPolicyExtras
        settings={settings}
        describeError={errorInWords}
        compensating={(rules as Array<PackRuleRow & { triggered?: boolean; categories?: string[] }>).flatMap((r) => (r.type === 'compensation' && r.triggered ? (r.categories ?? []) : []))}
        onSave={async (patch) => {
          const saved = await api.saveSettings(patch);
          setSettings(saved);
          return saved;
        }}
      />

      <section>
        <h2>{t('opt_section_pack')}</h2>
        {packs && (
          <>
            <h3>{t('opt_pack_active')}</h3>
            <PackSummary info={packs.active} testid="active-pack" rules={rules} />
            <h3>{t('opt_pack_previous')}</h3>
            {packs.previous ? <PackSummary info={packs.previous} testid="previous-pack" /> : <p data-testid="previous-pack">{t('opt_pack_none')}</p>}
          </>
        )}
        <label class="field">
          <span>{t('opt_pack_import')}</span>
          <input type="file" accept="application/json,.json" data-testid="pack-file" onChange={(e) => packAction(() => onFile(e))} />
        </label>
        {packMsg?.kind === 'error' && (
          <div role="alert" class="error">
            <p>{t('opt_pack_error')}</p>
            <pre data-testid="pack-error">{packMsg.text}</pre>
          </div>
        )}
        {packMsg && packMsg.kind !== 'error' && <p data-testid={`pack-${packMsg.kind === 'reset' ? 'reset-done' : packMsg.kind}`}>{packMsg.text}</p>}
        {packs?.pending && <PackPreviewPanel preview={packs.pending} onDecide={(accept) => void onDecide(packs.pending!, accept)} />}
        {packMsg?.warnings && packMsg.warnings.length > 0 && (
          <div data-testid="pack-warnings">
            {t('opt_pack_warnings')}
            <ul>
              {packMsg.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
        <p class="buttons">
          <button type="button" data-testid="pack-export" onClick={() => packAction(onExport)}>
            {t('opt_pack_export')}
          </button>{' '}
          <button type="button" data-testid="pack-reset" onClick={() => packAction(onReset)}>
            {t('opt_pack_reset')}
          </button>
        </p>
      </section>
      <LedgerTable entries={ledger} onDelete={(seq) => void onDeleteEntry(seq)} onExport={onExportLedger} />
      {shortcuts && <ShortcutList shortcuts={shortcuts} {...(api.openShortcuts ? { onChange: api.openShortcuts } : {})} />}
    </main>
  );
}

export { MANAGED_PATHS };
