/**
 * Agreement of the drift statistics with scipy/numpy reference values.
 *
 * Fixtures: tests/fixtures/stats/reference.json, generated from the repository root with
 *   python3 tests/fixtures/stats/make-fixtures.py
 * (seeded numpy Generator; inputs rounded to 6 decimals before scipy saw them, so the JSON
 * round-trips exactly; the scipy and numpy versions are recorded in the file).
 */

import { describe, it, expect } from 'vitest';
import {
  binEdgesFromReference,
  binIndex,
  chiSquaredSf,
  chiSquaredTest,
  jensenShannonDistance,
  ksTwoSample,
  kstwoSf,
  normalisedWasserstein,
  psiFromCounts,
  wassersteinDistance,
} from '../../../../electron/engine/monitor/stats';
import reference from '../../../fixtures/stats/reference.json';

interface SampleCase {
  name: string;
  a: number[];
  b: number[];
  ks: { statistic: number; pValue: number; method: string };
  wasserstein: number;
  normalisedWasserstein: number | null;
  psi: { edges: number[]; refCounts: number[]; curCounts: number[]; value: number };
}

interface CountsCase {
  name: string;
  ref: number[];
  cur: number[];
  chi2: { statistic: number; pValue: number; dof: number };
  jensenShannon: number;
}

interface Fixtures {
  versions: { numpy: string; scipy: string };
  samples: SampleCase[];
  counts: CountsCase[];
  chi2Sf: { x: number; dof: number; sf: number }[];
  kstwoSf: { n: number; x: number; sf: number }[];
}

const fixtures = reference as Fixtures;

const STAT_TOL = 1e-9;
const P_TOL = 1e-6;

/** Absolute tolerance below 1, relative above it (chi-squared statistics reach 1e3). */
function expectStat(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    STAT_TOL * Math.max(1, Math.abs(expected)),
  );
}

function expectP(actual: number, expected: number): void {
  expect(actual).toBeGreaterThanOrEqual(0);
  expect(actual).toBeLessThanOrEqual(1);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(P_TOL);
}

function binCounts(edges: number[], values: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) counts[binIndex(edges, v)]++;
  return counts;
}

describe(`scipy ${fixtures.versions.scipy} / numpy ${fixtures.versions.numpy} reference`, () => {
  it('has fixtures for every statistic', () => {
    expect(fixtures.samples.length).toBeGreaterThanOrEqual(10);
    expect(fixtures.counts.length).toBeGreaterThanOrEqual(5);
    expect(fixtures.samples.some((s) => s.ks.method === 'asymp')).toBe(true);
    expect(fixtures.samples.some((s) => s.ks.method.startsWith('asymp (exact failed)'))).toBe(true);
  });

  describe.each(fixtures.samples)('samples: $name', (c) => {
    it(`ks_2samp (${c.ks.method})`, () => {
      const res = ksTwoSample(c.a, c.b);
      expectStat(res.statistic, c.ks.statistic);
      expectP(res.pValue, c.ks.pValue);
    });

    it('ks_2samp is symmetric in its arguments', () => {
      const res = ksTwoSample(c.b, c.a);
      expectStat(res.statistic, c.ks.statistic);
      expectP(res.pValue, c.ks.pValue);
    });

    it('wasserstein_distance', () => {
      expectStat(wassersteinDistance(c.a, c.b), c.wasserstein);
      if (c.normalisedWasserstein !== null) {
        expectStat(normalisedWasserstein(c.a, c.b), c.normalisedWasserstein);
      }
    });

    it('PSI on numpy quantile bins', () => {
      const edges = binEdgesFromReference(c.a, 10);
      expect(edges).toEqual(c.psi.edges);
      expect(binCounts(edges, c.a)).toEqual(c.psi.refCounts);
      expect(binCounts(edges, c.b)).toEqual(c.psi.curCounts);
      expectStat(psiFromCounts(c.psi.refCounts, c.psi.curCounts), c.psi.value);
    });
  });

  describe.each(fixtures.counts)('counts: $name', (c) => {
    it('chi2_contingency(correction=False)', () => {
      const res = chiSquaredTest(c.ref, c.cur);
      expect(res.dof).toBe(c.chi2.dof);
      expectStat(res.statistic, c.chi2.statistic);
      expectP(res.pValue, c.chi2.pValue);
    });

    it('jensenshannon', () => {
      expectStat(jensenShannonDistance(c.ref, c.cur), c.jensenShannon);
    });
  });

  it('chi2.sf to 1e-10 relative', () => {
    for (const { x, dof, sf } of fixtures.chi2Sf) {
      const actual = chiSquaredSf(x, dof);
      const err = Math.abs(actual - sf);
      expect(err, `chi2.sf(${x}, ${dof})`).toBeLessThanOrEqual(1e-10 * sf + 1e-300);
    }
  });

  it('kstwo.sf to 1e-10 absolute', () => {
    for (const { n, x, sf } of fixtures.kstwoSf) {
      const actual = kstwoSf(n, x);
      expect(Math.abs(actual - sf), `kstwo.sf(${x}, ${n})`).toBeLessThanOrEqual(1e-10);
    }
  });
});
