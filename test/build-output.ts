/**
 * The extension's builds the tests and the bench use, rebuilt when older than the sources:
 *   .output/chrome-mv3           production (`npm run build`): what ships, no pass marks
 *   .output/chrome-mv3-measured  measured (`npm run build:measured`): the same code with the
 *                                content script's data-as-* pass marks (e2e, bench timings)
 * A lock directory keeps two test files (or a test and the bench) from building at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
type BuildMode = 'production' | 'measured';
export const DIST: Record<BuildMode, string> = {
  production: join(ROOT, '.output', 'chrome-mv3'),
  measured: join(ROOT, '.output', 'chrome-mv3-measured'),
};

const SOURCES = [
  'entrypoints',
  'components',
  'core',
  'protocol',
  'public',
  'wxt.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function buildState(dist: string): { present: boolean; stale: boolean } {
  const manifest = join(dist, 'manifest.json');
  const present = existsSync(manifest);
  const buildMtime = present ? statSync(manifest).mtimeMs : 0;
  const sourceMtime = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  return { present, stale: !present || sourceMtime > buildMtime };
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Build the Chrome package of `mode` when missing or stale; throws with wxt's output when the build fails. */
export function ensureBuilt(
  mode: BuildMode,
  log: (s: string) => void = () => undefined,
): { built: boolean; ms: number } {
  const lock = join(ROOT, '.output', '.build-lock');
  mkdirSync(join(ROOT, '.output'), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another build is running; a lock older than 5 minutes is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another build held ${lock} for 5 minutes`);
      sleep(250);
    }
  }
  try {
    const st = buildState(DIST[mode]);
    if (!st.stale) return { built: false, ms: 0 };
    log(`${DIST[mode]} is ${st.present ? 'older than the sources' : 'missing'}: building (${mode})`);
    const t0 = performance.now();
    const args = mode === 'production' ? ['wxt', 'build'] : ['wxt', 'build', '--mode', 'measured'];
    const res = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8', timeout: 280_000 });
    if (res.status !== 0)
      throw new Error(`npx ${args.join(' ')} failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
    return { built: true, ms: performance.now() - t0 };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
