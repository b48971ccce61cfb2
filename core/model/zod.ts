import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The one zod entry point of the models and payload schemas: `zod/mini` (functional API,
 * tree-shakable — the background worker bundled ~27 KB gzip of classic zod).
 *
 * zod/mini loads no locale, so every built-in issue would read just "Invalid input".
 * Loading the English locale (≈1 KB gzip) keeps the messages agents and tests rely on,
 * e.g. `Too small: expected string to have >=1 characters`, exactly as classic zod said them.
 */
z.config(en());

export { z };

/** An integer (same check as classic `z.number().int()`). */
export const int = () => z.number().check(z.int());
/** A non-negative integer (classic `z.number().int().nonnegative()`). */
export const count = () => z.number().check(z.int(), z.nonnegative());
/** A positive integer (classic `z.number().int().positive()`). */
export const positiveInt = () => z.number().check(z.int(), z.positive());
/** An integer in [min, max] (classic `z.number().int().min(min).max(max)`). */
export const intIn = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));
/** A non-empty string (classic `z.string().min(1)`). */
export const text = () => z.string().check(z.minLength(1));

/** `rules[3].citation.source` — a zod issue path as one string; `(root)` for the empty path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out || '(root)';
}

/**
 * `a.b[2].c: message; …` — the first `max` issues of a zod error as one line an agent (or a
 * developer) can read, with `(and N more)` when some were left out. The one formatter of the
 * code base: payloads at the worker's door, settings, rule packs and the CLI all use it.
 */
export function formatZodError(
  error: {
    readonly issues: ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly message: string }>;
  },
  max = 5,
): string {
  const { issues } = error;
  const shown = issues
    .slice(0, max)
    .map((i) => `${formatPath(i.path)}: ${i.message}`)
    .join('; ');
  return issues.length > max ? `${shown} (and ${issues.length - max} more)` : shown;
}
