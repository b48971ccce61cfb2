import { useState } from 'preact/hooks';
import type { Settings, SettingsPatch } from '../core/model/settings';
import { DEFAULT_MEMO_TEMPLATE, MEMO_TEMPLATE_MAX } from '../core/replies/memo';
import { t } from './i18n';

/**
 * The options page's second shop-policy form: the 备注 memo template (and, below it, the safe
 * batches policy). Its own save button, so the main form's draft is never reset by it.
 * Presentational: the settings come in, the patch goes out through `onSave`.
 */
export function ShopPolicyExtras(props: { settings: Settings; onSave: (patch: SettingsPatch) => Promise<Settings> }) {
  const [memo, setMemo] = useState(props.settings.shopPolicy.memoTemplate);
  const [state, setState] = useState<{ ok: true } | { ok: false; error: string } | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const saved = await props.onSave({ shopPolicy: { memoTemplate: memo } });
      setMemo(saved.shopPolicy.memoTemplate);
      setState({ ok: true });
    } catch (err) {
      setState({ ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} data-testid="shop-extras-form">
      <fieldset>
        <legend>{t('opt_section_memo')}</legend>
        <label class="field">
          <span>{t('opt_memo_template')}</span>
          <textarea name="shopPolicy.memoTemplate" data-testid="setting-memoTemplate" maxLength={MEMO_TEMPLATE_MAX} value={memo} onInput={(e) => setMemo((e.currentTarget as HTMLTextAreaElement).value)} />
        </label>
        <p class="hint">{t('opt_memo_hint')}</p>
        <button type="button" data-testid="memo-template-reset" onClick={() => setMemo(DEFAULT_MEMO_TEMPLATE)}>
          {t('opt_memo_reset')}
        </button>
      </fieldset>
      <div class="save-bar">
        <button type="submit" data-testid="shop-extras-save">
          {t('opt_save')}
        </button>
        {state?.ok === true && <span data-testid="shop-extras-saved"> {t('opt_saved')}</span>}
        {state?.ok === false && (
          <p role="alert" data-testid="shop-extras-error">
            {state.error}
          </p>
        )}
      </div>
    </form>
  );
}
