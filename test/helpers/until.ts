/**
 * Polls `fn` every 5 ms until it neither throws nor returns null (an element not there yet);
 * after `ms` the last error is thrown. `until(() => expect(…))` waits for an assertion to
 * hold. A wait for a condition, never a fixed sleep.
 */
export async function until<T>(fn: () => T, ms = 3000): Promise<Exclude<T, null>> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const v = fn();
      if (v === null) throw new Error('not yet: null');
      return v as Exclude<T, null>;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/**
 * Lets real time pass: only for tests of a time window itself (a debounce, a max wait),
 * never as a wait for something to happen (use `until`).
 */
export const elapse = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
