/**
 * `npm run bench` — every figure of issue 6 with its budget, in one run.
 *
 *   npm run bench                 table on stdout, progress on stderr
 *   npm run bench -- --json       the same figures as JSON on stdout (`npm run -s bench -- --json`
 *                                 keeps npm's own banner off stdout)
 *   npm run bench -- --markdown   the table as Markdown (for BENCHMARKS.md)
 *   npm run bench -- --only engine,sizes,dom,chromium   a subset (sections below)
 *   npm run bench -- --profile    always print the CPU profiles (evaluate, readPage)
 *   npm run bench -- --strict     timing budgets fail the run too (for a quiet, dedicated machine)
 *   npm run bench -- --only chromium --parts=panel,cold   some of the Chromium figures
 *     (page200, page1000, workbench, tick, panel, cold)
 *
 * Builds the extension first (production for the sizes, measured for the timings) when a
 * build is missing or older than the sources.
 * Exit status: 1 when an ENFORCED figure fails or could not be measured — the sizes
 * (deterministic for a given build), the engine-vs-json-rules-engine equivalence (a
 * correctness check), or a section that errored; timing budgets are printed with their
 * status but do not fail the run (they depend on the machine and its load: see BENCHMARKS.md).
 * Results are also written to test/bench/results/latest.json (git-ignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ROOT, snapshotBuild } from './build';
import { runEngineVsJre } from './engine-vs-jre';
import { machine } from './machine';
import { errored, info, markdown, table, type Figure } from './report';
import { measureSizes } from './sizes';

type Section = 'sizes' | 'engine' | 'dom' | 'chromium';
const ALL: Section[] = ['sizes', 'engine', 'dom', 'chromium'];

function parseArgs(argv: string[]) {
  const json = argv.includes('--json');
  const md = argv.includes('--markdown');
  const profile = argv.includes('--profile');
  const strict = argv.includes('--strict');
  const onlyArg = argv.find((a) => a.startsWith('--only'));
  let only = ALL;
  if (onlyArg) {
    const v = onlyArg.includes('=') ? onlyArg.split('=')[1]! : (argv[argv.indexOf(onlyArg) + 1] ?? '');
    const names = v.split(',').filter(Boolean);
    const unknown = names.filter((s) => !(ALL as string[]).includes(s));
    if (unknown.length || names.length === 0) {
      process.stderr.write(`bench: --only takes ${ALL.join(',')} (got ${JSON.stringify(v)})\n`);
      process.exit(2);
    }
    only = names as Section[];
  }
  return { json, md, profile, strict, only };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(s + '\n');
  const t0 = performance.now();
  const figs: Figure[] = [];
  const m = machine();
  log(
    `bench: ${m.cpu}, ${m.cores} cores, load ${m.loadAverage}, Node ${m.node}, ${m.chromium ?? 'no Chromium'}`,
  );

  const needBuild = args.only.includes('sizes') || args.only.includes('chromium');
  let buildOk = true;
  let snapshot: ReturnType<typeof snapshotBuild> | null = null;
  if (needBuild) {
    try {
      const b = ensureBuilt(log);
      if (b.built)
        figs.push(
          info({
            id: 'build',
            figure: 'extension builds (production and measured, before measuring)',
            value: Math.round(b.ms),
            unit: 'ms',
          }),
        );
      snapshot = snapshotBuild();
    } catch (e) {
      buildOk = false;
      figs.push(errored('build', 'extension build', '', 'builds', e));
    }
  }

  if (args.only.includes('sizes')) {
    log('bench: sizes');
    try {
      if (!buildOk) throw new Error('no build');
      figs.push(...measureSizes(snapshot?.sizeDir));
    } catch (e) {
      figs.push(errored('size', 'bundle sizes', 'KB gzip', '≤ 30/60/60 KB gzip', e));
    }
  }

  if (args.only.includes('engine')) {
    log('bench: engine vs json-rules-engine');
    try {
      figs.push(...(await runEngineVsJre({ profile: args.profile, log })));
    } catch (e) {
      figs.push(errored('engine', 'engine vs json-rules-engine', '', '', e));
    }
  }

  if (args.only.includes('dom')) {
    log('bench: reading a list page in Node (happy-dom)');
    try {
      const { runDomRead } = await import('./dom-read');
      figs.push(...(await runDomRead({ log, profile: args.profile })));
    } catch (e) {
      figs.push(errored('dom.read', 'read a 1,000-row list page (happy-dom)', 'ms', '', e, false));
    }
  }

  if (args.only.includes('chromium')) {
    log('bench: real Chromium');
    try {
      if (!buildOk) throw new Error('no build');
      const { runChromium, CHROMIUM_PARTS } = await import('./chromium');
      const partsArg = process.argv.find((a) => a.startsWith('--parts='));
      const parts = partsArg
        ? CHROMIUM_PARTS.filter((p) => partsArg.slice(8).split(',').includes(p))
        : undefined;
      figs.push(
        ...(await runChromium({
          log,
          parts,
          profile: args.profile,
          benchStartedAt: t0,
          dist: snapshot?.dir,
        })),
      );
    } catch (e) {
      figs.push(errored('chromium', 'page cost and latency in Chromium', '', '', e));
    }
  }

  snapshot?.dispose();
  const totalMs = performance.now() - t0;
  const failed = figs.filter(
    (f) => (f.enforced || args.strict) && (f.status === 'FAIL' || f.status === 'ERROR'),
  );
  const result = { machine: m, totalMs: Math.round(totalMs), exitCode: failed.length ? 1 : 0, figures: figs };
  try {
    mkdirSync(join(ROOT, 'test/bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'test/bench/results/latest.json'), JSON.stringify(result, null, 2) + '\n');
  } catch {
    /* results file is a convenience */
  }
  if (args.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else if (args.md) {
    process.stdout.write(markdown(figs) + '\n');
  } else {
    process.stdout.write('\n' + table(figs) + '\n\n');
    process.stdout.write(
      `${m.cpu} · ${m.cores} cores · load average ${m.loadAverage} at start · Node ${m.node} · ${m.chromium ?? 'no Chromium'} · ${m.date} · ${(totalMs / 1000).toFixed(1)} s\n`,
    );
    process.stdout.write(
      failed.length
        ? `bench FAILED: ${failed.map((f) => `${f.figure} (${f.status})`).join('; ')}\n`
        : 'bench ok: every enforced figure passed (sizes, engine equivalence); timing budgets are reported above, not enforced\n',
    );
  }
  process.exit(result.exitCode);
}

main().catch((e) => {
  process.stderr.write(`bench crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
