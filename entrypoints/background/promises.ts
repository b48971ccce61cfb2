/** A promise made on first use and kept; a failed one is forgotten, so the next use tries again. */
export interface Lazy<T> {
  get(): Promise<T>;
  /** Forget the kept promise: the next `get` makes a new one. */
  reset(): void;
}

export function lazily<T>(make: () => Promise<T>): Lazy<T> {
  let kept: Promise<T> | null = null;
  return {
    get() {
      if (kept) return kept;
      const p: Promise<T> = make().catch((e: unknown) => {
        if (kept === p) kept = null;
        throw e;
      });
      kept = p;
      return p;
    },
    reset() {
      kept = null;
    },
  };
}

/** Runs the functions given to it one after the other (each starts when the previous one settled). */
export type Serial = <T>(fn: () => Promise<T>) => Promise<T>;

export function serialQueue(): Serial {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn);
    queue = p.catch(() => undefined);
    return p;
  };
}

/**
 * Resolves on a later task: the answers to the messages handled in this task are posted
 * first. Writes that follow a report (session state, recent cases) start after it, so the
 * page never waits for their serialisation.
 */
export function afterAnswer(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
