import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { bisector, extent, max, min } from 'd3-array';
import { formatTimeTick, timeTicks } from './time-ticks';

/** One value at one virtual time; null marks a gap (no data in that window). */
export interface SeriesPoint {
  t: number;
  v: number | null;
}

export interface SeriesSpec {
  id: string;
  label: string;
  points: readonly SeriesPoint[];
  /** A CSS colour, usually a custom property such as `var(--series-1)`. */
  color: string;
  dashed?: boolean;
  /** Fill the area under the line (used for curves such as harm). */
  filled?: boolean;
}

export interface ThresholdSpec {
  value: number;
  label: string;
  severity: 'info' | 'warning' | 'critical';
}

/** A time range shaded because an alert was firing over it. */
export interface BandSpec {
  from: number;
  to: number;
  severity: 'info' | 'warning' | 'critical';
  label: string;
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface TimeSeriesInput {
  series: readonly SeriesSpec[];
  thresholds?: readonly ThresholdSpec[];
  bands?: readonly BandSpec[];
  width: number;
  height: number;
  margin: Margin;
  /** Fixed x range (virtual ms); defaults to the data's extent. */
  xDomain?: [number, number];
  /** Fixed y range; defaults to zero (or the data minimum if negative) to the data maximum. */
  yDomain?: [number, number];
  /** Include zero in the y range (true for rates and counts). */
  zero?: boolean;
  formatY: (v: number) => string;
  /**
   * A d3-format specifier for axis ticks ('%', '$,'): d3 picks the precision from the tick
   * step, so small shares read "0.02%, 0.04%" rather than "0.0%, 0.0%".
   */
  tickSpecifier?: string;
}

export interface Tick {
  value: number;
  pos: number;
  label: string;
}

export interface TimeSeriesLayout {
  innerWidth: number;
  innerHeight: number;
  paths: { id: string; d: string; area: string | null; dots: { x: number; y: number }[] }[];
  xTicks: Tick[];
  yTicks: Tick[];
  thresholds: (ThresholdSpec & { y: number; visible: boolean })[];
  bands: (BandSpec & { x0: number; x1: number })[];
  x: (t: number) => number;
  y: (v: number) => number;
  invertX: (px: number) => number;
  /** All distinct times across series, sorted, for the hover read-out. */
  times: number[];
}

const defined = (p: SeriesPoint): boolean => p.v !== null && Number.isFinite(p.v);

/**
 * Computes scales, paths, ticks, threshold positions and alert bands for a time-series chart.
 * Pure: React draws what it returns, d3 never touches the DOM.
 */
export function layoutTimeSeries(input: TimeSeriesInput): TimeSeriesLayout {
  const { series, width, height, margin } = input;
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);
  const all = series.flatMap((s) => s.points);
  const values = all.filter(defined).map((p) => p.v as number);
  const thresholds = input.thresholds ?? [];

  const [t0, t1] =
    input.xDomain ?? (extent(all, (p) => p.t) as [number | undefined, number | undefined]);
  const xFrom = t0 ?? 0;
  const xTo = t1 !== undefined && t1 > xFrom ? t1 : xFrom + 3_600_000;
  const x = scaleLinear().domain([xFrom, xTo]).range([0, innerWidth]);

  let yDomain = input.yDomain;
  if (!yDomain) {
    const dataMax = max(values);
    const thresholdValues = thresholds.map((t) => t.value);
    // Thresholds close above the data are kept in view: seeing the gap is the point. With no
    // data yet (or all zeros), the thresholds alone set the scale.
    const near =
      dataMax === undefined || dataMax <= 0
        ? thresholdValues
        : thresholdValues.filter((v) => v <= dataMax * 3);
    const hi = Math.max(dataMax ?? 0, ...near);
    const dataMin = min(values) ?? 0;
    const lo = input.zero === false ? Math.min(dataMin, ...near) : Math.min(0, dataMin);
    yDomain = [lo, hi > lo ? hi * (near.includes(hi) ? 1.15 : 1) : lo + 1];
  }
  const y = scaleLinear().domain(yDomain).range([innerHeight, 0]);
  if (!input.yDomain) y.nice(4);

  const lineGen = line<SeriesPoint>()
    .defined(defined)
    .x((p) => x(p.t))
    .y((p) => y(p.v as number));
  const areaGen = area<SeriesPoint>()
    .defined(defined)
    .x((p) => x(p.t))
    .y0(innerHeight)
    .y1((p) => y(p.v as number));

  const maxXTicks = Math.max(2, Math.floor(innerWidth / 70));
  const [d0, d1] = x.domain();
  const xTicks = timeTicks(d0, d1, maxXTicks).map((t) => ({
    value: t,
    pos: x(t),
    label: formatTimeTick(t),
  }));
  const yCount = Math.max(2, Math.floor(innerHeight / 28));
  const tickLabel = input.tickSpecifier ? y.tickFormat(yCount, input.tickSpecifier) : input.formatY;
  const yTicks = y.ticks(yCount).map((v) => ({ value: v, pos: y(v), label: tickLabel(v) }));

  const [yLo, yHi] = y.domain();
  const times = [...new Set(all.map((p) => p.t))].sort((a, b) => a - b);

  return {
    innerWidth,
    innerHeight,
    paths: series.map((s) => {
      const present = s.points.filter(defined);
      return {
        id: s.id,
        d: lineGen(s.points as SeriesPoint[]) ?? '',
        area: s.filled ? (areaGen(s.points as SeriesPoint[]) ?? '') : null,
        // A line needs two points; the first windows of a shift are drawn as dots instead.
        dots: present.length < 3 ? present.map((p) => ({ x: x(p.t), y: y(p.v as number) })) : [],
      };
    }),
    xTicks,
    yTicks,
    thresholds: thresholds.map((t) => ({
      ...t,
      y: y(t.value),
      visible: t.value >= yLo && t.value <= yHi,
    })),
    bands: (input.bands ?? [])
      .map((b) => ({ ...b, x0: Math.max(0, x(b.from)), x1: Math.min(innerWidth, x(b.to)) }))
      .filter((b) => b.x1 > b.x0),
    x: (t) => x(t),
    y: (v) => y(v),
    invertX: (px) => x.invert(px),
    times,
  };
}

const byTime = bisector<number, number>((t) => t);

/** Returns the time in `times` (sorted) nearest to `t`, or null when there are none. */
export function nearestTime(times: readonly number[], t: number): number | null {
  if (times.length === 0) return null;
  const i = byTime.center(times, t);
  return times[Math.max(0, Math.min(times.length - 1, i))];
}

/** Returns the value of a series at exactly time `t`, or null. */
export function valueAt(points: readonly SeriesPoint[], t: number): number | null {
  // Series are short (a few hundred windows); a linear scan from the end finds recent times fast.
  for (let i = points.length - 1; i >= 0; i--) if (points[i].t === t) return points[i].v;
  return null;
}
