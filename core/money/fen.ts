import { normalizeText } from '../text/normalize';

/** Money: integer fen inside, yuan with two decimals outside. */

/** Yuan (number, ≤ 2 decimals) → integer fen. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Integer fen → yuan as a number (for facts and JSON). */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

/** Integer fen → `"150.00"` (negative: `"-5.00"`). */
export function formatYuan(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const cents = abs % 100;
  const text = `${Math.floor(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
  return fen < 0 && abs !== 0 ? `-${text}` : text;
}

/** `"¥ 1,234.50"` with thousands separators, for display. */
export function formatYuanDisplay(fen: number): string {
  const [int, dec] = formatYuan(fen).split('.');
  return `¥${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

/**
 * `percent`% of an amount in fen, rounded half up to the fen (integer arithmetic only).
 * `basisPoints` form avoids floats: 30 % = 3000 bp.
 */
export function percentOfFen(fen: number, basisPoints: number): number {
  return Math.floor((fen * basisPoints + 5000) / 10000);
}

/**
 * `¥500.00`, `￥88.00`, `12.50` (1–12 digits, a point, 2 digits) → fen; null for any other
 * text. Reads characters, no regex match arrays (list pages have two amounts per row).
 * Must agree with parseMoneyGeneral wherever it answers (differential test in
 * test/unit/core/fast-paths.test.ts).
 */
export function plainAmountFen(raw: string): number | null {
  const n = raw.length;
  const c0 = raw.charCodeAt(0);
  const from = c0 === 0xa5 || c0 === 0xffe5 ? 1 : 0;
  const intDigits = n - from - 3;
  if (intDigits < 1 || intDigits > 12 || raw.charCodeAt(n - 3) !== 46) return null;
  let fen = 0;
  for (let i = from; i < n; i++) {
    if (i === n - 3) continue;
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    fen = fen * 10 + c;
  }
  return fen;
}

/**
 * An amount as a page writes it → integer fen; null when it is not a plain amount.
 * Strips `¥ ￥ 元 RMB CNY`, thousands separators and whitespace; full-width digits ok.
 * `待定`, `--`, `1.234` (three decimals), `12元5角` and negative values are unreadable.
 */
export function parseMoneyToFen(raw: string): number | null {
  // The common form (`¥500.00`, `88.00`) without the general path: the same fen.
  return plainAmountFen(raw) ?? parseMoneyGeneral(raw);
}

/** parseMoneyToFen without its fast path: every form it accepts. */
export function parseMoneyGeneral(raw: string): number | null {
  let text = normalizeText(raw).replace(/\s+/g, '');
  text = text
    .replace(/^(RMB|CNY|¥|￥)+/i, '')
    .replace(/(元|RMB|CNY)$/i, '')
    .replace(/^(RMB|CNY|¥|￥)+/i, '');
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(text)) return null;
  const [int, dec = ''] = text.replace(/,/g, '').split('.');
  return Number(int) * 100 + Number(dec.padEnd(2, '0'));
}
