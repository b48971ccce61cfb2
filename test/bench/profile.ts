/**
 * Where our evaluate spends its time, to the source line: core/index.ts is bundled with
 * esbuild (unminified, with a source map — tsx's own transform puts each module on one
 * line, which makes V8's line ticks useless), evaluate runs over the bench cases under the
 * V8 sampling profiler (node:inspector), and the self-time ticks are mapped back to
 * `file:line` and to functions. Only used when a budget is missed (or with --profile).
 * Also used for core/pages readPage in happy-dom. esbuild and source-map-js come with the dev toolchain (tsx, vite); when they are missing
 * the profile falls back to function names only.
 */
import type { RawSourceMap } from 'source-map-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './build';
import type { BenchCase } from './cases';

export interface HotSpot {
  where: string;
  selfMs: number;
  pct: number;
}
interface EngineProfile {
  functions: HotSpot[];
  lines: HotSpot[];
  totalMs: number;
}

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    positionTicks?: Array<{ line: number; ticks: number }>;
    hitCount?: number;
  }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

type Evaluate = (
  facts: BenchCase['facts'],
  pack: unknown,
  opts: { now: string; platform?: string; kind?: string },
) => unknown;

/**
 * Profile `run(module)` where module is `entry` (repo-relative) bundled unminified with a
 * source map; falls back to the tsx-loaded module (function names only).
 */
export async function profileModule<M>(
  entry: string,
  run: (mod: M) => void,
  loops = 5,
): Promise<EngineProfile> {
  const dir = mkdtempSync(join(tmpdir(), 'aftersale-bench-'));
  try {
    let mod: M;
    let mapLine: (
      url: string,
      line1: number,
    ) => { file: string; line: number; name: string | null } | null = () => null;
    try {
      const esbuild = await import('esbuild');
      const out = join(dir, 'bundle.mjs');
      await esbuild.build({
        entryPoints: [join(ROOT, entry)],
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        outfile: out,
        sourcemap: 'external',
        minify: false,
        logLevel: 'silent',
      });
      mod = (await import(pathToFileURL(out).href)) as M;
      const { SourceMapConsumer } = await import('source-map-js');
      const map = new SourceMapConsumer(JSON.parse(readFileSync(out + '.map', 'utf8')) as RawSourceMap);
      const bundleUrl = pathToFileURL(out).href;
      mapLine = (url, line1) => {
        if (url !== bundleUrl) return null;
        const pos = map.originalPositionFor({
          line: line1,
          column: 0,
          bias: SourceMapConsumer.LEAST_UPPER_BOUND,
        });
        if (!pos.source) return null;
        return { file: relative(ROOT, join(dir, pos.source)), line: pos.line, name: pos.name ?? null };
      };
    } catch {
      const path = join(ROOT, entry.replace(/\.ts$/, ''));
      mod = (await import(path)) as M;
    }
    run(mod); // warm-up
    const { Session } = await import('node:inspector/promises');
    const s = new Session();
    s.connect();
    await s.post('Profiler.enable');
    await s.post('Profiler.setSamplingInterval', { interval: 50 });
    await s.post('Profiler.start');
    for (let k = 0; k < loops; k++) run(mod);
    const { profile } = (await s.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    s.disconnect();
    return aggregate(profile, mapLine);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function profileEngine(cases: BenchCase[], loops = 5): Promise<EngineProfile> {
  return profileModule<{ evaluate: Evaluate; defaultPack: unknown }>(
    'core/index.ts',
    (core) => {
      for (const c of cases)
        core.evaluate(c.facts, core.defaultPack, { now: c.now, platform: c.platform, kind: c.kind });
    },
    loops,
  );
}

function aggregate(
  p: CpuProfile,
  mapLine: (url: string, line1: number) => { file: string; line: number; name: string | null } | null,
): EngineProfile {
  const totalMs = (p.endTime - p.startTime) / 1000;
  const ticksTotal = p.samples.length || 1;
  const msPerTick = totalMs / ticksTotal;
  const fns = new Map<string, number>();
  const lines = new Map<string, number>();
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    const cf = n.callFrame;
    if (cf.functionName === '(idle)' || cf.functionName === '(program)') continue;
    if (cf.url.includes('test/bench/profile.ts')) continue; // the profiling loop itself
    const rel = cf.url.replace(/^file:\/\//, '');
    const shortUrl = rel.startsWith(ROOT) ? relative(ROOT, rel) : rel;
    const fnStart = cf.url ? mapLine(cf.url, cf.lineNumber + 1) : null;
    const fnKey = `${cf.functionName || '(anonymous)'}${fnStart ? ` ${fnStart.file}:${fnStart.line}` : shortUrl ? ` ${shortUrl}` : ''}`;
    fns.set(fnKey, (fns.get(fnKey) ?? 0) + hits);
    for (const pt of n.positionTicks ?? []) {
      const o = cf.url ? mapLine(cf.url, pt.line) : null;
      if (!o) continue;
      const key = `${o.file}:${o.line} (in ${cf.functionName || 'anonymous'})`;
      lines.set(key, (lines.get(key) ?? 0) + pt.ticks);
    }
  }
  const top = (m: Map<string, number>, k: number): HotSpot[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([where, t]) => ({
        where,
        selfMs: Math.round(t * msPerTick * 10) / 10,
        pct: Math.round((t / ticksTotal) * 1000) / 10,
      }));
  return { functions: top(fns, 15), lines: top(lines, 20), totalMs: Math.round(totalMs) };
}

/** Source line text, for the report. */
export function sourceLine(where: string): string {
  const m = /^([^:]+):(\d+)/.exec(where);
  if (!m) return '';
  try {
    return readFileSync(join(ROOT, m[1]!), 'utf8').split('\n')[Number(m[2]) - 1]?.trim().slice(0, 110) ?? '';
  } catch {
    return '';
  }
}
