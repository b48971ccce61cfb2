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
/**
 * The extension's database. The connection can go away under us: the browser may terminate
 * it, or a newer version of the extension opening the database asks us to let go
 * (`versionchange`, answered by closing). Every call then opens it again, once, instead of
 * failing for the rest of the worker's life.
 */
export class SentinelStore {
  private conn: IDBPDatabase<SentinelDB>;
  private alive = true;
  private reopening: Promise<IDBPDatabase<SentinelDB>> | null = null;

  constructor(
    db: IDBPDatabase<SentinelDB>,
    private readonly reopen: (lost: () => void) => Promise<IDBPDatabase<SentinelDB>> = () =>
      Promise.reject(new Error('the database connection was closed')),
  ) {
    this.conn = db;
  }

  /** The current connection (tests read its version and stores). */
  get db(): IDBPDatabase<SentinelDB> {
    return this.conn;
  }

  /** The connection was lost (terminated, or closed for a newer version): the next call reopens. */
  lost(): void {
    this.alive = false;
  }

  /** The live connection, opened again when it was lost. */
  private async open(): Promise<IDBPDatabase<SentinelDB>> {
    if (this.alive) return this.conn;
    this.reopening ??= this.reopen(() => this.lost()).then(
      (db) => {
        this.conn = db;
        this.alive = true;
        this.reopening = null;
        return db;
      },
      (e: unknown) => {
        this.reopening = null;
        throw e;
      },
    );
    return this.reopening;
  }

  close(): void {
    this.alive = false;
    this.conn.close();
  }

  // ---- rule packs -------------------------------------------------------------------

  async getPack(slot: 'active' | 'previous'): Promise<PackRecord | undefined> {
    return (await this.open()).get('packs', slot);
  }

  /** previous ← active, active ← record, atomically. */
  async installPack(record: Omit<PackRecord, 'slot'>): Promise<void> {
    const tx = (await this.open()).transaction('packs', 'readwrite');
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
    return (await (await this.open()).get('settings', 'agent'))?.value;
  }

  async putSettings(value: unknown): Promise<void> {
    await (await this.open()).put('settings', { id: 'agent', value });
  }

  // ---- compensation ledger ----------------------------------------------------------

  async addLedgerEntry(entry: Omit<LedgerRecord, 'seq'>): Promise<number> {
    return (await this.open()).add('ledger', entry);
  }

  /**
   * Adds the entry unless the same case already has one of the same kind (one transaction:
   * two reports of the same completed refund record one payout). Returns the new entry's
   * seq, or null when it was already recorded. An entry without a caseKey is always added.
   */
  async addLedgerOnce(entry: Omit<LedgerRecord, 'seq'>): Promise<number | null> {
    const tx = (await this.open()).transaction('ledger', 'readwrite');
    try {
      const same = entry.caseKey === undefined ? [] : await tx.store.index('byBuyer').getAll(entry.buyer);
      if (same.some((e) => e.caseKey === entry.caseKey && e.kind === entry.kind)) {
        await tx.done;
        return null;
      }
      const seq = await tx.store.add(entry);
      await tx.done;
      return seq;
    } catch (e) {
      abortQuietly(tx);
      await tx.done.catch(() => undefined);
      throw e;
    }
  }

  /** Deletes one entry (the agent's undo or delete); true when it existed. */
  async deleteLedgerEntry(seq: number): Promise<boolean> {
    const tx = (await this.open()).transaction('ledger', 'readwrite');
    const found = (await tx.store.count(seq)) > 0;
    if (found) await tx.store.delete(seq);
    await tx.done;
    return found;
  }

  /** Entries with `at` >= sinceIso (ISO +08:00 strings sort chronologically). */
  async listLedger(sinceIso?: string): Promise<LedgerRecord[]> {
    return sinceIso
      ? (await this.open()).getAllFromIndex('ledger', 'byAt', IDBKeyRange.lowerBound(sinceIso))
      : (await this.open()).getAll('ledger');
  }

  /** Delete the entries with `at` before `beforeIso` (past the lookback); how many went. One transaction. */
  async purgeLedger(beforeIso: string): Promise<number> {
    const tx = (await this.open()).transaction('ledger', 'readwrite');
    let n = 0;
    for (
      let cur = await tx.store.index('byAt').openCursor(IDBKeyRange.upperBound(beforeIso, true));
      cur;
      cur = await cur.continue()
    ) {
      await cur.delete();
      n++;
    }
    await tx.done;
    return n;
  }

  // ---- recent cases -----------------------------------------------------------------

  /**
   * Upsert; keeps the first firstSeenAt of an already stored case, its statusSince while the
   * status text is unchanged, and its interventionSeenAt once set. One transaction.
   */
  async putRecentCases(cases: RecentCase[]): Promise<void> {
    if (cases.length === 0) return;
    const tx = (await this.open()).transaction('cases', 'readwrite');
    const store = tx.objectStore('cases');
    try {
      for (const c of cases) {
        const old = await store.get(c.key);
        await store.put(old ? mergeRecent(old, c) : c);
      }
      await tx.done;
    } catch (e) {
      abortQuietly(tx);
      await tx.done.catch(() => undefined);
      throw e;
    }
  }

  async listRecentCases(): Promise<RecentCase[]> {
    return (await this.open()).getAll('cases');
  }

  /** Deletes cases last seen before `cutoffMs`; returns how many. */
  async purgeRecentCases(cutoffMs: number): Promise<number> {
    const tx = (await this.open()).transaction('cases', 'readwrite');
    const index = tx.store.index('byLastSeen');
    let n = 0;
    for (
      let cursor = await index.openCursor(IDBKeyRange.upperBound(cutoffMs, true));
      cursor;
      cursor = await cursor.continue()
    ) {
      await cursor.delete();
      n++;
    }
    await tx.done;
    return n;
  }

  // ---- meta -------------------------------------------------------------------------

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await (await this.open()).get('meta', key))?.value as T | undefined;
  }

  async putMeta(key: string, value: unknown): Promise<void> {
    await (await this.open()).put('meta', { key, value } satisfies MetaRecord);
  }

  async deleteMeta(key: string): Promise<void> {
    await (await this.open()).delete('meta', key);
  }
}

/** A new sighting of a stored case: what was first recorded stays. */
function mergeRecent(old: RecentCase, c: RecentCase): RecentCase {
  const out: RecentCase = { ...c, firstSeenAt: old.firstSeenAt };
  // Same status text: it has held since the older sighting (unknown for records written before statusSince existed).
  if (old.refundStatus === c.refundStatus) {
    if (old.statusSince) out.statusSince = old.statusSince;
    else delete out.statusSince;
  }
  if (old.interventionSeenAt) out.interventionSeenAt = old.interventionSeenAt;
  return out;
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    /* the transaction already aborted itself */
  }
}

/**
 * The database on this machine is newer than this build (the extension was downgraded): it is
 * not touched — this build cannot know what the newer one stored — and the caller runs on its
 * built-in pack and defaults, saving nothing, with a notice.
 */
export class StoreDowngradedError extends Error {
  readonly zh =
    '售后哨兵的数据库来自更新的版本：本版本以内置规则和默认设置只读运行，不会修改已有数据。请重新安装最新版本。';
  constructor(readonly found: number | null) {
    super(
      `the database is from a newer version of the extension (${found ?? '?'} > ${DB_VERSION}): running read-only on the built-in pack and defaults`,
    );
    this.name = 'StoreDowngradedError';
  }
}

/** Another tab or page of ours holds an older connection open and does not let go. */
export class StoreBlockedError extends Error {
  constructor() {
    super(
      'the database upgrade is blocked by another open page of the extension; close it or restart the browser',
    );
    this.name = 'StoreBlockedError';
  }
}

async function connect(name: string, lost: () => void, blockedMs: number): Promise<IDBPDatabase<SentinelDB>> {
  let migration: Promise<void> = Promise.resolve();
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  let failBlocked: (e: Error) => void = () => {};
  const stuck = new Promise<never>((_, reject) => (failBlocked = reject));
  stuck.catch(() => {});
  const opening = openDB<SentinelDB>(name, DB_VERSION, {
    upgrade(database, oldVersion, newVersion, tx) {
      migration = runUpgrades(database, oldVersion, newVersion ?? DB_VERSION, tx);
    },
    // An older connection (another page of ours) holds the database: give it a moment, then say so.
    blocked() {
      blockedTimer ??= setTimeout(() => failBlocked(new StoreBlockedError()), blockedMs);
    },
    // Ours is the older connection a newer version waits for: let go, reopen on the next call.
    blocking() {
      lost();
      void opening.then(
        (db) => db.close(),
        () => {},
      );
    },
    // The browser closed the connection (disk, quota, a cleared profile): reopen on the next call.
    terminated() {
      lost();
    },
  }).catch((e: unknown) => {
    if (e instanceof Error && e.name === 'VersionError') throw new StoreDowngradedError(null);
    throw e;
  });
  try {
    const db = await Promise.race([opening, stuck]);
    await migration;
    return db;
  } catch (e) {
    // Given up (blocked): if the open still completes later, that connection is not ours to keep.
    opening.then(
      (late) => late.close(),
      () => {},
    );
    migration.catch(() => {});
    throw e;
  } finally {
    clearTimeout(blockedTimer);
  }
}

/** Opens (creating or upgrading) the database; `blockedMs`: how long an upgrade may wait for older connections. */
export async function openSentinelStore(
  name = DB_NAME,
  opts: { blockedMs?: number } = {},
): Promise<SentinelStore> {
  const blockedMs = opts.blockedMs ?? 10_000;
  let store: SentinelStore | null = null;
  const lost = () => store?.lost();
  const db = await connect(name, lost, blockedMs);
  store = new SentinelStore(db, (onLost) => connect(name, onLost, blockedMs));
  return store;
}
