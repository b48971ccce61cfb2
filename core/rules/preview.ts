import type { Text } from '../model/guidance';
import type { Rule, RulePack } from '../model/rule-pack';
import type { Facts } from '../model/facts';
import { CASE_KINDS, PLATFORMS } from '../model/vocabulary';
import { evaluate } from '../engine/evaluate';
import { maskPhones } from '../store/recent-cases';

/**
 * What an agent sees before a rule pack from a file or a team URL becomes active: what
 * changes against the active pack, the texts that would send a buyer somewhere else (a link,
 * a 微信 / QQ / phone contact), and whether the pack can evaluate cases within the work
 * budget at all (core/engine/budget.ts). Pure: the background stages the pack and activates
 * it only when the agent confirms on the options page.
 */

export interface RuleLine {
  id: string;
  type: Rule['type'];
  /** The rule's title, label or text, when it has one. */
  title?: Text;
}

export interface PackChanges {
  added: RuleLine[];
  removed: RuleLine[];
  changed: RuleLine[];
}

export interface ContactFlag {
  ruleId: string;
  kind: 'link' | 'contact' | 'phone';
  /** The part of the text that was flagged (at most 80 characters). */
  text: string;
}

function titleOf(r: Rule): Text | undefined {
  switch (r.type) {
    case 'reply':
      return r.title;
    case 'timer':
      return r.label;
    case 'action':
    case 'note':
    case 'refusal':
    case 'contest':
      return r.text;
    case 'evidence':
      return r.item;
    default:
      return r.reason;
  }
}

const line = (r: Rule): RuleLine => {
  const title = titleOf(r);
  return title ? { id: r.id, type: r.type, title } : { id: r.id, type: r.type };
};

/** Rules added, removed and changed (same id, different content) from `active` to `next`. */
export function packChanges(active: RulePack, next: RulePack): PackChanges {
  const before = new Map(active.rules.map((r) => [r.id, r]));
  const after = new Map(next.rules.map((r) => [r.id, r]));
  const added: RuleLine[] = [];
  const changed: RuleLine[] = [];
  for (const [id, r] of after) {
    const old = before.get(id);
    if (!old) added.push(line(r));
    else if (canonical(old) !== canonical(r)) changed.push(line(r));
  }
  const removed = [...before.values()].filter((r) => !after.has(r.id)).map(line);
  return { added, removed, changed };
}

/** A rule as comparable text: keys sorted, so the order an author wrote them in is no change. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}

/** A link: a scheme, `www.`, or a host name with a top-level domain (`tb-refund.example/verify`). */
const LINK =
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s，。！？、）)】]+|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:com|cn|net|org|top|xyz|cc|co|io|me|info|vip|shop|site|online|link|club|app|example)\b(?:\/[^\s，。！？、）)】]*)?/i;
/** A private contact channel named in the text (微信, QQ, 钉钉 …) — a reply sends buyers to the platform's own chat only. */
const CONTACT =
  /微信|威信|薇信|v信|vx|wx|weixin|wechat|qq|扣扣|企鹅号|钉钉|whatsapp|telegram|加我|私聊|电话|手机号|联系方式|热线/i;

function around(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 20);
  const snippet = text.slice(from, Math.min(text.length, index + length + 20));
  return snippet.length > 80 ? `${snippet.slice(0, 79)}…` : snippet;
}

/** The first reason to flag a text, if any. */
function flagOf(text: string): { kind: ContactFlag['kind']; text: string } | null {
  const link = LINK.exec(text);
  if (link) return { kind: 'link', text: around(text, link.index, link[0].length) };
  const contact = CONTACT.exec(text);
  if (contact) return { kind: 'contact', text: around(text, contact.index, contact[0].length) };
  if (maskPhones(text) !== text)
    return { kind: 'phone', text: text.length > 80 ? `${text.slice(0, 79)}…` : text };
  return null;
}

/**
 * Replies (sent to buyers) whose text holds a link, a private contact channel or a phone
 * number, and actions (the agent's steps) that hold a link: shown in the import preview, so
 * a phishing pack is seen before it is confirmed.
 */
export function contactFlags(pack: RulePack): ContactFlag[] {
  const out: ContactFlag[] = [];
  for (const r of pack.rules) {
    const texts =
      r.type === 'reply'
        ? [r.template, r.title.zh, r.title.en]
        : r.type === 'action'
          ? [r.text.zh, r.text.en]
          : [];
    for (const t of texts) {
      const f = flagOf(t);
      // An action is the agent's own step (calling the buyer is one): only a link is flagged there.
      if (f && (r.type === 'reply' || f.kind === 'link')) {
        out.push({ ruleId: r.id, ...f });
        break;
      }
    }
  }
  return out;
}

const TRIAL_NOW = '2026-11-21T12:00:00+08:00';

/**
 * Evaluate sample cases (each platform and case kind, with reasons the pack names) and
 * return the first that the pack cannot evaluate within the work budget; null when all can.
 * A pack that fails here would mark real cases unreadable: it is refused at import.
 */
export function trialEvaluation(
  pack: RulePack,
  samples = 8,
): { platform: string; kind: string; reason: string | undefined } | null {
  const reasons = pack.rules.flatMap((r) => (r.type === 'reason' ? [r.names[0]!] : []));
  const step = Math.max(1, Math.floor(reasons.length / samples));
  const picked: Array<string | undefined> = [
    undefined,
    ...reasons.filter((_, i) => i % step === 0).slice(0, samples),
  ];
  for (const platform of PLATFORMS) {
    for (const kind of CASE_KINDS) {
      for (const reason of picked) {
        const facts: Facts = {
          refundId: '1',
          orderId: '2',
          paidAmount: 500,
          refundAmount: 500,
          shippingFee: 0,
          paidAt: '2026-11-19T10:00:00+08:00',
          shippedAt: '2026-11-20T10:00:00+08:00',
          refundRequestedAt: '2026-11-21T10:00:00+08:00',
          tradeStatus: kind === 'aftersale' ? '交易成功' : '卖家已发货',
          refundStatus: '等待商家处理',
          platformCountdown: '剩余2天0时0分0秒',
          ...(reason === undefined
            ? {}
            : kind === 'complaint'
              ? { complaintType: reason, complaintFiledAt: '2026-11-21T10:00:00+08:00' }
              : { reason }),
        };
        const g = evaluate(facts, pack, { now: TRIAL_NOW, platform, kind });
        if (g.unevaluated) return { platform, kind, reason };
      }
    }
  }
  return null;
}
