import { describe, expect, it, vi, afterEach } from 'vitest';
import { openDB } from 'idb';
import {
  DB_VERSION,
  openSentinelStore,
  runUpgrades,
  toRecentCase,
  type PackRecord,
  type RecentCase,
} from '../../../core/store';
import { SettingsSchema } from '../../../core/model/settings';
import type { PanelRead } from '../../../core/model/facts';
import type { Guidance } from '../../../core/model/guidance';
import { freshDbName } from '../../helpers/db-name';

const freshName = () => freshDbName('sentinel-test');

/** Create a database exactly as version `v` of the extension left it. */
async function createAtVersion(name: string, v: number) {
  const db = await openDB(name, v, {
    upgrade(database, oldVersion, _newVersion, tx) {
      void runUpgrades(database, oldVersion, v, tx);
    },
  });
  return db;
}

const packJson = (id: string, version: string, rules: number) =>
  JSON.stringify({ id, version, rules: Array.from({ length: rules }, (_, i) => ({ id: `r${i}` })) });

const packRec = (id: string, version: string, rules = 2): Omit<PackRecord, 'slot'> => ({
  id,
  version,
  importedAt: '2026-11-20T10:00:00+08:00',
  json: packJson(id, version, rules),
  ruleCount: rules,
  source: 'file',
});

describe('store schema versions', () => {
  it('a new profile opens at the current version with every object store', async () => {
    const store = await openSentinelStore(freshName());
    expect(store.db.version).toBe(DB_VERSION);
    expect([...store.db.objectStoreNames].sort()).toEqual(['cases', 'ledger', 'meta', 'packs', 'settings']);
    store.close();
  });

  it('upgrades a v1 database with data: packs and settings are all kept', async () => {
    const name = freshName();
    const v1 = await createAtVersion(name, 1);
    expect([...v1.objectStoreNames].sort()).toEqual(['packs', 'settings']);
    // v1 shapes: pack without ruleCount/source; flat settings with a single warningHours.
    await v1.put('packs', {
      slot: 'active',
      id: 'team',
      version: '3',
      importedAt: '2026-11-01T09:00:00+08:00',
      json: packJson('team', '3', 5),
    });
    await v1.put('packs', {
      slot: 'previous',
      id: 'team',
      version: '2',
      importedAt: '2026-10-01T09:00:00+08:00',
      json: packJson('team', '2', 4),
    });
    await v1.put('settings', {
      id: 'agent',
      platformProfile: 'taobao',
      warningHours: 6,
      signature: '客服小林',
      locale: 'en',
    });
    v1.close();

    const store = await openSentinelStore(name);
    expect(store.db.version).toBe(2);
    const active = await store.getPack('active');
    const previous = await store.getPack('previous');
    expect(active).toMatchObject({
      id: 'team',
      version: '3',
      importedAt: '2026-11-01T09:00:00+08:00',
      ruleCount: 5,
      source: 'file',
    });
    expect(JSON.parse(active!.json)).toEqual(JSON.parse(packJson('team', '3', 5)));
    expect(previous).toMatchObject({ id: 'team', version: '2', ruleCount: 4 });

    const settings = SettingsSchema.parse(await store.getSettings());
    expect(settings.platformProfile).toBe('taobao');
    expect(settings.locale).toBe('en');
    expect(settings.warningThresholdsHours).toEqual([6, 1]);
    expect(settings.shopPolicy.signature).toBe('客服小林');

    // the stores v2 added work
    await store.addLedgerEntry({
      buyer: 'b1',
      amount: 15,
      at: '2026-11-20T10:00:00+08:00',
      kind: 'platform-payout',
      confirmedAt: '2026-11-20T10:00:00+08:00',
    });
    expect(await store.listLedger()).toHaveLength(1);
    store.close();
  });

  it('a v1 database that never saved anything upgrades cleanly', async () => {
    const name = freshName();
    (await createAtVersion(name, 1)).close();
    const store = await openSentinelStore(name);
    expect(await store.getPack('active')).toBeUndefined();
    expect(await store.getSettings()).toBeUndefined();
    store.close();
  });
});

describe('writes are all-or-nothing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('installing a pack moves active to previous', async () => {
    const store = await openSentinelStore(freshName());
    await store.installPack(packRec('a', '1'));
    await store.installPack(packRec('b', '2'));
    expect((await store.getPack('active'))?.id).toBe('b');
    expect((await store.getPack('previous'))?.id).toBe('a');
    store.close();
  });

  it('an un-clonable pack (aborted transaction) leaves active and previous as they were', async () => {
    const store = await openSentinelStore(freshName());
    await store.installPack(packRec('a', '1'));
    await store.installPack(packRec('b', '2'));
    const bad = { ...packRec('c', '3'), json: (() => 'x') as unknown as string };
    await expect(store.installPack(bad)).rejects.toThrow();
    expect((await store.getPack('active'))?.id).toBe('b');
    expect((await store.getPack('previous'))?.id).toBe('a');
    store.close();
  });

  it('a quota error on the second put rolls back the first (previous not overwritten)', async () => {
    const store = await openSentinelStore(freshName());
    await store.installPack(packRec('a', '1'));
    await store.installPack(packRec('b', '2'));
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if ((value as { slot?: string }).slot === 'active')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.call(this, value, key);
    });
    await expect(store.installPack(packRec('c', '3'))).rejects.toThrow(/quota/i);
    vi.restoreAllMocks();
    expect((await store.getPack('active'))?.id).toBe('b');
    expect((await store.getPack('previous'))?.id).toBe('a');
    store.close();
  });

  it('a failed settings write keeps the saved settings', async () => {
    const store = await openSentinelStore(freshName());
    await store.putSettings({ locale: 'en' });
    await expect(store.putSettings({ locale: 'zh-CN', bad: () => 1 })).rejects.toThrow();
    expect(await store.getSettings()).toEqual({ locale: 'en' });
    store.close();
  });
});

const read = (over: Partial<PanelRead['facts']> = {}): PanelRead => ({
  kind: 'refund',
  adapter: 'refund-detail',
  platform: 'tmall',
  index: 0,
  unreadable: [],
  facts: {
    refundId: '2026112012345',
    orderId: '3890001',
    buyer: 'tb_小王',
    reason: '未按约定时间发货',
    paidAmount: 100,
    ...over,
  },
});

const guidance: Guidance = {
  kind: 'refund',
  platform: 'tmall',
  pack: { id: 'default', version: '1' },
  now: '2026-11-20T10:00:00+08:00',
  deadlines: [
    {
      id: 'seller-response',
      label: { zh: '卖家处理', en: 'Seller response' },
      dueAt: '2026-11-22T10:00:00+08:00',
      actor: 'seller',
      consequence: { zh: '自动退款', en: 'Auto refund' },
      ruleId: 'r1',
      source: 'computed',
      breached: false,
    },
  ],
  compensation: {
    triggered: true,
    amount: '30.00',
    amountFen: 3000,
    ruleId: 'r2',
    explanation: { zh: '赔', en: 'pay' },
    contestable: false,
  },
  penalties: [],
  actions: [],
  replies: [],
  warnings: [],
  explanation: [],
};

describe('recent cases', () => {
  it('keep only whitelisted fields: no buyer, phone numbers masked', () => {
    const rec = toRecentCase(
      'tmall:refund:2026112012345',
      read({ reason: '联系我13812345678 浙江省杭州市西湖路1号' }),
      guidance,
      guidance.now,
      0,
    );
    const text = JSON.stringify(rec);
    expect(text).not.toContain('tb_小王');
    expect(text).not.toContain('13812345678');
    expect(rec).toMatchObject({
      refundId: '2026112012345',
      orderId: '3890001',
      deadlines: [{ id: 'seller-response', dueAt: '2026-11-22T10:00:00+08:00' }],
    });
    expect(Object.keys(rec).sort()).toEqual(
      [
        'compensation',
        'deadlines',
        'firstSeenAt',
        'key',
        'kind',
        'lastSeenAt',
        'lastSeenMs',
        'orderId',
        'pack',
        'page',
        'platform',
        'reason',
        'refundId',
      ].sort(),
    );
  });

  it('purge deletes cases last seen before the cutoff and keeps the rest', async () => {
    const store = await openSentinelStore(freshName());
    const day = 86_400_000;
    const now = Date.UTC(2026, 10, 20);
    const mk = (key: string, ageDays: number): RecentCase => ({
      ...toRecentCase(key, read(), guidance, guidance.now, now - ageDays * day),
    });
    await store.putRecentCases([mk('old', 31), mk('edge', 30), mk('new', 1)]);
    expect(await store.purgeRecentCases(now - 30 * day)).toBe(1);
    expect((await store.listRecentCases()).map((c) => c.key).sort()).toEqual(['edge', 'new']);
    store.close();
  });

  it('a batch with one bad record writes none of it and keeps what was stored', async () => {
    const store = await openSentinelStore(freshName());
    await store.putRecentCases([toRecentCase('a', read(), guidance, guidance.now, 1)]);
    const bad = {
      ...toRecentCase('c', read(), guidance, guidance.now, 3),
      reason: (() => 'x') as unknown as string,
    };
    await expect(
      store.putRecentCases([toRecentCase('b', read(), guidance, guidance.now, 2), bad]),
    ).rejects.toThrow();
    expect((await store.listRecentCases()).map((c) => c.key)).toEqual(['a']);
    store.close();
  });

  it('seeing a case again keeps its first-seen time', async () => {
    const store = await openSentinelStore(freshName());
    await store.putRecentCases([toRecentCase('k', read(), guidance, '2026-11-20T10:00:00+08:00', 1)]);
    await store.putRecentCases([toRecentCase('k', read(), guidance, '2026-11-21T10:00:00+08:00', 2)]);
    const [c] = await store.listRecentCases();
    expect(c).toMatchObject({
      firstSeenAt: '2026-11-20T10:00:00+08:00',
      lastSeenAt: '2026-11-21T10:00:00+08:00',
    });
    store.close();
  });
});
