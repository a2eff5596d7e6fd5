/**
 * Faults that change the world itself — what requests contain and how outcomes follow from
 * them — do what they claim, only in scope and only after onset (2h in every fixture here).
 */

import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../electron/engine/pipeline/request-record';
import type { OutcomeWindow } from '../../../electron/engine/world/outcome-ledger';
import {
  fixtureScenario,
  HOUR,
  mean,
  median,
  numbers,
  run,
  runRecords,
  sd,
  share,
  where,
} from '../../fixtures/engine/harness';

const ONSET = 2 * HOUR;

const positive = (r: RequestRecord) => r.label === 1;
const odds = (p: number) => p / (1 - p);

/** Ground-truth harm per request over ledger windows in [from, to). */
function harmPerRequest(windows: readonly OutcomeWindow[], from: number, to: number): number {
  let harm = 0;
  let requests = 0;
  for (const w of windows) {
    if (w.start < from || w.start >= to) continue;
    harm += w.harm;
    requests += w.requests;
  }
  return harm / requests;
}

describe('covariate drift', () => {
  it('moves the mean by meanShift and scales the spread by sdScale, for the scoped source after onset', () => {
    const { records } = runRecords(fixtureScenario('faults/covariate-drift.yaml'));
    const before = numbers(where(records, { source: 'partner', to: ONSET }), 'device_score');
    const after = numbers(where(records, { source: 'partner', from: ONSET }), 'device_score');
    expect(mean(after) - mean(before)).toBeCloseTo(8, 0);
    expect(sd(after) / sd(before)).toBeCloseTo(1.5, 1);

    const appBefore = numbers(where(records, { source: 'app', to: ONSET }), 'device_score');
    const appAfter = numbers(where(records, { source: 'app', from: ONSET }), 'device_score');
    expect(Math.abs(mean(appAfter) - mean(appBefore))).toBeLessThan(0.3);
    expect(sd(appAfter) / sd(appBefore)).toBeCloseTo(1, 1);
  });

  it('moves a category mix to the given weights, for the scoped source after onset', () => {
    const { records } = runRecords(fixtureScenario('faults/category-mix.yaml'));
    const online = (r: RequestRecord) => r.payload.merchant === 'online';
    expect(share(where(records, { source: 'app', to: ONSET }), online)).toBeCloseTo(0.3, 1);
    expect(share(where(records, { source: 'app', from: ONSET }), online)).toBeCloseTo(0.6, 1);
    expect(share(where(records, { source: 'partner', from: ONSET }), online)).toBeCloseTo(0.3, 1);
  });
});

describe('benign change', () => {
  it('shifts inputs and the source mix without raising harm per request beyond noise', () => {
    const { records, session } = runRecords(fixtureScenario('faults/benign-change.yaml'));
    const before = where(records, { to: ONSET });
    const after = where(records, { from: ONSET });
    // The inputs visibly move: a drift monitor would fire.
    expect(
      mean(numbers(after, 'basket_items')) - mean(numbers(before, 'basket_items')),
    ).toBeCloseTo(12, 0);
    expect(share(before, (r) => r.source === 'partner')).toBeCloseTo(0.3, 1);
    expect(share(after, (r) => r.source === 'partner')).toBeCloseTo(0.5, 1);
    // ... but the ground-truth harm per request does not.
    const windows = session.ledger.list();
    const harmBefore = harmPerRequest(windows, 0, ONSET);
    const harmAfter = harmPerRequest(windows, ONSET, 4 * HOUR);
    expect(harmAfter / harmBefore).toBeLessThan(1.08);
    expect(harmAfter / harmBefore).toBeGreaterThan(0.92);
  });

  it('control: the same ledger measure does see a harmful drift of a risk feature', () => {
    // ramp.yaml: device scores of all traffic drift up 20 points (fully from 3h).
    const { session } = run(fixtureScenario('faults/ramp.yaml'));
    const windows = session.ledger.list();
    expect(
      harmPerRequest(windows, 3 * HOUR, 4 * HOUR) / harmPerRequest(windows, 0, ONSET),
    ).toBeGreaterThan(1.3);
  });
});

describe('prior shift', () => {
  const { records } = runRecords(fixtureScenario('faults/prior-shift.yaml'));
  const partnerBefore = where(records, { source: 'partner', to: ONSET });
  const partnerAfter = where(records, { source: 'partner', from: ONSET });

  it('multiplies the odds of a positive outcome by the factor (about the rate, for rare positives)', () => {
    const p0 = share(partnerBefore, positive);
    const p1 = share(partnerAfter, positive);
    expect(odds(p1) / odds(p0)).toBeGreaterThan(1.8);
    expect(odds(p1) / odds(p0)).toBeLessThan(2.2);
    expect(p1 / p0).toBeGreaterThan(1.6);
  });

  it('leaves P(inputs | outcome) unchanged', () => {
    for (const label of [0, 1] as const) {
      const b = partnerBefore.filter((r) => r.label === label);
      const a = partnerAfter.filter((r) => r.label === label);
      expect(
        Math.abs(mean(numbers(a, 'device_score')) - mean(numbers(b, 'device_score'))),
      ).toBeLessThan(label === 1 ? 1.2 : 0.5);
      expect(median(numbers(a, 'amount')) / median(numbers(b, 'amount'))).toBeCloseTo(
        1,
        label === 1 ? 0 : 1,
      );
      expect(
        Math.abs(
          share(a, (r) => r.payload.card_present === true) -
            share(b, (r) => r.payload.card_present === true),
        ),
      ).toBeLessThan(0.05);
    }
  });

  it('acts only in its scope, and leaves the source mix alone', () => {
    const appBefore = share(where(records, { source: 'app', to: ONSET }), positive);
    const appAfter = share(where(records, { source: 'app', from: ONSET }), positive);
    expect(Math.abs(appAfter - appBefore)).toBeLessThan(0.012);
    const after = where(records, { from: ONSET });
    expect(share(after, (r) => r.source === 'partner')).toBeCloseTo(0.3, 1);
  });
});

describe('concept drift', () => {
  const { records } = runRecords(fixtureScenario('faults/concept-drift.yaml'));
  const before = where(records, { to: ONSET });
  const after = where(records, { from: ONSET });

  it('changes the labels: the positive rate moves', () => {
    const p0 = share(before, positive);
    const p1 = share(after, positive);
    expect(p1 / p0).toBeGreaterThan(1.3);
  });

  it('changes the relation: the device score no longer separates outcomes', () => {
    const gap = (rs: readonly RequestRecord[]) =>
      mean(numbers(rs.filter(positive), 'device_score')) -
      mean(
        numbers(
          rs.filter((r) => !positive(r)),
          'device_score',
        ),
      );
    expect(gap(before)).toBeGreaterThan(4);
    expect(Math.abs(gap(after))).toBeLessThan(0.6);
  });

  it('leaves every input distribution where it was', () => {
    expect(
      Math.abs(mean(numbers(after, 'device_score')) - mean(numbers(before, 'device_score'))),
    ).toBeLessThan(0.3);
    expect(median(numbers(after, 'amount')) / median(numbers(before, 'amount'))).toBeCloseTo(1, 1);
    expect(
      Math.abs(mean(numbers(after, 'basket_items')) - mean(numbers(before, 'basket_items'))),
    ).toBeLessThan(0.15);
    for (const m of ['grocery', 'online', 'travel']) {
      expect(
        Math.abs(
          share(after, (r) => r.payload.merchant === m) -
            share(before, (r) => r.payload.merchant === m),
        ),
      ).toBeLessThan(0.015);
    }
    expect(
      Math.abs(
        share(after, (r) => r.payload.card_present === true) -
          share(before, (r) => r.payload.card_present === true),
      ),
    ).toBeLessThan(0.015);
    expect(
      Math.abs(
        share(after, (r) => r.source === 'partner') - share(before, (r) => r.source === 'partner'),
      ),
    ).toBeLessThan(0.015);
  });
});
