/**
 * Where our evaluate spends its time, to the source line: core/index.ts is bundled with
 * esbuild (unminified, with a source map — tsx's own transform puts each module on one
 * line, which makes V8's line ticks useless), evaluate runs over the bench cases under the
 * V8 sampling profiler (node:inspector), and the self-time ticks are mapped back to
 * `file:line` and to functions. Only used when the engine misses a budget (or --profile).
 * esbuild and source-map-js come with the dev toolchain (tsx, vite); when they are missing
 * the profile falls back to function names only.
 */
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
export interface EngineProfile {
  functions: HotSpot[];
  lines: HotSpot[];
  totalMs: number;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; positionTicks?: Array<{ line: number; ticks: number }>; hitCount?: number }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

type Evaluate = (facts: BenchCase['facts'], pack: unknown, opts: { now: string; platform?: string; kind?: string }) => unknown;

export async function profileEngine(cases: BenchCase[], loops = 5): Promise<EngineProfile> {
  const dir = mkdtempSync(join(tmpdir(), 'aftersale-bench-'));
  try {
    const esbuild = await import('esbuild');
    const out = join(dir, 'core.mjs');
    await esbuild.build({ entryPoints: [join(ROOT, 'core/index.ts')], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: out, sourcemap: 'external', minify: false, keepNames: false, logLevel: 'silent' });
    const core = (await import(pathToFileURL(out).href)) as { evaluate: Evaluate; defaultPack: unknown };
    const { SourceMapConsumer } = await import('source-map-js');
    const map = new SourceMapConsumer(JSON.parse(readFileSync(out + '.map', 'utf8')));
    const prof = await sample(core, cases, loops);
    const bundleUrl = pathToFileURL(out).href;
    const toOrig = (line1: number): { file: string; line: number; name: string | null } | null => {
      const pos = map.originalPositionFor({ line: line1, column: 0, bias: SourceMapConsumer.LEAST_UPPER_BOUND });
      if (!pos.source) return null;
      const file = relative(ROOT, join(dir, pos.source));
      return { file, line: pos.line, name: pos.name ?? null };
    };
    return aggregate(prof, (url, line1) => (url === bundleUrl ? toOrig(line1) : null));
  } catch {
    // fallback: function names from the tsx-loaded core
    const path = '../../core/index';
    const core = (await import(path)) as { evaluate: Evaluate; defaultPack: unknown };
    const prof = await sample(core, cases, loops);
    return aggregate(prof, () => null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sample(core: { evaluate: Evaluate; defaultPack: unknown }, cases: BenchCase[], loops: number): Promise<CpuProfile> {
  for (const c of cases) core.evaluate(c.facts, core.defaultPack, { now: c.now, platform: c.platform, kind: c.kind }); // warm-up
  const { Session } = await import('node:inspector/promises');
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.setSamplingInterval', { interval: 50 });
  await s.post('Profiler.start');
  for (let k = 0; k < loops; k++) for (const c of cases) core.evaluate(c.facts, core.defaultPack, { now: c.now, platform: c.platform, kind: c.kind });
  const { profile } = (await s.post('Profiler.stop')) as unknown as { profile: CpuProfile };
  s.disconnect();
  return profile;
}

function aggregate(p: CpuProfile, mapLine: (url: string, line1: number) => { file: string; line: number; name: string | null } | null): EngineProfile {
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
      .map(([where, t]) => ({ where, selfMs: Math.round(t * msPerTick * 10) / 10, pct: Math.round((t / ticksTotal) * 1000) / 10 }));
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
