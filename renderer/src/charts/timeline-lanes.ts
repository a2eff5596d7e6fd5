import { scaleLinear } from 'd3-scale';
import { formatTimeTick, timeTicks } from './time-ticks';

export interface LaneItem {
  t: number;
  label: string;
  /** A style key: 'fault', 'alert', 'learner', 'reference', plus a rating suffix if any. */
  kind: string;
}

export interface LaneSpec {
  id: string;
  label: string;
  items: readonly LaneItem[];
}

export interface LanesLayout {
  lanes: { id: string; label: string; y: number; items: (LaneItem & { x: number })[] }[];
  xTicks: { pos: number; label: string }[];
  innerWidth: number;
  innerHeight: number;
}

/**
 * Places timeline markers on lanes (faults, alerts, the learner's actions, the reference's)
 * along a shared time axis, so they line up with the harm and cost curves above.
 */
export function layoutLanes(
  lanes: readonly LaneSpec[],
  domain: [number, number],
  innerWidth: number,
  laneHeight: number,
): LanesLayout {
  const x = scaleLinear().domain(domain).range([0, innerWidth]);
  return {
    lanes: lanes.map((l, i) => ({
      id: l.id,
      label: l.label,
      y: i * laneHeight + laneHeight / 2,
      items: l.items.map((it) => ({ ...it, x: x(it.t) })),
    })),
    xTicks: timeTicks(domain[0], domain[1], Math.max(2, Math.floor(innerWidth / 70))).map((t) => ({
      pos: x(t),
      label: formatTimeTick(t),
    })),
    innerWidth,
    innerHeight: lanes.length * laneHeight,
  };
}
