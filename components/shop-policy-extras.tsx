import { useState } from 'preact/hooks';
import type { Settings, SettingsPatch } from '../core/model/settings';
import { DEFAULT_MEMO_TEMPLATE, MEMO_TEMPLATE_MAX } from '../core/replies/memo';
import { useMessages } from './i18n';

/** The reason categories a shop may batch, and the trade states (the others are never unshipped refunds). */
const BATCH_CATEGORIES = [
  'buyer-mistake',
  'no-longer-wanted',
  'seven-day',
  'dislike',
  'quality',
  'description-mismatch',
  'damaged',
  'invoice',
  'not-received',
  'refused-delivery',
  'out-of-stock',
  'late-ship',
  'wrong-shipment',
  'fake-shipment',
] as const;
const BATCH_STATES = ['买家已付款', '卖家已发货'] as const;
type Batches = Settings['safeBatches'];
type Category = Batches['categories'][number];

interface BatchDraft {
  enabled: boolean;
  categories: Category[];
  tradeStatuses: Batches['tradeStatuses'];
  maxRefundYuan: string;
  maxMinutes: string;
  tmallCount: string;
  tmallYuan: string;
  taobaoCount: string;
  taobaoYuan: string;
}
const toBatchDraft = (b: Batches): BatchDraft => ({
  enabled: b.enabled,
  categories: [...b.categories],
  tradeStatuses: [...b.tradeStatuses],
  maxRefundYuan: b.maxRefundYuan === null ? '' : String(b.maxRefundYuan),
  maxMinutes: b.maxMinutesSincePayment === null ? '' : String(b.maxMinutesSincePayment),
  tmallCount: String(b.limits.tmall.count),
  tmallYuan: String(b.limits.tmall.yuan),
  taobaoCount: String(b.limits.taobao.count),
  taobaoYuan: String(b.limits.taobao.yuan),
});
/** Blank = no limit; anything else as typed (the background's zod error names the field). */
const orNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));
const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
const batchPatch = (d: BatchDraft): NonNullable<SettingsPatch['safeBatches']> => ({
  enabled: d.enabled,
  categories: d.categories,
  tradeStatuses: d.tradeStatuses,
  maxRefundYuan: orNull(d.maxRefundYuan),
  maxMinutesSincePayment: orNull(d.maxMinutes),
  limits: {
    tmall: { count: num(d.tmallCount), yuan: num(d.tmallYuan) },
    taobao: { count: num(d.taobaoCount), yuan: num(d.taobaoYuan) },
  },
});

const toggle = <T,>(list: readonly T[], v: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v);
type SetDraft = <K extends keyof BatchDraft>(k: K, v: BatchDraft[K]) => void;
type SaveState = { ok: true } | { ok: false; error: string } | null;

/**
 * The options page's second shop-policy form: the 备注 memo template (and, below it, the safe
 * batches policy). Its own save button, so the main form's draft is never reset by it.
 * Presentational: the settings come in, the patch goes out through `onSave`.
 */
/** `describeError`: a save error in the agent's words (the options page's), the technical text behind a disclosure. */
export function ShopPolicyExtras(props: {
  settings: Settings;
  onSave: (patch: SettingsPatch) => Promise<Settings>;
  compensating?: readonly string[];
  describeError?: (error: string) => string;
}) {
  const [memo, setMemo] = useState(props.settings.shopPolicy.memoTemplate);
  const [batch, setBatch] = useState<BatchDraft>(() => toBatchDraft(props.settings.safeBatches));
  const setB: SetDraft = (k, v) => setBatch((d) => ({ ...d, [k]: v }));
  const [state, setState] = useState<SaveState>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const saved = await props.onSave({
        shopPolicy: { memoTemplate: memo },
        safeBatches: batchPatch(batch),
      });
      setMemo(saved.shopPolicy.memoTemplate);
      setBatch(toBatchDraft(saved.safeBatches));
      setState({ ok: true });
    } catch (err) {
      setState({ ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} data-testid="shop-extras-form">
      <MemoFieldset memo={memo} onChange={setMemo} />
      <SafeBatchesFieldset batch={batch} set={setB} compensating={new Set(props.compensating ?? [])} />
      <ExtrasSaveBar state={state} describeError={props.describeError} />
    </form>
  );
}

function MemoFieldset(props: { memo: string; onChange: (memo: string) => void }) {
  const { t } = useMessages();
  return (
    <fieldset>
      <legend>{t('opt_section_memo')}</legend>
      <label class="field">
        <span>{t('opt_memo_template')}</span>
        <textarea
          name="shopPolicy.memoTemplate"
          data-testid="setting-memoTemplate"
          maxLength={MEMO_TEMPLATE_MAX}
          value={props.memo}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      </label>
      <p class="hint">{t('opt_memo_hint')}</p>
      <button
        type="button"
        data-testid="memo-template-reset"
        onClick={() => props.onChange(DEFAULT_MEMO_TEMPLATE)}
      >
        {t('opt_memo_reset')}
      </button>
    </fieldset>
  );
}

function SafeBatchesFieldset({
  batch,
  set,
  compensating,
}: {
  batch: BatchDraft;
  set: SetDraft;
  compensating: ReadonlySet<string>;
}) {
  const { t } = useMessages();
  return (
    <fieldset data-testid="safe-batches">
      <legend>{t('opt_section_batches')}</legend>
      <p class="hint">{t('opt_batches_hint')}</p>
      <label class="field checkbox">
        <input
          type="checkbox"
          name="safeBatches.enabled"
          data-testid="setting-batches-enabled"
          checked={batch.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
        />
        <span>{t('opt_batches_enabled')}</span>
      </label>
      <BatchCategories batch={batch} set={set} compensating={compensating} />
      <BatchStates batch={batch} set={set} />
      <label class="field">
        <span>{t('opt_batches_max_yuan')}</span>
        <NumberInput
          name="safeBatches.maxRefundYuan"
          testId="setting-batches-maxYuan"
          value={batch.maxRefundYuan}
          onValue={(v) => set('maxRefundYuan', v)}
        />
      </label>
      <label class="field">
        <span>{t('opt_batches_max_minutes')}</span>
        <NumberInput
          name="safeBatches.maxMinutesSincePayment"
          testId="setting-batches-maxMinutes"
          value={batch.maxMinutes}
          onValue={(v) => set('maxMinutes', v)}
        />
      </label>
      <p class="hint">{t('opt_batches_blank_hint')}</p>
      <BatchLimits batch={batch} set={set} />
      <p class="hint">{t('opt_batches_limits_hint')}</p>
    </fieldset>
  );
}

/** The reasons a batch may hold; a reason the pack compensates is shown, disabled and unchecked. */
function BatchCategories({
  batch,
  set,
  compensating,
}: {
  batch: BatchDraft;
  set: SetDraft;
  compensating: ReadonlySet<string>;
}) {
  const { t, tKnown } = useMessages();
  return (
    <div class="field">
      <span>{t('opt_batches_reasons')}</span>
      <div class="checks">
        {BATCH_CATEGORIES.map((c) => {
          const pays = compensating.has(c);
          return (
            <label class="checkbox" key={c} title={pays ? t('opt_batches_pays') : undefined}>
              <input
                type="checkbox"
                data-testid="setting-batches-category"
                value={c}
                disabled={pays}
                checked={!pays && batch.categories.includes(c)}
                onChange={(e) => set('categories', toggle(batch.categories, c, e.currentTarget.checked))}
              />
              <span>
                {tKnown(`category_${c.replace(/-/g, '_')}`) ?? c}
                {pays ? t('paren', t('opt_batches_pays')) : ''}
              </span>
            </label>
          );
        })}
      </div>
    </div>
  );
}

function BatchStates({ batch, set }: { batch: BatchDraft; set: SetDraft }) {
  const { t } = useMessages();
  return (
    <div class="field">
      <span>{t('opt_batches_states')}</span>
      <div class="checks">
        {BATCH_STATES.map((st) => (
          <label class="checkbox" key={st}>
            <input
              type="checkbox"
              data-testid="setting-batches-state"
              value={st}
              checked={batch.tradeStatuses.includes(st)}
              onChange={(e) => set('tradeStatuses', toggle(batch.tradeStatuses, st, e.currentTarget.checked))}
            />
            <span>{t(st === '买家已付款' ? 'opt_state_paid' : 'opt_state_shipped')}</span>
          </label>
        ))}
      </div>
      <p class="hint">{t('opt_batches_states_hint')}</p>
    </div>
  );
}

/** Per platform: at most this many refunds and this many yuan per batch. */
/** A number field of the draft: the text as typed (the save step validates it). */
function NumberInput(props: { name: string; testId: string; value: string; onValue: (v: string) => void }) {
  return (
    <input
      type="number"
      name={props.name}
      data-testid={props.testId}
      value={props.value}
      onInput={(e) => props.onValue(e.currentTarget.value)}
    />
  );
}

function BatchLimits({ batch, set }: { batch: BatchDraft; set: SetDraft }) {
  const { t } = useMessages();
  return (
    <>
      {(['tmall', 'taobao'] as const).map((p) => (
        <div class="field batch-limit" key={p}>
          <span>{t(p === 'tmall' ? 'opt_batches_limit_tmall' : 'opt_batches_limit_taobao')}</span>
          <NumberInput
            name={`safeBatches.limits.${p}.count`}
            testId={`setting-batches-${p}-count`}
            value={p === 'tmall' ? batch.tmallCount : batch.taobaoCount}
            onValue={(v) => set(p === 'tmall' ? 'tmallCount' : 'taobaoCount', v)}
          />
          <span>{t('opt_batches_count_unit')}</span>
          <NumberInput
            name={`safeBatches.limits.${p}.yuan`}
            testId={`setting-batches-${p}-yuan`}
            value={p === 'tmall' ? batch.tmallYuan : batch.taobaoYuan}
            onValue={(v) => set(p === 'tmall' ? 'tmallYuan' : 'taobaoYuan', v)}
          />
          <span>{t('opt_batches_yuan_unit')}</span>
        </div>
      ))}
    </>
  );
}

function ExtrasSaveBar({
  state,
  describeError,
}: {
  state: SaveState;
  describeError?: (error: string) => string;
}) {
  const { t } = useMessages();
  return (
    <div class="save-bar">
      {/* Not 保存设置 again: the form above has its own button, and both may be on screen. */}
      <button type="submit" data-testid="shop-extras-save">
        {t('opt_save_extras')}
      </button>
      {state?.ok === true && <span data-testid="shop-extras-saved"> {t('opt_saved')}</span>}
      {state?.ok === false && (
        <div role="alert" data-testid="shop-extras-error">
          <p>
            {t('opt_settings_error', describeError ? describeError(state.error) : t('opt_error_generic'))}
          </p>
          <details>
            <summary>{t('opt_error_detail')}</summary>
            <code>{state.error}</code>
          </details>
        </div>
      )}
    </div>
  );
}
