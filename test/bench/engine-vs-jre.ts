/**
 * Our rules engine vs json-rules-engine on the same decisions (issue 6, figure 1). The
 * json-rules-engine side is the independent model in test/models/jre-model.ts (also checked
 * answer for answer in the unit suite). Both engines answer all generated cases; any
 * difference fails the bench. Then both are timed on the same cases in the same process:
 * warm-up, several rounds, median and spread.
 *
 * Both engines are timed as they ship: test/bench/engine-subject.ts (our evaluate and
 * default pack, the json-rules-engine model and the wrappers asking both the same questions)
 * is bundled once with esbuild into one scope, as Vite/Rollup bundle core into the
 * extension (tsx's per-module transform made our evaluate about 30 % slower than the
 * shipped form); json-rules-engine stays an external package, run from node_modules. The
 * cases are given as the worker receives them through extension messaging: structured
 * clones of the generated cases (flat strings, plain objects).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './build';
import {
  NON_TRIGGERING,
  TRIGGERING_BOTH,
  TRIGGERING_TMALL_2019,
  UNKNOWN,
  generateCases,
  type BenchCase,
} from './cases';
import type * as SubjectModule from './engine-subject';
import type { Answer } from '../models/jre-model';
import { profileEngine, sourceLine, type HotSpot } from './profile';
import { errored, info, judged, type Figure } from './report';
import { describe, spread } from './stats';

type Subject = typeof SubjectModule;

const SUBJECT_ENTRY = 'test/bench/engine-subject.ts';
/** Inside the repo so that the bundle's bare imports (json-rules-engine) resolve from node_modules. */
const BUNDLE_DIR = 'node_modules/.cache/aftersale-bench';

/**
 * Bundles test/bench/engine-subject.ts with esbuild and imports it. Any failure (esbuild
 * missing, core missing or mid-edit, a bundle error) throws, and the section becomes an
 * ERROR row: there is no fallback that would time something else than the shipped form.
 */
async function loadSubject(): Promise<Subject> {
  const esbuild = await import('esbuild');
  const dir = join(ROOT, BUNDLE_DIR);
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `engine-subject-${process.pid}.mjs`);
  try {
    await esbuild
      .build({
        entryPoints: [join(ROOT, SUBJECT_ENTRY)],
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        minify: false,
        packages: 'external',
        outfile: out,
        logLevel: 'silent',
      })
      .catch((e: { errors?: Array<{ text: string; location: { file: string; line: number } | null }> }) => {
        const first = e.errors?.[0];
        if (!first) throw e;
        const at = first.location ? ` (${first.location.file}:${first.location.line})` : '';
        throw new Error(`esbuild could not bundle ${SUBJECT_ENTRY}: ${first.text}${at}`);
      });
    const mod = (await import(pathToFileURL(out).href)) as Partial<Subject>;
    for (const name of ['evaluate', 'makeJre', 'jreAnswer', 'ourAnswer', 'sameAnswer'] as const)
      if (typeof mod[name] !== 'function') throw new Error(`the engine bundle does not export ${name}`);
    if (!mod.defaultPack) throw new Error('the engine bundle does not export defaultPack');
    return mod as Subject;
  } finally {
    rmSync(out, { force: true });
  }
}

// ---------------------------------------------------------------- timing

interface EngineBenchOptions {
  n?: number;
  seed?: number;
  profile?: boolean;
  log?: (s: string) => void;
}

export async function runEngineVsJre(opts: EngineBenchOptions = {}): Promise<Figure[]> {
  const n = opts.n ?? 10_000;
  const seed = opts.seed ?? 20261123;
  const log = opts.log ?? (() => {});
  let subject: Subject;
  try {
    subject = await loadSubject();
  } catch (e) {
    return [
      errored(
        'engine.equivalence',
        `engine vs json-rules-engine: differing answers of ${n.toLocaleString('en-US')}`,
        'cases',
        '= 0',
        e,
      ),
      errored('engine.ours', 'our evaluate throughput', 'cases/s', '≥ 100,000 cases/s', e, false),
      errored('engine.ratio', 'our evaluate ÷ json-rules-engine throughput', '×', '≥ 20×', e, false),
    ];
  }
  const { evaluate, defaultPack, makeJre, jreAnswer, ourAnswer, sameAnswer } = subject;
  // As the worker receives them: Chrome's extension messaging carries a message as JSON.
  // (Not structuredClone: its strings cost our evaluate about twice the instructions until
  // something else has used them, 764 M against 400 M per 10,000 cases; JSON's do not.)
  const cases = JSON.parse(JSON.stringify(generateCases(n, seed))) as BenchCase[];
  const jre = makeJre();

  // 1. identical answers on every case
  const diffs: Array<{ i: number; ours: Answer; jre: Answer; facts: BenchCase }> = [];
  let triggered = 0;
  let withCountdown = 0;
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const a = ourAnswer(evaluate, defaultPack, c);
    const b = await jreAnswer(jre, c);
    if (a.triggered) triggered++;
    if (c.facts.platformCountdown) withCountdown++;
    if (!sameAnswer(a, b)) diffs.push({ i, ours: a, jre: b, facts: c });
  }
  for (const d of diffs.slice(0, 5))
    log(
      `engine-vs-jre: case ${d.i} differs\n  facts ${JSON.stringify(d.facts)}\n  ours  ${JSON.stringify(d.ours)}\n  jre   ${JSON.stringify(d.jre)}`,
    );
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
    for (let k = 0; k < reps; k++)
      for (const c of cases) sink += ourAnswer(evaluate, defaultPack, c).amountFen ?? 0;
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
        note: `bundled as shipped (esbuild, one scope); ${describe(ours)} rounds of ${reps} × ${n.toLocaleString('en-US')}; ${((1000 * 1000) / ours.median).toFixed(1)} µs/case`,
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
      note: `same bundle, json-rules-engine from node_modules; ${describe(theirs)} rounds of ${n.toLocaleString('en-US')}; ${((1000 * 1000) / theirs.median).toFixed(1)} µs/case`,
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
    const fmt = (h: HotSpot, withLine: boolean) =>
      `  ${h.pct.toFixed(1).padStart(5)} %  ${h.where}${withLine ? `  | ${sourceLine(h.where)}` : ''}`;
    log(
      `engine-vs-jre: CPU profile of our evaluate, ${prof.totalMs} ms sampled (self time)\n by function:\n` +
        prof.functions.map((h) => fmt(h, false)).join('\n') +
        '\n by line:\n' +
        prof.lines.map((h) => fmt(h, true)).join('\n'),
    );
    figs.find((f) => f.id === 'engine.ours')!.detail!.profile = {
      ...prof,
      lines: prof.lines.map((h) => ({ ...h, source: sourceLine(h.where) })),
    };
  }
  return figs;
}
