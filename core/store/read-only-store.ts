import type { IDBPDatabase } from 'idb';
import type { LedgerRecord, PackRecord, RecentCase, SentinelDB } from './schema';
import { SentinelStore, StoreDowngradedError } from './sentinel-store';

/**
 * The store of a downgraded extension (the database on this machine is from a newer build,
 * StoreDowngradedError): nothing is read from it or written to it. Reads answer "nothing
 * stored" — the built-in pack, the default settings, an empty ledger —, recent cases are
 * not kept, and every change the agent asks for (settings, packs, ledger) is refused with
 * the notice. The worker keeps reading pages, badging cases and warning about deadlines.
 */
export class ReadOnlyStore extends SentinelStore {
  constructor(readonly reason: StoreDowngradedError) {
    // Any call that reaches a connection (a write, or a method this class does not answer) is refused with the notice.
    const refuse = () => Promise.reject(reason);
    const none = new Proxy(
      {},
      { get: (_t, prop) => (prop === 'then' ? undefined : refuse) },
    ) as unknown as IDBPDatabase<SentinelDB>;
    super(none, refuse);
  }

  override close(): void {}

  override getPack(slot: 'active' | 'previous'): Promise<PackRecord | undefined> {
    // The built-in pack is active (a `default` record: PackService never copies it).
    return Promise.resolve(
      slot === 'active'
        ? { slot: 'active', id: '', version: '', importedAt: '', json: '', ruleCount: 0, source: 'default' }
        : undefined,
    );
  }

  override getSettings(): Promise<unknown> {
    return Promise.resolve(undefined);
  }

  override listLedger(): Promise<LedgerRecord[]> {
    return Promise.resolve([]);
  }

  /** The worker's own payout records are not kept (nothing is written): no entry, no error. */
  override addLedgerOnce(): Promise<number | null> {
    return Promise.resolve(null);
  }

  override purgeLedger(): Promise<number> {
    return Promise.resolve(0);
  }

  override async putRecentCases(): Promise<void> {}

  override listRecentCases(): Promise<RecentCase[]> {
    return Promise.resolve([]);
  }

  override purgeRecentCases(): Promise<number> {
    return Promise.resolve(0);
  }

  override getMeta<T>(): Promise<T | undefined> {
    return Promise.resolve(undefined);
  }
}
