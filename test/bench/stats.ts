/** Small statistics for timing samples: median and spread (min–max, relative IQR). */
export interface Spread {
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
  n: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function spread(samples: number[]): Spread {
  const s = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
    n: s.length,
  };
}

const r = (x: number) =>
  Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);

/** `median 12.3 (min 11.9 … max 14.0, n=7)` */
export function describe(sp: Spread, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  return `min ${r(sp.min)} … max ${r(sp.max)}${u}, n=${sp.n}`;
}
