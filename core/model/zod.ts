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
