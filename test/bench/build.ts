/**
 * The builds the bench measures (test/build-output.ts): the production build for the bundle
 * sizes, the measured build (the same code plus the content script's pass marks) for the
 * timings in Chromium. Each is rebuilt when missing or older than the sources (wxt's output
 * goes to stderr, so that `--json` keeps stdout clean).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DIST as BUILDS, ROOT, ensureBuilt as ensureOne } from '../build-output';

export { ROOT };
/** The build timed in Chromium; `BENCH_DIST=<folder>` measures another build folder as it is (no build step). */
const DIST = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : BUILDS.measured;
/** The build whose sizes are measured (what ships); with BENCH_DIST, that folder. */
export const SIZE_DIST = process.env.BENCH_DIST ? DIST : BUILDS.production;

/** Builds both when needed; returns how long the builds took (0 when they were fresh). */
export function ensureBuilt(log: (s: string) => void): { built: boolean; ms: number } {
  if (process.env.BENCH_DIST) return { built: false, ms: 0 };
  const say = (s: string) => log(`bench: ${s}`);
  const a = ensureOne('production', say);
  const b = ensureOne('measured', say);
  return { built: a.built || b.built, ms: a.ms + b.ms };
}

/**
 * Private copies of the builds, measured by every section: others may rebuild `.output`
 * while the bench runs (shared working tree), and sizes and Chromium must see one build.
 */
export function snapshotBuild(): { dir: string; sizeDir: string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'aftersale-bench-build-'));
  const dir = join(root, 'chrome-mv3-measured');
  const sizeDir = join(root, 'chrome-mv3');
  cpSync(DIST, dir, { recursive: true });
  cpSync(SIZE_DIST, sizeDir, { recursive: true });
  return { dir, sizeDir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
