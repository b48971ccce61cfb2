import type { Action, Compensation, Text } from '../model/guidance';
import type { ActionRule, RemedyLimit } from '../model/rule-pack';
import type { RemedyLimits } from '../model/settings';
import { formatYuan as yuan, percentOfFen, yuanToFen } from '../money/fen';
import type { CaseContext } from './context';
import { spend } from './budget';

/** How many steps come first, before the remedy ladder. */
const FIRST_ACTIONS = 3;

/**
 * Step: the next steps, in the pack's order: at most three first steps, then the shop's
 * remedy ladder (rules with `ladder`), then the remaining steps. A remedy-ladder rung ends
 * with its limit, computed from the paid amount and the shop's settings (the rule's value
 * when unset). An action without a limit is the same object for every case (rule-sets.ts).
 */
export function actionsStep(ctx: CaseContext, compensation: Compensation): Action[] {
  const limits = ctx.settings?.shopPolicy?.remedyLimits;
  const first: Action[] = [];
  const ladder: Action[] = [];
  const more: Action[] = [];
  const rules = ctx.rules.actions[ctx.compensation];
  spend(ctx.work, rules.length);
  for (const { rule, condition, plain } of rules) {
    if (!condition(ctx)) continue;
    const group = rule.ladder ? 'ladder' : first.length < FIRST_ACTIONS ? 'first' : 'more';
    const action =
      plain !== null ? plain[group] : actionOf(rule, ctx.paidFen, compensation.amountFen, limits, group);
    (group === 'ladder' ? ladder : group === 'first' ? first : more).push(action);
  }
  if (ladder.length === 0 && more.length === 0) return first;
  return [...first, ...ladder, ...more];
}

function actionOf(
  rule: ActionRule,
  paidFen: number | null,
  compFen: number | null,
  limits: Partial<RemedyLimits> | undefined,
  group: Action['group'],
): Action {
  if (!rule.limit) return { id: rule.id, ruleId: rule.id, text: rule.text, group };
  const suffix = limitSuffix(rule.limit, paidFen, compFen, limits);
  return {
    id: rule.id,
    ruleId: rule.id,
    text: { zh: rule.text.zh + suffix.zh, en: rule.text.en + suffix.en },
    group,
  };
}

/** The shop's setting for a limit, or the rule's own value when the setting is absent or not a number. */
function settingValue(
  limits: Partial<RemedyLimits> | undefined,
  key: keyof RemedyLimits | undefined,
  fallback: number,
): number {
  const v = key === undefined ? undefined : limits?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function limitSuffix(
  limit: RemedyLimit,
  paidFen: number | null,
  compFen: number | null,
  limits: Partial<RemedyLimits> | undefined,
): Text {
  switch (limit.kind) {
    case 'exchange-uplift': {
      const pct = settingValue(limits, limit.setting, limit.percent);
      if (paidFen === null)
        return { zh: `（上限：原价 +${pct}%）`, en: ` (limit: original price +${pct} %)` };
      const max = yuan(percentOfFen(paidFen, (100 + pct) * 100));
      return {
        zh: `（换货商品价格不超过 ¥${max}，即原价 +${pct}%）`,
        en: ` (replacement priced up to ¥${max}, original +${pct} %)`,
      };
    }
    case 'percent-of-paid': {
      const pct = settingValue(limits, limit.setting, limit.percent);
      if (paidFen === null)
        return { zh: `（上限：实付金额的 ${pct}%）`, en: ` (limit: ${pct} % of the paid amount)` };
      const max = yuan(percentOfFen(paidFen, pct * 100));
      return {
        zh: `（上限 ¥${max}，即实付金额的 ${pct}%）`,
        en: ` (up to ¥${max}, ${pct} % of the paid amount)`,
      };
    }
    case 'range-of-paid': {
      const lo = settingValue(limits, limit.minSetting, limit.minPercent);
      const hi = settingValue(limits, limit.maxSetting, limit.maxPercent);
      if (paidFen === null)
        return { zh: `（实付金额的 ${lo}%–${hi}%）`, en: ` (${lo}–${hi} % of the paid amount)` };
      const loText = yuan(percentOfFen(paidFen, lo * 100));
      const hiText = yuan(percentOfFen(paidFen, hi * 100));
      return {
        zh: `（¥${loText}–¥${hiText}，即实付金额的 ${lo}%–${hi}%）`,
        en: ` (¥${loText}–¥${hiText}, ${lo}–${hi} % of the paid amount)`,
      };
    }
    case 'below-compensation': {
      if (compFen === null) return { zh: '（低于平台赔付金额）', en: ' (below the platform compensation)' };
      const below = yuan(compFen);
      return { zh: `（低于 ¥${below}）`, en: ` (below ¥${below})` };
    }
    case 'fixed-yuan': {
      const most = yuan(yuanToFen(settingValue(limits, limit.setting, limit.yuan)));
      return { zh: `（≤ ¥${most}）`, en: ` (≤ ¥${most})` };
    }
  }
}
