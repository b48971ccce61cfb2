import type { Facts } from '../model/facts';
import type { Guidance } from '../model/guidance';
import { formatYuan, yuanToFen } from '../money/fen';
import { toBeijingIso } from '../time/beijing';
import {
  compileTemplate,
  renderTemplate,
  type CompiledTemplate,
  type PlaceholderNames,
  type RenderedReply,
  type TemplatePlaceholder,
} from './template';

/**
 * The 备注 memo line an agent stamps on a handled case, so a colleague who opens it later
 * sees what was decided, by which rule, by whom and when (S2 卖家处理退款流程: 备注退回原因…
 * 处理该问题客服的名字和日期，方便该买家下次询问其他客服及时查看). The shop edits the template
 * in the options (shopPolicy.memoTemplate); it is rendered by the same template machinery as
 * the replies (core/replies/template.ts), so an empty value stays visibly marked (【客服签名】).
 *
 * Nothing about the buyer goes into it (no nick, no phone, no address): only the case's own
 * ids, the reason as the page shows it and the refund amount.
 */

/** The shop's template unless it sets its own (options → shop policy; settings.shopPolicy.memoTemplate). */
export const DEFAULT_MEMO_TEMPLATE = '{决定}｜原因：{原因}｜依据：{规则名}（{规则}）｜{签名}｜{时间}';
export const MEMO_TEMPLATE_MAX = 300;

/** The names a memo template may write: Chinese first (what the options page shows), ASCII too. */
const MEMO_PLACEHOLDER_NAMES: PlaceholderNames = new Map<string, TemplatePlaceholder>([
  ['决定', 'decision'],
  ['规则', 'rule'],
  ['规则名', 'ruleName'],
  ['签名', 'signature'],
  ['时间', 'time'],
  ['订单号', 'orderId'],
  ['退款编号', 'refundId'],
  ['原因', 'reason'],
  ['退款金额', 'refundAmount'],
  ['decision', 'decision'],
  ['rule', 'rule'],
  ['ruleName', 'ruleName'],
  ['signature', 'signature'],
  ['time', 'time'],
  ['orderId', 'orderId'],
  ['refundId', 'refundId'],
  ['reason', 'reason'],
  ['refundAmount', 'refundAmount'],
]);

/** What the agent decided, as the memo writes it (Chinese: the memo is read on the platform's page). */
export const MEMO_DECISIONS = [
  { id: 'agree', zh: '同意退款', en: 'Refund agreed' },
  { id: 'refuse', zh: '拒绝退款', en: 'Refund refused' },
  { id: 'contact', zh: '已联系买家', en: 'Buyer contacted' },
  { id: 'intervention', zh: '申请小二介入', en: 'Platform asked to intervene' },
] as const;
export type MemoDecision = (typeof MEMO_DECISIONS)[number]['id'];

/** Scraped text kept in a memo (a cell can hold anything). */
const MEMO_SCRAPED_CHARS = 30;
const cut = (text: string): string => {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= MEMO_SCRAPED_CHARS
    ? chars.join('')
    : `${chars.slice(0, MEMO_SCRAPED_CHARS - 1).join('')}…`;
};

/** The first clause of a rule's reason line (`卖家缺货类原因：…` → `卖家缺货类原因`), at most 20 characters. */
export function ruleShortName(reason: string): string {
  const head = reason.split(/[：:；;，,。（(]/)[0]!.trim();
  const chars = Array.from(head);
  return chars.length <= 20 ? head : `${chars.slice(0, 19).join('')}…`;
}

/** The rule the verdict rests on: the compensation rule when it fires, else how the reason was classified. */
function decidingRule(
  guidance: Pick<Guidance, 'compensation' | 'explanation'>,
): { id: string; name: string } | null {
  const comp = guidance.compensation;
  const pick = (id: string | null | undefined) =>
    id ? guidance.explanation.find((e) => e.ruleId === id) : undefined;
  const byComp = comp.triggered ? pick(comp.ruleId) : undefined;
  const e = byComp ?? guidance.explanation.find((x) => x.verdict === 'reason');
  if (e) return { id: e.ruleId, name: ruleShortName(e.reason.zh) };
  if (comp.triggered && comp.ruleId) return { id: comp.ruleId, name: '' };
  return null;
}

/** `2026-11-20 10:00` Beijing, whatever the machine's time zone. */
const memoTime = (nowMs: number): string => toBeijingIso(nowMs).slice(0, 16).replace('T', ' ');

interface MemoInput {
  decision: MemoDecision;
  guidance: Pick<Guidance, 'compensation' | 'explanation'>;
  facts: Pick<Facts, 'orderId' | 'refundId' | 'reason' | 'complaintType' | 'refundAmount' | 'unreadable'>;
  /** The agent's signature (settings.shopPolicy.signature). */
  signature?: string;
  nowMs: number;
  /** The shop's template; the default when absent or blank. */
  template?: string;
}

const compiled = new Map<string, CompiledTemplate>();
function compiledMemo(template: string): CompiledTemplate {
  let c = compiled.get(template);
  if (!c) {
    if (compiled.size > 20) compiled.clear();
    compiled.set(template, (c = compileTemplate(template, MEMO_PLACEHOLDER_NAMES)));
  }
  return c;
}

/** The memo line for a case: text, the placeholders left empty (marked 【…】), and its parts. */
export function memoLine(input: MemoInput): RenderedReply {
  const template = input.template?.trim() ? input.template : DEFAULT_MEMO_TEMPLATE;
  const { facts } = input;
  const rule = decidingRule(input.guidance);
  const decision = MEMO_DECISIONS.find((d) => d.id === input.decision)?.zh;
  const scraped = facts.reason ?? facts.complaintType;
  const refundAmount =
    facts.refundAmount !== undefined && !facts.unreadable?.includes('refundAmount')
      ? formatYuan(yuanToFen(facts.refundAmount))
      : undefined;
  return renderTemplate(compiledMemo(template), {
    decision,
    rule: rule?.id,
    ruleName: rule?.name || undefined,
    signature: input.signature,
    time: memoTime(input.nowMs),
    orderId: facts.orderId,
    refundId: facts.refundId,
    reason: scraped === undefined ? undefined : cut(scraped),
    refundAmount,
  });
}
