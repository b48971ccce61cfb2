import { normalizeText } from '../text/normalize';

/**
 * Beijing time (UTC+8, no daylight saving) whatever the machine's time zone.
 * Instants travel as ISO strings with `+08:00`; arithmetic is on epoch milliseconds.
 */
export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Epoch milliseconds of an ISO instant (any offset). NaN when it is not one. */
export function toEpochMs(iso: string): number {
  return Date.parse(iso);
}

/** The instant as `YYYY-MM-DDTHH:mm:ss+08:00`. */
export function toBeijingIso(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + BEIJING_OFFSET_MS);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** Calendar parts of an instant as seen in Beijing. */
export function beijingParts(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** `YYYY-MM-DD` of the Beijing calendar day the instant falls on. */
export function beijingDate(ms: number): string {
  const p = beijingParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Epoch ms of a Beijing wall-clock time; null when the fields are not a real date/time. */
export function beijingWallToMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms - BEIJING_OFFSET_MS;
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
