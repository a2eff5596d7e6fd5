/**
 * How each declared request field is watched: its plan (kind, known categories) and the
 * drift test applied to it against the reference.
 */
import type { Scenario } from '../scenario/schema';
import type { SeededRandom } from './reservoir';
import {
  chiSquaredTest,
  FloatSorter,
  jensenShannonDistance,
  ksTwoSampleSorted,
  normalisedWassersteinSorted,
  populationStd,
  psiFromCounts,
} from './stats';

export type FieldType = 'number' | 'category' | 'boolean';
export type DriftTest = 'psi' | 'ks' | 'wasserstein' | 'chi-squared' | 'jensen-shannon';

/** A declared field as monitoring sees it. */
export interface FieldPlan {
  index: number;
  name: string;
  type: FieldType;
  /** Known categories (booleans: 'false', 'true'); empty for numbers. */
  levels: string[];
  levelIndex: Map<string, number>;
  /** Offset of this field's slots in the category count arrays (levels + 1 unseen slot). */
  catOffset: number;
}

/** Plans every declared field, in declaration order, with its category slots laid out. */
export function planFields(scenario: Scenario): FieldPlan[] {
  let catOffset = 0;
  return scenario.service.fields.map((spec, index) => {
    let levels: string[] = [];
    if (spec.type === 'boolean') levels = ['false', 'true'];
    else if (spec.type === 'category') {
      const seen = new Set<string>();
      const add = (d: Scenario['service']['fields'][number]['distribution'] | undefined): void => {
        if (d?.kind === 'categorical') for (const k of Object.keys(d.weights)) seen.add(k);
      };
      add(spec.distribution);
      for (const s of Object.values(spec.bySource)) add(s.distribution);
      levels = [...seen];
    }
    const plan: FieldPlan = {
      index,
      name: spec.name,
      type: spec.type,
      levels,
      levelIndex: new Map(levels.map((l, i) => [l, i])),
      catOffset: spec.type === 'number' ? -1 : catOffset,
    };
    if (spec.type !== 'number') catOffset += levels.length + 1;
    return plan;
  });
}

/** Total category slots over all fields (each field: its levels plus one "unseen" slot). */
export function categorySlots(plans: readonly FieldPlan[]): number {
  let n = 0;
  for (const p of plans) if (p.type !== 'number') n += p.levels.length + 1;
  return n;
}

/** Reference size (rows) at or below which the small-sample tests (KS, chi-squared) are used. */
export const SMALL_REFERENCE_ROWS = 1000;
/** Numbers with at most this many distinct reference values are compared as categories. */
export const MAX_DISCRETE_VALUES = 5;

/**
 * Reference values compared with a window's sample: a random slice of the shuffled reference
 * sample, drawn afresh each window. A fresh slice keeps one unlucky reference subsample from
 * making every window look drifted at once. With 1000 values on each side a steady field
 * crosses the normalised Wasserstein threshold 0.1 in about 5% of windows, independently.
 * The reference is sorted once (see PreparedSample), so a slice's sorted values are picked
 * out of it in one linear pass instead of being copied and sorted every window.
 */
export const REFERENCE_TEST_SAMPLE = 1000;

/** Default threshold of each test: p-value below it (KS, chi-squared) or statistic above it. */
export const DRIFT_THRESHOLDS: Record<DriftTest, number> = {
  psi: 0.1,
  ks: 0.05,
  wasserstein: 0.1,
  'chi-squared': 0.05,
  'jensen-shannon': 0.1,
};

/** PSI above this is a large shift (the usual "act" level); 0.1 is the "watch" level. */
export const PSI_CRITICAL = 0.25;

/**
 * The widely used default test: small reference (≤ 1000 rows): KS for numbers with more than
 * 5 distinct values, chi-squared otherwise; larger: normalised Wasserstein / Jensen–Shannon.
 */
export function chooseDefaultTest(discrete: boolean, referenceRows: number): DriftTest {
  const small = referenceRows <= SMALL_REFERENCE_ROWS;
  if (discrete) return small ? 'chi-squared' : 'jensen-shannon';
  return small ? 'ks' : 'wasserstein';
}

/** Whether a test needs raw samples (KS, Wasserstein) rather than counts on a grid. */
export function isSampleTest(test: DriftTest): boolean {
  return test === 'ks' || test === 'wasserstein';
}

/** Drift of one field (or the score) in one window against the reference. */
export interface FieldDrift {
  test: DriftTest;
  /** The test statistic: D for KS, chi² for chi-squared, distance for Wasserstein/JS, PSI. */
  statistic: number | null;
  /** p-value for KS and chi-squared; null for distances. */
  pValue: number | null;
  threshold: number;
  drifted: boolean;
  /** PSI on the reference grid, always computed (cheap, and the familiar number). */
  psi: number | null;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * A reference sample prepared once for the sample tests (KS, Wasserstein): the shuffled values
 * (any run of them is a uniform subsample), the same values sorted, and the sorted position of
 * each value, so the sorted values of any run can be picked out without sorting them.
 */
export interface PreparedSample {
  /** Shuffled sample. */
  values: Float64Array;
  /** The values in ascending order: sorted[rank[i]] = values[i]. */
  sorted: Float64Array;
  /** Position in `sorted` of each value of `values`. */
  rank: Uint32Array;
}

/** Sorts a shuffled sample once, remembering where each value went. */
export function prepareSample(values: Float64Array): PreparedSample {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Ties (equal values) may come in any order: the statistics only compare values.
  order.sort((a, b) => values[a] - values[b]);
  const sorted = new Float64Array(n);
  const rank = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    sorted[k] = values[order[k]];
    rank[order[k]] = k;
  }
  return { values, sorted, rank };
}

/** Buffers reused from window to window: closing a window copies samples into no new arrays. */
export class DriftScratch {
  private cur = new Float64Array(1000);
  private ref = new Float64Array(1000);
  private marks = new Int32Array(0);
  private readonly sorter = new FloatSorter();

  /** A sorted copy of `values` in a reused buffer, valid until the next call. */
  sortedWindow(values: Float64Array): Float64Array {
    if (this.cur.length < values.length) this.cur = new Float64Array(values.length);
    return this.sorter.sortInto(values, this.cur.subarray(0, values.length));
  }

  /** A reused buffer of at least `n` values for a reference slice, valid until the next call. */
  referenceBuffer(n: number): Float64Array {
    if (this.ref.length < n) this.ref = new Float64Array(n);
    return this.ref;
  }

  /** A reused, cleared bit set of at least `bits` bits, valid until the next call. */
  bitSet(bits: number): Int32Array {
    const words = (bits + 31) >>> 5;
    if (this.marks.length < words) this.marks = new Int32Array(words);
    else this.marks.fill(0, 0, words);
    return this.marks;
  }
}

/**
 * A random run of `n` values of a prepared (shuffled) reference sample, or all of it when it
 * has at most `n`: its values in their shuffled order (for the std) and sorted (for the tests).
 * The run's sorted positions are marked in a bit set, which is then read in order: O(n) plus a
 * pass over reference size / 32 words, no sort. Draws from `rng` only when the sample is longer
 * than `n`.
 */
export function referenceSlice(
  ref: PreparedSample,
  n: number,
  rng: SeededRandom,
  scratch: DriftScratch,
): { values: Float64Array; sorted: Float64Array } {
  const len = ref.values.length;
  if (len <= n) return { values: ref.values, sorted: ref.sorted };
  const offset = rng.below(len - n + 1);
  const out = scratch.referenceBuffer(n);
  const marks = scratch.bitSet(len);
  const rank = ref.rank;
  for (let p = offset; p < offset + n; p++) {
    const r = rank[p];
    marks[r >>> 5] |= 1 << (r & 31);
  }
  const sorted = ref.sorted;
  const words = (len + 31) >>> 5;
  let m = 0;
  for (let w = 0; w < words; w++) {
    let word = marks[w];
    const base = w << 5;
    while (word !== 0) {
      const low = word & -word;
      out[m++] = sorted[base + 31 - Math.clz32(low)];
      word ^= low;
    }
  }
  return { values: ref.values.subarray(offset, offset + n), sorted: out.subarray(0, n) };
}

/**
 * Runs `test` on a window. Counts are on the reference grid (bins or categories); samples are
 * the window's sample (up to 1000 values), already sorted, and a random slice of the prepared
 * reference sample. Returns drifted = false when the statistic is undefined (e.g. an empty
 * window).
 */
export function runDriftTest(
  test: DriftTest,
  refCounts: ArrayLike<number>,
  curCounts: ArrayLike<number>,
  refSample: PreparedSample,
  curSorted: Float64Array,
  rng: SeededRandom,
  scratch: DriftScratch,
): FieldDrift {
  const threshold = DRIFT_THRESHOLDS[test];
  const psiRaw = psiFromCounts(refCounts, curCounts);
  const psi = finiteOrNull(psiRaw);
  let statistic: number | null = null;
  let pValue: number | null = null;
  let drifted = false;
  switch (test) {
    case 'psi':
      statistic = psi;
      drifted = psi !== null && psi > threshold;
      break;
    case 'ks': {
      if (curSorted.length === 0 || refSample.values.length === 0) break;
      // A large reference is cut to the window's size: equal sizes keep the exact p-value O(n).
      const ref =
        refSample.values.length <= SMALL_REFERENCE_ROWS
          ? refSample.sorted
          : referenceSlice(refSample, curSorted.length, rng, scratch).sorted;
      const r = ksTwoSampleSorted(ref, curSorted);
      statistic = finiteOrNull(r.statistic);
      pValue = finiteOrNull(r.pValue);
      drifted = pValue !== null && pValue < threshold;
      break;
    }
    case 'wasserstein': {
      if (curSorted.length === 0 || refSample.values.length === 0) break;
      const ref = referenceSlice(refSample, REFERENCE_TEST_SAMPLE, rng, scratch);
      // The std is summed in the slice's own (shuffled) order, exactly as before sorting.
      const w = normalisedWassersteinSorted(ref.sorted, curSorted, populationStd(ref.values));
      // A constant reference has no scale: any movement is drift, with no finite statistic.
      statistic = finiteOrNull(w);
      drifted = w > threshold;
      break;
    }
    case 'chi-squared': {
      const r = chiSquaredTest(refCounts, curCounts);
      statistic = finiteOrNull(r.statistic);
      pValue = finiteOrNull(r.pValue);
      drifted = pValue !== null && pValue < threshold;
      break;
    }
    case 'jensen-shannon':
      statistic = finiteOrNull(jensenShannonDistance(refCounts, curCounts));
      drifted = statistic !== null && statistic > threshold;
      break;
  }
  return { test, statistic, pValue, threshold, drifted, psi };
}
