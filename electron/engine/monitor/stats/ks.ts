/**
 * Two-sample Kolmogorov-Smirnov test, a port of scipy.stats.ks_2samp (scipy 1.17,
 * alternative='two-sided', method='auto').
 */

import { kstwoSf } from './distributions';

export interface KsResult {
  /** Largest absolute gap between the two empirical CDFs (dimensionless, 0..1). */
  statistic: number;
  /** Two-sided p-value (probability, 0..1). */
  pValue: number;
}

// scipy switches from the exact to the asymptotic p-value above this sample size.
const MAX_AUTO_N = 10000;

/** numpy.round semantics (round half to even), used where scipy rounds a float to an integer. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Pr(D_{n,n} >= h/n) for equal sample sizes (scipy _compute_prob_outside_square; probability). */
function probOutsideSquare(n: number, h: number): number {
  // 2 * (A0 (1 - A1 (1 - A2 (...)))): Horner form of the alternating binomial sum, which avoids
  // its subtractive cancellation. O(n) operations in total.
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * Proportion of lattice paths (0,0)->(m,n) that leave the band |x/m - y/n| < h/lcm(m,n)
 * (scipy _compute_outer_prob_inside_method, Hodges 1958 with Viehmann's 1-p recursion;
 * probability). Cost is O(max(m,n) * band width) ~ O(m * n * D).
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;

  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  // Sliding window over one column of the path-count table, rescaled to probabilities.
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const offset = minj - lastminj;
    const width = maxj - minj;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minj;
      val = (A[jj + offset] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = width;
    if (lastlen > curlen) A.fill(1, width, Math.min(width + (lastlen - curlen), lenA));
  }
  return A[maxj - minj - 1];
}

/** scipy _attempt_exact_2kssamp (two-sided): exact p-value, or null when it is not usable. */
function attemptExact(
  n1: number,
  n2: number,
  g: number,
  dIn: number,
): { d: number; p: number | null } {
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(dIn * lcm);
  const d = h / lcm;
  if (h === 0) return { d, p: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  // scipy rejects a result outside [0, 1] (e.g. 1 + 2^-52 for D = 1/n) and falls back.
  if (!(p >= 0 && p <= 1)) return { d, p: null };
  return { d, p };
}

/**
 * Two-sample two-sided KS test; returns the statistic D (dimensionless, 0..1) and its p-value
 * (probability), matching scipy.stats.ks_2samp(a, b) with method='auto'.
 *
 * p-value: exact when max(n, m) <= 10000, otherwise (or if the exact value is rejected, as
 * scipy does) the asymptotic kstwo.sf(D, round(n m / (n + m))).
 * Cost: sorting plus, for the exact p-value, O(n) when n == m but O(max(n, m) * min(n, m) * D)
 * when n != m. Measured (Node 20, x86-64): n = m = 1000 ~0.08 ms for any D; 1000 vs 1200
 * ~0.5 ms at D = 0.03 but ~6 ms at D = 0.9. So callers subsample the reference and current
 * windows to the same size, at most 1000 values, which keeps every call well under a millisecond.
 * Inputs must be finite numbers; an empty sample gives NaN for both fields.
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  if (a.length === 0 || b.length === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  return ksTwoSampleSorted(Float64Array.from(a).sort(), Float64Array.from(b).sort());
}

/**
 * ksTwoSample on inputs already sorted ascending (as Float64Array.prototype.sort leaves them):
 * no copy, no sort, so a caller can sort a reference once and reuse it for every window.
 * Gives exactly ksTwoSample's result for the same multisets; unsorted input gives nonsense.
 */
export function ksTwoSampleSorted(sa: ArrayLike<number>, sb: ArrayLike<number>): KsResult {
  const n1 = sa.length;
  const n2 = sb.length;
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN };

  // Walk the merged order once; the ECDF gap only changes at distinct values, and taking the
  // counts after all ties at a value matches scipy's searchsorted(side='right').
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minDiff = Infinity;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && sa[i] <= sb[j]) ? sa[i] : sb[j];
    while (i < n1 && sa[i] <= v) i++;
    while (j < n2 && sb[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = Math.min(1, Math.max(0, -minDiff));
  let d = minS > maxS ? minS : maxS;

  const g = gcd(n1, n2);
  let p: number | null = null;
  if (Math.max(n1, n2) <= MAX_AUTO_N) {
    const exact = attemptExact(n1, n2, g, d);
    d = exact.d;
    p = exact.p;
  }
  if (p === null) {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    p = kstwoSf(roundHalfEven(en), d);
  }
  return { statistic: d, pValue: Math.min(1, Math.max(0, p)) };
}
