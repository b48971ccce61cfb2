import { useEffect, useState } from 'preact/hooks';
import type { LedgerRecord } from '../core/store/schema';
import { formatYuan, yuanToFen } from '../core/money/fen';
import { useMessages } from './i18n';

/**
 * 同意赔付, recorded: the agent presses 同意赔付 on the platform's complaint page (the
 * extension never clicks there), then records it here with one click and a confirm step.
 * The amount comes from the verdict (typed when the sources give none, as on Taobao). The
 * entry counts toward the recidivism warning of the shop's later complaints; it can be undone.
 */

export interface SettleApi {
  recordSettlement(key: string, tabId: number | undefined, amount: number): Promise<{ seq: number | null }>;
  deleteLedgerEntry(seq: number): Promise<{ ok: boolean }>;
  getLedger(caseKey: string): Promise<{ entries: LedgerRecord[] }>;
}

type State =
  | { at: 'loading' }
  | { at: 'idle' }
  | { at: 'confirm'; amount: number }
  | { at: 'recorded'; entry: LedgerRecord }
  | { at: 'error'; message: string };

/** `150`, `150.5`, `150.50`, `¥150` → 150.5; null when not an amount of at least 0.01 with at most two decimals. */
export function parseAmount(text: string): number | null {
  const s = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
    .trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

export function SettleLine(props: {
  caseKey: string;
  tabId?: number;
  amount: string | null;
  api: SettleApi;
}) {
  const { t } = useMessages();
  const { caseKey, api } = props;
  const [state, setState] = useState<State>({ at: 'loading' });
  const [typed, setTyped] = useState(props.amount ?? '');
  const fail = (e: unknown) => setState({ at: 'error', message: e instanceof Error ? e.message : String(e) });
  const load = () =>
    api.getLedger(caseKey).then((r) => {
      const entry = r.entries.find((e) => e.kind === 'proactive-settlement');
      setState(entry ? { at: 'recorded', entry } : { at: 'idle' });
    }, fail);
  useEffect(() => {
    void load();
  }, [caseKey]);

  const amount = parseAmount(typed);
  const confirm = async (n: number) => {
    try {
      await api.recordSettlement(caseKey, props.tabId, n);
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const undo = async (seq: number) => {
    try {
      await api.deleteLedgerEntry(seq);
      setState({ at: 'idle' });
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div class="settle" data-testid="settle" data-state={state.at}>
      {state.at === 'recorded' && (
        <p role="status">
          <span data-testid="settle-recorded">
            {t(
              'settle_recorded',
              formatYuan(yuanToFen(state.entry.amount)),
              state.entry.at.slice(0, 16).replace('T', ' '),
            )}
          </span>{' '}
          <button type="button" data-testid="settle-undo" onClick={() => void undo(state.entry.seq!)}>
            {t('settle_undo')}
          </button>
        </p>
      )}
      {(state.at === 'idle' || state.at === 'error') && (
        <p>
          <label>
            {t('settle_amount')}{' '}
            <input
              type="text"
              inputMode="decimal"
              size={8}
              data-testid="settle-amount"
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          </label>{' '}
          <button
            type="button"
            data-testid="settle-record"
            disabled={amount === null}
            onClick={() => amount !== null && setState({ at: 'confirm', amount })}
          >
            {t('settle_record')}
          </button>
        </p>
      )}
      {state.at === 'confirm' && (
        <p role="alertdialog" data-testid="settle-confirm">
          {t('settle_confirm', formatYuan(yuanToFen(state.amount)))}{' '}
          <button type="button" data-testid="settle-yes" onClick={() => void confirm(state.amount)}>
            {t('settle_yes')}
          </button>{' '}
          <button type="button" data-testid="settle-no" onClick={() => setState({ at: 'idle' })}>
            {t('settle_no')}
          </button>
        </p>
      )}
      {state.at === 'error' && (
        <p class="copy-failed" role="alert">
          {state.message}
        </p>
      )}
      <p class="memo-hint">{t('settle_hint')}</p>
    </div>
  );
}
