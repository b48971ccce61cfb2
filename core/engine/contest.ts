import type { FactKey } from '../model/facts';
import type { Explanation, Text } from '../model/guidance';
import type { ContestRule } from '../model/rule-pack';
import { beijingMinute, toBeijingIso } from '../time/beijing';
import { explain, timeOf, type CaseContext } from './context';
import { dueFromFacts, pickTimer } from './timers';
import { spend } from './budget';

/**
 * Do the facts contradict the triggering reason? The first contest rule of the case's
 * category whose condition and test hold says how, in its own words, and is cited in the
 * explanation with the facts it compared — with the deadline variant it compared against
 * (its rule and citation), which the deadline list may not show in this state; null when
 * none holds.
 */
export function contestOf(ctx: CaseContext): { text: Text; entries: Explanation[] } | null {
  const rules = ctx.rules.contests[ctx.compensation];
  spend(ctx.work, rules.length);
  for (const { rule, condition } of rules) {
    if (!condition(ctx)) continue;
    const found = contestValues(rule, ctx);
    if (found === null) continue;
    const { values, used, dueIso } = found;
    const entries = [explain('contest', rule, used)];
    if (rule.test.kind === 'before-deadline' && dueIso !== undefined) {
      const timer = pickTimer(ctx, rule.test.deadlineId);
      if (timer) entries.push(explain(`contest:${rule.test.deadlineId}`, timer.rule, { due: dueIso }));
    }
    return { text: { zh: fill(rule.text.zh, values), en: fill(rule.text.en, values) }, entries };
  }
  return null;
}

interface Found {
  /** The text's placeholder values. */
  values: Record<string, string>;
  /** The facts compared, for the explanation. */
  used: Record<string, unknown>;
  /** The deadline compared against (before-deadline tests), ISO. */
  dueIso?: string;
}

/** What a contest rule found when its test holds; null when it does not. */
function contestValues(rule: ContestRule, ctx: CaseContext): Found | null {
  const { facts } = ctx;
  const test = rule.test;
  switch (test.kind) {
    case 'before-deadline': {
      let fact: FactKey | null = null;
      let time: number | null = null;
      for (const k of test.facts) {
        time = timeOf(ctx, k);
        if (time !== null) {
          fact = k;
          break;
        }
      }
      if (fact === null || time === null) return null;
      const due = dueFromFacts(ctx, test.deadlineId);
      if (due === null || time > due || (time === due && !test.orAt)) return null;
      // The sentence says times as the agent reads them; the explanation keeps the data (ISO).
      const values = { time: beijingMinute(time), due: beijingMinute(due) };
      const dueIso = toBeijingIso(due);
      const used: Record<string, unknown> = {};
      used[fact] = facts[fact];
      used[`deadline:${test.deadlineId}`] = dueIso;
      return { values, used, dueIso };
    }
    case 'shipped': {
      const status = facts.tradeStatus;
      const shipped =
        timeOf(ctx, 'shippedAt') !== null || (status !== undefined && test.tradeStatus.includes(status));
      if (!shipped) return null;
      return {
        values: { shipped: facts.shippedAt ?? status ?? '' },
        used: { shippedAt: facts.shippedAt ?? null, tradeStatus: status ?? null },
      };
    }
  }
}

function fill(text: string, values: Record<string, string>): string {
  let out = text;
  for (const name in values) out = out.replaceAll(`{${name}}`, values[name] ?? '');
  return out;
}
