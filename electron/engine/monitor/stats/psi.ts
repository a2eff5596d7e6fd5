/**
 * Population stability index (PSI) on quantile bins of the reference window.
 *
 * Bins are fixed on the reference so every window is compared on the same grid.
 */

// Proportion floor for empty bins: keeps ln(q/p) finite. The usual PSI convention.
const EMPTY_BIN_FLOOR = 0.0001;

/**
 * Population stability index sum((q_i - p_i) ln(q_i / p_i)) between the reference bin counts
 * (p) and current bin counts (q), in nats (dimensionless, >= 0; symmetric in its arguments).
 * Proportions are floored at 0.0001 so empty bins stay finite. NaN if either total is 0.
 */
export function psiFromCounts(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): number {
  if (refCounts.length !== curCounts.length) {
    throw new RangeError(
      `psiFromCounts: length mismatch (${refCounts.length} vs ${curCounts.length})`,
    );
  }
  let refTotal = 0;
  let curTotal = 0;
  for (let i = 0; i < refCounts.length; i++) {
    refTotal += refCounts[i];
    curTotal += curCounts[i];
  }
  if (refTotal === 0 || curTotal === 0) return Number.NaN;
  let psi = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const p = Math.max(refCounts[i] / refTotal, EMPTY_BIN_FLOOR);
    const q = Math.max(curCounts[i] / curTotal, EMPTY_BIN_FLOOR);
    psi += (q - p) * Math.log(q / p);
  }
  return psi;
}

/**
 * Interior quantile edges of the reference for nBins equal-mass bins (in the values' unit):
 * the k/nBins quantiles for k = 1..nBins-1 (numpy.quantile's default 'linear' method), sorted,
 * with equal edges removed, so ties in the reference yield fewer, wider bins.
 * Together with the underflow and overflow bins of binIndex this gives edges.length + 1 bins
 * (nBins when there are no ties). Input may be unsorted; it is not modified. Values must be
 * finite; an empty reference gives no edges (a single bin).
 */
export function binEdgesFromReference(values: ArrayLike<number>, nBins = 10): number[] {
  if (!Number.isInteger(nBins) || nBins < 1) {
    throw new RangeError(`binEdgesFromReference: nBins must be a positive integer, got ${nBins}`);
  }
  const n = values.length;
  if (n === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let k = 1; k < nBins; k++) {
    const q = k / nBins;
    // numpy: virtual index (n-1) q, then a lerp written to be exact at t = 0 and t = 1.
    const virtual = (n - 1) * q;
    let edge: number;
    if (virtual >= n - 1) {
      edge = sorted[n - 1];
    } else {
      const lo = Math.floor(virtual);
      const t = virtual - lo;
      const a = sorted[lo];
      const b = sorted[lo + 1];
      const diff = b - a;
      edge = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
    if (edges.length === 0 || edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

/**
 * Bin number (0 .. edges.length) of x for sorted edges: 0 is the underflow bin (x < edges[0]),
 * edges.length the overflow bin (x >= last edge); bin i holds edges[i-1] <= x < edges[i].
 * A value equal to an edge falls in the bin above it (numpy searchsorted side='right').
 * Binary search, O(log edges). NaN lands in the overflow bin; filter it out beforehand.
 */
export function binIndex(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
