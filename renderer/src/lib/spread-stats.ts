import { ascending, quantileSorted } from 'd3-array';

/** The five-number summary of a set of values, in their unit. */
export interface Spread {
  count: number;
  min: number;
  /** First quartile: a quarter of the values are at or below it. */
  q1: number;
  median: number;
  /** Third quartile: three quarters of the values are at or below it. */
  q3: number;
  max: number;
}

/**
 * Returns the minimum, quartiles, median and maximum of the finite values (d3's quantiles:
 * linear interpolation between closest ranks), or null when there are none.
 */
export function spreadOf(values: readonly (number | null)[]): Spread | null {
  const sorted = values
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort(ascending);
  if (sorted.length === 0) return null;
  return {
    count: sorted.length,
    min: sorted[0],
    q1: quantileSorted(sorted, 0.25)!,
    median: quantileSorted(sorted, 0.5)!,
    q3: quantileSorted(sorted, 0.75)!,
    max: sorted[sorted.length - 1],
  };
}
