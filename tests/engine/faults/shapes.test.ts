/**
 * Fault shapes and end times: a ramp grows gradually, an intermittent fault toggles on its
 * period and duty cycle, `until` ends a fault, and a mitigation ends it early.
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { faultIntensity, type FaultTiming } from '../../../electron/engine/faults/intensity';
import {
  fixtureScenario,
  HOUR,
  MINUTE,
  mean,
  median,
  numbers,
  runRecords,
  where,
} from '../../fixtures/engine/harness';

const ONSET = 2 * HOUR;

const timing = (over: Partial<FaultTiming>): FaultTiming => ({
  at: ONSET,
  shape: 'sudden',
  rampOver: HOUR,
  period: 20 * MINUTE,
  duty: 0.25,
  ...over,
});

describe('fault intensity over time', () => {
  it('is 0 before onset, at or after `until`, and after a mitigation ended the fault', () => {
    const f = timing({ until: 3 * HOUR });
    expect(faultIntensity(f, ONSET - 1)).toBe(0);
    expect(faultIntensity(f, ONSET)).toBe(1);
    expect(faultIntensity(f, 3 * HOUR - 1)).toBe(1);
    expect(faultIntensity(f, 3 * HOUR)).toBe(0);
    expect(faultIntensity(timing({}), 2.5 * HOUR, 2.4 * HOUR)).toBe(0);
    expect(faultIntensity(timing({}), 2.3 * HOUR, 2.4 * HOUR)).toBe(1);
  });

  it('ramps linearly from 0 to 1 over rampOver, then stays at 1', () => {
    const f = timing({ shape: 'ramp' });
    expect(faultIntensity(f, ONSET)).toBe(0);
    expect(faultIntensity(f, ONSET + 15 * MINUTE)).toBeCloseTo(0.25, 10);
    expect(faultIntensity(f, ONSET + 30 * MINUTE)).toBeCloseTo(0.5, 10);
    expect(faultIntensity(f, ONSET + HOUR)).toBe(1);
    expect(faultIntensity(f, ONSET + 5 * HOUR)).toBe(1);
  });

  it('toggles intermittently: on for duty × period at the start of every period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * HOUR }), (since) => {
        const on = since % (20 * MINUTE) < 5 * MINUTE;
        expect(faultIntensity(timing({ shape: 'intermittent' }), ONSET + since)).toBe(on ? 1 : 0);
      }),
    );
  });

  it('never leaves [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sudden' as const, 'ramp' as const, 'intermittent' as const),
        fc.integer({ min: 0, max: 24 * HOUR }),
        fc.integer({ min: 1, max: 24 * HOUR }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 48 * HOUR }),
        (shape, at, span, duty, t) => {
          const i = faultIntensity(timing({ shape, at, rampOver: span, period: span, duty }), t);
          expect(i).toBeGreaterThanOrEqual(0);
          expect(i).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('fault shapes in the stream', () => {
  it('ramp: the drift grows gradually over rampOver and then holds', () => {
    // device_score drifts up by 20, ramped over 1h from 2h.
    const { records } = runRecords(fixtureScenario('faults/ramp.yaml'));
    const base = mean(numbers(where(records, { to: ONSET }), 'device_score'));
    const shifts = [0, 1, 2, 3].map(
      (q) =>
        mean(
          numbers(
            where(records, { from: ONSET + q * 15 * MINUTE, to: ONSET + (q + 1) * 15 * MINUTE }),
            'device_score',
          ),
        ) - base,
    );
    // Average intensity in each quarter hour: 1/8, 3/8, 5/8, 7/8 of the full shift.
    shifts.forEach((s, q) => expect(s).toBeCloseTo(20 * ((2 * q + 1) / 8), 0));
    const held = mean(numbers(where(records, { from: ONSET + HOUR }), 'device_score')) - base;
    expect(held).toBeCloseTo(20, 0);
  });

  it('intermittent: the outage is on for 5 minutes of every 20, and off in between', () => {
    const { records } = runRecords(fixtureScenario('faults/intermittent.yaml'));
    expect(where(records, { to: ONSET }).every((r) => r.outcome === 'ok')).toBe(true);
    let on = 0;
    let off = 0;
    for (const r of where(records, { from: ONSET })) {
      // Faults are evaluated once per one-second simulation step.
      const since = Math.floor(r.t / 1000) * 1000 - ONSET;
      const active = since % (20 * MINUTE) < 5 * MINUTE;
      expect(r.outcome).toBe(active ? 'error' : 'ok');
      if (active) on++;
      else off++;
    }
    expect(on / (on + off)).toBeCloseTo(0.25, 1);
  });

  it('until: the fault stops at its end time', () => {
    // The partner sends cents between 2h and 3h only.
    const { records } = runRecords(fixtureScenario('faults/until.yaml'));
    const amount = (from: number, to: number) =>
      median(numbers(where(records, { source: 'partner', from, to }), 'amount'));
    const normal = amount(0, ONSET);
    expect(amount(ONSET, 3 * HOUR) / normal).toBeGreaterThan(90);
    expect(amount(3 * HOUR, 4 * HOUR) / normal).toBeCloseTo(1, 0);
  });
});
