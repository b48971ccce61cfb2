import { REPLY_PLACEHOLDERS, type ReplyPlaceholder } from '../model/rule-pack';

/**
 * Reply templates: Chinese text for the buyer with `{placeholder}`s. A template is compiled
 * once per pack into literal / placeholder parts, so rendering is plain concatenation.
 * A placeholder with no value is never blanked: it stays visibly marked as 【名称】 and is
 * listed in `missing` (the side panel wraps those parts in <mark>).
 */

/** How a missing placeholder shows in the text (the names the agent sees). */
export const PLACEHOLDER_MARKS: Record<ReplyPlaceholder, string> = {
  shopName: '【店铺名】',
  signature: '【客服签名】',
  orderId: '【订单编号】',
  refundId: '【退款编号】',
  reason: '【退款原因】',
  paidAmount: '【实付金额】',
  refundAmount: '【退款金额】',
  compensationAmount: '【赔付金额】',
};

export type TemplatePart = { text: string } | { placeholder: ReplyPlaceholder };
export type CompiledTemplate = readonly TemplatePart[];
export type PlaceholderValues = Partial<Record<ReplyPlaceholder, string>>;

const KNOWN = new Set<string>(REPLY_PLACEHOLDERS);
const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Split a template into parts. Unknown `{names}` stay literal text. */
export function compileTemplate(template: string): CompiledTemplate {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (!KNOWN.has(name)) continue;
    if (m.index > last) parts.push({ text: template.slice(last, m.index) });
    parts.push({ placeholder: name as ReplyPlaceholder });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

export interface RenderedReply {
  text: string;
  /** Placeholder names that had no value, in order of first appearance. */
  missing: string[];
  /** The text in parts; a part with `placeholder` is a missing value's marker. */
  parts: { text: string; placeholder?: string }[];
}

/** Fill a compiled template. Empty / whitespace-only values count as missing. */
export function renderTemplate(compiled: CompiledTemplate, values: PlaceholderValues): RenderedReply {
  let text = '';
  let run = '';
  const missing: string[] = [];
  const parts: { text: string; placeholder?: string }[] = [];
  for (const part of compiled) {
    if ('text' in part) {
      text += part.text;
      run += part.text;
      continue;
    }
    const value = values[part.placeholder];
    if (value !== undefined && value.trim() !== '') {
      text += value;
      run += value;
      continue;
    }
    const mark = PLACEHOLDER_MARKS[part.placeholder];
    if (run) parts.push({ text: run });
    run = '';
    parts.push({ text: mark, placeholder: part.placeholder });
    text += mark;
    if (!missing.includes(part.placeholder)) missing.push(part.placeholder);
  }
  if (run || parts.length === 0) parts.push({ text: run });
  return { text, missing, parts };
}
