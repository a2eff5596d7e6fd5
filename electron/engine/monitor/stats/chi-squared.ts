/**
 * Chi-squared test of homogeneity between two count vectors over the same categories, a port
 * of scipy.stats.chi2_contingency([ref, cur], correction=False).
 */

import { regularisedGammaQ } from './distributions';

export interface ChiSquaredResult {
  /** Pearson's chi-squared statistic (dimensionless, >= 0). */
  statistic: number;
  /** Upper-tail p-value (probability, 0..1). */
  pValue: number;
  /** Degrees of freedom: number of categories that are non-empty in either vector, minus 1. */
  dof: number;
}

/** Chi-squared survival function Pr(X >= x) for dof degrees of freedom (probability). */
export function chiSquaredSf(x: number, dof: number): number {
  if (Number.isNaN(x) || !(dof > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return regularisedGammaQ(dof / 2, x / 2);
}

/**
 * Two-sample chi-squared homogeneity test on a 2 x k table [ref; cur]; returns the statistic,
 * its p-value (probability) and dof.
 *
 * Categories where both counts are 0 are dropped first (they carry no information and would
 * make an expected count 0). Yates' continuity correction is never applied: scipy applies it
 * by default only when dof == 1, which would make the statistic jump between 2 and 3
 * categories, so we use correction=False for every dof. With a single remaining category
 * (dof 0) the result is {statistic: 0, pValue: 1}, as in scipy. Counts may be non-integer but
 * must be >= 0; if either vector sums to 0 the statistic and p-value are NaN.
 */
export function chiSquaredTest(
  refCounts: ArrayLike<number>,
  curCounts: ArrayLike<number>,
): ChiSquaredResult {
  if (refCounts.length !== curCounts.length) {
    throw new RangeError(
      `chiSquaredTest: length mismatch (${refCounts.length} vs ${curCounts.length})`,
    );
  }
  let refTotal = 0;
  let curTotal = 0;
  let kept = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const r = refCounts[i];
    const c = curCounts[i];
    if (r < 0 || c < 0) throw new RangeError('chiSquaredTest: counts must be non-negative');
    refTotal += r;
    curTotal += c;
    if (r > 0 || c > 0) kept++;
  }
  const dof = Math.max(0, kept - 1);
  if (refTotal === 0 || curTotal === 0) return { statistic: Number.NaN, pValue: Number.NaN, dof };
  if (dof === 0) return { statistic: 0, pValue: 1, dof };

  const total = refTotal + curTotal;
  let statistic = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const r = refCounts[i];
    const c = curCounts[i];
    if (r === 0 && c === 0) continue;
    const col = r + c;
    // Expected counts under homogeneity: row total * column total / grand total.
    const er = (refTotal * col) / total;
    const ec = (curTotal * col) / total;
    statistic += ((r - er) * (r - er)) / er + ((c - ec) * (c - ec)) / ec;
  }
  return { statistic, pValue: chiSquaredSf(statistic, dof), dof };
}
