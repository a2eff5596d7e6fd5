/**
 * 1-D first Wasserstein (earth mover's) distance between two unweighted samples, a port of
 * scipy.stats.wasserstein_distance(a, b).
 */

/**
 * Wasserstein-1 distance between the empirical distributions of a and b, in the samples' own
 * unit: the area between the two ECDFs. Inputs must be finite; an empty sample gives NaN.
 */
export function wassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return Number.NaN;
  return wassersteinSorted(Float64Array.from(a).sort(), Float64Array.from(b).sort());
}

/**
 * wassersteinDistance on inputs already sorted ascending: no copy, no sort. Gives exactly
 * wassersteinDistance's result for the same multisets; unsorted input gives nonsense.
 */
export function wassersteinSorted(sa: ArrayLike<number>, sb: ArrayLike<number>): number {
  const n1 = sa.length;
  const n2 = sb.length;
  if (n1 === 0 || n2 === 0) return Number.NaN;
  if (n1 === n2) {
    // Equal sizes (the monitor's usual case, 1000 vs 1000): the area between the ECDFs is the
    // mean gap between order statistics, sum |a_(k) - b_(k)| / n, the same integral taken along
    // the probability axis. A branch-free pass, where the merge below mispredicts a branch at
    // about every other value; it agrees with the merge to rounding (~1e-16 relative).
    let sum = 0;
    for (let k = 0; k < n1; k++) sum += Math.abs(sa[k] - sb[k]);
    return sum / n1;
  }

  // Integrate |F_a - F_b| over the merged order: between consecutive values the ECDFs are
  // constant, so one merge pass over the sorted inputs is enough (O(n + m)). Ties add
  // zero-length segments (exactly 0), so the sum equals the distinct-value walk's bit for bit.
  let i = 0;
  let j = 0;
  let fa = 0;
  let fb = 0;
  let total = 0;
  let prev = sa[0] < sb[0] ? sa[0] : sb[0];
  while (i < n1 && j < n2) {
    const x = sa[i];
    const y = sb[j];
    if (x <= y) {
      total += Math.abs(fa - fb) * (x - prev);
      prev = x;
      fa = ++i / n1;
    } else {
      total += Math.abs(fa - fb) * (y - prev);
      prev = y;
      fb = ++j / n2;
    }
  }
  // One side is used up: its ECDF is 1 from here on.
  while (i < n1) {
    const x = sa[i];
    total += Math.abs(fa - fb) * (x - prev);
    prev = x;
    fa = ++i / n1;
  }
  while (j < n2) {
    const y = sb[j];
    total += Math.abs(fa - fb) * (y - prev);
    prev = y;
    fb = ++j / n2;
  }
  return total;
}

/** Population standard deviation (ddof = 0), numpy.std's definition, in the samples' unit. */
export function populationStd(x: ArrayLike<number>): number {
  const n = x.length;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += x[k];
  const mean = sum / n;
  let ss = 0;
  for (let k = 0; k < n; k++) {
    const d = x[k] - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / n);
}

/**
 * Wasserstein distance divided by the population std (ddof = 0) of the reference, so
 * thresholds are unit-free (in reference standard deviations). A constant reference has no
 * scale: the result is 0 if the current window matches it exactly and Infinity otherwise,
 * because any movement away from a point mass is infinitely many of its (zero) std.
 */
export function normalisedWasserstein(ref: ArrayLike<number>, cur: ArrayLike<number>): number {
  if (ref.length === 0 || cur.length === 0) return Number.NaN;
  return normalisedWassersteinSorted(
    Float64Array.from(ref).sort(),
    Float64Array.from(cur).sort(),
    populationStd(ref),
  );
}

/**
 * normalisedWasserstein on sorted inputs, with the reference's population std given (computed
 * by the caller, e.g. with populationStd on the unsorted reference, once per reference).
 */
export function normalisedWassersteinSorted(
  refSorted: ArrayLike<number>,
  curSorted: ArrayLike<number>,
  refStd: number,
): number {
  const distance = wassersteinSorted(refSorted, curSorted);
  if (Number.isNaN(distance)) return Number.NaN;
  if (refStd === 0) return distance === 0 ? 0 : Infinity;
  return distance / refStd;
}
