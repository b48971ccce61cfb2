import { openDB, type IDBPDatabase } from 'idb';
import {
  DB_NAME,
  DB_VERSION,
  runUpgrades,
  type LedgerRecord,
  type MetaRecord,
  type PackRecord,
  type RecentCase,
  type SentinelDB,
} from './schema';

/**
 * The extension's IndexedDB, one object per open connection. Every write is one
 * transaction: if it fails (aborted, quota, un-clonable value) the previous state stays
 * and the returned promise rejects.
 */
export class SentinelStore {
  constructor(readonly db: IDBPDatabase<SentinelDB>) {}

  close(): void {
    this.db.close();
  }

  // ---- rule packs -------------------------------------------------------------------

  getPack(slot: 'active' | 'previous'): Promise<PackRecord | undefined> {
    return this.db.get('packs', slot);
  }

  /** previous ← active, active ← record, atomically. */
  async installPack(record: Omit<PackRecord, 'slot'>): Promise<void> {
    const tx = this.db.transaction('packs', 'readwrite');
    const packs = tx.objectStore('packs');
    try {
      const active = await packs.get('active');
      if (active) await packs.put({ ...active, slot: 'previous' });
      await packs.put({ ...record, slot: 'active' });
      await tx.done;
    } catch (e) {
      abortQuietly(tx);
      await tx.done.catch(() => undefined);
      throw e;
    }
  }

  // ---- settings ---------------------------------------------------------------------

  async getSettings(): Promise<unknown> {
    return (await this.db.get('settings', 'agent'))?.value;
  }

  async putSettings(value: unknown): Promise<void> {
    await this.db.put('settings', { id: 'agent', value });
  }

  // ---- compensation ledger ----------------------------------------------------------

  async addLedgerEntry(entry: Omit<LedgerRecord, 'seq'>): Promise<number> {
    return this.db.add('ledger', entry as LedgerRecord);
  }

  /** Entries with `at` >= sinceIso (ISO +08:00 strings sort chronologically). */
  listLedger(sinceIso?: string): Promise<LedgerRecord[]> {
    return sinceIso
      ? this.db.getAllFromIndex('ledger', 'byAt', IDBKeyRange.lowerBound(sinceIso))
      : this.db.getAll('ledger');
  }

  // ---- recent cases -----------------------------------------------------------------

  /** Upsert; keeps the first firstSeenAt of an already stored case. One transaction. */
  async putRecentCases(cases: RecentCase[]): Promise<void> {
    if (cases.length === 0) return;
    const tx = this.db.transaction('cases', 'readwrite');
    const store = tx.objectStore('cases');
    try {
      for (const c of cases) {
        const old = await store.get(c.key);
        await store.put(old ? { ...c, firstSeenAt: old.firstSeenAt } : c);
      }
      await tx.done;
    } catch (e) {
      abortQuietly(tx);
      await tx.done.catch(() => undefined);
      throw e;
    }
  }

  listRecentCases(): Promise<RecentCase[]> {
    return this.db.getAll('cases');
  }

  /** Deletes cases last seen before `cutoffMs`; returns how many. */
  async purgeRecentCases(cutoffMs: number): Promise<number> {
    const tx = this.db.transaction('cases', 'readwrite');
    const index = tx.store.index('byLastSeen');
    let n = 0;
    for (let cursor = await index.openCursor(IDBKeyRange.upperBound(cutoffMs, true)); cursor; cursor = await cursor.continue()) {
      await cursor.delete();
      n++;
    }
    await tx.done;
    return n;
  }

  // ---- meta -------------------------------------------------------------------------

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key))?.value as T | undefined;
  }

  async putMeta(key: string, value: unknown): Promise<void> {
    await this.db.put('meta', { key, value } satisfies MetaRecord);
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    /* the transaction already aborted itself */
  }
}

/** Opens (creating or upgrading) the database. */
export async function openSentinelStore(name = DB_NAME): Promise<SentinelStore> {
  let migration: Promise<void> = Promise.resolve();
  const db = await openDB<SentinelDB>(name, DB_VERSION, {
    upgrade(database, oldVersion, newVersion, tx) {
      migration = runUpgrades(database, oldVersion, newVersion ?? DB_VERSION, tx);
    },
  });
  await migration;
  return new SentinelStore(db);
}
