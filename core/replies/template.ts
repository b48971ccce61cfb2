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
    if (m.index > last) parts.push(Object.freeze({ text: template.slice(last, m.index) }));
    parts.push(Object.freeze({ placeholder: name as ReplyPlaceholder }));
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

/** The marker part of a missing placeholder: one frozen object per name, shared between renders. */
const MARK_PARTS = new Map<string, { text: string; placeholder?: string }>();
function markPart(name: ReplyPlaceholder): { text: string; placeholder?: string } {
  let v = MARK_PARTS.get(name);
  if (v === undefined) MARK_PARTS.set(name, (v = Object.freeze({ text: PLACEHOLDER_MARKS[name], placeholder: name })));
  return v;
}

/** Fill a compiled template. Empty / whitespace-only values count as missing. */
export function renderTemplate(compiled: CompiledTemplate, values: PlaceholderValues): RenderedReply {
  const out: RenderedReply = { text: '', missing: [], parts: [] };
  out.text = fill(compiled, values, out.missing, out.parts);
  return out;
}

/**
 * renderTemplate straight into a reply `{ id, ruleId, title, text, missing, parts }` (no
 * intermediate object). A literal part of the template that stands alone between markers is
 * shared (frozen) instead of copied.
 */
export function renderReply<T>(rule: { id: string; title: T }, compiled: CompiledTemplate, values: PlaceholderValues): { id: string; ruleId: string; title: T; text: string; missing: string[]; parts: { text: string; placeholder?: string }[] } {
  const missing: string[] = [];
  const parts: { text: string; placeholder?: string }[] = [];
  const text = fill(compiled, values, missing, parts);
  return { id: rule.id, ruleId: rule.id, title: rule.title, text, missing, parts };
}

function fill(compiled: CompiledTemplate, values: PlaceholderValues, missing: string[], parts: { text: string; placeholder?: string }[]): string {
  let text = '';
  let run = '';
  /** The compiled literal part when the current run is exactly that one part (reused as is). */
  let runPart: { text: string } | null = null;
  let runParts = 0;
  for (let i = 0; i < compiled.length; i += 1) {
    const part = compiled[i]!;
    if ('text' in part) {
      text += part.text;
      run += part.text;
      runPart = part;
      runParts += 1;
      continue;
    }
    const name = part.placeholder;
    const value = values[name];
    if (value !== undefined && value.trim() !== '') {
      text += value;
      run += value;
      runParts += 2;
      continue;
    }
    const mark = markPart(name);
    if (run) parts.push(runParts === 1 ? runPart! : { text: run });
    run = '';
    runParts = 0;
    parts.push(mark);
    text += mark.text;
    if (!missing.includes(name)) missing.push(name);
  }
  if (run || parts.length === 0) parts.push(run && runParts === 1 ? runPart! : { text: run });
  return text;
}
