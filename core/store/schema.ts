import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * IndexedDB schema of the extension, versioned. Every version's step is kept here forever
 * (tests open a database created at each earlier version, with data, and upgrade it).
 *
 * v1 (first release):
 *   packs    keyPath `slot` ('active' | 'previous'): { slot, id, version, importedAt, json }
 *   settings keyPath `id` ('agent'): a flat object
 *            { id, platformProfile, warningHours: number, signature, locale }
 * v2 (current):
 *   packs    + `ruleCount`, `source` ('default' | 'file' | 'url'), `sourceUrl?`
 *   settings { id: 'agent', value: Settings }  (nested SettingsSchema shape;
 *            v1 warningHours h → warningThresholdsHours [h, 1] (or [h] when h <= 1),
 *            v1 signature → shopPolicy.signature)
 *   ledger   autoIncrement keyPath `seq`, indexes `byBuyer` (buyer), `byAt` (at)
 *   cases    keyPath `key`, index `byLastSeen` (lastSeenMs) — recent cases, whitelisted fields
 *   meta     keyPath `key` — small bookkeeping (team-pack ETag, last fetch result)
 */

export const DB_NAME = 'aftersale-sentinel';
export const DB_VERSION = 2;

type PackSlot = 'active' | 'previous';
type PackSource = 'default' | 'file' | 'url';

export interface PackRecord {
  slot: PackSlot;
  id: string;
  version: string;
  /** ISO +08:00 */
  importedAt: string;
  /** The pack exactly as imported (text), re-parsed with parseRulePack when loaded. */
  json: string;
  ruleCount: number;
  source: PackSource;
  sourceUrl?: string;
}

interface SettingsRecord {
  id: 'agent';
  /** Settings as saved; validated with SettingsSchema when read (defaults fill gaps). */
  value: unknown;
}

export interface LedgerRecord {
  seq?: number;
  buyer: string;
  amount: number;
  at: string;
  kind: 'platform-payout' | 'proactive-settlement';
  orderId?: string;
  refundId?: string;
  /** The case it was recorded from: at most one entry of each kind per case (addLedgerOnce). */
  caseKey?: string;
  orderPaidAt?: string;
  reason?: string;
  /** When it was recorded (the agent's click, or the worker seeing the refund completed; ISO +08:00). */
  confirmedAt: string;
}

/** A case seen recently — only whitelisted, non-personal fields (see recent-cases.ts). */
export interface RecentCase {
  key: string;
  platform: 'tmall' | 'taobao';
  kind: 'refund' | 'aftersale' | 'complaint';
  refundId?: string;
  orderId?: string;
  reason?: string;
  complaintType?: string;
  refundStatus?: string;
  tradeStatus?: string;
  /** The page kind whose reader saw it last (`refund-list`, `refund-detail`, …). */
  page?: string;
  /** When the buyer asked for the refund (ISO +08:00), as read; the 72 h window starts here. */
  requestedAt?: string;
  /** When `refundStatus` was first recorded with its current text (kept across rewrites of the same text). */
  statusSince?: string;
  /** The first time a refund status naming 介入 was recorded (kept once set). */
  interventionSeenAt?: string;
  deadlines: Array<{ id: string; dueAt: string }>;
  compensation: { triggered: boolean; amount: string | null };
  pack: { id: string; version: string };
  firstSeenAt: string;
  lastSeenAt: string;
  lastSeenMs: number;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface SentinelDB extends DBSchema {
  packs: { key: PackSlot; value: PackRecord };
  settings: { key: string; value: SettingsRecord };
  ledger: { key: number; value: LedgerRecord; indexes: { byBuyer: string; byAt: string } };
  cases: { key: string; value: RecentCase; indexes: { byLastSeen: number } };
  meta: { key: string; value: MetaRecord };
}

// The upgrade steps work on an untyped view: older versions had other shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = IDBPDatabase<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTx = IDBPTransaction<any, any, 'versionchange'>;

/** v1: packs + settings (flat). */
function upgradeTo1(db: AnyDb): void {
  db.createObjectStore('packs', { keyPath: 'slot' });
  db.createObjectStore('settings', { keyPath: 'id' });
}

/** Count rules in a stored pack text without the rules core (store stays independent). */
function countRules(json: string): number {
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { rules?: unknown }).rules)) {
      return (parsed as { rules: unknown[] }).rules.length;
    }
  } catch {
    /* an unparsable stored pack counts 0 rules; it is re-validated when loaded */
  }
  return 0;
}

/** Convert a v1 flat settings object to the v2 nested shape. */
function settingsV1toV2(v1: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof v1.platformProfile === 'string') out.platformProfile = v1.platformProfile;
  if (typeof v1.locale === 'string') out.locale = v1.locale;
  if (typeof v1.warningHours === 'number' && v1.warningHours > 0) {
    out.warningThresholdsHours = v1.warningHours > 1 ? [v1.warningHours, 1] : [v1.warningHours];
  }
  if (typeof v1.signature === 'string') out.shopPolicy = { signature: v1.signature };
  return out;
}

/** v2: packs gain ruleCount/source; settings nested; ledger, cases, meta. */
async function upgradeTo2(db: AnyDb, tx: AnyTx): Promise<void> {
  const ledger = db.createObjectStore('ledger', { keyPath: 'seq', autoIncrement: true });
  ledger.createIndex('byBuyer', 'buyer');
  ledger.createIndex('byAt', 'at');
  const cases = db.createObjectStore('cases', { keyPath: 'key' });
  cases.createIndex('byLastSeen', 'lastSeenMs');
  db.createObjectStore('meta', { keyPath: 'key' });

  const packs = tx.objectStore('packs');
  for (let cursor = await packs.openCursor(); cursor; cursor = await cursor.continue()) {
    const rec = cursor.value as Record<string, unknown>;
    const json = typeof rec.json === 'string' ? rec.json : JSON.stringify(rec.json ?? null);
    await cursor.update({ ...rec, json, ruleCount: countRules(json), source: rec.source ?? 'file' });
  }
  const settings = tx.objectStore('settings');
  for (let cursor = await settings.openCursor(); cursor; cursor = await cursor.continue()) {
    const { id, ...rest } = cursor.value as Record<string, unknown>;
    await cursor.update({ id, value: settingsV1toV2(rest) });
  }
}

/**
 * Runs every step from `oldVersion` up to `newVersion` inside the versionchange
 * transaction; if any step throws, the transaction aborts and the database stays at
 * its old version with its old data.
 */
export function runUpgrades(db: AnyDb, oldVersion: number, newVersion: number, tx: AnyTx): Promise<void> {
  // Each step's store creation runs synchronously inside the upgradeneeded callback;
  // data migrations then await requests on the same versionchange transaction.
  let done: Promise<void> = Promise.resolve();
  try {
    if (oldVersion < 1 && newVersion >= 1) upgradeTo1(db);
    if (oldVersion < 2 && newVersion >= 2) done = upgradeTo2(db, tx);
  } catch (e) {
    done = Promise.reject(e);
  }
  return done.catch((e: unknown) => {
    try {
      tx.abort();
    } catch {
      /* already finished or aborted */
    }
    throw e;
  });
}
