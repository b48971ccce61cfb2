import { FACT_KEYS, type FactKey } from '../model/vocabulary';
import type { Facts } from '../model/facts';
import { normalizeText } from '../text/normalize';
import { findCountdown } from '../time/duration';
import { parseFieldValue } from './values';

const MAY_HOLD_TIMER = /[天时分秒:：]/;

/** Keys whose values repeat down a list (a few reasons and states): worth remembering per read. */
const REPEATING: ReadonlySet<FactKey> = new Set(['reason', 'complaintType', 'tradeStatus', 'refundStatus', 'logistics', 'activity']);

/** parseFieldValue results of one read, per key and text (parseFieldValue is a pure function of both). */
export type ValueCache = Map<FactKey, Map<string, ReturnType<typeof parseFieldValue>>>;

function parseCached(key: FactKey, text: string, cache: ValueCache | undefined): ReturnType<typeof parseFieldValue> {
  if (!cache || !REPEATING.has(key)) return parseFieldValue(key, text);
  let byText = cache.get(key);
  if (!byText) cache.set(key, (byText = new Map()));
  if (byText.has(text)) return byText.get(text);
  const value = parseFieldValue(key, text);
  byText.set(text, value);
  return value;
}

/**
 * Collects what a panel (or list row) shows, key by key, in document order: the first
 * readable value of a key wins; a key whose label was found but whose values were all
 * unreadable ends in `unreadable`. Output keys follow FACT_KEYS order.
 */
export class FactsBuilder {
  /** Read values by key (a plain object: one per list row, cheaper than a Map). */
  private readonly values: Partial<Record<FactKey, string | number>> = {};
  /** Created on the first unreadable value (most rows have none). */
  private unreadable: Set<FactKey> | null = null;

  /** `cache`: shared by the rows of one read (list pages repeat their reasons and states). */
  constructor(private readonly cache?: ValueCache) {}

  /** `raw === null`: the label was found with no value next to it. */
  offer(key: FactKey, raw: string | null): void {
    if (this.values[key] !== undefined) return;
    let text = raw;
    if (text !== null && key === 'refundStatus' && MAY_HOLD_TIMER.test(text)) {
      // `等待商家处理 剩余2天23时7分51秒`: the timer goes to platformCountdown, not into the status.
      const countdown = findCountdown(text);
      if (countdown) text = normalizeText(text).replace(countdown, '');
    }
    const value = text === null ? undefined : parseCached(key, text, this.cache);
    if (value === null) return; // the page says there is none (`活动：无`)
    if (value === undefined) {
      (this.unreadable ??= new Set()).add(key);
      return;
    }
    this.values[key] = value;
    this.unreadable?.delete(key);
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

  build(platformCountdown?: string | null): { facts: Facts; unreadable: FactKey[] } {
    if (platformCountdown) this.values.platformCountdown = platformCountdown;
    const facts: Record<string, unknown> = {};
    const unreadable: FactKey[] = [];
    for (let i = 0; i < FACT_KEYS.length; i++) {
      const key = FACT_KEYS[i]!;
      const value = this.values[key];
      if (value !== undefined) facts[key] = value;
      else if (this.unreadable?.has(key)) unreadable.push(key);
    }
    if (unreadable.length) facts.unreadable = unreadable;
    return { facts: facts as Facts, unreadable };
  }
}
