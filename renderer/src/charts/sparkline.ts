import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { extent } from 'd3-array';

/**
 * Returns the SVG path of a sparkline for `values` (nulls are gaps) in a width × height box,
 * plus the y position of an optional threshold when it falls inside the value range.
 */
export function sparklinePath(
  values: readonly (number | null)[],
  width: number,
  height: number,
  threshold?: number,
): { d: string; thresholdY: number | null; lastX: number | null; lastY: number | null } {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { d: '', thresholdY: null, lastX: null, lastY: null };
  const [lo, hi] = extent(present) as [number, number];
  const top = threshold !== undefined ? Math.max(hi, threshold) : hi;
  const bottom = Math.min(0, lo);
  const x = scaleLinear()
    .domain([0, Math.max(1, values.length - 1)])
    .range([1, width - 1]);
  const y = scaleLinear()
    .domain([bottom, top > bottom ? top : bottom + 1])
    .range([height - 1.5, 1.5]);
  const gen = line<number | null>()
    .defined((v) => v !== null && Number.isFinite(v))
    .x((_, i) => x(i))
    .y((v) => y(v as number));
  let last = values.length - 1;
  while (last >= 0 && (values[last] === null || !Number.isFinite(values[last] as number))) last--;
  return {
    d: gen(values as (number | null)[]) ?? '',
    thresholdY: threshold !== undefined ? y(threshold) : null,
    lastX: last >= 0 ? x(last) : null,
    lastY: last >= 0 ? y(values[last] as number) : null,
  };
}
