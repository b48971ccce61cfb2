import { payoutOf, type SentinelStore } from '../../core/store';
import type { CaseView } from '../../protocol/views';
import type { SessionState } from './tab-state';

/**
 * The ledger's platform payouts, recorded by the worker itself: a case whose reason
 * triggered a compensation with an amount, seen 退款成功, is one `platform-payout` entry
 * (core/store/payouts.ts). Once per case: the store refuses a second entry of the same case
 * (addLedgerOnce), and a case recorded in this worker lifetime is not looked up again.
 * A new entry changes the cap of the buyer's other cases: `onAdded` re-evaluates them.
 */
export class PayoutRecorder {
  private readonly done = new Set<string>();

  constructor(private readonly onAdded: () => Promise<void>) {}

  record(st: SessionState, db: SentinelStore, views: readonly CaseView[]): void {
    const due: Array<{ key: string; entry: NonNullable<ReturnType<typeof payoutOf>> }> = [];
    for (const v of views) {
      if (this.done.has(v.key)) continue;
      const entry = payoutOf(v.key, v.read, v.guidance, v.seenAt);
      if (entry) due.push({ key: v.key, entry });
    }
    if (due.length === 0) return;
    for (const d of due) this.done.add(d.key);
    const work = async () => {
      let added = false;
      for (const d of due) if ((await db.addLedgerOnce(d.entry)) !== null) added = true;
      if (added) await this.onAdded();
    };
    st.track(
      work().catch((e: unknown) => {
        for (const d of due) this.done.delete(d.key);
        throw e;
      }),
      'ledger payouts',
      true,
    );
  }
}
