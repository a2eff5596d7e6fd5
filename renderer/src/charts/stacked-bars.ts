import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import { max } from 'd3-array';

export interface StackedRow {
  id: string;
  label: string;
  parts: Readonly<Record<string, number>>;
}

export interface StackedSegment {
  rowId: string;
  stage: string;
  x0: number;
  x1: number;
  value: number;
}

export interface StackedLayout {
  rows: { id: string; label: string; y: number; height: number; total: number }[];
  segments: StackedSegment[];
  xTicks: { value: number; pos: number }[];
  x: (v: number) => number;
}

/**
 * Lays out horizontal stacked bars (one row per trace, one segment per stage) on a shared
 * value axis, so the longest request sets the scale and stages compare across rows.
 */
export function layoutStackedBars(
  rows: readonly StackedRow[],
  stages: readonly string[],
  width: number,
  height: number,
  marker?: number,
): StackedLayout {
  const data = rows.map((r) => Object.fromEntries(stages.map((s) => [s, r.parts[s] ?? 0])));
  const series = stack<Record<string, number>>().keys(stages)(data);
  const totals = data.map((d) => stages.reduce((a, s) => a + d[s], 0));
  const top = Math.max(max(totals) ?? 0, marker ?? 0, 1);
  const x = scaleLinear().domain([0, top]).range([0, width]).nice(5);
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.id))
    .range([0, height])
    .paddingInner(0.25);
  const segments: StackedSegment[] = [];
  series.forEach((s, si) => {
    s.forEach((point, ri) => {
      const v = point[1] - point[0];
      if (v <= 0) return;
      segments.push({
        rowId: rows[ri].id,
        stage: stages[si],
        x0: x(point[0]),
        x1: x(point[1]),
        value: v,
      });
    });
  });
  return {
    rows: rows.map((r, i) => ({
      id: r.id,
      label: r.label,
      y: y(r.id) ?? 0,
      height: y.bandwidth(),
      total: totals[i],
    })),
    segments,
    xTicks: x.ticks(5).map((value) => ({ value, pos: x(value) })),
    x: (v) => x(v),
  };
}
