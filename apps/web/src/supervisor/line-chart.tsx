import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { firmTimeZone } from '../firm-time';
import { timeAxisLabels } from './axis-dates';
import { spanAtLeast } from './span-at-least';

/** Tick spacings of a daily chart, in seconds: whole days and weeks. */
const DAY_INCREMENTS = [1, 2, 7, 14, 28, 56, 91, 182, 364].map((days) => days * 86_400);

export interface LineSeries {
  label: string;
  values: Array<number | null>;
  colour: string;
}

/**
 * A time-series line chart on uPlot (a small canvas chart library): built once
 * per set of series, then only its data changes, so a live chart redraws in place.
 * `xs` are Unix seconds.
 */
export function LineChart({
  xs,
  series,
  height = 240,
  yLabel,
  testId,
  timeZone = firmTimeZone(),
  minSpanSeconds = 3_600,
  daily = false,
}: {
  xs: number[];
  series: LineSeries[];
  height?: number;
  yLabel: string;
  testId?: string;
  /** The axis reads in this zone (the firm's); daily points are days, drawn at noon UTC and read in UTC. */
  timeZone?: string;
  /** The axis spans at least this much around the data, so one point sits in the middle, not at an edge of years. */
  minSpanSeconds?: number;
  /** One point per day: ticks fall on whole days (never "08:00" between daily points). */
  daily?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = series.map((s) => s.label).join(',');
  const data = (): uPlot.AlignedData => [xs, ...series.map((s) => s.values)];

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = new uPlot(
      {
        width: Math.max(260, el.clientWidth),
        height,
        // Room on the right for half of the last time label ("13:15"), which uPlot centres on its tick.
        padding: [8, 28, 0, 0],
        cursor: { drag: { x: false, y: false } },
        legend: { show: true, live: false },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), timeZone),
        // The data's own span, not uPlot's: for a single point it would add 86400 / 1e-3 s (1,000 days).
        scales: { x: { time: true, range: (u) => spanAtLeast(u.data[0][0] ?? null, u.data[0][u.data[0].length - 1] ?? null, minSpanSeconds) }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil((max ?? 0) * 1.15))] } },
        axes: [
          // The firm's way of writing dates and times, not uPlot's American defaults.
          { stroke: '#6b7688', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#e2e7ee' }, values: (_u, splits, _axis, _space, increment) => timeAxisLabels(splits, increment, timeZone), ...(daily ? { incrs: DAY_INCREMENTS } : {}) },
          { stroke: '#6b7688', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#e2e7ee' }, size: 44, label: yLabel, labelSize: 18 },
        ],
        // The x range on the element (Unix seconds), for tests and for anyone inspecting the chart.
        hooks: { setScale: [(u, key) => key === 'x' && el.setAttribute('data-x-range', `${u.scales.x.min ?? ''},${u.scales.x.max ?? ''}`)] },
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, fill: `${s.colour}14`, points: { show: xs.length < 40 } }))],
      },
      data(),
      el,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(260, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Rebuilt only when the series themselves change; new figures go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height, yLabel, timeZone, minSpanSeconds, daily]);

  useEffect(() => {
    plot.current?.setData(data());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xs, series]);

  return <div ref={box} className="sv-line-chart" data-testid={testId} />;
}

