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

const CENTS: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Integer fen → `"150.00"` (negative: `"-5.00"`). */
export function formatYuan(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const text = `${Math.floor(abs / 100)}.${CENTS[abs % 100]}`;
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

const PLAIN_AMOUNT = /^[¥￥]?(\d{1,12})\.(\d{2})$/;

/**
 * An amount as a page writes it → integer fen; null when it is not a plain amount.
 * Strips `¥ ￥ 元 RMB CNY`, thousands separators and whitespace; full-width digits ok.
 * `待定`, `--`, `1.234` (three decimals), `12元5角` and negative values are unreadable.
 */
export function parseMoneyToFen(raw: string): number | null {
  // The common form (`¥500.00`, `88.00`) without the general path: the same fen.
  const plain = PLAIN_AMOUNT.exec(raw);
  if (plain) return Number(plain[1]) * 100 + Number(plain[2]);
  let text = normalizeText(raw).replace(/\s+/g, '');
  text = text.replace(/^(RMB|CNY|¥|￥)+/i, '').replace(/(元|RMB|CNY)$/i, '').replace(/^(RMB|CNY|¥|￥)+/i, '');
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(text)) return null;
  const [int, dec = ''] = text.replace(/,/g, '').split('.');
  return Number(int) * 100 + Number(dec.padEnd(2, '0'));
}
