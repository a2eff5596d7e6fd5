/**
 * The sorted-input variants used at window close (ksTwoSampleSorted, wassersteinSorted,
 * normalisedWassersteinSorted) give exactly what the copying originals give, and so agree with
 * the scipy fixtures; the helpers that feed them (FloatSorter, prepareSample + referenceSlice,
 * downSample) give exactly what a plain copy-and-sort would.
 */

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ksTwoSample,
  ksTwoSampleSorted,
  normalisedWasserstein,
  normalisedWassersteinSorted,
  populationStd,
  wassersteinDistance,
  wassersteinSorted,
} from '../../../../electron/engine/monitor/stats';
import { FloatSorter } from '../../../../electron/engine/monitor/stats/sort';
import {
  DriftScratch,
  prepareSample,
  referenceSlice,
} from '../../../../electron/engine/monitor/field-monitor';
import {
  downSample,
  SeededRandom,
  type Sample,
} from '../../../../electron/engine/monitor/reservoir';
import reference from '../../../fixtures/stats/reference.json';

interface SampleCase {
  name: string;
  a: number[];
  b: number[];
  ks: { statistic: number; pValue: number };
  wasserstein: number;
  normalisedWasserstein: number | null;
}

const cases = (reference as { samples: SampleCase[] }).samples;

const sorted = (x: ArrayLike<number>): Float64Array => Float64Array.from(x).sort();

/** Area between the ECDFs by a merge over distinct values (the textbook definition). */
function wassersteinByMerge(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const sa = sorted(a);
  const sb = sorted(b);
  const all = sorted([...sa, ...sb]);
  let total = 0;
  let i = 0;
  let j = 0;
  for (let k = 0; k < all.length - 1; k++) {
    while (i < sa.length && sa[i] <= all[k]) i++;
    while (j < sb.length && sb[j] <= all[k]) j++;
    total += Math.abs(i / sa.length - j / sb.length) * (all[k + 1] - all[k]);
  }
  return total;
}

/** The copy-based partial Fisher–Yates that downSample replaced. */
function downSampleByCopy(s: Sample, max: number, rng: SeededRandom): Sample {
  const n = s.values.length;
  if (n <= max) return s;
  const values = s.values.slice();
  const tags = s.tags.slice();
  for (let i = 0; i < max; i++) {
    const j = i + rng.below(n - i);
    [values[i], values[j]] = [values[j], values[i]];
    [tags[i], tags[j]] = [tags[j], tags[i]];
  }
  return { values: values.slice(0, max), tags: tags.slice(0, max), rows: s.rows };
}

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const sample = fc.array(finite, { minLength: 1, maxLength: 300 });
const tiedSample = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 300 });

describe('sorted variants equal the copying originals', () => {
  describe.each(cases)('fixture: $name', (c) => {
    it('ksTwoSampleSorted', () => {
      expect(ksTwoSampleSorted(sorted(c.a), sorted(c.b))).toEqual(ksTwoSample(c.a, c.b));
      expect(ksTwoSampleSorted(sorted(c.b), sorted(c.a))).toEqual(ksTwoSample(c.b, c.a));
    });

    it('wassersteinSorted and normalisedWassersteinSorted', () => {
      const w = wassersteinSorted(sorted(c.a), sorted(c.b));
      expect(w).toBe(wassersteinDistance(c.a, c.b));
      expect(Math.abs(w - c.wasserstein)).toBeLessThanOrEqual(1e-9 * Math.max(1, c.wasserstein));
      const nw = normalisedWassersteinSorted(sorted(c.a), sorted(c.b), populationStd(c.a));
      expect(nw).toBe(normalisedWasserstein(c.a, c.b));
    });
  });

  it('agree on random samples, with and without ties', () => {
    fc.assert(
      fc.property(fc.oneof(sample, tiedSample), fc.oneof(sample, tiedSample), (a, b) => {
        expect(ksTwoSampleSorted(sorted(a), sorted(b))).toEqual(ksTwoSample(a, b));
        expect(wassersteinSorted(sorted(a), sorted(b))).toBe(wassersteinDistance(a, b));
      }),
      { seed: 20261125, numRuns: 300 },
    );
  });

  it('equal-size Wasserstein (mean gap of order statistics) matches the ECDF merge', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((n) =>
            fc.tuple(
              fc.array(finite, { minLength: n, maxLength: n }),
              fc.array(finite, { minLength: n, maxLength: n }),
            ),
          ),
        ([a, b]) => {
          const expected = wassersteinByMerge(a, b);
          const got = wassersteinSorted(sorted(a), sorted(b));
          expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('give NaN on an empty side, like the originals', () => {
    const empty = new Float64Array(0);
    expect(ksTwoSampleSorted(empty, sorted([1, 2])).statistic).toBeNaN();
    expect(wassersteinSorted(sorted([1, 2]), empty)).toBeNaN();
    expect(normalisedWassersteinSorted(empty, empty, 1)).toBeNaN();
  });
});

describe('FloatSorter', () => {
  it('gives exactly Float64Array.prototype.sort, -0 before +0, on any finite input', () => {
    const sorter = new FloatSorter();
    const out = new Float64Array(2000);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(finite, { maxLength: 1500 }),
          fc.array(fc.constantFrom(-0, 0, 1, -1, 2.5), { maxLength: 500 }),
          fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 500 }),
        ),
        (xs) => {
          const values = Float64Array.from(xs);
          const expected = sorted(values);
          const got = sorter.sortInto(values, out);
          expect(got.length).toBe(values.length);
          for (let i = 0; i < values.length; i++) expect(Object.is(got[i], expected[i])).toBe(true);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it('gives exactly the native sort on samples spanning a few powers of two, ties included', () => {
    // Such samples (one field's values) take the counting pass on the 20-bit prefix.
    const sorter = new FloatSorter();
    const out = new Float64Array(2000);
    const narrow = fc.tuple(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 64, noNaN: true }),
    );
    fc.assert(
      fc.property(
        narrow,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 1500 }),
        fc.integer({ min: 0, max: 3 }),
        ([base, width], us, decimals) => {
          // Values in [base, base + width], some rounded so that ties occur.
          const values = Float64Array.from(us, (u) => {
            const v = base + u * width;
            return decimals === 0 ? v : Number(v.toFixed(decimals));
          });
          const expected = sorted(values);
          const got = sorter.sortInto(values, out);
          for (let i = 0; i < values.length; i++) expect(Object.is(got[i], expected[i])).toBe(true);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it('falls back to the native sort when values share their top 32 bits', () => {
    // Timestamps a few minutes apart agree on their high word: the radix passes order nothing.
    const values = Float64Array.from({ length: 1000 }, (_, i) => 1.7e12 + ((i * 7919) % 300_000));
    const got = new FloatSorter().sortInto(values, new Float64Array(1000));
    expect(Array.from(got)).toEqual(Array.from(sorted(values)));
  });
});

describe('prepared reference slices', () => {
  it('picks out exactly the sorted values of the run the generator chooses', () => {
    const rng = new SeededRandom(3, 1);
    const values = Float64Array.from({ length: 5000 }, () => Math.round(rng.float() * 1e4) / 7);
    const prepared = prepareSample(values);
    expect(Array.from(prepared.sorted)).toEqual(Array.from(sorted(values)));
    const scratch = new DriftScratch();
    const a = new SeededRandom(9, 2);
    const b = new SeededRandom(9, 2);
    for (let k = 0; k < 50; k++) {
      const n = 1 + ((k * 97) % 1000);
      const slice = referenceSlice(prepared, n, a, scratch);
      const offset = b.below(values.length - n + 1);
      const run = values.subarray(offset, offset + n);
      expect(Array.from(slice.values)).toEqual(Array.from(run));
      expect(Array.from(slice.sorted)).toEqual(Array.from(sorted(run)));
    }
  });

  it('uses the whole sample, drawing nothing, when it is no longer than the slice', () => {
    const prepared = prepareSample(Float64Array.from([3, 1, 2]));
    const rng = new SeededRandom(1, 1);
    const twin = new SeededRandom(1, 1);
    const slice = referenceSlice(prepared, 1000, rng, new DriftScratch());
    expect(Array.from(slice.sorted)).toEqual([1, 2, 3]);
    expect(rng.float()).toBe(twin.float());
  });
});

describe('window samples without copies', () => {
  it('downSample gives what the copy-based shuffle gave', () => {
    const rng = new SeededRandom(5, 5);
    const s: Sample = {
      values: Float64Array.from({ length: 1000 }, () => rng.float()),
      tags: Uint8Array.from({ length: 1000 }, (_, i) => i % 3),
      rows: 4321,
    };
    const a = downSample(s, 256, new SeededRandom(8, 8));
    const b = downSampleByCopy(s, 256, new SeededRandom(8, 8));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(a.tags)).toEqual(Array.from(b.tags));
    expect(a.rows).toBe(4321);
  });
});
