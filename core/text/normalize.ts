/**
 * Text as the back-office shows it, made comparable: full-width digits, letters and
 * punctuation folded to ASCII (NFKC), invisible marks removed (zero-width spaces,
 * RTL/LTR marks, BOM), whitespace collapsed and trimmed.
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;

/** Printable ASCII words separated by single spaces: already normal (NFKC leaves ASCII as is). */
const ALREADY_NORMAL = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;
const WHITESPACE = /\s+/g;
/**
 * Texts NFKC leaves as they are and holding no invisible mark: ASCII (with ASCII whitespace), ¥,
 * the middle dot · (退款协议达成·等待买家退货), CJK punctuation 、。〃〄々〆〇〈〉《》「」『』【】 and CJK unified ideographs U+4E00–9FFF
 * (none has a decomposition, none composes with another). Full-width forms (U+FF00–FFEF),
 * the ideographic space U+3000, compatibility ideographs and every other character take
 * the NFKC path. Checked over every character and every pair with the punctuation/ASCII.
 */
const NFKC_STABLE = /^[\t\n\v\f\r\x20-\x7E\u00A5\u00B7\u3001-\u3011\u4E00-\u9FFF]*$/;

export function normalizeText(raw: string): string {
  // Fast path for ids, amounts and times (page readers call this for every cell of a list page).
  if (raw.length < 200 && ALREADY_NORMAL.test(raw)) return raw;
  // Chinese texts (labels, statuses, reasons) skip NFKC: it would return them unchanged.
  if (raw.length < 400 && NFKC_STABLE.test(raw)) return raw.replace(WHITESPACE, ' ').trim();
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

/**
 * A text with every whitespace removed, after the same folding as normalizeText: for
 * substring searches that must find a label however its text nodes were split or spaced.
 */
export function compactText(raw: string): string {
  if (NFKC_STABLE.test(raw)) return raw.replace(WHITESPACE, '');
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(WHITESPACE, '');
}

/** A label as written on a page, without its trailing colon: `退款原因：` → `退款原因`. */
export function normalizeLabel(raw: string): string {
  return normalizeText(raw)
    .replace(/\s*[:：]\s*$/, '')
    .replace(/\s+/g, '');
}
