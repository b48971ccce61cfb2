import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDB } from 'idb';
import { readPage } from '../../../core/pages';
import { createWorker } from '../../../entrypoints/background/worker';
import { PURGE_ALARM } from '../../../entrypoints/background/events';
import { coreRules } from '../../../entrypoints/background/rules';

/**
 * Drill 7b — buyer data stays out of storage. Fixture pages that show the buyer's address,
 * phone numbers and name (test/fixtures/drills) are read with the real page readers and sent
 * through the background's reportPage handler (fake browser + fake-indexeddb); then EVERY
 * IndexedDB object store and chrome.storage.local are scanned for phone numbers and address
 * fragments. Old cases are purged on schedule by the purge alarm.
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/drills');
const DAY = 86_400_000;

const PHONE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/;
/** Address, consignee and message fragments that appear in the fixtures. */
const PERSONAL = [
  '浙江省',
  '杭州市',
  '余杭区',
  '文一西路',
  '3号楼',
  '310000',
  '广东省',
  '深圳市',
  '南山区',
  '科技园',
  '北京市',
  '朝阳区',
  '建国路',
  '上海市',
  '徐汇区',
  '漕溪北路',
  '王小鹿',
  '李四',
  '张三',
  '赵六',
  '丰巢',
  '收货人',
  '收货地址',
  '收货信息',
];

function parse(file: string, url: string): Document {
  const window = new Window({ url });
  return new window.DOMParser().parseFromString(
    readFileSync(join(FIXTURES, file), 'utf8'),
    'text/html',
  ) as unknown as Document;
}

async function dumpIdb(name: string): Promise<Record<string, unknown[]>> {
  const db = await openDB(name);
  const out: Record<string, unknown[]> = {};
  for (const store of db.objectStoreNames) out[store] = await db.getAll(store);
  db.close();
  return out;
}

const PAGES = [
  {
    file: 'refund-detail-address-phone.html',
    url: 'https://refund2.tmall.com/dispute/detail.htm?disputeId=202611230001',
    tabId: 7,
  },
  {
    file: 'refund-list-address-phone.html',
    url: 'https://refund2.taobao.com/dispute/sellerDisputeList.htm',
    tabId: 8,
  },
];

beforeEach(() => fakeBrowser.reset());

describe('drill: no phone numbers or addresses are stored', () => {
  it('reads the fixture pages (the cases are really there) and stores none of the buyer data', async () => {
    const name = `drill-privacy-${Date.now()}`;
    const s = createWorker({
      rules: coreRules,
      dbName: name,
      nowMs: () => Date.parse('2026-11-23T10:00:00+08:00'),
      broadcast: async () => undefined,
    });
    let reported = 0;
    for (const p of PAGES) {
      const { cases } = readPage(parse(p.file, p.url), p.url);
      expect(cases.length).toBeGreaterThan(0);
      // the fixtures do carry the data we must not keep
      expect(readFileSync(join(FIXTURES, p.file), 'utf8')).toMatch(PHONE);
      const answer = await s.handlers.reportPage({ url: p.url, cases }, { tab: { id: p.tabId, url: p.url } });
      reported += answer.cases.length;
    }
    expect(reported).toBe(4);
    await s.settled(); // the pages are answered first; the writes follow
    (await s.store()).close();

    const idb = await dumpIdb(name);
    expect(Object.keys(idb).sort()).toEqual(['cases', 'ledger', 'meta', 'packs', 'settings']);
    expect(idb.cases).toHaveLength(4);
    const findings: string[] = [];
    for (const [store, rows] of Object.entries(idb)) {
      const text = JSON.stringify(rows);
      const phone = PHONE.exec(text);
      if (phone) findings.push(`${store}: phone ${phone[0]}`);
      for (const f of PERSONAL) if (text.includes(f)) findings.push(`${store}: ${f}`);
      // buyer nicknames are not kept in recent cases either (only the ledger keys on them)
      if (store === 'cases')
        for (const nick of ['tb_小鹿2026', 'buyer_88', '快乐的猫', 'tb8812734'])
          if (text.includes(nick)) findings.push(`${store}: buyer ${nick}`);
    }
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    if (PHONE.test(local)) findings.push('storage.local: phone');
    for (const f of PERSONAL) if (local.includes(f)) findings.push(`storage.local: ${f}`);
    expect(findings).toEqual([]);

    // The phone number a buyer typed into the reason text is masked in the stored case.
    const row = (idb.cases as Array<{ refundId?: string; reason?: string }>).find(
      (c) => c.refundId === '202611230102',
    );
    expect(row?.reason).toBe('不想要了 请联系***');
  });

  it('the per-tab session state (memory only, gone when the browser closes) holds no address or contact line either', async () => {
    const s = createWorker({
      rules: coreRules,
      dbName: `drill-privacy-s-${Date.now()}`,
      nowMs: () => Date.parse('2026-11-23T10:00:00+08:00'),
      broadcast: async () => undefined,
    });
    for (const p of PAGES)
      await s.handlers.reportPage(
        { url: p.url, cases: readPage(parse(p.file, p.url), p.url).cases },
        { tab: { id: p.tabId, url: p.url } },
      );
    await s.settled();
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(session.length).toBeGreaterThan(100);
    for (const f of PERSONAL) expect(session).not.toContain(f);
    for (const phone of [
      '138 1234 5678',
      '0571-88886666',
      '13987654321',
      '15012345678',
      '139-0000-2222',
      '021-62345678',
    ])
      expect(session).not.toContain(phone);
    (await s.store()).close();
  });
});

describe('drill: old cases are purged on schedule', () => {
  it('the worker start schedules a daily purge alarm', async () => {
    const s = createWorker({
      rules: coreRules,
      dbName: `drill-purge-a-${Date.now()}`,
      nowMs: () => Date.now(),
      broadcast: async () => undefined,
    });
    await s.events.init();
    const alarm = await fakeBrowser.alarms.get(PURGE_ALARM);
    expect(alarm?.periodInMinutes).toBe(24 * 60);
    (await s.store()).close();
  });

  it('the purge alarm removes cases not seen within the retention (30 days by default, then as set)', async () => {
    let now = Date.parse('2026-10-01T10:00:00+08:00');
    const name = `drill-purge-${Date.now()}`;
    const s = createWorker({
      rules: coreRules,
      dbName: name,
      nowMs: () => now,
      broadcast: async () => undefined,
    });
    const page = PAGES[1]!;
    const cases = readPage(parse(page.file, page.url), page.url).cases;
    await s.handlers.reportPage(
      { url: page.url, cases: cases.slice(0, 1) },
      { tab: { id: 1, url: page.url } },
    ); // day 0
    now += 20 * DAY;
    await s.handlers.reportPage(
      { url: page.url, cases: cases.slice(1, 2) },
      { tab: { id: 2, url: page.url } },
    ); // day 20
    now += 11 * DAY; // day 31: the first case is 31 days old, the second 11
    await s.events.onAlarm({ name: PURGE_ALARM });
    const store = await s.store();
    expect((await store.listRecentCases()).map((c) => c.refundId)).toEqual(['202611230102']);

    await s.handlers.saveSettings({ recentCaseRetentionDays: 7 });
    await s.events.onAlarm({ name: PURGE_ALARM });
    expect(await store.listRecentCases()).toEqual([]);
    store.close();
  });
});
