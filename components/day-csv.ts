import type { LedgerRecord, RecentCase } from '../core/store/schema';
import { maskPhones } from '../core/store/recent-cases';
import { caseOutcome, casesInWindow, windowStart, type DayRange } from '../core/day/figures';
import type { DeadlineKind } from '../core/day/deadline-kinds';
import { DEFAULT_DEADLINE_KINDS } from '../core/day/deadline-kinds';
import { formatYuan, yuanToFen } from '../core/money/fen';
import { toBeijingIso, toEpochMs } from '../core/time/beijing';
import { uiMessages, type MessageKey } from './i18n';

/**
 * The day page's CSV exports, for Excel: a UTF-8 BOM (Excel then reads the Chinese as
 * UTF-8), CRLF rows, Chinese headers whatever the UI language, times as Beijing wall time
 * `YYYY-MM-DD HH:mm:ss`, money as yuan with two decimals. Cases carry only what the store
 * keeps (no buyer); a ledger row's buyer key is masked here (first character + ***, and
 * phone-like numbers masked as the store masks them). A cell that a spreadsheet would take
 * as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'`.
 */

export const BOM = '\uFEFF';
const zhMessages = uiMessages('zh-CN');
/** Column names and values from data-built keys (`platform_…`, `day_csv_…`), always in Chinese. */
const zh = (key: string) => zhMessages.t(key as MessageKey);

/**
 * A long digit id for Excel: written as the formula `="…"` so it stays text (as a number,
 * Excel would show a 16-digit 退款编号 as 2.02611E+15 and lose its last digits). Digits only.
 */
interface IdCell {
  id: string;
}
type Cell = string | number | null | undefined | IdCell;
const idCell = (id: string | undefined): IdCell | '' => (id && /^\d+$/.test(id) ? { id } : '');

/** One CSV cell: formula-safe, quoted when it holds a comma, quote or line break. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return /^\d+$/.test(value.id) ? `"=""${value.id}"""` : '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvText(rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** `2026-11-20T10:00:00+08:00` → `2026-11-20 10:00:00` (any ISO instant is shown in Beijing time). */
export function wallTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = toEpochMs(iso);
  return Number.isNaN(ms) ? '' : toBeijingIso(ms).slice(0, 19).replace('T', ' ');
}

/** A buyer key shown masked: its first character and `***` (only `***` when it starts with a phone-like number). */
export function maskBuyer(buyer: string): string {
  const masked = maskPhones(buyer.trim());
  if (masked.startsWith('***')) return '***';
  const first = [...masked][0];
  return first === undefined ? '' : `${first}***`;
}

const CASE_HEADERS = [
  'first_seen',
  'last_seen',
  'platform',
  'kind',
  'page',
  'refund_id',
  'order_id',
  'reason',
  'status',
  'requested_at',
  'outcome',
  'breached',
  'comp',
  'comp_amount',
];

/** The cases a range counts (last seen in it), newest sighting first. */
export function casesCsv(
  cases: readonly RecentCase[],
  range: DayRange,
  nowMs: number,
  kinds: Readonly<Record<string, DeadlineKind>> = DEFAULT_DEADLINE_KINDS,
): string {
  const fromMs = windowStart(range, nowMs);
  const rows = casesInWindow(cases, range, nowMs)
    .sort((a, b) => b.lastSeenMs - a.lastSeenMs || (a.key < b.key ? -1 : 1))
    .map((c) => {
      const outcome = caseOutcome(c, nowMs);
      const breached = c.deadlines
        .filter((d) => {
          const due = toEpochMs(d.dueAt);
          return kinds[d.id]?.actor === 'seller' && due >= fromMs && due <= nowMs && due < c.lastSeenMs;
        })
        .map((d) => kinds[d.id]?.label.zh ?? d.id);
      const amount =
        c.compensation.amount !== null && /^\d+\.\d{2}$/.test(c.compensation.amount)
          ? c.compensation.amount
          : '';
      return [
        wallTime(c.firstSeenAt),
        wallTime(c.lastSeenAt),
        zh(`platform_${c.platform}`),
        zh(`kind_${c.kind}`),
        c.page ? zh(`day_page_${c.page}`) : '',
        idCell(c.refundId),
        idCell(c.orderId),
        c.reason ?? c.complaintType ?? '',
        c.refundStatus ?? '',
        wallTime(c.requestedAt),
        outcome ? zh(`day_outcome_${outcome}`) : '',
        breached.join('、'),
        zh(c.compensation.triggered ? 'day_csv_yes' : 'day_csv_no'),
        amount,
      ];
    });
  return csvText([CASE_HEADERS.map((h) => zh(`day_csv_${h}`)), ...rows]);
}

const LEDGER_HEADERS = ['at', 'ledger_kind', 'buyer', 'order_id', 'reason', 'amount', 'confirmed_at'];

/** Ledger entries whose time falls in the range (`all`: every entry up to now), oldest first. */
export function ledgerCsv(ledger: readonly LedgerRecord[], range: DayRange | 'all', nowMs: number): string {
  const fromMs = range === 'all' ? -Infinity : windowStart(range, nowMs);
  const rows = ledger
    .filter((e) => {
      const at = toEpochMs(e.at);
      return at >= fromMs && at <= nowMs;
    })
    .sort((a, b) => toEpochMs(a.at) - toEpochMs(b.at))
    .map((e) => [
      wallTime(e.at),
      zh(e.kind === 'platform-payout' ? 'day_comp_platform' : 'day_comp_proactive'),
      maskBuyer(e.buyer),
      idCell(e.orderId),
      e.reason ? maskPhones(e.reason) : '',
      formatYuan(yuanToFen(e.amount)),
      wallTime(e.confirmedAt),
    ]);
  return csvText([LEDGER_HEADERS.map((h) => zh(`day_csv_${h}`)), ...rows]);
}
