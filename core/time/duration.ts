import { normalizeText } from '../text/normalize';

/** A countdown's fields as written (days, hours, minutes, seconds: digit strings, undefined when absent). */
type CountdownFields = readonly [
  string | undefined,
  string | undefined,
  string | undefined,
  string | undefined,
];

/**
 * The one grammar of a countdown text, shared by parseCountdown and the page readers'
 * plausibility check (core/pages/timer.ts): an optional `剩余` / `还剩` / `剩` / `仅剩`, then
 * `[N天]H:MM[:SS]` or `[N天][N小时|时][N分钟|分][N秒]` (at least one unit), spaces anywhere.
 */
export function countdownFields(raw: string): CountdownFields | null {
  const text = normalizeText(raw)
    .replace(/^(剩余|还剩|剩|仅剩)\s*/, '')
    .replace(/\s+/g, '');
  const m =
    /^(?:(\d+)天)?(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(text) ??
    /^(?:(\d+)天)?(?:(\d+)(?:小时|时))?(?:(\d+)(?:分钟|分))?(?:(\d+)秒)?$/.exec(text);
  return m && (m[1] ?? m[2] ?? m[3] ?? m[4]) !== undefined ? [m[1], m[2], m[3], m[4]] : null;
}

/**
 * The platform's own countdown text → seconds remaining; null when the text is not one.
 * `剩余2天23时7分51秒` · `还剩 1天 3小时` · `剩余 05:12:09` · `2天23时07分` · `还剩23小时59分`.
 */
export function parseCountdown(raw: string): number | null {
  const f = countdownFields(raw);
  return (
    f && Number(f[0] ?? 0) * 86400 + Number(f[1] ?? 0) * 3600 + Number(f[2] ?? 0) * 60 + Number(f[3] ?? 0)
  );
}

/**
 * Where a countdown appears inside a longer text (a panel's text content): with a prefix
 * (`剩余…`, `还剩…`, `仅剩…`), or bare with at least two units (`2天23时7分51秒内商家未处理`)
 * and not glued to a date or number before it (`2026年11月20日10时00分` is no countdown).
 */
const COUNTDOWN_IN_TEXT =
  /(?:剩余|还剩|仅剩)\s*(?:\d+\s*天\s*)?\d{1,3}:\d{2}(?::\d{2})?|(?:剩余|还剩|仅剩)\s*(?:\d+\s*天\s*)?(?:\d+\s*(?:小时|时)\s*)?(?:\d+\s*(?:分钟|分)\s*)?(?:\d+\s*秒)?|(?<![\d日.:：])\d+\s*(?:天|小时|时|分钟|分)\s*\d+\s*(?:小时|时|分钟|分|秒)(?:\s*\d+\s*(?:分钟|分|秒))?(?:\s*\d+\s*秒)?/g;

/** The first countdown phrase in a text, as written (normalised), or null. */
export function findCountdown(raw: string): string | null {
  const text = normalizeText(raw);
  // exec in a loop (as matchAll would, without its iterator): every alternative matches at least a digit or a prefix.
  COUNTDOWN_IN_TEXT.lastIndex = 0;
  for (let m = COUNTDOWN_IN_TEXT.exec(text); m; m = COUNTDOWN_IN_TEXT.exec(text)) {
    const phrase = m[0].trim();
    if (parseCountdown(phrase) !== null) return phrase;
  }
  return null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Seconds → sign and whole days, hours, minutes, seconds (the magnitude, floored). */
function countdownParts(totalSeconds: number): { sign: string; d: number; h: number; m: number; s: number } {
  const abs = Math.floor(Math.abs(totalSeconds));
  return {
    sign: totalSeconds < 0 ? '-' : '',
    d: Math.floor(abs / 86400),
    h: Math.floor((abs % 86400) / 3600),
    m: Math.floor((abs % 3600) / 60),
    s: abs % 60,
  };
}

/**
 * Seconds → the platform's style: `2天23时07分` (with `withSeconds`: `2天23时07分51秒`).
 * Negative values (breached) are prefixed with `-`.
 */
export function formatCountdown(totalSeconds: number, withSeconds = false): string {
  const { sign, d, h, m, s } = countdownParts(totalSeconds);
  const head = d > 0 ? `${d}天${two(h)}时` : `${h}时`;
  return `${sign}${head}${two(m)}分${withSeconds ? `${two(s)}秒` : ''}`;
}

/**
 * The short form, two units at most (a badge in a narrow cell): `2天23时`, `5时07分`, `42分`;
 * English `2d 23h`, `5h 07m`, `42m`. The magnitude only: the caller says whether it is past.
 */
export function formatCountdownShort(totalSeconds: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const { d, h, m } = countdownParts(totalSeconds);
  if (locale === 'en') return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${two(m)}m` : `${m}m`;
  return d > 0 ? `${d}天${two(h)}时` : h > 0 ? `${h}时${two(m)}分` : `${m}分`;
}

/** English form: `2d 23h 07m` (`51s` with seconds). */
export function formatCountdownEn(totalSeconds: number, withSeconds = false): string {
  const { sign, d, h, m, s } = countdownParts(totalSeconds);
  return `${sign}${d > 0 ? `${d}d ` : ''}${h}h ${two(m)}m${withSeconds ? ` ${two(s)}s` : ''}`;
}
