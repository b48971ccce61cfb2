/**
 * What the pack makes of a page text that comes from a closed vocabulary (the refund
 * states the platform writes, the reasons a buyer picks from a list), worked out once per
 * compiled pack and distinct text instead of once per case: a page of 100 rows holds a
 * dozen distinct states and reasons.
 *
 * Bounded: once `limit` distinct texts are known, a new text is worked out on every call
 * and not kept, so free text cannot grow the index without end. The answers are shared by
 * every case, so they must not be changed by the caller (frozen or read-only by type).
 */
export class TextIndex<T> {
  private readonly known = new Map<string, T>();

  constructor(
    private readonly work: (text: string) => T,
    private readonly limit = 1024,
  ) {}

  get(text: string): T {
    let answer = this.known.get(text);
    if (answer === undefined) {
      answer = this.work(text);
      if (this.known.size < this.limit) this.known.set(text, answer);
    }
    return answer;
  }

  /** How many texts are kept (for tests). */
  get size(): number {
    return this.known.size;
  }
}
