/**
 * Make sure `.output/chrome-mv3` is a build of the current sources: when it is missing or
 * older than any source file, run `npm run build` (its output goes to stderr so that
 * `--json` keeps stdout clean).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The build measured; `BENCH_DIST=<folder>` measures another build folder as it is (no build step). */
export const DIST = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(ROOT, '.output', 'chrome-mv3');

const SOURCES = ['entrypoints', 'components', 'core', 'public', 'wxt.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function buildState(): { present: boolean; stale: boolean; sourceMtime: number; buildMtime: number } {
  const manifest = join(DIST, 'manifest.json');
  const present = existsSync(manifest);
  const buildMtime = present ? statSync(manifest).mtimeMs : 0;
  const sourceMtime = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  return { present, stale: !present || sourceMtime > buildMtime, sourceMtime, buildMtime };
}

/** Builds when needed; returns how long the build took (0 when it was fresh). */
export function ensureBuilt(log: (s: string) => void): { built: boolean; ms: number } {
  if (process.env.BENCH_DIST) return { built: false, ms: 0 };
  const st = buildState();
  if (!st.stale) return { built: false, ms: 0 };
  log(st.present ? 'bench: .output/chrome-mv3 is older than the sources → npm run build' : 'bench: no .output/chrome-mv3 → npm run build');
  const t0 = performance.now();
  const res = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  if (res.status !== 0) throw new Error(`npm run build failed (exit ${res.status})`);
  return { built: true, ms: performance.now() - t0 };
}

/**
 * A private copy of the build, measured by every section: others may rebuild `.output`
 * while the bench runs (shared working tree), and sizes and Chromium must see one build.
 */
export function snapshotBuild(): { dir: string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'aftersale-bench-build-'));
  const dir = join(root, 'chrome-mv3');
  cpSync(DIST, dir, { recursive: true });
  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
