import type { LedgerRecord } from '../core/store/schema';
import { maskBuyer, wallTime } from './day-csv';
import { formatYuan, yuanToFen } from '../core/money/fen';
import { useMessages } from './i18n';

/**
 * The compensation ledger in the options page: platform payouts (recorded by the worker when
 * a compensated case is seen 退款成功) and the agent's 同意赔付 (recorded from the side panel),
 * newest first, the buyer key masked as in the CSV. An entry recorded by mistake can be
 * deleted; the whole ledger downloads as CSV.
 */
export function LedgerTable(props: {
  entries: LedgerRecord[] | null;
  onDelete: (seq: number) => void;
  onExport: () => void;
}) {
  const { t } = useMessages();
  const { entries } = props;
  return (
    <section data-testid="ledger">
      <h2>{t('opt_section_ledger')}</h2>
      <p class="hint">{t('opt_ledger_hint')}</p>
      {entries !== null && entries.length === 0 && <p data-testid="ledger-empty">{t('opt_ledger_empty')}</p>}
      {entries !== null && entries.length > 0 && (
        <table class="ledger">
          <thead>
            <tr>
              <th>{t('day_csv_at')}</th>
              <th>{t('day_csv_ledger_kind')}</th>
              <th>{t('day_csv_buyer')}</th>
              <th>{t('day_csv_order_id')}</th>
              <th>{t('day_csv_reason')}</th>
              <th>{t('day_csv_amount')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-testid="ledger-row" data-kind={e.kind} data-seq={e.seq}>
                <td>{wallTime(e.at)}</td>
                <td>{t(e.kind === 'platform-payout' ? 'day_comp_platform' : 'day_comp_proactive')}</td>
                <td data-testid="ledger-buyer">{maskBuyer(e.buyer)}</td>
                <td>{e.orderId ?? e.refundId ?? ''}</td>
                <td>{e.reason ?? ''}</td>
                <td data-testid="ledger-amount">{formatYuan(yuanToFen(e.amount))}</td>
                <td>
                  <button type="button" data-testid="ledger-delete" onClick={() => props.onDelete(e.seq!)}>
                    {t('opt_ledger_delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries !== null && entries.length > 0 && (
        <p class="buttons">
          <button type="button" data-testid="ledger-export" onClick={props.onExport}>
            {t('opt_ledger_export')}
          </button>
        </p>
      )}
    </section>
  );
}
