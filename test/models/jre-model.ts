/**
 * An independent model of the engine's main decisions, written as json-rules-engine rules
 * (data conditions, three custom operators, computed facts, facts substituted into event
 * params) straight from the platform rules, not from the pack's data:
 * - compensation trigger: the refund reason (normalised, spaces removed) is 缺货/卖家缺货/
 *   发不了货/拒绝发货/未按约定时间发货, on both platforms. 错发/漏发/少发/虚假发货 follow the
 *   delay rule only as COMPLAINTS (S3 "其他4个投诉原因按延迟发货规则处理"); as refund reasons
 *   they are not among those S0 marks 涉及赔付, so a refund on them triggers nothing;
 * - compensation amount: Tmall 30 % of the paid amount, half-up to the fen, at least 5 yuan,
 *   at most 500 yuan; Taobao: none given by the sources (null, never invented);
 * - `intervention-open` (Tmall): refund requested + 72 h while the refund is open (not
 *   退款成功/退款关闭/介入, nor once the refund agreement is reached: 协议达成); Taobao follows
 *   the newer flow, so no 72 h timer;
 * - `seller-response`: the platform's own countdown when the page shows one (now +
 *   countdown, authoritative, on both platforms) — except while the return is under way
 *   (等待买家退货: the buyer's time; 买家已退货/等待卖家确认收货: the seller confirming the
 *   return) or once the platform has stepped in (介入: treated as the evidence period), where
 *   the countdown belongs to another deadline; otherwise Taobao: refund requested + 5 days
 *   while the refund awaits the seller (not 退款成功/退款关闭/协议达成/买家已退货/介入);
 *   Tmall without a countdown has none (the sources give no fixed length).
 * The bench times it against our engine (test/bench/engine-vs-jre.ts); the unit suite checks
 * that both give the same answers on 10,000 seeded cases (test/unit/engine/jre-model.test.ts).
 */
import { Engine, type Almanac } from 'json-rules-engine';
import type { Guidance } from '../../core/model';
import { normalizeText } from '../../core/text/normalize';
import { toBeijingIso } from '../../core/time';
import { TRIGGERING_BOTH, type BenchCase } from '../bench/cases';

/** Refund states in which the page countdown is not the seller's time to answer: the return under way, or the platform stepped in (介入: an evidence period, S1). */
const RETURN_STATES = ['等待买家退货', '买家已退货', '等待卖家确认收货', '等待商家确认收货', '介入'];

/** The decisions compared between the two engines. */
export interface Answer {
  triggered: boolean;
  amountFen: number | null;
  interventionOpen: string | null;
  sellerResponse: string | null;
}

type Evaluate = (
  facts: BenchCase['facts'],
  pack: never,
  opts: { now: string; platform?: BenchCase['platform']; kind?: BenchCase['kind'] },
) => Guidance;

/** Our engine's answer to the same questions. */
export function ourAnswer(evaluate: Evaluate, pack: unknown, c: BenchCase): Answer {
  const g = evaluate(c.facts, pack as never, { now: c.now, platform: c.platform, kind: c.kind });
  let interventionOpen: string | null = null;
  let sellerResponse: string | null = null;
  for (const d of g.deadlines) {
    if (d.id === 'intervention-open') interventionOpen = d.dueAt;
    else if (d.id === 'seller-response') sellerResponse = d.dueAt;
  }
  return {
    triggered: g.compensation.triggered,
    amountFen: g.compensation.triggered ? g.compensation.amountFen : null,
    interventionOpen,
    sellerResponse,
  };
}

export function sameAnswer(a: Answer, b: Answer): boolean {
  return (
    a.triggered === b.triggered &&
    a.amountFen === b.amountFen &&
    a.interventionOpen === b.interventionOpen &&
    a.sellerResponse === b.sellerResponse
  );
}

const HOUR_MS = 3600_000;

function countdownSeconds(text: string): number | null {
  const m = /^(?:剩余|还剩)\s*(?:(\d+)天)?(?:(\d+)(?:时|小时))?(?:(\d+)分)?(?:(\d+)秒)?$/.exec(
    text.replace(/\s+/g, ''),
  );
  if (!m || (m[1] ?? m[2] ?? m[3] ?? m[4]) === undefined) return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

export function makeJre(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: true });
  engine.addOperator<string, string[]>(
    'reasonIn',
    (reason, list) => typeof reason === 'string' && list.includes(normalizeText(reason).replace(/\s+/g, '')),
  );
  engine.addOperator<string | undefined, string[]>(
    'containsNone',
    (status, needles) => !status || !needles.some((n) => status.includes(n)),
  );
  engine.addOperator<unknown, boolean>(
    'present',
    (v, want) => (v !== undefined && v !== null && v !== '') === want,
  );

  engine.addFact('compensationFen', async (_p: Record<string, unknown>, almanac: Almanac) => {
    const paid = await almanac.factValue<number | undefined>('paidAmount');
    if (typeof paid !== 'number') return null;
    const fen = Math.round(paid * 100);
    const pct = Math.floor((fen * 3000 + 5000) / 10000); // 30 %, half up
    return Math.min(50_000, Math.max(500, pct));
  });
  engine.addFact('interventionOpenDue', async (_p: Record<string, unknown>, almanac: Almanac) => {
    const at = await almanac.factValue<string | undefined>('refundRequestedAt');
    return at ? toBeijingIso(Date.parse(at) + 72 * HOUR_MS) : null;
  });
  engine.addFact('countdownDue', async (_p: Record<string, unknown>, almanac: Almanac) => {
    const [text, now] = await Promise.all([
      almanac.factValue<string | undefined>('platformCountdown'),
      almanac.factValue<string>('now'),
    ]);
    const secs = text ? countdownSeconds(normalizeText(text)) : null;
    return secs === null ? null : toBeijingIso(Date.parse(now) + secs * 1000);
  });
  engine.addFact('taobaoResponseDue', async (_p: Record<string, unknown>, almanac: Almanac) => {
    const at = await almanac.factValue<string | undefined>('refundRequestedAt');
    return at ? toBeijingIso(Date.parse(at) + 5 * 24 * HOUR_MS) : null;
  });

  const compensationEvent = { type: 'compensation', params: { amountFen: { fact: 'compensationFen' } } };
  engine.addRule({
    name: 'compensation-tmall',
    conditions: {
      all: [
        { fact: 'platform', operator: 'equal', value: 'tmall' },
        { fact: 'reason', operator: 'reasonIn', value: TRIGGERING_BOTH },
      ],
    },
    event: compensationEvent,
  });
  engine.addRule({
    name: 'compensation-taobao',
    conditions: {
      all: [
        { fact: 'platform', operator: 'equal', value: 'taobao' },
        { fact: 'reason', operator: 'reasonIn', value: TRIGGERING_BOTH },
      ],
    },
    event: { type: 'compensation', params: { amountFen: null } },
  });
  engine.addRule({
    name: 'intervention-open',
    conditions: {
      all: [
        { fact: 'platform', operator: 'equal', value: 'tmall' },
        { fact: 'refundRequestedAt', operator: 'present', value: true },
        {
          fact: 'refundStatus',
          operator: 'containsNone',
          value: ['退款成功', '退款关闭', '介入', '协议达成'],
        },
      ],
    },
    event: { type: 'deadline', params: { id: 'intervention-open', dueAt: { fact: 'interventionOpenDue' } } },
  });
  engine.addRule({
    name: 'seller-response-platform-countdown',
    conditions: {
      all: [
        { fact: 'platformCountdown', operator: 'present', value: true },
        { fact: 'refundStatus', operator: 'containsNone', value: RETURN_STATES },
      ],
    },
    event: { type: 'deadline', params: { id: 'seller-response', dueAt: { fact: 'countdownDue' } } },
  });
  engine.addRule({
    name: 'seller-response-taobao',
    conditions: {
      all: [
        { fact: 'platform', operator: 'equal', value: 'taobao' },
        { fact: 'refundRequestedAt', operator: 'present', value: true },
        { fact: 'platformCountdown', operator: 'present', value: false },
        {
          fact: 'refundStatus',
          operator: 'containsNone',
          value: ['退款成功', '退款关闭', '协议达成', '买家已退货', '介入'],
        },
      ],
    },
    event: { type: 'deadline', params: { id: 'seller-response', dueAt: { fact: 'taobaoResponseDue' } } },
  });
  return engine;
}

export async function jreAnswer(engine: Engine, c: BenchCase): Promise<Answer> {
  const { events } = await engine.run({ ...c.facts, platform: c.platform, kind: c.kind, now: c.now });
  const a: Answer = { triggered: false, amountFen: null, interventionOpen: null, sellerResponse: null };
  for (const e of events) {
    const p = e.params ?? {};
    if (e.type === 'compensation') {
      a.triggered = true;
      a.amountFen = (p.amountFen as number | null) ?? null;
    } else if (e.type === 'deadline') {
      if (p.id === 'intervention-open') a.interventionOpen = (p.dueAt as string | null) ?? null;
      else if (p.id === 'seller-response') a.sellerResponse = (p.dueAt as string | null) ?? null;
    }
  }
  return a;
}
