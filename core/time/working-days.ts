import { DAY, beijingDate, beijingParts } from './beijing';

/**
 * A holiday calendar, carried as rule-pack data: public holidays (days off, weekday or not)
 * and 调休 make-up working days that fall on weekends, as Beijing dates `YYYY-MM-DD`.
 * Arrays or Sets (the engine precompiles Sets once per pack).
 */
export interface HolidayCalendar {
  holidays: readonly string[] | ReadonlySet<string>;
  workdays: readonly string[] | ReadonlySet<string>;
}

const has = (list: readonly string[] | ReadonlySet<string>, date: string): boolean =>
  Array.isArray(list) ? list.includes(date) : (list as ReadonlySet<string>).has(date);

/** Weekends only: the calendar to use when a pack carries none. */
export const WEEKENDS_ONLY: HolidayCalendar = { holidays: [], workdays: [] };

/** Is the Beijing calendar day of `ms` a working day? Make-up days win over weekends. */
export function isWorkingDay(ms: number, cal: HolidayCalendar): boolean {
  const date = beijingDate(ms);
  if (has(cal.workdays, date)) return true;
  if (has(cal.holidays, date)) return false;
  const wd = beijingParts(ms).weekday;
  return wd !== 0 && wd !== 6;
}

/**
 * `n` working days after `fromMs`: the same wall-clock time on the n-th following
 * working day (weekends and holidays skipped, make-up days counted). n ≤ 0 → fromMs.
 * `step` is called once per calendar day stepped (the engine's work budget).
 */
export function addWorkingDays(fromMs: number, n: number, cal: HolidayCalendar, step?: () => void): number {
  let ms = fromMs;
  let left = n;
  // A calendar that declares every day a holiday must not loop forever.
  for (let guard = 0; left > 0 && guard < 3660; guard += 1) {
    step?.();
    ms += DAY;
    if (isWorkingDay(ms, cal)) left -= 1;
  }
  return ms;
}
