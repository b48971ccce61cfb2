import { REPLY_PLACEHOLDERS, type ReplyPlaceholder } from '../model/vocabulary';

/**
 * Reply templates: Chinese text for the buyer with `{placeholder}`s. A template is compiled
 * once per pack into literal / placeholder parts, so rendering is plain concatenation.
 * A placeholder with no value is never blanked: it stays visibly marked as 【名称】 and is
 * listed in `missing` (the side panel wraps those parts in <mark>).
 */

/**
 * Placeholders of the 备注 memo line (core/replies/memo.ts) that replies do not have; the
 * memo also uses signature, orderId, refundId, reason and refundAmount. One machinery: the
 * same compile / render as replies, with the memo's own names (`{决定}` …) mapped onto these.
 */
type MemoOnlyPlaceholder = 'decision' | 'rule' | 'ruleName' | 'time';
export type TemplatePlaceholder = ReplyPlaceholder | MemoOnlyPlaceholder;

/** How a missing placeholder shows in the text (the names the agent sees). */
const PLACEHOLDER_MARKS: Record<TemplatePlaceholder, string> = {
  shopName: '【店铺名】',
  signature: '【客服签名】',
  orderId: '【订单编号】',
  refundId: '【退款编号】',
  reason: '【退款原因】',
  paidAmount: '【实付金额】',
  refundAmount: '【退款金额】',
  compensationAmount: '【赔付金额】',
  decision: '【处理决定】',
  rule: '【规则】',
  ruleName: '【规则名】',
  time: '【时间】',
};

type TemplatePart = { text: string } | { placeholder: TemplatePlaceholder };
export type CompiledTemplate = readonly TemplatePart[];
export type PlaceholderValues = Partial<Record<TemplatePlaceholder, string>>;

/** The names a template may write → the placeholder they stand for (replies: their own ids). */
export type PlaceholderNames = ReadonlyMap<string, TemplatePlaceholder>;
const REPLY_NAMES: PlaceholderNames = new Map(REPLY_PLACEHOLDERS.map((p) => [p, p]));
/** `{shopName}`, and (memo templates) `{决定}`: ASCII letters or up to 8 CJK characters. */
const PLACEHOLDER = /\{([A-Za-z]+|[\u4e00-\u9fff]{1,8})\}/g;

/** Split a template into parts. Unknown `{names}` stay literal text. `names`: the reply placeholders unless given. */
export function compileTemplate(template: string, names: PlaceholderNames = REPLY_NAMES): CompiledTemplate {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = names.get(m[1]!);
    if (name === undefined) continue;
    if (m.index > last) parts.push(Object.freeze({ text: template.slice(last, m.index) }));
    parts.push(Object.freeze({ placeholder: name }));
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(Object.freeze({ text: template.slice(last) }));
  return parts;
}

export interface RenderedReply {
  text: string;
  /** Placeholder names that had no value, in order of first appearance. */
  missing: string[];
  /** The text in parts; a part with `placeholder` is a missing value's marker. */
  parts: { text: string; placeholder?: string }[];
}

/** A missing value's part of a rendered text: its visible mark, the same frozen object for every text. */
const MISSING_PARTS = Object.fromEntries(
  (Object.keys(PLACEHOLDER_MARKS) as TemplatePlaceholder[]).map((name) => [
    name,
    Object.freeze({ text: PLACEHOLDER_MARKS[name], placeholder: name }),
  ]),
) as Record<TemplatePlaceholder, { readonly text: string; readonly placeholder: string }>;

/** Fill a compiled template. Empty / whitespace-only values count as missing. */
export function renderTemplate(compiled: CompiledTemplate, values: PlaceholderValues): RenderedReply {
  const parts: RenderedReply['parts'] = [];
  const missing: string[] = [];
  /** The text before `run`: the runs and markers so far. */
  let text = '';
  /** The text since the last missing value's marker (literal parts and filled values). */
  let run = '';
  for (const part of compiled) {
    if ('text' in part) {
      run += part.text;
      continue;
    }
    const name = part.placeholder;
    const value = values[name];
    if (value !== undefined && value.trim() !== '') {
      run += value;
      continue;
    }
    const marker = MISSING_PARTS[name];
    if (run) {
      parts.push({ text: run });
      text += run;
      run = '';
    }
    parts.push(marker);
    text += marker.text;
    if (!missing.includes(name)) missing.push(name);
  }
  if (run || parts.length === 0) parts.push({ text: run });
  return { text: text + run, missing, parts };
}

/** renderTemplate as a reply of the pack: `{ id, ruleId, title, text, missing, parts }`. */
export function renderReply<T>(
  rule: { id: string; title: T },
  compiled: CompiledTemplate,
  values: PlaceholderValues,
): { id: string; ruleId: string; title: T } & RenderedReply {
  const { text, missing, parts } = renderTemplate(compiled, values);
  return { id: rule.id, ruleId: rule.id, title: rule.title, text, missing, parts };
}
