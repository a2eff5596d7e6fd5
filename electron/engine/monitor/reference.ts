/**
 * The reference: what "normal" looked like. Built from whole windows (the scenario's baseline
 * period, or the windows a rebaseline names), it fixes the bin grid of every numeric field,
 * the test used per field, and the reference values that relative alert thresholds use.
 */
import type { DDSketch } from './latency-sketch';
import { mergeSketches } from './latency-sketch';
import {
  chooseDefaultTest,
  isSampleTest,
  MAX_DISCRETE_VALUES,
  prepareSample,
  type DriftTest,
  type FieldPlan,
  type PreparedSample,
} from './field-monitor';
import { SampleMerger, SeededRandom, type Sample } from './reservoir';
import { binEdgesFromReference, binIndex } from './stats';
import { addCounts, newCounts, SCORE_EDGES, type WindowCounts } from './window-accumulator';

/** Values kept in the reference sample of each numeric field and of the score. */
export const REFERENCE_SAMPLE = 5000;
/** Equal-mass bins fixed on the reference (plus an underflow and an overflow bin). */
export const REFERENCE_BINS = 10;

/** A field's reference: its grid, counts on the grid, and (numbers) its sample. */
export interface FieldReference {
  field: string;
  /** Compared on counts (categories, booleans, numbers with ≤ 5 distinct values). */
  discrete: boolean;
  test: DriftTest;
  /** Where the test came from: the scenario's `monitoring.tests` or the default rule. */
  testFrom: 'scenario' | 'default';
  /** Interior bin edges for numbers (binIndex grid), null for categories. */
  edges: Float64Array | null;
  /** Counts on the grid (numbers: from the reference sample; categories: exact). */
  counts: Float64Array;
  /** The same per source slot. */
  sourceCounts: Float64Array[];
  /** Shuffled sample (any prefix is a uniform subsample); empty for categories. */
  sample: Float64Array;
  /** The sample sorted once for the KS / Wasserstein tests (`prepared.values` is `sample`). */
  prepared: PreparedSample;
  /** Source slot of each sample value. */
  sampleTags: Uint8Array;
  /** Non-missing values of this field in the reference. */
  rows: number;
}

/** A complete reference, ready to compare windows against. */
export interface Reference {
  /** Start of the first and end of the last reference window (ms). */
  from: number;
  to: number;
  windows: number;
  /** Requests in the reference. */
  rows: number;
  gridVersion: number;
  fields: (FieldReference | null)[];
  score: FieldReference | null;
  counts: WindowCounts;
  latency: DDSketch;
  windowIndexes: number[];
}

/** Categories have no sample; they all share this empty one. */
const EMPTY_PREPARED: PreparedSample = prepareSample(new Float64Array(0));

function nextUp(x: number): number {
  return x + Math.max(Math.abs(x) * Number.EPSILON * 2, Number.MIN_VALUE);
}

/** Grid edges for a numeric reference sample and whether it is discrete (≤ 5 distinct values). */
export function numericGrid(sample: Float64Array): { edges: Float64Array; discrete: boolean } {
  const sorted = Float64Array.from(sample).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length && distinct.length <= MAX_DISCRETE_VALUES; i++) {
    if (distinct.length === 0 || sorted[i] !== distinct[distinct.length - 1])
      distinct.push(sorted[i]);
  }
  if (distinct.length <= MAX_DISCRETE_VALUES) {
    // One bin per reference value, plus underflow and overflow for values never seen.
    if (distinct.length === 0) return { edges: new Float64Array(0), discrete: true };
    return {
      edges: Float64Array.from([...distinct, nextUp(distinct[distinct.length - 1])]),
      discrete: true,
    };
  }
  const inner = binEdgesFromReference(sorted, REFERENCE_BINS);
  const edges = [sorted[0], ...inner, nextUp(sorted[sorted.length - 1])];
  const deduped = edges.filter((e, i) => i === 0 || e > edges[i - 1]);
  return { edges: Float64Array.from(deduped), discrete: false };
}

function binSample(
  sample: Sample,
  edges: ArrayLike<number>,
  sources: number,
): { counts: Float64Array; sourceCounts: Float64Array[] } {
  const bins = edges.length + 1;
  const counts = new Float64Array(bins);
  const sourceCounts = Array.from({ length: sources }, () => new Float64Array(bins));
  for (let i = 0; i < sample.values.length; i++) {
    const b = binIndex(edges, sample.values[i]);
    counts[b]++;
    sourceCounts[sample.tags[i]][b]++;
  }
  return { counts, sourceCounts };
}

/** Accumulates reference windows and turns them into a Reference. */
export class ReferenceBuilder {
  private readonly total: WindowCounts;
  private readonly mergers: (SampleMerger | null)[];
  private readonly scoreMerger: SampleMerger;
  private readonly sketches: DDSketch[] = [];
  private readonly indexes: number[] = [];
  private first = true;

  constructor(
    private readonly plans: readonly FieldPlan[],
    private readonly sources: number,
    catSlots: number,
    seed: number,
    private readonly overrides: Readonly<Record<string, DriftTest>>,
  ) {
    this.total = newCounts(plans.length, sources, catSlots, 0, Infinity, -Infinity);
    this.total.windows = 0;
    const rng = new SeededRandom(seed, 20_000);
    this.mergers = plans.map((p) =>
      p.type === 'number' ? new SampleMerger(REFERENCE_SAMPLE, rng) : null,
    );
    this.scoreMerger = new SampleMerger(REFERENCE_SAMPLE, rng);
  }

  /** Windows added so far. */
  get windows(): number {
    return this.indexes.length;
  }

  /** Adds one closed window (its counters, samples and latency sketch). */
  add(c: WindowCounts): void {
    if (this.first) {
      this.total.gridVersion = c.gridVersion;
      this.first = false;
    }
    addCounts(this.total, c);
    for (let f = 0; f < this.plans.length; f++) {
      const s = c.samples[f];
      if (s !== null) this.mergers[f]?.add(s);
    }
    if (c.scoreSample !== null) this.scoreMerger.add(c.scoreSample);
    this.sketches.push(c.latency);
    this.indexes.push(c.index);
  }

  /**
   * The finished reference. `warnings` receives a sentence for each test override that cannot
   * apply to its field (e.g. KS on a category), in which case the default test is used.
   */
  finish(gridVersion: number, warnings: string[]): Reference {
    const t = this.total;
    const rows = t.requests;
    const fields = this.plans.map((plan, f): FieldReference | null => {
      const override = this.overrides[plan.name];
      if (plan.type === 'number') {
        const sample = (this.mergers[f] as SampleMerger).finish();
        if (sample.values.length === 0) return null;
        const { edges, discrete } = numericGrid(sample.values);
        const { counts, sourceCounts } = binSample(sample, edges, this.sources);
        const test = override ?? chooseDefaultTest(discrete, rows);
        return {
          field: plan.name,
          discrete,
          test,
          testFrom: override === undefined ? 'default' : 'scenario',
          edges,
          counts,
          sourceCounts,
          sample: sample.values,
          prepared: prepareSample(sample.values),
          sampleTags: sample.tags,
          rows: sample.rows,
        };
      }
      const slots = plan.levels.length + 1;
      const counts = new Float64Array(slots);
      const sourceCounts = Array.from({ length: this.sources }, () => new Float64Array(slots));
      let present = 0;
      for (let l = 0; l < slots; l++) {
        for (let s = 0; s < this.sources; s++) {
          const n = t.cat[(plan.catOffset + l) * this.sources + s];
          counts[l] += n;
          sourceCounts[s][l] += n;
          present += n;
        }
      }
      if (present === 0) return null;
      let test = override ?? chooseDefaultTest(true, rows);
      if (isSampleTest(test)) {
        warnings.push(
          `monitoring.tests.${plan.name}: ${test} needs numbers; \`${plan.name}\` is a ${plan.type}, so the default test is used.`,
        );
        test = chooseDefaultTest(true, rows);
      }
      return {
        field: plan.name,
        discrete: true,
        test,
        testFrom: test === override ? 'scenario' : 'default',
        edges: null,
        counts,
        sourceCounts,
        sample: EMPTY_PREPARED.values,
        prepared: EMPTY_PREPARED,
        sampleTags: new Uint8Array(0),
        rows: present,
      };
    });

    const scoreSample = this.scoreMerger.finish();
    let score: FieldReference | null = null;
    if (t.scored > 0) {
      const { discrete } = numericGrid(scoreSample.values);
      const counts = Float64Array.from(t.scoreBins);
      score = {
        field: 'score',
        discrete,
        test: chooseDefaultTest(discrete, t.scored),
        testFrom: 'default',
        edges: Float64Array.from(SCORE_EDGES),
        counts,
        sourceCounts: binSample(scoreSample, SCORE_EDGES, this.sources).sourceCounts,
        sample: scoreSample.values,
        prepared: prepareSample(scoreSample.values),
        sampleTags: scoreSample.tags,
        rows: t.scored,
      };
    }
    // Latency is summarised from the merged sketch of all reference windows.
    t.latency = mergeSketches(this.sketches);
    return {
      from: t.start,
      to: t.end,
      windows: this.indexes.length,
      rows,
      gridVersion,
      fields,
      score,
      counts: t,
      latency: t.latency,
      windowIndexes: this.indexes.slice(),
    };
  }
}
