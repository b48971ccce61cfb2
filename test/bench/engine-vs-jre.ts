/**
 * Our rules engine vs json-rules-engine on the same decisions (issue 6, figure 1).
 *
 * The decisions, encoded once more as json-rules-engine rules (data + two custom operators
 * + computed facts), from ../shared/domain/after-sales-rules.md with the variant choices the
 * default pack documents (core/rules/default-pack.ts header), written independently of the
 * pack's data:
 * - compensation trigger: the refund reason (normalised, spaces removed) is a delivery
 *   problem — on Tmall (2019+ profile) 缺货/卖家缺货/发不了货/拒绝发货/未按约定时间发货 and
 *   错发/漏发/少发/虚假发货; on Taobao only the out-of-stock and late-shipping ones (§4);
 * - compensation amount: Tmall 30 % of the paid amount, half-up to the fen, at least 5 yuan,
 *   at most 500 yuan (computed fact `compensationFen`); Taobao: none given by the sources
 *   (null — the pack does not invent one);
 * - `intervention-open` (Tmall): refund requested + 72 h while the refund is open (not
 *   退款成功/退款关闭/介入); Taobao follows the newer flow (intervention once the seller
 *   rejects), so no 72 h timer;
 * - `seller-response`: the platform's own countdown when the page shows one (now +
 *   countdown, authoritative, on both platforms); otherwise Taobao: refund requested + 5 days
 *   while the refund awaits the seller (not 退款成功/退款关闭/协议达成/买家已退货/介入);
 *   Tmall without a countdown has none (the sources give no fixed length).
 * Both engines answer all generated cases; any difference fails the bench. Then both are
 * timed on the same cases in the same process: warm-up, several rounds, median and spread.
 */
import { Engine, type Almanac } from 'json-rules-engine';
import type { Guidance } from '../../core/model';
import { normalizeText } from '../../core/text/normalize';
import { toBeijingIso } from '../../core/time';
import { generateCases, NON_TRIGGERING, TRIGGERING_BOTH, TRIGGERING_TMALL_2019, UNKNOWN, type BenchCase } from './cases';
import { profileEngine, sourceLine, type HotSpot } from './profile';
import { errored, info, judged, type Figure } from './report';
import { describe, spread } from './stats';

/** The decisions compared between the two engines. */
export interface Answer {
  triggered: boolean;
  amountFen: number | null;
  interventionOpen: string | null;
  sellerResponse: string | null;
}

type Evaluate = (facts: BenchCase['facts'], pack: unknown, opts: { now: string; platform?: string; kind?: string }) => Guidance;
interface Core {
  evaluate: Evaluate;
  defaultPack: unknown;
}

export async function loadCore(): Promise<Core> {
  // Loaded at run time so that a core that is missing or mid-edit makes this section an
  // ERROR row instead of breaking the whole bench (sizes are still measured).
  const path = '../../core/index';
  const mod = (await import(path)) as Partial<Core>;
  if (typeof mod.evaluate !== 'function' || !mod.defaultPack) throw new Error('core/index.ts does not export evaluate and defaultPack');
  return mod as Core;
}

export function ourAnswer(core: Core, c: BenchCase): Answer {
  const g = core.evaluate(c.facts, core.defaultPack, { now: c.now, platform: c.platform, kind: c.kind });
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

// ---------------------------------------------------------------- json-rules-engine side

const HOUR_MS = 3600_000;

function countdownSeconds(text: string): number | null {
  const m = /^(?:剩余|还剩)\s*(?:(\d+)天)?(?:(\d+)(?:时|小时))?(?:(\d+)分)?(?:(\d+)秒)?$/.exec(text.replace(/\s+/g, ''));
  if (!m || (m[1] ?? m[2] ?? m[3] ?? m[4]) === undefined) return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

export function makeJre(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: true });
  engine.addOperator<string, string[]>('reasonIn', (reason, list) => typeof reason === 'string' && list.includes(normalizeText(reason).replace(/\s+/g, '')));
  engine.addOperator<string | undefined, string[]>('containsNone', (status, needles) => !status || !needles.some((n) => status.includes(n)));
  engine.addOperator<unknown, boolean>('present', (v, want) => (v !== undefined && v !== null && v !== '') === want);

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
    const [text, now] = await Promise.all([almanac.factValue<string | undefined>('platformCountdown'), almanac.factValue<string>('now')]);
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
    conditions: { all: [{ fact: 'platform', operator: 'equal', value: 'tmall' }, { fact: 'reason', operator: 'reasonIn', value: [...TRIGGERING_BOTH, ...TRIGGERING_TMALL_2019] }] },
    event: compensationEvent,
  });
  engine.addRule({
    name: 'compensation-taobao',
    conditions: { all: [{ fact: 'platform', operator: 'equal', value: 'taobao' }, { fact: 'reason', operator: 'reasonIn', value: TRIGGERING_BOTH }] },
    event: { type: 'compensation', params: { amountFen: null } },
  });
  engine.addRule({
    name: 'intervention-open',
    conditions: {
      all: [
        { fact: 'platform', operator: 'equal', value: 'tmall' },
        { fact: 'refundRequestedAt', operator: 'present', value: true },
        { fact: 'refundStatus', operator: 'containsNone', value: ['退款成功', '退款关闭', '介入'] },
      ],
    },
    event: { type: 'deadline', params: { id: 'intervention-open', dueAt: { fact: 'interventionOpenDue' } } },
  });
  engine.addRule({
    name: 'seller-response-platform-countdown',
    conditions: { all: [{ fact: 'platformCountdown', operator: 'present', value: true }] },
    event: { type: 'deadline', params: { id: 'seller-response', dueAt: { fact: 'countdownDue' } } },
  });
  engine.addRule({
    name: 'seller-response-taobao',
    conditions: {
      all: [
        { fact: 'platform', operator: 'equal', value: 'taobao' },
        { fact: 'refundRequestedAt', operator: 'present', value: true },
        { fact: 'platformCountdown', operator: 'present', value: false },
        { fact: 'refundStatus', operator: 'containsNone', value: ['退款成功', '退款关闭', '协议达成', '买家已退货', '介入'] },
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

// ---------------------------------------------------------------- timing

function same(a: Answer, b: Answer): boolean {
  return a.triggered === b.triggered && a.amountFen === b.amountFen && a.interventionOpen === b.interventionOpen && a.sellerResponse === b.sellerResponse;
}

export interface EngineBenchOptions {
  n?: number;
  seed?: number;
  profile?: boolean;
  log?: (s: string) => void;
}

export async function runEngineVsJre(opts: EngineBenchOptions = {}): Promise<Figure[]> {
  const n = opts.n ?? 10_000;
  const seed = opts.seed ?? 20261123;
  const log = opts.log ?? (() => {});
  let core: Core;
  try {
    core = await loadCore();
  } catch (e) {
    return [
      errored('engine.equivalence', `engine vs json-rules-engine: differing answers of ${n.toLocaleString('en-US')}`, 'cases', '= 0', e),
      errored('engine.ours', 'our evaluate throughput', 'cases/s', '≥ 100,000 cases/s', e, false),
      errored('engine.ratio', 'our evaluate ÷ json-rules-engine throughput', '×', '≥ 20×', e, false),
    ];
  }
  const cases = generateCases(n, seed);
  const jre = makeJre();

  // 1. identical answers on every case
  const diffs: Array<{ i: number; ours: Answer; jre: Answer; facts: BenchCase }> = [];
  let triggered = 0;
  let withCountdown = 0;
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const a = ourAnswer(core, c);
    const b = await jreAnswer(jre, c);
    if (a.triggered) triggered++;
    if (c.facts.platformCountdown) withCountdown++;
    if (!same(a, b)) diffs.push({ i, ours: a, jre: b, facts: c });
  }
  for (const d of diffs.slice(0, 5)) log(`engine-vs-jre: case ${d.i} differs\n  facts ${JSON.stringify(d.facts)}\n  ours  ${JSON.stringify(d.ours)}\n  jre   ${JSON.stringify(d.jre)}`);
  const reasonMix = `${TRIGGERING_BOTH.length + TRIGGERING_TMALL_2019.length} triggering, ${NON_TRIGGERING.length} non-triggering, ${UNKNOWN.length} unknown reasons`;
  const figs: Figure[] = [
    judged(
      {
        id: 'engine.equivalence',
        figure: `engine vs json-rules-engine: differing answers of ${n.toLocaleString('en-US')}`,
        value: diffs.length,
        unit: 'cases',
        enforced: true,
        note: `seed ${seed}; ${triggered} triggered, ${withCountdown} with a platform countdown; ${reasonMix}`,
        detail: { firstDiffs: diffs.slice(0, 5) },
      },
      '<=',
      0,
      '= 0',
    ),
  ];

  // 2. time both on the same cases, same process; rounds interleaved (ours, theirs, ours, …)
  //    so that both see the same machine load, and the ratio is taken per pair of rounds.
  //    Our round goes over the cases `reps` times so that it lasts about as long as theirs
  //    (a short round would see a load spike as a huge slowdown, a long one averages it).
  let sink = 0;
  const runOurs = (reps: number) => {
    for (let k = 0; k < reps; k++) for (const c of cases) sink += ourAnswer(core, c).amountFen ?? 0;
  };
  const runJre = async () => {
    for (const c of cases) sink += (await jreAnswer(jre, c)).amountFen ?? 0;
  };
  for (let i = 0; i < 3; i++) runOurs(1);
  let t = performance.now();
  runOurs(1);
  const oneOurs = performance.now() - t;
  t = performance.now();
  await runJre();
  const oneJre = performance.now() - t;
  const reps = Math.max(1, Math.min(30, Math.round(oneJre / oneOurs)));
  const oursSamples: number[] = [];
  const jreSamples: number[] = [];
  for (let i = 0; i < 7; i++) {
    t = performance.now();
    runOurs(reps);
    oursSamples.push((performance.now() - t) / reps);
    t = performance.now();
    await runJre();
    jreSamples.push(performance.now() - t);
  }
  if (sink === -1) log('');
  const tput = (ms: number[]) => ms.map((x) => (n / x) * 1000);
  const ours = spread(tput(oursSamples));
  const theirs = spread(tput(jreSamples));
  const pairRatios = spread(oursSamples.map((o, i) => jreSamples[i]! / o));
  const ratio = pairRatios.median;
  figs.push(
    judged(
      {
        id: 'engine.ours',
        figure: 'our evaluate throughput (median of rounds)',
        value: Math.round(ours.median),
        unit: 'cases/s',
        enforced: false,
        note: `${describe(ours)} rounds of ${reps} × ${n.toLocaleString('en-US')}; ${((1000 * 1000) / ours.median).toFixed(1)} µs/case`,
        detail: { roundMs: oursSamples },
      },
      '>=',
      100_000,
      '≥ 100,000 cases/s',
    ),
    info({
      id: 'engine.jre',
      figure: 'json-rules-engine throughput (median of rounds)',
      value: Math.round(theirs.median),
      unit: 'cases/s',
      note: `${describe(theirs)} rounds of ${n.toLocaleString('en-US')}; ${((1000 * 1000) / theirs.median).toFixed(1)} µs/case`,
      detail: { roundMs: jreSamples },
    }),
    judged(
      {
        id: 'engine.ratio',
        figure: 'our evaluate ÷ json-rules-engine throughput',
        value: Math.round(ratio * 10) / 10,
        unit: '×',
        enforced: false,
        note: `median of ${pairRatios.n} paired rounds; ${describe(pairRatios, '×')}`,
      },
      '>=',
      20,
      '≥ 20×',
    ),
  );

  if (opts.profile || ours.median < 100_000 || ratio < 20) {
    const prof = await profileEngine(cases);
    const fmt = (h: HotSpot, withLine: boolean) => `  ${h.pct.toFixed(1).padStart(5)} %  ${h.where}${withLine ? `  | ${sourceLine(h.where)}` : ''}`;
    log(
      `engine-vs-jre: CPU profile of our evaluate, ${prof.totalMs} ms sampled (self time)\n by function:\n` +
        prof.functions.map((h) => fmt(h, false)).join('\n') +
        '\n by line:\n' +
        prof.lines.map((h) => fmt(h, true)).join('\n'),
    );
    figs.find((f) => f.id === 'engine.ours')!.detail!.profile = { ...prof, lines: prof.lines.map((h) => ({ ...h, source: sourceLine(h.where) })) };
  }
  return figs;
}
