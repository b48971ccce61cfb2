import { FACT_KEYS } from '../model/vocabulary';
import type { FactKey, Facts } from '../model/facts';
import { toEpochMs } from '../time/beijing';
import { TIME_KEYS } from './values';
import { DAY_MS, MINUTE_MS } from '../time/units';

/**
 * Plausibility of what a page says about time, against the moment of the read (`now`): a
 * time more than two years away is unreadable (years 1999 or 3026 are no back-office time);
 * a time later than now (beyond a small tolerance) is kept, with a warning — the agent's
 * clock is behind the page, and countdowns computed from it would be off by as much.
 */

/** Two years either side of now. */
const PLAUSIBLE_SPAN_MS = Math.round(2 * 365.25 * DAY_MS);
/** Page times up to this far ahead of the clock are not warned about (a page is built on a server). */
export const CLOCK_TOLERANCE_MS = 10 * MINUTE_MS;

/** A warning of a page read: times on the page later than the clock. */
export interface ReadWarning {
  code: 'page-time-ahead';
  /** The case's index on the page. */
  index: number;
  /** The fields whose times run ahead, in fact-key order. */
  fields: FactKey[];
  /** How far the furthest one runs ahead of `now`. */
  aheadMs: number;
}

interface Checked {
  facts: Facts;
  unreadable: FactKey[];
  /** Fields later than now + tolerance, and by how much (the furthest). */
  ahead?: { fields: FactKey[]; aheadMs: number };
}

const ORDER = new Map(FACT_KEYS.map((k, i) => [k, i]));
const byOrder = (a: FactKey, b: FactKey) => ORDER.get(a)! - ORDER.get(b)!;
/** TIME_KEYS in their order, as an array (checked for every case of a list). */
const TIME_KEY_LIST: readonly FactKey[] = [...TIME_KEYS];

/** The facts of one case checked against `now` (epoch ms); the same objects when nothing is off. */
export function checkTimes(facts: Facts, unreadable: readonly FactKey[], now: number): Checked {
  let out: Record<string, unknown> | null = null;
  let gone: FactKey[] | null = null;
  let ahead: FactKey[] | null = null;
  let aheadMs = 0;
  for (let i = 0; i < TIME_KEY_LIST.length; i++) {
    const key = TIME_KEY_LIST[i]!;
    const iso = facts[key as keyof Facts];
    if (typeof iso !== 'string') continue;
    const ms = toEpochMs(iso);
    if (!Number.isFinite(ms) || Math.abs(ms - now) > PLAUSIBLE_SPAN_MS) {
      out ??= { ...facts };
      delete out[key];
      (gone ??= []).push(key);
    } else if (ms - now > CLOCK_TOLERANCE_MS) {
      (ahead ??= []).push(key);
      aheadMs = Math.max(aheadMs, ms - now);
    }
  }
  const result: Checked = { facts, unreadable: unreadable as FactKey[] };
  if (out) {
    const all = [...new Set([...unreadable, ...gone!])].sort(byOrder);
    out.unreadable = all;
    result.facts = out;
    result.unreadable = all;
  }
  if (ahead) result.ahead = { fields: ahead.sort(byOrder), aheadMs };
  return result;
}
