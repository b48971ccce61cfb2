import { formatBeijing } from '../../components/pack-summary';
import { useMessages, type MessageKey, type UiMessages } from '../../components/i18n';
import type { ManagedPath, Settings } from '../../core/model/settings';
import type { TeamPackStatus } from '../../protocol/map';

/**
 * The options page's settings form: general (platform, rule versions, thresholds, locale,
 * retention), the shop (name, signature, remedy limits) and the team pack, then the save bar.
 * OptionsApp (options-app.tsx) owns the draft and saves it; a value locked by enterprise
 * policy is shown disabled with a lock note.
 */

export interface Draft {
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

export interface PackProfile {
  id: string;
  platform: 'tmall' | 'taobao';
  era?: string;
  label?: { zh: string; en: string };
  default?: boolean;
}

/** What every field needs: the draft, its setter, and which paths the policy locks. */
interface Form {
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  isLocked: (path: ManagedPath) => boolean;
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
export function errorInWords({ t }: UiMessages, error: string): string {
  const path = /—\s*([A-Za-z][\w.[\]]*)\s*:/.exec(error)?.[1] ?? /^([A-Za-z][\w.[\]]*):\s/.exec(error)?.[1];
  const hit = path ? FIELD_OF_PATH.find(([re]) => re.test(path)) : undefined;
  return hit ? t('opt_error_field', t(hit[1])) : t('opt_error_generic');
}

const lockNote = ({ t }: UiMessages, form: Form, path: ManagedPath) =>
  form.isLocked(path) ? (
    <span class="locked" data-testid="locked" data-path={path}>
      🔒 {t('opt_locked')}
    </span>
  ) : null;

const textField = (
  m: UiMessages,
  form: Form,
  path: ManagedPath,
  key: keyof Draft,
  label: MessageKey,
  type: 'text' | 'number' | 'url' = 'text',
  testid?: string,
) => (
  <label class="field">
    <span>{m.t(label)}</span>
    <input
      // preact's input props are a union keyed by `type`: the rule checks this attribute alone.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      type={type as 'text'}
      name={path}
      data-testid={testid ?? `setting-${path}`}
      value={form.draft[key] as string}
      disabled={form.isLocked(path)}
      onInput={(e) => form.set(key, e.currentTarget.value)}
    />
    {lockNote(m, form, path)}
  </label>
);

const selectField = <K extends 'platformProfile' | 'locale'>(
  m: UiMessages,
  form: Form,
  key: K,
  label: MessageKey,
  options: ReadonlyArray<readonly [Draft[K], MessageKey]>,
) => (
  <label class="field">
    <span>{m.t(label)}</span>
    <select
      name={key}
      data-testid={`setting-${key}`}
      value={form.draft[key]}
      disabled={form.isLocked(key)}
      onChange={(e) => form.set(key, e.currentTarget.value as Draft[K])}
    >
      {options.map(([value, text]) => (
        <option value={value}>{m.t(text)}</option>
      ))}
    </select>
    {lockNote(m, form, key)}
  </label>
);

const profileSelect = (
  m: UiMessages,
  form: Form,
  profiles: readonly PackProfile[],
  platform: 'tmall' | 'taobao',
) => {
  const { t, pick } = m;
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
        value={form.draft[key]}
        disabled={form.isLocked(path)}
        onChange={(e) => form.set(key, e.currentTarget.value)}
      >
        <option value="">{t('opt_rule_profile_default', byDefault ? name(byDefault) : '—')}</option>
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {name(p)}
          </option>
        ))}
      </select>
      {lockNote(m, form, path)}
    </label>
  );
};

export type SaveState = { ok: true } | { ok: false; error: string } | null;

interface SettingsFormProps {
  form: Form;
  settings: Settings;
  profiles: readonly PackProfile[];
  team: TeamPackStatus | undefined;
  permissionDenied: boolean;
  saveState: SaveState;
  onSave: (e: Event) => void;
  onForgetShops: () => void;
  onRefreshTeam: () => void;
}

export function SettingsForm(props: SettingsFormProps) {
  return (
    <form onSubmit={props.onSave} data-testid="settings-form">
      <GeneralFields {...props} />
      <ShopFields form={props.form} />
      <TeamFields {...props} />
      <SaveBar saveState={props.saveState} />
    </form>
  );
}

function GeneralFields(props: SettingsFormProps) {
  const m = useMessages();
  const { t } = m;
  const { form, profiles } = props;
  return (
    <fieldset>
      <legend>{t('opt_section_general')}</legend>
      {selectField(m, form, 'platformProfile', 'opt_platform_profile', [
        ['auto', 'opt_platform_auto'],
        ['tmall', 'opt_platform_tmall'],
        ['taobao', 'opt_platform_taobao'],
      ])}
      {props.settings && (
        <div class="remembered" data-testid="shop-platforms">
          <span>{t('opt_shop_platforms')}</span>
          {Object.keys(props.settings.shopPlatforms).length === 0 ? (
            <p class="hint">{t('opt_shop_platforms_none')}</p>
          ) : (
            <>
              <ul>
                {Object.entries(props.settings.shopPlatforms).map(([shop, p]) => (
                  <li key={shop} data-shop={shop}>
                    {shop || t('opt_shop_unnamed')}：{t(p === 'tmall' ? 'platform_tmall' : 'platform_taobao')}
                  </li>
                ))}
              </ul>
              <button type="button" data-testid="shop-platforms-forget" onClick={props.onForgetShops}>
                {t('opt_shop_platforms_forget')}
              </button>
            </>
          )}
        </div>
      )}
      {profileSelect(m, form, profiles, 'tmall')}
      {profileSelect(m, form, profiles, 'taobao')}
      <p class="hint">{t('opt_rule_profile_hint')}</p>
      {textField(
        m,
        form,
        'warningThresholdsHours',
        'thresholds',
        'opt_thresholds',
        'text',
        'setting-thresholds',
      )}
      <p class="hint">{t('opt_thresholds_hint')}</p>
      {selectField(m, form, 'locale', 'opt_locale', [
        ['zh-CN', 'opt_locale_zh'],
        ['en', 'opt_locale_en'],
      ])}
      {textField(m, form, 'recentCaseRetentionDays', 'retentionDays', 'opt_retention', 'number')}
      <p class="hint">{t('opt_retention_hint')}</p>
    </fieldset>
  );
}

function ShopFields(props: { form: Form }) {
  const m = useMessages();
  const { t } = m;
  const { form } = props;
  return (
    <fieldset>
      <legend>{t('opt_section_shop')}</legend>
      {textField(m, form, 'shopPolicy.shopName', 'shopName', 'opt_shop_name', 'text', 'setting-shopName')}
      <label class="field">
        <span>{t('opt_signature')}</span>
        <textarea
          name="shopPolicy.signature"
          data-testid="setting-signature"
          value={form.draft.signature}
          disabled={form.isLocked('shopPolicy.signature')}
          onInput={(e) => form.set('signature', e.currentTarget.value)}
        />
        {lockNote(m, form, 'shopPolicy.signature')}
      </label>
      <label class="field checkbox">
        <input
          type="checkbox"
          name="shopPolicy.freeShippingDefault"
          data-testid="setting-freeShipping"
          checked={form.draft.freeShippingDefault}
          disabled={form.isLocked('shopPolicy.freeShippingDefault')}
          onChange={(e) => form.set('freeShippingDefault', e.currentTarget.checked)}
        />
        <span>{t('opt_free_shipping')}</span>
        {lockNote(m, form, 'shopPolicy.freeShippingDefault')}
      </label>
      <fieldset class="remedy">
        <legend>{t('opt_remedy_title')}</legend>
        {textField(
          m,
          form,
          'shopPolicy.remedyLimits.exchangeUpliftPercent',
          'exchangeUpliftPercent',
          'opt_remedy_exchange',
          'number',
        )}
        {textField(
          m,
          form,
          'shopPolicy.remedyLimits.couponMaxPercentOfOrder',
          'couponMaxPercentOfOrder',
          'opt_remedy_coupon',
          'number',
        )}
        {textField(
          m,
          form,
          'shopPolicy.remedyLimits.smallCashMinPercent',
          'smallCashMinPercent',
          'opt_remedy_cash_min',
          'number',
        )}
        {textField(
          m,
          form,
          'shopPolicy.remedyLimits.smallCashMaxPercent',
          'smallCashMaxPercent',
          'opt_remedy_cash_max',
          'number',
        )}
        {textField(
          m,
          form,
          'shopPolicy.remedyLimits.priceDifferenceWaiveYuan',
          'priceDifferenceWaiveYuan',
          'opt_remedy_waive',
          'number',
        )}
      </fieldset>
    </fieldset>
  );
}

function TeamFields(props: SettingsFormProps) {
  const m = useMessages();
  const { t } = m;
  const { form, team } = props;
  return (
    <fieldset>
      <legend>{t('opt_section_team')}</legend>
      {textField(m, form, 'teamPack.url', 'teamUrl', 'opt_team_url', 'url', 'setting-teamUrl')}
      {textField(
        m,
        form,
        'teamPack.refreshHours',
        'teamHours',
        'opt_team_hours',
        'number',
        'setting-teamHours',
      )}
      {textField(m, form, 'teamPack.sha256', 'teamSha256', 'opt_team_sha256', 'text', 'setting-teamSha256')}
      <p class="hint">{t('opt_team_hint')}</p>
      {props.permissionDenied && (
        <p role="alert" data-testid="team-permission-denied">
          {t('opt_team_permission_denied')}
        </p>
      )}
      {props.settings.teamPack.url && (
        <p data-testid="team-status" data-result={team?.result ?? 'none'}>
          {team?.checkedAt
            ? t(
                'opt_team_status',
                formatBeijing(team.checkedAt),
                t(`opt_team_result_${(team.result ?? 'none').replace('-', '_')}` as MessageKey),
              )
            : t('opt_team_never')}
          {team?.error ? ` — ${team.error}` : ''}{' '}
          <button type="button" data-testid="team-refresh" onClick={props.onRefreshTeam}>
            {t('opt_team_refresh')}
          </button>
        </p>
      )}
    </fieldset>
  );
}

function SaveBar(props: { saveState: SaveState }) {
  const m = useMessages();
  const { t } = m;
  return (
    <div class="save-bar">
      <button type="submit" data-testid="settings-save">
        {t('opt_save')}
      </button>
      {props.saveState?.ok === true && <span data-testid="settings-saved"> {t('opt_saved')}</span>}
      {props.saveState?.ok === false && (
        <div role="alert" data-testid="settings-error">
          <p>{t('opt_settings_error', errorInWords(m, props.saveState.error))}</p>
          <details>
            <summary>{t('opt_error_detail')}</summary>
            <code>{props.saveState.error}</code>
          </details>
        </div>
      )}
    </div>
  );
}
