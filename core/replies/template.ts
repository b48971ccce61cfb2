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
export const MEMO_ONLY_PLACEHOLDERS = ['decision', 'rule', 'ruleName', 'time'] as const;
export type TemplatePlaceholder = ReplyPlaceholder | (typeof MEMO_ONLY_PLACEHOLDERS)[number];

/** How a missing placeholder shows in the text (the names the agent sees). */
export const PLACEHOLDER_MARKS: Record<TemplatePlaceholder, string> = {
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

export type TemplatePart = { text: string } | { placeholder: TemplatePlaceholder };
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

/** The marker part of a missing placeholder: one frozen object per name, shared between renders. */
const MARK_PARTS = new Map<string, { text: string; placeholder?: string }>();
function markPart(name: TemplatePlaceholder): { text: string; placeholder?: string } {
  let v = MARK_PARTS.get(name);
  if (v === undefined) MARK_PARTS.set(name, (v = Object.freeze({ text: PLACEHOLDER_MARKS[name], placeholder: name })));
  return v;
}

/** Fill a compiled template. Empty / whitespace-only values count as missing. */
export function renderTemplate(compiled: CompiledTemplate, values: PlaceholderValues): RenderedReply {
  const parts: { text: string; placeholder?: string }[] = [];
  const text = fill(compiled, values, parts);
  return { text, missing: fillMask === 0 ? [] : [...missingOf(compiled, fillMask)], parts };
}

/**
 * renderTemplate straight into a reply `{ id, ruleId, title, text, missing, parts }` (no
 * intermediate object). A literal part of the template that stands alone between markers is
 * shared (frozen) instead of copied, and so is the `missing` list (one per template and set of
 * missing names).
 */
export function renderReply<T>(rule: { id: string; title: T }, compiled: CompiledTemplate, values: PlaceholderValues): { id: string; ruleId: string; title: T; text: string; missing: string[]; parts: { text: string; placeholder?: string }[] } {
  const parts: { text: string; placeholder?: string }[] = [];
  const text = fill(compiled, values, parts);
  const missing = fillMask === 0 ? (NONE_MISSING as string[]) : (missingOf(compiled, fillMask) as string[]);
  return { id: rule.id, ruleId: rule.id, title: rule.title, text, missing, parts };
}

const NONE_MISSING: readonly string[] = Object.freeze([]);
const missingLists = new WeakMap<CompiledTemplate, Map<number, readonly string[]>>();
/** The names of a mask's placeholders in order of first appearance in the template (frozen, shared). */
function missingOf(compiled: CompiledTemplate, mask: number): readonly string[] {
  let byMask = missingLists.get(compiled);
  if (!byMask) missingLists.set(compiled, (byMask = new Map<number, readonly string[]>()));
  let v = byMask.get(mask);
  if (v === undefined) {
    const names: string[] = [];
    for (const part of compiled) if ('placeholder' in part && mask & (1 << bitOf(part.placeholder)) && !names.includes(part.placeholder)) names.push(part.placeholder);
    byMask.set(mask, (v = Object.freeze(names)));
  }
  return v;
}

/** Bits of the placeholders found missing by the last `fill`. */
let fillMask = 0;

function fill(compiled: CompiledTemplate, values: PlaceholderValues, parts: { text: string; placeholder?: string }[]): string {
  let text = '';
  let run = '';
  let mask = 0;
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
    const value = valueOf(values, name);
    if (value !== undefined && !isBlank(value)) {
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
    mask |= 1 << bitOf(name);
  }
  if (run || parts.length === 0) parts.push(run && runParts === 1 ? runPart! : { text: run });
  fillMask = mask;
  return text;
}

function bitOf(name: TemplatePlaceholder): number {
  switch (name) {
    case 'shopName':
      return 0;
    case 'signature':
      return 1;
    case 'orderId':
      return 2;
    case 'refundId':
      return 3;
    case 'reason':
      return 4;
    case 'paidAmount':
      return 5;
    case 'refundAmount':
      return 6;
    case 'compensationAmount':
      return 7;
    default:
      return 8 + MEMO_ONLY_PLACEHOLDERS.indexOf(name);
  }
}

/** values[name] with a named (monomorphic) load per placeholder. */
function valueOf(values: PlaceholderValues, name: TemplatePlaceholder): string | undefined {
  switch (name) {
    case 'shopName':
      return values.shopName;
    case 'signature':
      return values.signature;
    case 'orderId':
      return values.orderId;
    case 'refundId':
      return values.refundId;
    case 'reason':
      return values.reason;
    case 'paidAmount':
      return values.paidAmount;
    case 'refundAmount':
      return values.refundAmount;
    case 'compensationAmount':
      return values.compensationAmount;
    default:
      return values[name];
  }
}

/** `value.trim() === ''`, without the call when the first character is plainly not a space. */
function isBlank(value: string): boolean {
  if (value.length === 0) return true;
  const c = value.charCodeAt(0);
  if ((c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return value.trim() === '';
}
