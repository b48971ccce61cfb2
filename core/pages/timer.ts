import { normalizeText } from '../text/normalize';
import { countdownFields, findCountdown } from '../time/duration';
import type { TextBlock } from './scan';

/**
 * Where the platform's countdown may be read, and whether a countdown is plausible. A
 * countdown comes only from a timer element or column, or the status sentence — never from
 * a nick, 退款说明, 留言 or other free text (the callers leave those out before asking).
 */

/** The platform never gives more than 60 days. */
const MAX_COUNTDOWN_SECONDS = 60 * 86400;
/** Per unit (days, hours, minutes, seconds): its upper bound after the first unit, and its seconds. */
const UNIT_LIMITS = [Infinity, 24, 60, 60];
const UNIT_SECONDS = [86400, 3600, 60, 1];

/**
 * The seconds a countdown phrase says, when it is one the platform could show: at most 60
 * days, and every unit after the first in its range (`1天 25时` and `61分` are no countdown;
 * `72小时` is); null otherwise. The grammar is parseCountdown's (core/time/duration.ts
 * countdownFields), and so is the sum: a plausible phrase gives parseCountdown's seconds.
 */
export function plausibleSeconds(phrase: string): number | null {
  const parts = countdownFields(phrase);
  if (!parts) return null;
  let leading = true;
  let total = 0;
  for (let i = 0; i < 4; i++) {
    const digits = parts[i];
    if (digits === undefined) continue;
    if (digits.length > 7) return null;
    const n = Number(digits);
    if (!leading && n >= UNIT_LIMITS[i]!) return null;
    leading = false;
    total += n * UNIT_SECONDS[i]!;
  }
  return !leading && total <= MAX_COUNTDOWN_SECONDS ? total : null;
}

/** Every countdown phrase in a text, in order (normalised, as written). */
export function countdownsIn(raw: string): string[] {
  const out: string[] = [];
  let rest = normalizeText(raw);
  for (let i = 0; i < 4; i++) {
    const phrase = findCountdown(rest);
    if (!phrase) break;
    out.push(phrase);
    rest = rest.replace(phrase, ' | ');
  }
  return out;
}

/**
 * Words of the platform's timer sentences and the state texts beside them (`请在…内处理`,
 * `逾期未处理，系统将自动同意退款`, `等待商家处理`, `处理时限：`).
 */
const TIMER_WORDS =
  /请在|内处理|处理时限|处理期限|剩余时间|处理时间|倒计时|超时|逾期|自动|等待(?:商家|卖家|买家)|请处理|待(?:商家|卖家)处理|退款待处理|请及时处理|举证|(?:卖家|商家)还剩/;
const DIGIT = /\d/;

function siblingSays(block: Element): boolean {
  for (const s of [block.previousElementSibling, block.nextElementSibling]) {
    const text = s ? normalizeText((s.textContent ?? '').slice(0, 200)) : '';
    if (TIMER_WORDS.test(text)) return true;
  }
  return false;
}

/**
 * The countdowns of a panel's text blocks (free text and other labels' values already left
 * out) that sit where the platform shows its timer: a block that is the countdown and
 * platform words only (no other number: an event sentence `…于2026-11-19 16:20:00…` is none),
 * with a timer word in it or in a block beside it.
 */
export function timerCountdowns(blocks: readonly TextBlock[]): string[] {
  const out: string[] = [];
  for (const { block, text } of blocks) {
    if (text.length > 400) continue;
    const phrases = countdownsIn(text);
    if (!phrases.length) continue;
    let rest = normalizeText(text);
    for (const phrase of phrases) rest = rest.replace(phrase, ' ');
    if (DIGIT.test(rest) || rest.length > 80) continue;
    if (TIMER_WORDS.test(rest) || siblingSays(block)) out.push(...phrases);
  }
  return out;
}
