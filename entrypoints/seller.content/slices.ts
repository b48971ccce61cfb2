/**
 * Long work of the content script spread over tasks, so that no task of ours holds the
 * page's main thread for more than a slice (the page's input and rendering run between
 * slices). core/pages stays pure: it yields steps (core/pages/steps.ts); deciding when to
 * stop and give the page its turn is done here.
 */

/** What a slice of ours may take before the page gets its turn (ms); a step already begun ends first. */
export const SLICE_MS = 8;

/** Gives the page the main thread: resolves on a later task (input and rendering may run first). */
export type YieldToPage = () => Promise<void>;

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * `scheduler.yield()` where the browser has it (Chrome 129: our continuation keeps its place
 * ahead of newly queued tasks), else a MessageChannel message (not throttled in background
 * tabs, unlike timers), else a 0 ms timer.
 */
export const yieldToPage: YieldToPage = () => {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * Resolves when the page is idle (after its first frames: the same read costs about half as
 * much then as right after DOMContentLoaded), or after `timeoutMs` at the latest — idle
 * callbacks wait long on a busy page, and frame callbacks never run in a background tab.
 */
export function whenIdle(
  timeoutMs: number,
  setTimer: (fn: () => void, ms: number) => unknown,
): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimer(resolve, 0);
  });
}

/** A run of steps done in slices: its result, the work it took (the slices' sum) and its longest slice. */
export interface Sliced<T> {
  value: T;
  workMs: number;
  longestMs: number;
}

interface SliceOptions {
  sliceMs?: number;
  yieldToPage?: YieldToPage;
  /**
   * Asked after every yield: whether the run must stop (the page changed under it, or the
   * content script was switched off). Its steps so far are thrown away.
   */
  stop(): boolean;
}

/**
 * Runs `steps` to the end, `sliceMs` at a time, yielding to the page between slices. Null
 * when `stop()` said so after a yield (the generator is closed): a run that saw the page
 * change between two slices would mix two pages, so it gives nothing.
 */
export async function inSlices<T>(
  steps: Generator<void, T, void>,
  opts: SliceOptions,
): Promise<Sliced<T> | null> {
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  const pause = opts.yieldToPage ?? yieldToPage;
  let workMs = 0;
  let longestMs = 0;
  for (;;) {
    const start = performance.now();
    let r = steps.next();
    while (!r.done && performance.now() - start < sliceMs) r = steps.next();
    const took = performance.now() - start;
    workMs += took;
    if (took > longestMs) longestMs = took;
    if (r.done) return { value: r.value, workMs, longestMs };
    await pause();
    if (opts.stop()) {
      steps.return(undefined as T);
      return null;
    }
  }
}
