import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDB } from 'idb';
import { defaultPack, evaluate, type PanelRead } from '../../../core';
import { DB_VERSION, runUpgrades } from '../../../core/store';
import { createWorker, type BackgroundWorker } from '../../../entrypoints/background/worker';
import { coreRules } from '../../../entrypoints/background/rules';
import { importAndConfirm } from '../background/helpers';

/**
 * Drill 3 — storage. test/unit/store/sentinel-store.test.ts checks the store's own upgrade
 * and all-or-nothing writes; this drill adds the cross-check THROUGH THE BACKGROUND (the API
 * the extension really uses): data written by every earlier schema version reads back
 * identically and still drives the verdicts, and a failed write (QuotaExceededError, a
 * transaction aborted mid-way) leaves the previous state — pack, settings, ledger, cases.
 */

const NOW = Date.parse('2026-11-21T12:00:00+08:00');
const TAB = { tab: { id: 41, url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=1' } };
let n = 0;
const dbName = () => `drill-storage-${Date.now()}-${n++}`;

const teamPack = (id: string, version: string) =>
  JSON.stringify({ ...JSON.parse(JSON.stringify(defaultPack)), id, version });

const read = (refundId: string, paidAmount: number, buyer = 'tb_小王'): PanelRead => ({
  kind: 'refund',
  adapter: 'refund-detail',
  platform: 'tmall',
  index: 0,
  unreadable: [],
  facts: {
    refundId,
    orderId: `39${refundId}`,
    buyer,
    reason: '卖家缺货',
    paidAmount,
    paidAt: '2026-11-20T09:00:00+08:00',
    refundRequestedAt: '2026-11-20T10:00:00+08:00',
    tradeStatus: '买家已付款',
  },
});

/** What version `v` of the extension wrote, with data, written with that version's shapes. */
const SEEDERS: Record<number, (name: string) => Promise<{ packJson: string; previousJson?: string }>> = {
  1: async (name) => {
    const db = await openDB(name, 1, {
      upgrade(database, oldVersion, _n, tx) {
        void runUpgrades(database, oldVersion, 1, tx);
      },
    });
    const packJson = teamPack('team-v1', '2025.12');
    const previousJson = teamPack('team-v0', '2025.06');
    await db.put('packs', {
      slot: 'active',
      id: 'team-v1',
      version: '2025.12',
      importedAt: '2026-01-05T09:30:00+08:00',
      json: packJson,
    });
    await db.put('packs', {
      slot: 'previous',
      id: 'team-v0',
      version: '2025.06',
      importedAt: '2025-07-01T09:30:00+08:00',
      json: previousJson,
    });
    await db.put('settings', {
      id: 'agent',
      platformProfile: 'tmall',
      warningHours: 3,
      signature: '客服阿青',
      locale: 'en',
    });
    db.close();
    return { packJson, previousJson };
  },
};

function sentinel(name: string): BackgroundWorker {
  return createWorker({ rules: coreRules, dbName: name, nowMs: () => NOW, broadcast: async () => undefined });
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('drill: every earlier schema version upgrades with nothing lost (read through the background)', () => {
  it('has a seeder for every earlier version', () => {
    for (let v = 1; v < DB_VERSION; v++)
      expect(SEEDERS[v], `no seeder for schema v${v}: add one`).toBeTypeOf('function');
  });

  for (let v = 1; v < DB_VERSION; v++) {
    it(`v${v} → v${DB_VERSION}: the pack, its predecessor and the settings read identically and still drive the verdict`, async () => {
      const name = dbName();
      const { packJson, previousJson } = await SEEDERS[v]!(name);
      const s = sentinel(name);

      const info = await s.handlers.getPackInfo(undefined);
      expect(info.active).toMatchObject({
        id: 'team-v1',
        version: '2025.12',
        importedAt: '2026-01-05T09:30:00+08:00',
        source: 'file',
        ruleCount: defaultPack.rules.length,
      });
      expect(info.previous).toMatchObject({ id: 'team-v0', version: '2025.06' });
      expect((await s.handlers.exportPack(undefined)).json).toBe(packJson);
      expect((await (await s.store()).getPack('previous'))?.json).toBe(previousJson);

      const settings = await s.handlers.getSettings(undefined);
      expect(settings).toMatchObject({
        platformProfile: 'tmall',
        locale: 'en',
        warningThresholdsHours: [3, 1],
      });
      expect(settings.shopPolicy.signature).toBe('客服阿青');

      // The upgraded pack is the one evaluating: same guidance as evaluating it directly.
      const r = read('1001', 500);
      const { cases } = await s.handlers.reportPage({ url: TAB.tab.url, cases: [r] }, TAB);
      expect(cases[0]!.guidance.pack).toEqual({ id: 'team-v1', version: '2025.12' });
      const parsed = coreRules.parseRulePack(packJson);
      if (!parsed.ok) throw new Error(parsed.error);
      const direct = evaluate(r.facts, parsed.pack, {
        now: '2026-11-21T12:00:00+08:00',
        platform: 'tmall',
        kind: 'refund',
        settings,
        ledger: [],
      });
      expect(cases[0]!.guidance).toEqual(direct);
      expect(cases[0]!.guidance.compensation.amount).toBe('150.00'); // S3: 500 × 30 %
      // and the reply carries the signature that was saved at v1
      expect(cases[0]!.guidance.replies.some((x) => x.text.includes('客服阿青'))).toBe(true);
      (await s.store()).close();
    });
  }

  it(`data written at the current version (ledger, recent cases) reads back identically through the background`, async () => {
    const s = sentinel(dbName());
    await (
      await s.store()
    ).addLedgerEntry({
      buyer: 'tb_小王',
      amount: 400,
      at: '2026-11-21T08:00:00+08:00',
      kind: 'platform-payout',
      orderId: '391001',
      confirmedAt: '2026-11-21T08:00:00+08:00',
    });
    const { cases } = await s.handlers.reportPage({ url: TAB.tab.url, cases: [read('1002', 500)] }, TAB);
    // 150 due, but 400 already paid to this buyer within 24 h → capped to 100 (S3 24 h cap)
    expect(cases[0]!.guidance.compensation.amount).toBe('100.00');
    await s.settled(); // the page is answered first; the recent-cases write follows
    const store = await s.store();
    expect((await store.listLedger()).map(({ seq: _s, confirmedAt: _c, ...e }) => e)).toEqual([
      {
        buyer: 'tb_小王',
        amount: 400,
        at: '2026-11-21T08:00:00+08:00',
        kind: 'platform-payout',
        orderId: '391001',
      },
    ]);
    const recent = await store.listRecentCases();
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({
      key: 'tmall:refund:1002',
      refundId: '1002',
      compensation: { triggered: true, amount: '100.00' },
    });
    expect(recent[0]!.deadlines).toEqual(
      cases[0]!.guidance.deadlines.map((d) => ({ id: d.id, dueAt: d.dueAt })),
    );
    store.close();
  });
});

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('drill: a failed write leaves the previous state (through the background)', () => {
  it('pack import hitting QuotaExceededError: refused with a message, active and previous pack unchanged, verdicts still from the old pack', async () => {
    const s = sentinel(dbName());
    const first = teamPack('team-a', '1');
    expect((await importAndConfirm(s, first)).ok).toBe(true);
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if ((value as { slot?: string }).slot === 'active') throw quota();
      return realPut.call(this, value, key);
    });
    const r = await importAndConfirm(s, teamPack('team-b', '2'));
    vi.restoreAllMocks();
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/quota/i);
    const store = await s.store();
    expect((await store.getPack('active'))?.json).toBe(first);
    expect((await store.getPack('previous'))?.id).toBe(defaultPack.id);
    const { cases } = await s.handlers.reportPage({ url: TAB.tab.url, cases: [read('1003', 100)] }, TAB);
    expect(cases[0]!.guidance.pack.id).toBe('team-a');
    store.close();
  });

  it('a payout write hitting QuotaExceededError: nothing stored, the 24 h cap unchanged; the next sighting records it', async () => {
    const s = sentinel(dbName());
    await (
      await s.store()
    ).addLedgerEntry({
      buyer: 'tb_小王',
      amount: 100,
      at: '2026-11-21T08:00:00+08:00',
      kind: 'platform-payout',
      confirmedAt: '2026-11-21T08:00:00+08:00',
    });
    const completed = (): PanelRead => {
      const r = read('1005', 1000);
      return { ...r, facts: { ...r.facts, refundStatus: '退款成功', tradeStatus: '交易关闭' } };
    };
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw quota();
    });
    await s.handlers.reportPage({ url: TAB.tab.url, cases: [completed()] }, TAB);
    await s.settled();
    vi.restoreAllMocks();
    const store = await s.store();
    expect((await store.listLedger()).map((e) => e.amount)).toEqual([100]);
    const { cases } = await s.handlers.reportPage({ url: TAB.tab.url, cases: [read('1004', 2399)] }, TAB);
    expect(cases[0]!.guidance.compensation.amount).toBe('400.00'); // 500 cap − 100 already paid
    await s.handlers.reportPage({ url: TAB.tab.url, cases: [completed()] }, TAB);
    await s.settled();
    expect((await store.listLedger()).map((e) => e.amount)).toEqual([100, 300]);
    store.close();
  });

  it('recent cases: a transaction aborted mid-batch stores none of the batch and keeps what was there', async () => {
    const s = sentinel(dbName());
    await s.handlers.reportPage({ url: TAB.tab.url, cases: [read('2001', 100)] }, TAB);
    await s.settled();
    const store = await s.store();
    const before = await store.listRecentCases();
    expect(before).toHaveLength(1);
    const realPut = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (this.name === 'cases' && ++puts === 3) throw quota();
      return realPut.call(this, value, key);
    });
    const batch = ['2001', '2002', '2003', '2004'].map((id, i) => ({ ...read(id, 100 + i), index: i }));
    const answer = await s.handlers.reportPage({ url: TAB.tab.url, cases: batch }, TAB);
    await s.settled(); // the page is answered first; the recent-cases write follows
    vi.restoreAllMocks();
    // the agent still gets the verdicts (the recent-case log is best effort) …
    expect(answer.cases).toHaveLength(4);
    // … and the store is exactly as before: no half-written batch
    expect(await store.listRecentCases()).toEqual(before);
    store.close();
  });

  it('settings save that cannot be written: rejected, the saved settings stay', async () => {
    const s = sentinel(dbName());
    await s.handlers.saveSettings({ locale: 'en', warningThresholdsHours: [6, 2] });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    await expect(s.handlers.saveSettings({ locale: 'zh-CN', warningThresholdsHours: [12] })).rejects.toThrow(
      /quota/i,
    );
    vi.restoreAllMocks();
    expect(await s.handlers.getSettings(undefined)).toMatchObject({
      locale: 'en',
      warningThresholdsHours: [6, 2],
    });
    (await s.store()).close();
  });
});
