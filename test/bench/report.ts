/**
 * One measured figure of `npm run bench` and how the run prints it.
 *
 * status: `pass` / `FAIL` against the budget; `n/a` when the figure is informative only;
 * `ERROR` when it could not be measured (the note says why).
 * enforced: a FAIL or ERROR of this figure makes `npm run bench` exit 1 (sizes, the
 * engine-equivalence check, and figures that could not be measured at all). Timing
 * budgets are reported but not enforced: they depend on the machine and its load.
 */
type Status = 'pass' | 'FAIL' | 'n/a' | 'ERROR';

export interface Figure {
  id: string;
  /** What was measured, in words. */
  figure: string;
  /** Measured value (median for timings), null when not measured. */
  value: number | null;
  unit: string;
  /** Human budget, e.g. `≤ 16 ms`; empty when informative only. */
  budget: string;
  status: Status;
  enforced: boolean;
  /** Spread, counts, reason for an ERROR. */
  note?: string;
  /** Raw samples or extra numbers for BENCHMARKS.md. */
  detail?: Record<string, unknown>;
}

type Compare = '<=' | '>=';

/** A figure judged against a numeric budget. */
export function judged(
  base: Omit<Figure, 'status' | 'budget'>,
  cmp: Compare,
  limit: number,
  budgetText?: string,
): Figure {
  const ok =
    base.value !== null &&
    Number.isFinite(base.value) &&
    (cmp === '<=' ? base.value <= limit : base.value >= limit);
  return {
    ...base,
    budget: budgetText ?? `${cmp === '<=' ? '≤' : '≥'} ${limit} ${base.unit}`.trim(),
    status: base.value === null ? 'ERROR' : ok ? 'pass' : 'FAIL',
  };
}

export function info(base: Omit<Figure, 'status' | 'budget' | 'enforced'>): Figure {
  return { ...base, budget: '', status: 'n/a', enforced: false };
}

export function errored(
  id: string,
  figure: string,
  unit: string,
  budget: string,
  err: unknown,
  enforced = true,
): Figure {
  const message = err instanceof Error ? err.message : String(err);
  return {
    id,
    figure,
    value: null,
    unit,
    budget,
    status: 'ERROR',
    enforced,
    note: message.split('\n')[0]!.slice(0, 300),
  };
}

function fmtValue(f: Figure): string {
  if (f.value === null) return '—';
  const v = f.value;
  const abs = Math.abs(v);
  const s =
    Number.isInteger(v) && abs < 1000
      ? String(v)
      : abs >= 1000
        ? Math.round(v).toLocaleString('en-US')
        : abs >= 100
          ? v.toFixed(0)
          : abs >= 10
            ? v.toFixed(1)
            : v.toFixed(2);
  return f.unit ? `${s} ${f.unit}` : s;
}

/** Plain-text table: figure | value | budget | status (| note). */
export function table(figs: Figure[]): string {
  const rows = figs.map((f) => [
    f.figure,
    fmtValue(f),
    f.budget || '—',
    f.status + (f.enforced ? '' : f.status === 'FAIL' ? ' (reported)' : ''),
    f.note ?? '',
  ]);
  const head = ['figure', 'value', 'budget', 'status', 'note'];
  const width = (s: string) =>
    [...s].reduce(
      (n, ch) => n + (/[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1),
      0,
    );
  const w = head.map((h, i) => Math.max(width(h), ...rows.map((r) => (i === 4 ? 0 : width(r[i]!)))));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 4 ? c : pad(c, w[i]!)))
      .join(' | ')
      .trimEnd();
  return [line(head), w.map((n) => '-'.repeat(n)).join('-|-') + '-|-----', ...rows.map(line)].join('\n');
}

/** Markdown table for BENCHMARKS.md. */
export function markdown(figs: Figure[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| figure | value | budget | status | note |',
    '| --- | --- | --- | --- | --- |',
    ...figs.map(
      (f) =>
        `| ${esc(f.figure)} | ${esc(fmtValue(f))} | ${esc(f.budget || '—')} | ${f.status} | ${esc(f.note ?? '')} |`,
    ),
  ].join('\n');
}
