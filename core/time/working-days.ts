import { DAY, beijingDate, beijingParts } from './beijing';

/**
 * A holiday calendar, carried as rule-pack data: public holidays that fall on weekdays
 * and 调休 make-up working days that fall on weekends, as Beijing dates `YYYY-MM-DD`.
 */
export interface HolidayCalendar {
  holidays: readonly string[];
  workdays: readonly string[];
}

export function isWorkingDay(ms: number, cal: HolidayCalendar): boolean {
  const date = beijingDate(ms);
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const wd = beijingParts(ms).weekday;
  return wd !== 0 && wd !== 6;
}

/**
 * `n` working days after `fromMs`: the same wall-clock time on the n-th following
 * working day (weekends and holidays skipped, make-up days counted).
 */
export function addWorkingDays(fromMs: number, n: number, cal: HolidayCalendar): number {
  let ms = fromMs;
  let left = n;
  while (left > 0) {
    ms += DAY;
    if (isWorkingDay(ms, cal)) left -= 1;
  }
  return ms;
}
