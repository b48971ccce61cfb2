import { useEffect, useRef } from 'preact/hooks';
import { BarChart, PieChart } from 'chartist';
import 'chartist/dist/index.css';

/**
 * Charts of the day page, drawn by Chartist (SVG). Labels are given to Chartist as plain
 * strings: it sets them as text (textContent / text nodes), never as HTML, so a reason a page
 * wrote can be a label. Each chart is paired, by its caller, with the same numbers as text.
 */

export interface BarDatum {
  label: string;
  value: number;
}

const cut = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

/**
 * Bars, one per datum. `horizontal`: one row per datum, labels on the left (for long text
 * such as reasons), the count written at each bar's end. Otherwise columns (a time series).
 */
export function BarsChart(props: {
  data: BarDatum[];
  horizontal?: boolean;
  testId: string;
  label: string;
  labelEvery?: number;
  labelChars?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { data, horizontal = false, labelEvery = 1, labelChars = 12 } = props;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const height = horizontal ? Math.max(80, data.length * 30 + 34) : 180;
    const chart = new BarChart(
      el,
      { labels: data.map((d) => d.label), series: [data.map((d) => d.value)] },
      {
        horizontalBars: horizontal,
        reverseData: horizontal,
        height,
        chartPadding: { top: horizontal ? 8 : 20, right: horizontal ? 36 : 8, bottom: 0, left: 0 },
        seriesBarDistance: 0,
        axisX: horizontal
          ? { onlyInteger: true, showGrid: true }
          : {
              showGrid: false,
              labelInterpolationFnc: (v: unknown, i: number) => (i % labelEvery === 0 ? String(v) : null),
            },
        axisY: horizontal
          ? {
              offset: 150,
              showGrid: false,
              labelInterpolationFnc: (v: unknown) => cut(String(v), labelChars),
            }
          : { onlyInteger: true, offset: 28 },
      },
    );
    chart.on('draw', (d) => {
      if (d.type !== 'bar') return;
      // Column width from the slot each bar has (a percentage would be of the whole SVG).
      if (!horizontal)
        d.element.attr({
          style: `stroke-width: ${Math.max(2, Math.floor((d.chartRect.width() / Math.max(1, data.length)) * 0.6))}px`,
        });
      const value = horizontal ? (d.value as { x?: number }).x : (d.value as { y?: number }).y;
      if (!value) return;
      const attrs = horizontal
        ? { x: d.x2 + 6, y: d.y1 + 4 }
        : { x: d.x1, y: d.y2 - 4, 'text-anchor': 'middle' };
      d.group.elem('text', attrs, 'day-bar-value').text(String(value));
    });
    return () => chart.detach();
  }, [JSON.stringify(data), horizontal, labelEvery, labelChars]);
  return (
    <div
      ref={ref}
      class={`day-chart ${horizontal ? 'day-chart-h' : 'day-chart-v'}`}
      data-testid={props.testId}
      role="img"
      aria-label={props.label}
    />
  );
}

interface Slice {
  key: string;
  label: string;
  value: number;
}

/** A donut of the non-zero slices; colours by `day-slice-<key>` classes (style.css). */
export function DonutChart(props: { slices: Slice[]; testId: string; label: string; total: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = props.slices.filter((s) => s.value > 0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = new PieChart(
      el,
      {
        series: shown.map((s) => ({
          value: s.value,
          className: `day-slice day-slice-${s.key}`,
          meta: s.label,
        })),
      },
      { donut: true, donutWidth: 26, showLabel: false, height: 170, width: 170, chartPadding: 6 },
    );
    return () => chart.detach();
  }, [JSON.stringify(shown)]);
  return (
    <div class="day-donut" data-testid={props.testId}>
      <div ref={ref} class="day-chart" role="img" aria-label={props.label} />
      <span class="day-donut-total">{props.total}</span>
    </div>
  );
}
