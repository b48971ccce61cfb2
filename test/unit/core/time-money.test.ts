import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  beijingDate,
  beijingParts,
  defaultPack,
  formatCountdown,
  formatCountdownEn,
  formatYuan,
  formatYuanDisplay,
  fenToYuan,
  isWorkingDay,
  parseBeijingTime,
  parseCountdown,
  parseMoneyToFen,
  percentOfFen,
  toBeijingIso,
  toEpochMs,
  yuanToFen,
  type CalendarRule,
} from '../../../core/index';

const calendarRule = defaultPack.rules.find((r): r is CalendarRule => r.type === 'calendar')!;
const CAL = { holidays: calendarRule.holidays, workdays: calendarRule.workdays };

describe('Beijing time', () => {
  it.each([
    ['2026-11-20 10:00:00', '2026-11-20T10:00:00+08:00'],
    ['2026-11-20 10:00', '2026-11-20T10:00:00+08:00'],
    ['2026/11/20 10:00', '2026-11-20T10:00:00+08:00'],
    ['2026年11月20日 10:00:00', '2026-11-20T10:00:00+08:00'],
    ['2026年11月20日10时05分', '2026-11-20T10:05:00+08:00'],
    ['２０２６－１１－２０ １０：００', '2026-11-20T10:00:00+08:00'], // full-width digits, dash and colon (NFKC)
    ['２０２６/１１/２０ １０：００', '2026-11-20T10:00:00+08:00'],
    ['2026-11-20T02:00:00Z', '2026-11-20T10:00:00+08:00'],
    ['2026-11-20', '2026-11-20T00:00:00+08:00'],
    ['2026-02-30 10:00', null],
    ['2026-11-20 24:00', null],
    ['昨天 10:00', null],
    // the list pages' own form, read without the general path: same answers
    ['2024-02-29 23:59:59', '2024-02-29T23:59:59+08:00'],
    ['2026-02-29 10:00:00', null],
    ['2100-02-29 10:00:00', null],
    ['2000-02-29 10:00:00', '2000-02-29T10:00:00+08:00'],
    ['2026-04-31 10:00:00', null],
    ['2026-11-20 10:60:00', null],
    ['2026-11-20 10:00:60', null],
    ['2026-00-10 10:00:00', null],
    ['0026-11-20 10:00:00', null],
    ['2026-11-20T10:00:00', '2026-11-20T10:00:00+08:00'],
  ])('parseBeijingTime(%j) → %s', (raw, iso) => {
    expect(parseBeijingTime(raw)).toBe(iso);
  });

  it('toEpochMs agrees with Date.parse on canonical +08:00 strings and rejects impossible dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const iso = toBeijingIso(ms);
        expect(toEpochMs(iso)).toBe(Date.parse(iso));
        expect(toEpochMs(iso)).toBe(Math.floor(ms / 1000) * 1000);
      }),
      { numRuns: 500 },
    );
    expect(toEpochMs('2026-02-29T10:00:00+08:00')).toBeNaN();
    expect(toEpochMs('2028-02-29T10:00:00+08:00')).toBe(Date.parse('2028-02-29T10:00:00+08:00'));
    expect(toEpochMs('2026-11-20T10:00:00Z')).toBe(Date.UTC(2026, 10, 20, 10));
    expect(toEpochMs('garbage')).toBeNaN();
  });

  it('beijingParts / beijingDate use Beijing wall time whatever the machine zone', () => {
    const ms = Date.parse('2026-11-20T23:30:00+08:00');
    expect(beijingParts(ms)).toEqual({
      year: 2026,
      month: 11,
      day: 20,
      hour: 23,
      minute: 30,
      second: 0,
      weekday: 5,
    });
    expect(beijingDate(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(toBeijingIso(Date.parse('2026-12-31T16:00:00.999Z'))).toBe('2027-01-01T00:00:00+08:00');
  });
});

describe('countdowns', () => {
  it.each([
    ['剩余2天23时7分51秒', 2 * 86400 + 23 * 3600 + 7 * 60 + 51],
    ['还剩 1天 3小时', 86400 + 3 * 3600],
    ['剩余 05:12:09', 5 * 3600 + 12 * 60 + 9],
    ['2天23时07分', 2 * 86400 + 23 * 3600 + 7 * 60],
    ['还剩23小时59分', 23 * 3600 + 59 * 60],
    ['仅剩 45分钟', 45 * 60],
    ['剩余１天０２：００：００', 86400 + 2 * 3600],
    ['剩余', null],
    ['已超时', null],
    ['2026-11-20 10:00', null],
  ])('parseCountdown(%j) → %s', (text, secs) => {
    expect(parseCountdown(text)).toBe(secs);
  });

  it('formats like the platform, negative when breached', () => {
    expect(formatCountdown(2 * 86400 + 23 * 3600 + 7 * 60 + 51)).toBe('2天23时07分');
    expect(formatCountdown(2 * 86400 + 23 * 3600 + 7 * 60 + 51, true)).toBe('2天23时07分51秒');
    expect(formatCountdown(5 * 60)).toBe('0时05分');
    expect(formatCountdown(-(3600 + 60))).toBe('-1时01分');
    expect(formatCountdownEn(2 * 86400 + 23 * 3600 + 7 * 60 + 51)).toBe('2d 23h 07m');
    expect(formatCountdownEn(-90, true)).toBe('-0h 01m 30s');
  });

  it('round-trips: parse(format(s)) = s rounded down to the minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 86400 }), (s) => {
        expect(parseCountdown(formatCountdown(s))).toBe(s - (s % 60));
        expect(parseCountdown(`剩余${formatCountdown(s, true)}`)).toBe(s);
      }),
    );
  });
});

describe('working days (calendar carried by the pack)', () => {
  it('skips a weekend', () => {
    // Friday 2026-11-27 15:00 + 2 working days → Tuesday 12-01 15:00.
    const from = toEpochMs('2026-11-27T15:00:00+08:00');
    expect(toBeijingIso(addWorkingDays(from, 2, CAL))).toBe('2026-12-01T15:00:00+08:00');
  });

  it('skips the National Day holiday and counts the 调休 Saturday', () => {
    // Wed 09-30 + 4: 10-01…10-07 off, Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up (3), Mon 10-12 (4).
    const from = toEpochMs('2026-09-30T09:00:00+08:00');
    expect(toBeijingIso(addWorkingDays(from, 4, CAL))).toBe('2026-10-12T09:00:00+08:00');
    expect(isWorkingDay(toEpochMs('2026-10-10T12:00:00+08:00'), CAL)).toBe(true);
    expect(isWorkingDay(toEpochMs('2026-10-05T12:00:00+08:00'), CAL)).toBe(false);
    expect(isWorkingDay(toEpochMs('2026-10-11T12:00:00+08:00'), CAL)).toBe(false);
  });

  it('works with any calendar, including Sets, and with none (weekends only)', () => {
    const from = toEpochMs('2026-09-30T09:00:00+08:00');
    expect(toBeijingIso(addWorkingDays(from, 4, { holidays: [], workdays: [] }))).toBe(
      '2026-10-06T09:00:00+08:00',
    );
    const custom = { holidays: new Set(['2026-10-01']), workdays: new Set(['2026-10-03']) };
    // 10-01 off, 10-02 Fri (1), 10-03 Sat make-up (2), 10-05 Mon (3), 10-06 (4).
    expect(toBeijingIso(addWorkingDays(from, 4, custom))).toBe('2026-10-06T09:00:00+08:00');
    expect(toBeijingIso(addWorkingDays(from, 3, custom))).toBe('2026-10-05T09:00:00+08:00');
  });

  it('the 2026 calendar lists the Spring Festival and its make-up days', () => {
    expect(CAL.holidays).toContain('2026-02-17');
    expect(CAL.workdays).toEqual(expect.arrayContaining(['2026-02-14', '2026-02-28']));
    expect(calendarRule.citation.authority).toBe('inferred');
  });
});

describe('money in fen', () => {
  it('converts without float drift', () => {
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(1234567.89)).toBe(123456789);
    expect(fenToYuan(1999)).toBe(19.99);
    expect(formatYuan(15000)).toBe('150.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-500)).toBe('-5.00');
    expect(formatYuanDisplay(1500000)).toBe('¥15,000.00');
  });

  it('percentOfFen rounds half up to the fen', () => {
    expect(percentOfFen(50000, 3000)).toBe(15000);
    expect(percentOfFen(1665, 3000)).toBe(500); // 499.5 → 500
    expect(percentOfFen(1664, 3000)).toBe(499); // 499.2 → 499
    expect(percentOfFen(5, 3000)).toBe(2); // 1.5 → 2
    expect(percentOfFen(1, 3000)).toBe(0); // 0.3 → 0
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 20000 }), (fen, bp) => {
        const exact = (fen * bp) / 10000;
        const got = percentOfFen(fen, bp);
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(0.5);
        expect(Number.isInteger(got)).toBe(true);
      }),
    );
  });

  it.each([
    ['¥150.00', 15000],
    ['￥ 1,234.5', 123450],
    ['15000元', 1500000],
    ['RMB 99', 9900],
    ['１２３．４５', 12345],
    ['待定', null],
    ['--', null],
    ['1.234', null],
    ['-5', null],
    ['12元5角', null],
    ['¥500.00', 50000],
    ['￥88.05', 8805],
    ['0.01', 1],
    ['¥.50', null],
    ['¥¥5.00', 500],
    ['5.0', 500],
  ])('parseMoneyToFen(%j) → %s', (raw, fen) => {
    expect(parseMoneyToFen(raw)).toBe(fen);
  });
});
