import { describe, expect, it } from 'vitest';
import { BOM, casesCsv, csvCell, ledgerCsv, maskBuyer, wallTime } from '../../../components/day-csv';
import type { RecentCase } from '../../../core/store/schema';
import { D, H, NOW, bjDate, iso, seedCases, seedLedger, windowDates } from './seed';

/** Splits our CSV back into rows of cells (quoted cells with "" escapes; CRLF rows). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  const body = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  expect(cell, 'ends with CRLF').toBe('');
  return rows;
}

describe('cases CSV', () => {
  const seeded = seedCases(300, 3);
  const cases = seeded.map((s) => s.rec);

  it('BOM, CRLF, Chinese headers, one row per case last seen in the range', () => {
    const rows = parseCsv(casesCsv(cases, '7d', NOW));
    expect(rows[0]).toEqual([
      '首次看到',
      '最后看到',
      '平台',
      '类型',
      '页面',
      '退款编号',
      '订单编号',
      '原因',
      '退款状态',
      '申请时间',
      '72小时处理情况',
      '已超时时限',
      '触发赔付',
      '赔付金额（元）',
    ]);
    const dates = windowDates(7);
    const want = cases.filter((c) => dates.has(bjDate(c.lastSeenMs)));
    expect(rows.length - 1).toBe(want.length);
    for (const r of rows.slice(1)) expect(r).toHaveLength(14);
  });

  it('values: Beijing wall times, zh labels, ids kept as text for Excel, yuan with two decimals', () => {
    const c: RecentCase = {
      key: 'tmall:refund:2026112000012345678',
      platform: 'tmall',
      kind: 'refund',
      refundId: '2026112000012345678',
      orderId: '3900000000000001',
      page: 'refund-detail',
      reason: '卖家缺货',
      refundStatus: '退款成功',
      requestedAt: iso(NOW - 30 * H),
      statusSince: iso(NOW - 2 * H),
      deadlines: [
        { id: 'ship-promise', dueAt: iso(NOW - 3 * H) },
        { id: 'auto-confirm-receipt', dueAt: iso(NOW - 3 * H) },
      ],
      compensation: { triggered: true, amount: '150.00' },
      pack: { id: 'default', version: '1' },
      firstSeenAt: iso(NOW - 5 * H),
      lastSeenAt: iso(NOW - H),
      lastSeenMs: NOW - H,
    };
    const text = casesCsv([c], 'today', NOW);
    expect(text).toContain('"=""2026112000012345678"""');
    const [, row] = parseCsv(text);
    expect(row).toEqual([
      '2026-11-20 09:30:00',
      '2026-11-20 13:30:00',
      '天猫',
      '退款',
      '退款详情',
      '="2026112000012345678"',
      '="3900000000000001"',
      '卖家缺货',
      '退款成功',
      '2026-11-19 08:30:00',
      '72小时内处理',
      '发货时限',
      '是',
      '150.00',
    ]);
  });

  it('formula-like and quoted text is made safe', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(12)).toBe('12');
    expect(csvCell({ id: '12a' })).toBe('');
    const hostile = seeded.find((s) => s.rec.reason?.startsWith('<img'))!.rec;
    const rows = parseCsv(casesCsv([{ ...hostile, lastSeenMs: NOW, lastSeenAt: iso(NOW) }], 'today', NOW));
    expect(rows[1]![7]).toBe('<img src=x onerror=alert(1)>');
  });

  it('wall times are Beijing whatever the offset written', () => {
    expect(wallTime('2026-11-20T02:00:00Z')).toBe('2026-11-20 10:00:00');
    expect(wallTime(undefined)).toBe('');
    expect(wallTime('garbage')).toBe('');
  });
});

describe('compensation CSV', () => {
  const seeded = seedLedger(80, 5);
  const ledger = seeded.map((e, i) => ({ ...e.rec, seq: i + 1 }));

  it('entries in the range, oldest first, kinds apart, amounts from integer fen, buyers masked', () => {
    const rows = parseCsv(ledgerCsv(ledger, '30d', NOW));
    expect(rows[0]).toEqual([
      '赔付时间',
      '赔付类型',
      '买家（已脱敏）',
      '订单编号',
      '原因',
      '金额（元）',
      '确认时间',
    ]);
    const dates = windowDates(30);
    const want = seeded
      .filter((e) => e.atMs <= NOW && dates.has(bjDate(e.atMs)))
      .sort((a, b) => a.atMs - b.atMs);
    expect(rows.length - 1).toBe(want.length);
    want.forEach((e, i) => {
      const r = rows[i + 1]!;
      expect(r[0]).toBe(iso(e.atMs).slice(0, 19).replace('T', ' '));
      expect(r[1]).toBe(e.rec.kind === 'platform-payout' ? '平台赔付' : '同意赔付');
      expect(r[5]).toBe(`${Math.floor(e.fen / 100)}.${String(e.fen % 100).padStart(2, '0')}`);
      expect(r[2]).toMatch(/^(.\*\*\*|\*\*\*)$/u);
    });
    const all = rows.flat().join('|');
    for (const e of seeded) expect(all).not.toContain(e.rec.buyer);
  });

  it('a buyer key that is a phone number shows none of its digits', () => {
    expect(maskBuyer('13812345678')).toBe('***');
    expect(maskBuyer('tb_小王')).toBe('t***');
    expect(maskBuyer('  ')).toBe('');
  });

  it('an empty range gives the header only', () => {
    const rows = parseCsv(ledgerCsv([], 'today', NOW - 400 * D));
    expect(rows).toHaveLength(1);
  });
});
