import { FACT_KEYS, type FactKey } from '../model/vocabulary';
import type { Facts } from '../model/facts';
import { normalizeText } from '../text/normalize';
import { findCountdown } from '../time/duration';
import { plausibleSeconds } from './timer';
import { parseFieldValue } from './values';

const MAY_HOLD_TIMER = /[天时分秒:：]/;

/**
 * Labels that name their key only when the panel has none of its main labels: a complaint
 * shows 投诉类型 (the type) and 投诉原因 (its detail); an order shows 实付 and 订单金额. With both,
 * the main label's value is the fact and the other is no conflict.
 */
const SECONDARY_LABELS: ReadonlySet<string> = new Set(['投诉原因', '订单金额']);

/** Keys whose values repeat down a list (a few reasons and states): worth remembering per read. */
const REPEATING: ReadonlySet<FactKey> = new Set([
  'reason',
  'complaintType',
  'tradeStatus',
  'refundStatus',
  'logistics',
  'activity',
]);

/** parseFieldValue results of one read, per key and text (parseFieldValue is a pure function of both). */
export type ValueCache = Map<FactKey, Map<string, ReturnType<typeof parseFieldValue>>>;

function parseCached(
  key: FactKey,
  text: string,
  cache: ValueCache | undefined,
): ReturnType<typeof parseFieldValue> {
  if (!cache || !REPEATING.has(key)) return parseFieldValue(key, text);
  let byText = cache.get(key);
  if (!byText) cache.set(key, (byText = new Map<string, ReturnType<typeof parseFieldValue>>()));
  if (byText.has(text)) return byText.get(text);
  const value = parseFieldValue(key, text);
  byText.set(text, value);
  return value;
}

/**
 * Collects what a panel (or list row) shows, key by key, in document order. One readable
 * value per key: the same value shown twice is one value; two different readable values
 * make the key unreadable (never first-wins), and so do two different countdowns. A key
 * whose label was found but whose values were all unreadable ends in `unreadable`. Output
 * keys follow FACT_KEYS order.
 */
export class FactsBuilder {
  /** Read values by key (a plain object: one per list row, cheaper than a Map). */
  private readonly values: Partial<Record<FactKey, string | number>> = {};
  /** Created on the first unreadable value (most rows have none). */
  private unreadable: Set<FactKey> | null = null;
  /** Keys read with two different values: unreadable, whatever comes after. */
  private conflicts: Set<FactKey> | null = null;
  /** Values under secondary labels, used when no main label gave the key. */
  private secondary: FactsBuilder | null = null;
  private countdown: string | null = null;
  private countdownSeconds = 0;

  /** `cache`: shared by the rows of one read (list pages repeat their reasons and states). */
  constructor(private readonly cache?: ValueCache) {}

  /** `raw === null`: the label was found with no value next to it. `label`: the label it was found under. */
  offer(key: FactKey, raw: string | null, label?: string): void {
    if (label !== undefined && SECONDARY_LABELS.has(label)) {
      (this.secondary ??= new FactsBuilder(this.cache)).offer(key, raw);
      return;
    }
    if (this.conflicts?.has(key)) return;
    const had = this.values[key];
    if (had !== undefined && raw === null) return;
    let text = raw;
    if (text !== null && key === 'refundStatus' && MAY_HOLD_TIMER.test(text)) {
      // `等待商家处理 剩余2天23时7分51秒`: the timer goes to platformCountdown, not into the status.
      const countdown = findCountdown(text);
      if (countdown) text = normalizeText(text).replace(countdown, '');
    }
    const value = text === null ? undefined : parseCached(key, text, this.cache);
    if (value === null) return; // the page says there is none (`活动：无`)
    if (value === undefined) {
      if (had === undefined) (this.unreadable ??= new Set()).add(key);
      return;
    }
    if (had !== undefined) {
      if (had !== value) this.conflict(key);
      return;
    }
    this.values[key] = value;
    this.unreadable?.delete(key);
  }

  private conflict(key: FactKey): void {
    (this.conflicts ??= new Set()).add(key);
    delete this.values[key];
    (this.unreadable ??= new Set()).add(key);
  }

  /**
   * A countdown found where the platform shows its timer (a timer element or column, the
   * status sentence). Implausible (over 60 days, a unit out of range) → unreadable; two that
   * differ by a minute or more → unreadable; one shown twice (with and without seconds) is one.
   */
  offerCountdown(phrase: string): void {
    if (this.conflicts?.has('platformCountdown')) return;
    const seconds = plausibleSeconds(phrase);
    if (seconds === null) {
      if (this.countdown === null) (this.unreadable ??= new Set()).add('platformCountdown');
      return;
    }
    if (this.countdown !== null) {
      if (Math.abs(seconds - this.countdownSeconds) >= 60) {
        this.countdown = null;
        this.conflict('platformCountdown');
      }
      return;
    }
    this.countdown = phrase;
    this.countdownSeconds = seconds;
    this.unreadable?.delete('platformCountdown');
  }

  has(key: FactKey): boolean {
    return this.values[key] !== undefined;
  }

  get(key: FactKey): string | number | undefined {
    return this.values[key];
  }

  /** Keys seen at all (readable or not). */
  seen(key: FactKey): boolean {
    return this.values[key] !== undefined || (this.unreadable?.has(key) ?? false);
  }

  build(): { facts: Facts; unreadable: FactKey[] } {
    if (this.countdown !== null) this.values.platformCountdown = this.countdown;
    if (this.secondary) {
      for (const key of FACT_KEYS) {
        if (this.seen(key) || !this.secondary.seen(key)) continue;
        const value = this.secondary.values[key];
        if (value !== undefined) this.values[key] = value;
        else (this.unreadable ??= new Set()).add(key);
      }
    }
    const facts: Record<string, unknown> = {};
    const unreadable: FactKey[] = [];
    for (let i = 0; i < FACT_KEYS.length; i++) {
      const key = FACT_KEYS[i]!;
      const value = this.values[key];
      if (value !== undefined) facts[key] = value;
      else if (this.unreadable?.has(key)) unreadable.push(key);
    }
    if (unreadable.length) facts.unreadable = unreadable;
    return { facts, unreadable };
  }
}
