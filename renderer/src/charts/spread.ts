import { scaleLinear } from 'd3-scale';
import { spreadOf, type Spread } from '../lib/spread-stats';

/** One value to plot, with who it belongs to. */
export interface SpreadPoint {
  key: string;
  label: string;
  value: number;
}

/** One row of the chart: a measure and its values. */
export interface SpreadRowInput {
  id: string;
  label: string;
  points: readonly SpreadPoint[];
}

export interface SpreadDot extends SpreadPoint {
  cx: number;
  cy: number;
}

export interface SpreadRowLayout {
  id: string;
  label: string;
  /** Vertical centre and extent of the row's band, in px from the plot's top. */
  center: number;
  top: number;
  height: number;
  spread: Spread | null;
  /** The box plot in px: whiskers at min and max, box from Q1 to Q3, a line at the median. */
  box: { min: number; q1: number; median: number; q3: number; max: number } | null;
  dots: SpreadDot[];
}

export interface SpreadLayout {
  rows: SpreadRowLayout[];
  ticks: { value: number; pos: number }[];
  innerWidth: number;
  innerHeight: number;
}

/**
 * Places dots in a row: in value order, each at the centre line if it clears the dots already
 * there, else in the nearest free lane above or below, so equal values stack instead of hiding.
 */
function dodge(
  points: readonly SpreadPoint[],
  x: (v: number) => number,
  center: number,
  radius: number,
  lanes: number,
): SpreadDot[] {
  const step = radius * 2 + 1;
  const order = Array.from({ length: lanes }, (_, i) => (i % 2 === 0 ? i / 2 : -(i + 1) / 2));
  const lastInLane = new Map<number, number>();
  return [...points]
    .sort((a, b) => a.value - b.value || a.key.localeCompare(b.key))
    .map((p) => {
      const cx = x(p.value);
      const lane =
        order.find((l) => {
          const last = lastInLane.get(l);
          return last === undefined || cx - last >= step;
        }) ?? order[order.length - 1];
      lastInLane.set(lane, cx);
      return { ...p, cx, cy: center + lane * step };
    });
}

/**
 * Lays out one box-and-dot row per measure on a shared linear axis starting at zero. `rowHeight`
 * and `radius` are px; values share one unit (the caller's axis label says which).
 */
export function layoutSpread(
  rows: readonly SpreadRowInput[],
  width: number,
  rowHeight: number,
  radius: number,
): SpreadLayout {
  const all = rows.flatMap((r) => r.points.map((p) => p.value));
  const top = Math.max(1, ...all);
  const x = scaleLinear().domain([0, top]).range([0, width]).nice(6);
  const lanes = Math.max(1, Math.floor((rowHeight * 0.8) / (radius * 2 + 1)));
  const layoutRows = rows.map((r, i): SpreadRowLayout => {
    const center = i * rowHeight + rowHeight / 2;
    const spread = spreadOf(r.points.map((p) => p.value));
    return {
      id: r.id,
      label: r.label,
      center,
      top: i * rowHeight,
      height: rowHeight,
      spread,
      box: spread
        ? {
            min: x(spread.min),
            q1: x(spread.q1),
            median: x(spread.median),
            q3: x(spread.q3),
            max: x(spread.max),
          }
        : null,
      dots: dodge(r.points, (v) => x(v), center, radius, lanes),
    };
  });
  return {
    rows: layoutRows,
    ticks: x.ticks(6).map((value) => ({ value, pos: x(value) })),
    innerWidth: width,
    innerHeight: rows.length * rowHeight,
  };
}
