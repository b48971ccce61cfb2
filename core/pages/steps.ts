/**
 * Work done in steps: a generator that yields between units of work (a row, a case) and
 * returns its result. The readers are written this way so that a caller may spread one read
 * over several tasks (the content script does, between slices of a few milliseconds); run
 * to the end at once (`drain`), it is the same read.
 */
export type Steps<T> = Generator<void, T, void>;

/** Run steps to the end now. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
