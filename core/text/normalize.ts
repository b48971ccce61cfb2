/**
 * Text as the back-office shows it, made comparable: full-width digits, letters and
 * punctuation folded to ASCII (NFKC), invisible marks removed (zero-width spaces,
 * RTL/LTR marks, BOM), whitespace collapsed and trimmed.
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;

/** Printable ASCII words separated by single spaces: already normal (NFKC leaves ASCII as is). */
const ALREADY_NORMAL = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;
const WHITESPACE = /\s+/g;

export function normalizeText(raw: string): string {
  // Fast path for ids, amounts and times (page readers call this for every cell of a list page).
  if (raw.length < 200 && ALREADY_NORMAL.test(raw)) return raw;
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

/** A label as written on a page, without its trailing colon: `退款原因：` → `退款原因`. */
export function normalizeLabel(raw: string): string {
  return normalizeText(raw).replace(/\s*[:：]\s*$/, '').replace(/\s+/g, '');
}
