/**
 * Property-based checks (fast-check) of the drift statistics: zero drift for identical inputs,
 * non-negativity, symmetry, monotonicity in a location shift, bin consistency, p-value range.
 */

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  binEdgesFromReference,
  binIndex,
  chiSquaredTest,
  jensenShannonDistance,
  ksTwoSample,
  kstwoSf,
  normalisedWasserstein,
  psiFromCounts,
  wassersteinDistance,
} from '../../../../electron/engine/monitor/stats';

/** Deterministic uniform [0, 1) generator (mulberry32), so the fixed sample is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n standard-normal draws by Box-Muller. */
function normalSample(n: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const out: number[] = [];
  while (out.length < n) {
    const u = 1 - rand();
    const v = rand();
    out.push(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return out;
}

function binCounts(edges: number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) counts[binIndex(edges, values[i])]++;
  return counts;
}

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const sample = fc.array(finite, { minLength: 1, maxLength: 200 });
// Small integer range so generated samples contain plenty of ties.
const tiedSample = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 });

/** Two count vectors of the same length, each with a positive total. */
const countPair = fc
  .integer({ min: 1, max: 30 })
  .chain((k) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: k, maxLength: k }),
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: k, maxLength: k }),
    ),
  )
  .filter(([p, q]) => p.some((v) => v > 0) && q.some((v) => v > 0));

const counts = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 })
  .filter((c) => c.some((v) => v > 0));

describe('identical inputs give zero drift', () => {
  it('KS, Wasserstein and PSI on a sample and a permuted copy', () => {
    fc.assert(
      fc.property(fc.oneof(sample, tiedSample), (xs) => {
        const copy = [...xs].reverse();
        const ks = ksTwoSample(xs, copy);
        expect(ks.statistic).toBe(0);
        expect(ks.pValue).toBe(1);
        expect(wassersteinDistance(xs, copy)).toBe(0);
        expect(normalisedWasserstein(xs, copy)).toBe(0);
        const edges = binEdgesFromReference(xs);
        expect(psiFromCounts(binCounts(edges, xs), binCounts(edges, copy))).toBe(0);
      }),
    );
  });

  it('PSI, Jensen-Shannon and chi-squared on equal count vectors', () => {
    fc.assert(
      fc.property(counts, (c) => {
        expect(psiFromCounts(c, c)).toBe(0);
        expect(jensenShannonDistance(c, c)).toBe(0);
        const chi = chiSquaredTest(c, [...c]);
        expect(chi.statistic).toBe(0);
        expect(chi.pValue).toBe(1);
      }),
    );
  });
});

describe('non-negativity and symmetry', () => {
  it('PSI is non-negative and symmetric', () => {
    fc.assert(
      fc.property(countPair, ([p, q]) => {
        const pq = psiFromCounts(p, q);
        const qp = psiFromCounts(q, p);
        expect(pq).toBeGreaterThanOrEqual(0);
        // Symmetric by formula; ln(q/p) and -ln(p/q) can differ in the last bit.
        expect(Math.abs(pq - qp)).toBeLessThanOrEqual(1e-12 * Math.max(1, pq));
      }),
    );
  });

  it('Jensen-Shannon is non-negative, symmetric and at most sqrt(ln 2)', () => {
    fc.assert(
      fc.property(countPair, ([p, q]) => {
        const pq = jensenShannonDistance(p, q);
        expect(pq).toBeGreaterThanOrEqual(0);
        expect(pq).toBeLessThanOrEqual(Math.sqrt(Math.LN2) + 1e-12);
        expect(jensenShannonDistance(q, p)).toBe(pq);
      }),
    );
  });

  it('Wasserstein is non-negative and symmetric', () => {
    fc.assert(
      fc.property(fc.oneof(sample, tiedSample), fc.oneof(sample, tiedSample), (a, b) => {
        const ab = wassersteinDistance(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(wassersteinDistance(b, a)).toBe(ab);
      }),
    );
  });

  it('KS statistic is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.oneof(sample, tiedSample), fc.oneof(sample, tiedSample), (a, b) => {
        const ab = ksTwoSample(a, b);
        const ba = ksTwoSample(b, a);
        expect(ab.statistic).toBeGreaterThanOrEqual(0);
        expect(ab.statistic).toBeLessThanOrEqual(1);
        expect(ba.statistic).toBe(ab.statistic);
        expect(ba.pValue).toBe(ab.pValue);
      }),
    );
  });
});

describe('monotone in the size of a location shift', () => {
  // Fixed N(0, 1) sample; the current window is the same sample shifted by delta = k * 0.1.
  // KS and Wasserstein are monotone for any shifts. PSI on a finite sample wobbles by up to
  // ~0.06 std of shift (counts move across edges one value at a time), so shifts are compared
  // on a 0.1-std grid within +-3 std, before PSI saturates with all mass in one tail bin.
  const ref = normalSample(2000, 42);
  const edges = binEdgesFromReference(ref, 10);
  const refCounts = binCounts(edges, ref);
  const cache = new Map<number, { psi: number; ks: number; w: number }>();
  const drift = (k: number): { psi: number; ks: number; w: number } => {
    let hit = cache.get(k);
    if (!hit) {
      const delta = k * 0.1;
      const cur = ref.map((x) => x + delta);
      hit = {
        psi: psiFromCounts(refCounts, binCounts(edges, cur)),
        ks: ksTwoSample(ref, cur).statistic,
        w: wassersteinDistance(ref, cur),
      };
      cache.set(k, hit);
    }
    return hit;
  };

  it('PSI, KS statistic and Wasserstein are non-decreasing in |delta|', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        (i, j, negative) => {
          const sign = negative ? -1 : 1;
          const small = drift(sign * Math.min(i, j));
          const large = drift(sign * Math.max(i, j));
          expect(large.psi).toBeGreaterThanOrEqual(small.psi);
          expect(large.ks).toBeGreaterThanOrEqual(small.ks);
          expect(large.w).toBeGreaterThanOrEqual(small.w);
        },
      ),
    );
  });

  it('the whole grid is monotone and Wasserstein equals the shift', () => {
    for (const sign of [1, -1]) {
      let prev = drift(0);
      expect(prev).toEqual({ psi: 0, ks: 0, w: 0 });
      for (let k = 1; k <= 30; k++) {
        const cur = drift(sign * k);
        expect(cur.psi).toBeGreaterThanOrEqual(prev.psi);
        expect(cur.ks).toBeGreaterThanOrEqual(prev.ks);
        expect(cur.w).toBeGreaterThanOrEqual(prev.w);
        expect(cur.w).toBeCloseTo(k * 0.1, 12);
        prev = cur;
      }
    }
  });
});

describe('binning', () => {
  it('binIndex is consistent with arbitrary sorted edges', () => {
    const edgeList = fc
      .uniqueArray(finite, { maxLength: 20 })
      .map((e) => e.map((v) => (Object.is(v, -0) ? 0 : v)))
      .map((e) => [...new Set(e)].sort((x, y) => x - y));
    fc.assert(
      fc.property(edgeList, fc.oneof(finite, fc.constantFrom(-Infinity, Infinity)), (edges, x) => {
        const i = binIndex(edges, x);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThanOrEqual(edges.length);
        if (i > 0) expect(edges[i - 1]).toBeLessThanOrEqual(x);
        if (i < edges.length) expect(x).toBeLessThan(edges[i]);
        // Values on an edge go to the bin above it.
        for (let k = 0; k < edges.length; k++) expect(binIndex(edges, edges[k])).toBe(k + 1);
      }),
    );
  });

  it('reference edges are strictly increasing, at most nBins - 1, and cover the sample', () => {
    fc.assert(
      fc.property(fc.oneof(sample, tiedSample), fc.integer({ min: 1, max: 20 }), (xs, nBins) => {
        const edges = binEdgesFromReference(xs, nBins);
        expect(edges.length).toBeLessThanOrEqual(nBins - 1);
        for (let k = 1; k < edges.length; k++) expect(edges[k]).toBeGreaterThan(edges[k - 1]);
        const lo = Math.min(...xs);
        const hi = Math.max(...xs);
        for (const e of edges) {
          expect(e).toBeGreaterThanOrEqual(lo);
          expect(e).toBeLessThanOrEqual(hi);
        }
        const c = binCounts(edges, xs);
        expect(c.reduce((s, v) => s + v, 0)).toBe(xs.length);
      }),
    );
  });
});

describe('p-values lie in [0, 1]', () => {
  it('KS', () => {
    fc.assert(
      fc.property(fc.oneof(sample, tiedSample), fc.oneof(sample, tiedSample), (a, b) => {
        const { pValue } = ksTwoSample(a, b);
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('kstwo survival function for arbitrary n and D', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, d) => {
          const p = kstwoSf(n, d);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('chi-squared', () => {
    fc.assert(
      fc.property(countPair, ([p, q]) => {
        const res = chiSquaredTest(p, q);
        expect(res.statistic).toBeGreaterThanOrEqual(0);
        expect(res.pValue).toBeGreaterThanOrEqual(0);
        expect(res.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });
});
