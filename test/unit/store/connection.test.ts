import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import {
  DB_VERSION,
  StoreBlockedError,
  StoreDowngradedError,
  openSentinelStore,
  runUpgrades,
} from '../../../core/store';
import { freshDbName } from '../../helpers/db-name';

const freshName = () => freshDbName('sentinel-conn');

/** The connection can go away under the worker: each case below used to stop every later call. */
describe('the database connection', () => {
  it('a newer version opening the database: ours lets go, and the next call opens it again', async () => {
    const name = freshName();
    const store = await openSentinelStore(name);
    await store.putSettings({ locale: 'en' });
    // Someone opens the same database at a higher version (an update of the extension): our
    // connection gets `versionchange` and must close, or the newer one waits forever.
    const newer = await openDB(name, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    // Our next call reopens — here at our own version, which is now older: a downgrade, said so.
    await expect(store.getSettings()).rejects.toBeInstanceOf(StoreDowngradedError);
  });

  it('a connection closed under us (terminated) is reopened on the next call, data intact', async () => {
    const name = freshName();
    const store = await openSentinelStore(name);
    await store.putSettings({ locale: 'en' });
    store.db.close();
    store.lost(); // what idb's `terminated` callback does
    expect(await store.getSettings()).toEqual({ locale: 'en' });
    await store.addLedgerEntry({
      buyer: 'k',
      amount: 1,
      at: '2026-11-20T10:00:00+08:00',
      kind: 'platform-payout',
      confirmedAt: '2026-11-20T10:00:00+08:00',
    } as never);
    expect(await store.listLedger()).toHaveLength(1);
    store.close();
  });

  it('a database from a newer build (a downgrade) is refused with a notice, not opened and not changed', async () => {
    const name = freshName();
    const future = await openDB(name, DB_VERSION + 3, {
      upgrade: (db) => void db.createObjectStore('future'),
    });
    future.close();
    const err = await openSentinelStore(name).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreDowngradedError);
    expect((err as StoreDowngradedError).zh).toContain('只读运行');
    const again = await openDB(name);
    expect(again.version).toBe(DB_VERSION + 3);
    expect([...again.objectStoreNames]).toEqual(['future']);
    again.close();
  });

  it('an upgrade blocked by an older connection that does not let go says so after the wait', async () => {
    const name = freshName();
    // An old connection that ignores versionchange (a page of an older build).
    const old = await openDB(name, 1, { upgrade: (db, from, _to, tx) => void runUpgrades(db, from, 1, tx) });
    old.addEventListener('versionchange', () => {});
    const err = await openSentinelStore(name, { blockedMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreBlockedError);
    // once it lets go, the upgrade the store gave up on completes and its connection is closed, not leaked
    old.close();
    const later = await openSentinelStore(name);
    expect(later.db.version).toBe(DB_VERSION);
    later.close();
  });
});
