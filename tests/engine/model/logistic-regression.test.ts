/**
 * Logistic regression as the engine trains it: data drawn from a known logistic relation gives
 * back that relation, and training is a pure function of its rows, to the bit.
 */

import { describe, expect, it } from 'vitest';
import { Rng } from '../../../electron/engine/rng';
import {
  fitLogistic,
  predictProbability,
} from '../../../electron/engine/model/logistic-regression';
import { ModelRegistry } from '../../../electron/engine/model/registry';
import { sigmoid } from '../../../electron/engine/world/ground-truth';
import { fixtureScenario } from '../../fixtures/engine/scenarios';

const TRUE_INTERCEPT = -0.7;
const TRUE_WEIGHTS = [1.4, -0.8, 0];

/** `n` rows of three standard-normal features and labels drawn from the true relation. */
function knownRelation(n: number, seed: number): { rows: Float64Array; labels: Uint8Array } {
  const rng = Rng.stream(seed, 0);
  const width = TRUE_WEIGHTS.length;
  const rows = new Float64Array(n * width);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = TRUE_INTERCEPT;
    for (let j = 0; j < width; j++) {
      const x = rng.normal();
      rows[i * width + j] = x;
      z += TRUE_WEIGHTS[j] * x;
    }
    labels[i] = rng.uniform() < sigmoid(z) ? 1 : 0;
  }
  return { rows, labels };
}

describe('logistic regression training', () => {
  const { rows, labels } = knownRelation(20_000, 42);
  const options = { iterations: 25, l2: 1e-6 };

  it('recovers the sign and size of each coefficient of a known logistic relation', () => {
    const model = fitLogistic(rows, labels, TRUE_WEIGHTS.length, options);
    expect(model.intercept).toBeCloseTo(TRUE_INTERCEPT, 1);
    expect(model.weights[0]).toBeGreaterThan(1.25);
    expect(model.weights[0]).toBeLessThan(1.55);
    expect(model.weights[1]).toBeLessThan(-0.65);
    expect(model.weights[1]).toBeGreaterThan(-0.95);
    // A feature with no effect gets a weight near zero.
    expect(Math.abs(model.weights[2])).toBeLessThan(0.08);
  });

  it('predicts probabilities close to the true ones', () => {
    const model = fitLogistic(rows, labels, TRUE_WEIGHTS.length, options);
    for (const x of [
      [0, 0, 0],
      [1, -1, 0.5],
      [-2, 1, -1],
    ]) {
      const truth = sigmoid(TRUE_INTERCEPT + x.reduce((z, v, j) => z + TRUE_WEIGHTS[j] * v, 0));
      expect(Math.abs(predictProbability(model, x) - truth)).toBeLessThan(0.03);
    }
  });

  it('shrinks weights towards zero as the L2 penalty grows, leaving the intercept free', () => {
    const weak = fitLogistic(rows, labels, TRUE_WEIGHTS.length, { iterations: 25, l2: 1e-6 });
    const strong = fitLogistic(rows, labels, TRUE_WEIGHTS.length, { iterations: 25, l2: 0.5 });
    expect(Math.abs(strong.weights[0])).toBeLessThan(Math.abs(weak.weights[0]) / 2);
    expect(Math.abs(strong.weights[1])).toBeLessThan(Math.abs(weak.weights[1]) / 2);
    // With the slopes gone the intercept tracks the base rate.
    const rate = labels.reduce((a, b) => a + b, 0) / labels.length;
    expect(sigmoid(strong.intercept)).toBeCloseTo(rate, 1);
  });

  it('gives bit-identical weights when trained twice on the same rows', () => {
    const a = fitLogistic(rows, labels, TRUE_WEIGHTS.length, options);
    const b = fitLogistic(rows.slice(), labels.slice(), TRUE_WEIGHTS.length, options);
    expect(Object.is(a.intercept, b.intercept)).toBe(true);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
  });

  it('trains each scenario version identically every time (encoder and weights)', () => {
    const scenario = fixtureScenario();
    const first = ModelRegistry.forScenario(scenario).list();
    const second = ModelRegistry.forScenario(scenario).list();
    expect(first.map((v) => v.version)).toEqual(['v1', 'v1-bad']);
    first.forEach((v, i) => {
      const w = second[i];
      expect(w.encoder).toEqual(v.encoder);
      expect(Object.is(w.model.intercept, v.model.intercept)).toBe(true);
      expect(Array.from(w.model.weights)).toEqual(Array.from(v.model.weights));
    });
  });

  it('ships a release defect on top of the trained weights (inverted feature)', () => {
    const [good, bad] = ModelRegistry.forScenario(fixtureScenario()).list();
    const col = good.encoder.columns.findIndex((c) => c.field === 'device_score');
    // Only numeric columns precede device_score here, one encoded column each.
    expect(good.encoder.columns.slice(0, col).every((c) => c.kind === 'number')).toBe(true);
    expect(good.model.weights[col]).toBeGreaterThan(0.3);
    expect(bad.model.weights[col]).toBe(-good.model.weights[col]);
    good.model.weights.forEach((w, j) => {
      if (j !== col) expect(bad.model.weights[j]).toBe(w);
    });
  });
});
