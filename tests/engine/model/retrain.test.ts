/**
 * Retraining learns whatever the service logged, corruption included. In unit-change.yaml the
 * partner sends amounts in cents from 2h; a model retrained on a window after that has learned
 * that large amounts are not risky, and is worse on clean data than one retrained on a clean
 * window of the same length. Patching the mapping first removes the damage.
 */

import { describe, expect, it } from 'vitest';
import {
  baselineTrainingRows,
  scoreWith,
  type ModelVersion,
  type TrainingRow,
} from '../../../electron/engine/model/registry';
import { fixtureScenario, HOUR, MINUTE, run } from '../../fixtures/engine/harness';

const scenario = fixtureScenario('faults/unit-change.yaml');
const ONSET = 2 * HOUR;
const WINDOW = 75 * MINUTE;
const RETRAIN_AT = 3.5 * HOUR;

/** Fresh clean data from the baseline world, not the rows any version was trained on. */
function cleanHoldout(): TrainingRow[] {
  const spec = scenario.service.models[0];
  return baselineTrainingRows(scenario, {
    ...spec,
    training: { ...spec.training, seed: 991, samples: 20_000 },
  });
}

/** Mean log-likelihood and Brier score (mean squared error of the probability) on `rows`. */
function evaluate(
  v: ModelVersion,
  rows: readonly TrainingRow[],
): { logLik: number; brier: number } {
  let ll = 0;
  let brier = 0;
  for (const r of rows) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, scoreWith(v, r.clean)));
    ll += r.label === 1 ? Math.log(p) : Math.log(1 - p);
    brier += (p - r.label) ** 2;
  }
  return { logLik: ll / rows.length, brier: brier / rows.length };
}

/** Weight of a numeric feature per raw unit (the encoder standardises columns). */
function weightPerUnit(v: ModelVersion, field: string): number {
  let j = 0;
  for (const c of v.encoder.columns) {
    if (c.field === field) return v.model.weights[j] / c.sd;
    j += c.kind === 'category' ? c.categories.length : 1;
  }
  throw new Error(`no column for ${field}`);
}

describe('retraining on a window of corrupted data', () => {
  const { session, results } = run(scenario, {
    actions: [
      {
        at: RETRAIN_AT,
        command: {
          type: 'retrain',
          from: 30 * MINUTE,
          to: 30 * MINUTE + WINDOW,
          version: 'r-clean',
        },
      },
      {
        at: RETRAIN_AT,
        command: { type: 'retrain', from: ONSET, to: ONSET + WINDOW, version: 'r-cents' },
      },
      {
        at: RETRAIN_AT,
        command: { type: 'patch-mapping', field: 'amount', source: 'partner', factor: 0.01 },
      },
      {
        at: RETRAIN_AT,
        command: { type: 'retrain', from: ONSET, to: ONSET + WINDOW, version: 'r-patched' },
      },
    ],
  });
  const holdout = cleanHoldout();
  const version = (name: string): ModelVersion => {
    const v = session.registry.get(name);
    if (!v) throw new Error(`${name} is not in the registry`);
    return v;
  };

  it('takes virtual time: the versions appear only once the pending task completes', () => {
    expect(results.every((r) => r.ok)).toBe(true);
    const first = results[0];
    if (!first.ok || first.readyAt === undefined) throw new Error('retrain gave no readyAt');
    expect(first.readyAt).toBeGreaterThan(RETRAIN_AT + 15 * MINUTE);
    expect(session.now).toBeGreaterThan(first.readyAt);
    expect(session.pending).toHaveLength(0);
    expect(version('r-cents')).toMatchObject({
      origin: 'retrain',
      trainedOn: { from: ONSET, to: ONSET + WINDOW },
    });
  });

  it('the retrained model reproduces the corruption: worse on clean data', () => {
    const original = evaluate(version('v1'), holdout);
    const clean = evaluate(version('r-clean'), holdout);
    const cents = evaluate(version('r-cents'), holdout);
    expect(cents.logLik).toBeLessThan(clean.logLik - 0.01);
    expect(cents.logLik).toBeLessThan(original.logLik - 0.01);
    expect(cents.brier).toBeGreaterThan(clean.brier);
    expect(cents.brier).toBeGreaterThan(original.brier);
  });

  it('its weight on the corrupted field moves the expected way: large amounts look less risky', () => {
    const original = weightPerUnit(version('v1'), 'amount');
    const clean = weightPerUnit(version('r-clean'), 'amount');
    const cents = weightPerUnit(version('r-cents'), 'amount');
    expect(original).toBeGreaterThan(0);
    expect(clean).toBeGreaterThan(0.5 * original);
    expect(cents).toBeLessThan(0.25 * clean);
  });

  it('a mapping patch does not rewrite history: the window logged before it still teaches cents', () => {
    // The feature store keeps payloads as the service used them at the time; a later patch
    // fixes new traffic only, so retraining needs a window logged after the patch.
    const clean = evaluate(version('r-clean'), holdout);
    const patched = evaluate(version('r-patched'), holdout);
    const cents = evaluate(version('r-cents'), holdout);
    expect(patched.logLik).toBeLessThan(clean.logLik - 0.01);
    expect(Math.abs(patched.logLik - cents.logLik)).toBeLessThan(1e-9);
    expect(weightPerUnit(version('r-patched'), 'amount')).toBeLessThan(
      0.5 * weightPerUnit(version('r-clean'), 'amount'),
    );
  });
});
