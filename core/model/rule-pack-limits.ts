import type { Rule } from './rule-pack';

/**
 * The work limits of a rule pack (the sizes and chains the engine bounds its work by) and the
 * check that refuses a pack over one with the path of the first rule over it. Used by
 * RulePackSchema (rule-pack.ts).
 */
export const RULE_PACK_LIMITS = {
  maxJsonChars: 5_000_000,
  maxDepth: 40,
  maxRules: 5000,
  maxNames: 200,
  maxDeadlineIds: 64,
  maxTimers: 256,
  maxChainDepth: 8,
  maxWorkingDays: 60,
  maxLengthDays: 400,
  maxPlaceholders: 20,
  maxReasonNames: 5000,
  maxCalendarDates: 1000,
  maxTextChars: 2000,
} as const;

const PLACEHOLDER_RE = /\{[A-Za-z]+\}/g;

/** The work limits of RULE_PACK_LIMITS, each refused with the path of the first rule over it. */
export function workLimits(
  pack: { rules: readonly Rule[] },
  ctx: { addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string }): void },
): void {
  const L = RULE_PACK_LIMITS;
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const depth = new Map<string, number>();
  let timers = 0;
  let names = 0;
  pack.rules.forEach((r, i) => {
    if (r.type === 'timer') {
      timers += 1;
      if (timers === L.maxTimers + 1)
        issue(['rules', i], `more than ${L.maxTimers} timer rules (work limit)`);
      if (!depth.has(r.deadlineId) && depth.size === L.maxDeadlineIds)
        issue(['rules', i, 'deadlineId'], `more than ${L.maxDeadlineIds} deadline ids (work limit)`);
      const d = 'after' in r.start ? (depth.get(r.start.after) ?? 0) + 1 : 0;
      if (d > L.maxChainDepth)
        issue(
          ['rules', i, 'start', 'after'],
          `chained more than ${L.maxChainDepth} deadlines deep (work limit)`,
        );
      depth.set(r.deadlineId, Math.max(depth.get(r.deadlineId) ?? 0, d));
      const len = r.length;
      if (len?.workingDays !== undefined && len.workingDays > L.maxWorkingDays)
        issue(['rules', i, 'length', 'workingDays'], `at most ${L.maxWorkingDays} working days (work limit)`);
      if (len && (len.days ?? 0) + (len.hours ?? 0) / 24 + (len.minutes ?? 0) / 1440 > L.maxLengthDays)
        issue(['rules', i, 'length'], `at most ${L.maxLengthDays} days (work limit)`);
    }
    if (r.type === 'reply') {
      const n = r.template.match(PLACEHOLDER_RE)?.length ?? 0;
      if (n > L.maxPlaceholders)
        issue(['rules', i, 'template'], `${n} placeholders, at most ${L.maxPlaceholders} (work limit)`);
    }
    if (r.type === 'reason') {
      names += r.names.length;
      if (names > L.maxReasonNames && names - r.names.length <= L.maxReasonNames)
        issue(['rules', i, 'names'], `more than ${L.maxReasonNames} reason names in the pack (work limit)`);
    }
    if (r.type === 'calendar') {
      if (r.holidays.length > L.maxCalendarDates)
        issue(['rules', i, 'holidays'], `at most ${L.maxCalendarDates} dates (work limit)`);
      if (r.workdays.length > L.maxCalendarDates)
        issue(['rules', i, 'workdays'], `at most ${L.maxCalendarDates} dates (work limit)`);
    }
  });
  const long = longText(pack.rules, ['rules']);
  if (long) issue(long, `text longer than ${L.maxTextChars} characters (work limit)`);
}

/** The path of the first string longer than maxTextChars (packs are at most 40 levels deep). */
function longText(v: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (typeof v === 'string') return v.length > RULE_PACK_LIMITS.maxTextChars ? path : null;
  if (v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const hit = longText(v[i], [...path, i]);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, c] of Object.entries(v)) {
    const hit = longText(c, [...path, k]);
    if (hit) return hit;
  }
  return null;
}
