import { normalizeText } from '../text/normalize';

/**
 * Beijing time (UTC+8, no daylight saving) whatever the machine's time zone.
 * Instants travel as ISO strings with `+08:00`; arithmetic is on epoch milliseconds.
 */
export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const PAD2: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number (days since 1970-01-01). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The two digits of `s` at `i` as a number; -1 when either is not a digit. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `????-??-??T??:??:??+08:00`: the shape toBeijingIso writes (digits and ranges not checked). */
function canonicalShape(iso: string): boolean {
  return (
    iso.length === 25 &&
    iso.charCodeAt(4) === 45 &&
    iso.charCodeAt(7) === 45 &&
    iso.charCodeAt(10) === 84 &&
    iso.charCodeAt(13) === 58 &&
    iso.charCodeAt(16) === 58 &&
    // `+08:00`
    iso.charCodeAt(19) === 43 &&
    iso.charCodeAt(20) === 48 &&
    iso.charCodeAt(21) === 56 &&
    iso.charCodeAt(22) === 58 &&
    iso.charCodeAt(23) === 48 &&
    iso.charCodeAt(24) === 48
  );
}

/**
 * An instant read with toEpochMs (`ms`, not NaN) written as toBeijingIso writes it: the text
 * itself when it already has that form (toEpochMs reads that form exactly or answers NaN),
 * else toBeijingIso(ms). Checked against toBeijingIso in test/unit/core/fast-paths.test.ts.
 */
export function asBeijingIso(iso: string, ms: number): string {
  return canonicalShape(iso) ? iso : toBeijingIso(ms);
}

/** Day numbers of the first of a month, by (year × 12 + month − 1) mod 1024 (direct-mapped). */
const monthKeys = new Int32Array(1024).fill(-1);
const monthDays = new Float64Array(1024);

/**
 * Epoch milliseconds of an ISO instant (any offset). NaN when it is not one.
 * The canonical `YYYY-MM-DDTHH:mm:ss+08:00` form is parsed by hand (hot path of the engine);
 * it and toBeijingIso's caches are checked against plain Date-based versions in
 * test/unit/core/fast-paths.test.ts.
 */
export function toEpochMs(iso: string): number {
  if (canonicalShape(iso)) {
    const y1 = two(iso, 0);
    const y2 = two(iso, 2);
    const mo = two(iso, 5);
    const d = two(iso, 8);
    const h = two(iso, 11);
    const mi = two(iso, 14);
    const se = two(iso, 17);
    if (
      y1 < 0 ||
      y2 < 0 ||
      mo < 1 ||
      mo > 12 ||
      d < 1 ||
      h < 0 ||
      h > 23 ||
      mi < 0 ||
      mi > 59 ||
      se < 0 ||
      se > 59
    )
      return NaN;
    const y = y1 * 100 + y2;
    const dim = mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!;
    if (d > dim) return NaN;
    const key = y * 12 + mo - 1;
    const slot = key & 1023;
    let first: number;
    if (monthKeys[slot] === key) first = monthDays[slot]!;
    else {
      first = daysFromCivil(y, mo, 1);
      monthKeys[slot] = key;
      monthDays[slot] = first;
    }
    return (((first + d - 1) * 24 + h) * 3600 + mi * 60 + se) * 1000 - BEIJING_OFFSET_MS;
  }
  return Date.parse(iso);
}

/** The instant as `YYYY-MM-DDTHH:mm:ss+08:00` (seconds floored). */
export function toBeijingIso(ms: number): string {
  const s = Math.floor(ms / 1000) + 8 * 3600;
  const hours = Math.floor(s / 3600);
  const rest = s - hours * 3600;
  if (rest >= 0 && rest < 3600) {
    // `YYYY-MM-DDTHH:` of the hour (memoised) + `mm:ss+08:00` of the second within it (table).
    // Direct-mapped cache by hour number (slot = hour mod 8192, about 11 months).
    const slot = hours & 8191;
    let prefix: string;
    if (hourKeys[slot] === hours) prefix = hourPrefixes[slot]!;
    else {
      const days = Math.floor(hours / 24);
      prefix = `${datePrefix(days)}T${PAD2[hours - days * 24]}:`;
      hourKeys[slot] = hours;
      hourPrefixes[slot] = prefix;
    }
    let suffix = MINUTE_SECOND[rest];
    if (suffix === undefined) {
      const mi = Math.floor(rest / 60);
      suffix = MINUTE_SECOND[rest] = `${PAD2[mi]}:${PAD2[rest - mi * 60]}+08:00`;
    }
    return prefix + suffix;
  }
  const days = Math.floor(s / 86400);
  let r = s - days * 86400;
  const h = Math.floor(r / 3600);
  r -= h * 3600;
  const mi = Math.floor(r / 60);
  const se = r - mi * 60;
  return `${datePrefix(days)}T${PAD2[h]}:${PAD2[mi]}:${PAD2[se]}+08:00`;
}

const hourKeys = new Float64Array(8192).fill(NaN);
const hourPrefixes: string[] = new Array<string>(8192).fill('');
/** `mm:ss+08:00` by second of the hour, filled on use. */
const MINUTE_SECOND: (string | undefined)[] = new Array<string | undefined>(3600).fill(undefined);

const prefixes = new Map<number, string>();
/** `YYYY-MM-DD` of a day number, memoised (the engine formats the same few days over and over). */
function datePrefix(days: number): string {
  let v = prefixes.get(days);
  if (v === undefined) {
    const { year, month, day } = civilFromDays(days);
    v = `${year >= 1000 && year <= 9999 ? String(year) : pad(year, 4)}-${PAD2[month]}-${PAD2[day]}`;
    if (prefixes.size > 4096) prefixes.clear();
    prefixes.set(days, v);
  }
  return v;
}

/** Calendar parts of an instant as seen in Beijing (weekday: 0 = Sunday). */
export function beijingParts(ms: number): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
} {
  const s = Math.floor((ms + BEIJING_OFFSET_MS) / 1000);
  const days = Math.floor(s / 86400);
  let rest = s - days * 86400;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  const { year, month, day } = civilFromDays(days);
  // 1970-01-01 was a Thursday (4).
  const weekday = (((days + 4) % 7) + 7) % 7;
  return { year, month, day, hour, minute, second: rest - minute * 60, weekday };
}

/** The instant as an agent reads it: `YYYY-MM-DD HH:mm`, Beijing time (for texts; data keeps toBeijingIso). */
export function beijingMinute(ms: number): string {
  const iso = toBeijingIso(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `YYYY-MM-DD` of the Beijing calendar day the instant falls on. */
export function beijingDate(ms: number): string {
  return datePrefix(Math.floor((ms + BEIJING_OFFSET_MS) / DAY));
}

/** Epoch ms of a Beijing wall-clock time; null when the fields are not a real date/time. */
function beijingWallToMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return ms - BEIJING_OFFSET_MS;
}

/** The digit at `i` (0–9), or -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * `2026-11-20 10:00:00` (19 characters, a year not starting with 0 — Date.UTC reads years
 * 0–99 as 1900s) → its ISO with `+08:00` (that wall time is Beijing time already), null
 * for a date or time that does not exist; undefined for any other text. Reads characters,
 * no regex match arrays (list pages have two such cells per row).
 */
function canonicalWall(raw: string): string | null | undefined {
  let ok =
    raw.charCodeAt(4) === 45 &&
    raw.charCodeAt(7) === 45 &&
    raw.charCodeAt(10) === 32 &&
    raw.charCodeAt(13) === 58 &&
    raw.charCodeAt(16) === 58;
  const d: number[] = CANONICAL_DIGITS;
  for (let k = 0; ok && k < 14; k++) ok = (d[k] = digitAt(raw, CANONICAL_AT[k]!)) >= 0;
  if (!ok || d[0] === 0) return undefined;
  const year = d[0]! * 1000 + d[1]! * 100 + d[2]! * 10 + d[3]!;
  const month = d[4]! * 10 + d[5]!;
  const day = d[6]! * 10 + d[7]!;
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    d[8]! * 10 + d[9]! <= 23 &&
    d[10]! * 10 + d[11]! <= 59 &&
    d[12]! * 10 + d[13]! <= 59;
  return valid ? `${raw.slice(0, 10)}T${raw.slice(11)}+08:00` : null;
}
const CANONICAL_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const CANONICAL_DIGITS = new Array<number>(14).fill(0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1]!;
}

const FORMATS: RegExp[] = [
  // 2026-11-20 10:00:00 · 2026-11-20 10:00 · 2026/11/20 10:00 · 2026.11.20 10:00 · 2026-11-20T10:00:00
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
  // 2026年11月20日 10:00:00 · 2026年11月20日10时00分 · 2026年11月20日
  /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:时点](\d{2})(?:[:分](\d{2})秒?)?分?)?$/,
];

/**
 * A back-office time (Beijing wall clock) → ISO with `+08:00`; null when unreadable.
 * Accepts every format in panel-fields.md, full-width digits included, and an ISO
 * string that already carries an offset (converted to Beijing time).
 */
export function parseBeijingTime(raw: string): string | null {
  // The back office's own form, `2026-11-20 10:00:00`, read without the general path: the
  // same ISO (that wall time is Beijing time already), or null for a date that does not exist.
  if (raw.length === 19) {
    const canonical = canonicalWall(raw);
    if (canonical !== undefined) return canonical;
  }
  return parseBeijingTimeGeneral(raw);
}

/** parseBeijingTime without its fast path (differential test in test/unit/core/fast-paths.test.ts). */
export function parseBeijingTimeGeneral(raw: string): string | null {
  const text = normalizeText(raw);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : toBeijingIso(ms);
  }
  for (const re of FORMATS) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    const ms = beijingWallToMs(y!, mo!, d!, h, mi, s);
    return ms === null ? null : toBeijingIso(ms);
  }
  return null;
}
