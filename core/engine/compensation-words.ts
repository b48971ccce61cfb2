import type { Text } from '../model/guidance';
import type { CompensationRule } from '../model/rule-pack';
import { formatYuan as yuan } from '../money/fen';

/**
 * The words of a compensation verdict that depend on its rule alone — the percentage, the
 * bounds, how it is paid, the sentences without an amount — written once per pack
 * (rule-sets.ts), so that a case only writes its own amounts into them (compensation.ts).
 */
export interface CompensationWords {
  /** Not triggered: `不赔付：<reason>`. */
  declined: Text;
  /** Triggered, but the sources give no amount (basisPoints null): the whole sentence. */
  noAmount: Text;
  /** Triggered, the paid amount not read: the whole sentence. */
  paidMissing: Text;
  /** `30` of `× 30%`. */
  percent: string;
  /** `（最低 5.00 元，最高 500.00 元）` / ` (min 5.00, max 500.00)`, empty without bounds. */
  bounds: Text;
  /** `，以…发放` / `, paid as …`, empty when the rule names no form. */
  form: Text;
}

/** 假一赔十 / 假一赔三: the multiple as the platform names it. */
function multipleText(multiple: number | undefined): Text {
  if (!multiple) return { zh: '', en: '' };
  const zh = multiple === 10 ? '十' : multiple === 3 ? '三' : String(multiple);
  return { zh: `（假一赔${zh}）`, en: ` (${multiple}× rule)` };
}

function boundsText(min: number | null, max: number | null): Text {
  if (min === null && max === null) return { zh: '', en: '' };
  if (min === null) return { zh: `（最高 ${yuan(max ?? 0)} 元）`, en: ` (max ${yuan(max ?? 0)})` };
  if (max === null) return { zh: `（最低 ${yuan(min)} 元）`, en: ` (min ${yuan(min)})` };
  return {
    zh: `（最低 ${yuan(min)} 元，最高 ${yuan(max)} 元）`,
    en: ` (min ${yuan(min)}, max ${yuan(max)})`,
  };
}

export function compensationWords(rule: CompensationRule): CompensationWords {
  const m = multipleText(rule.multiple);
  const percent = `${(rule.basisPoints ?? 0) / 100}`;
  const words: CompensationWords = {
    declined: { zh: `不赔付：${rule.reason.zh}`, en: `No compensation: ${rule.reason.en}` },
    noAmount: {
      zh: `触发赔付${m.zh}，但规则来源没有给出金额，不做估算：${rule.reason.zh}`,
      en: `Compensation applies${m.en} but the sources give no amount, so none is estimated: ${rule.reason.en}`,
    },
    paidMissing: {
      zh: `触发赔付（实付金额的 ${percent}%），但实付金额未读到，金额未计算`,
      en: `Compensation applies (${percent} % of the paid amount) but the paid amount was not read, so no amount`,
    },
    percent,
    bounds: boundsText(rule.minFen ?? null, rule.maxFen ?? null),
    form: rule.form ? { zh: `，以${rule.form.zh}发放`, en: `, paid as ${rule.form.en}` } : { zh: '', en: '' },
  };
  // Shared by every guidance of the pack (the texts end up in them): frozen.
  for (const text of [words.declined, words.noAmount, words.paidMissing]) Object.freeze(text);
  return Object.freeze(words);
}
