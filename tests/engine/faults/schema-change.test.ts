/**
 * Schema-change faults corrupt requests on their way in, exactly as they claim, and only for
 * the scoped source after onset. Every fixture here scopes the fault to `partner` from 2h.
 */

import { describe, expect, it } from 'vitest';
import type { ActiveFault } from '../../../electron/engine/faults/active-faults';
import {
  applyMappingPatches,
  applySchemaFaults,
} from '../../../electron/engine/faults/schema-change';
import type { Payload, RequestRecord } from '../../../electron/engine/pipeline/request-record';
import { Rng } from '../../../electron/engine/rng';
import {
  fixtureScenario,
  HOUR,
  median,
  numbers,
  runRecords,
  share,
  where,
} from '../../fixtures/engine/harness';

const ONSET = 2 * HOUR;

/** The four quarters of a run around a partner-scoped fault: partner and app, before and after. */
function quarters(
  fixture: string,
): Record<'partnerBefore' | 'partnerAfter' | 'appBefore' | 'appAfter', RequestRecord[]> {
  const { records } = runRecords(fixtureScenario(fixture));
  const q = {
    partnerBefore: where(records, { source: 'partner', to: ONSET }),
    partnerAfter: where(records, { source: 'partner', from: ONSET }),
    appBefore: where(records, { source: 'app', to: ONSET }),
    appAfter: where(records, { source: 'app', from: ONSET }),
  };
  for (const part of Object.values(q)) expect(part.length).toBeGreaterThan(4000);
  return q;
}

const has = (field: string) => (r: RequestRecord) => Object.hasOwn(r.payload, field);

describe('schema change', () => {
  it('rename: the field is absent under its old name and present under the new one, for the scoped source after onset only', () => {
    const q = quarters('faults/rename.yaml');
    expect(share(q.partnerAfter, has('amount'))).toBe(0);
    expect(share(q.partnerAfter, has('amount_usd'))).toBe(1);
    for (const part of [q.partnerBefore, q.appBefore, q.appAfter]) {
      expect(share(part, has('amount'))).toBe(1);
      expect(share(part, has('amount_usd'))).toBe(0);
    }
    // The value travels unchanged under its new name.
    expect(
      median(numbers(q.partnerAfter, 'amount_usd')) / median(numbers(q.partnerBefore, 'amount')),
    ).toBeCloseTo(1, 1);
    // The service notices the field missing (it is required).
    expect(
      share(q.partnerAfter, (r) =>
        r.violations.some((v) => v.field === 'amount' && v.kind === 'missing'),
      ),
    ).toBe(1);
    expect(share(q.appAfter, (r) => r.violations.length > 0)).toBe(0);
  });

  it('drop: the field disappears for the scoped source after onset only', () => {
    const q = quarters('faults/drop.yaml');
    expect(share(q.partnerAfter, has('device_score'))).toBe(0);
    for (const part of [q.partnerBefore, q.appBefore, q.appAfter])
      expect(share(part, has('device_score'))).toBe(1);
    // Nothing else is touched.
    expect(share(q.partnerAfter, has('amount'))).toBe(1);
  });

  it('type change: numbers arrive as text for the scoped source after onset only', () => {
    const q = quarters('faults/type-change.yaml');
    expect(share(q.partnerAfter, (r) => typeof r.payload.amount === 'string')).toBe(1);
    for (const part of [q.partnerBefore, q.appBefore, q.appAfter]) {
      expect(share(part, (r) => typeof r.payload.amount === 'number')).toBe(1);
    }
    // Same values, as text.
    const asNumbers = q.partnerAfter.map((r) => Number(r.payload.amount));
    expect(median(asNumbers) / median(numbers(q.partnerBefore, 'amount'))).toBeCloseTo(1, 1);
    expect(
      share(q.partnerAfter, (r) =>
        r.violations.some((v) => v.field === 'amount' && v.kind === 'wrong-type'),
      ),
    ).toBe(1);
  });

  it('unit change: the field is scaled by the factor for the scoped source after onset only', () => {
    const q = quarters('faults/unit-change.yaml');
    const before = median(numbers(q.partnerBefore, 'amount'));
    const after = median(numbers(q.partnerAfter, 'amount'));
    expect(after / before).toBeGreaterThan(90);
    expect(after / before).toBeLessThan(110);
    const app = median(numbers(q.appAfter, 'amount')) / median(numbers(q.appBefore, 'amount'));
    expect(app).toBeGreaterThan(0.9);
    expect(app).toBeLessThan(1.1);
    // The other numeric fields of the same requests are untouched.
    const device =
      median(numbers(q.partnerAfter, 'device_score')) -
      median(numbers(q.partnerBefore, 'device_score'));
    expect(Math.abs(device)).toBeLessThan(1);
  });

  it('new category: an unseen category appears with about the given share, scoped source after onset only', () => {
    const q = quarters('faults/new-category.yaml');
    const crypto = (r: RequestRecord) => r.payload.merchant === 'crypto';
    const got = share(q.partnerAfter, crypto);
    expect(got).toBeGreaterThan(0.23);
    expect(got).toBeLessThan(0.27);
    for (const part of [q.partnerBefore, q.appBefore, q.appAfter])
      expect(share(part, crypto)).toBe(0);
    // The known categories keep their relative mix.
    const known = q.partnerAfter.filter((r) => !crypto(r));
    expect(share(known, (r) => r.payload.merchant === 'grocery')).toBeCloseTo(0.5, 1);
    expect(
      share(q.partnerAfter, (r) => r.violations.some((v) => v.kind === 'unseen-category')),
    ).toBeCloseTo(got, 5);
  });

  it('null rate: about the given share of values arrive null, scoped source after onset only', () => {
    const q = quarters('faults/null-rate.yaml');
    const isNull = (r: RequestRecord) => r.payload.device_score === null;
    const got = share(q.partnerAfter, isNull);
    expect(got).toBeGreaterThan(0.27);
    expect(got).toBeLessThan(0.33);
    for (const part of [q.partnerBefore, q.appBefore, q.appAfter])
      expect(share(part, isNull)).toBe(0);
  });
});

describe('schema change on one request', () => {
  const cents = fixtureScenario('faults/unit-change.yaml').faults[0];
  const rename = fixtureScenario('faults/rename.yaml').faults[0];
  if (cents.type !== 'schema-change' || rename.type !== 'schema-change')
    throw new Error('fixture changed');
  const truth: Payload = { amount: 12.5, device_score: 40 };

  it('a ramp corrupts a growing share of requests: each with probability equal to the intensity', () => {
    const rng = Rng.stream(4, 0);
    for (const intensity of [0.1, 0.5, 0.9]) {
      const active: ActiveFault<'schema-change'>[] = [{ spec: cents, intensity }];
      let scaled = 0;
      for (let i = 0; i < 20_000; i++)
        if (applySchemaFaults(truth, 'partner', active, rng).amount === 1250) scaled++;
      expect(scaled / 20_000).toBeCloseTo(intensity, 1);
    }
  });

  it('never modifies the true payload, and leaves out-of-scope requests as they are', () => {
    const rng = Rng.stream(4, 0);
    const active: ActiveFault<'schema-change'>[] = [{ spec: rename, intensity: 1 }];
    expect(applySchemaFaults(truth, 'partner', active, rng)).toEqual({
      amount_usd: 12.5,
      device_score: 40,
    });
    expect(applySchemaFaults(truth, 'app', active, rng)).toBe(truth);
    expect(truth).toEqual({ amount: 12.5, device_score: 40 });
  });

  it('a mapping patch undoes a rename or a unit change, for its source only', () => {
    const patches = [
      { field: 'amount', source: 'partner', from: 'amount_usd' },
      { field: 'device_score', source: 'partner', factor: 0.5 },
    ];
    expect(applyMappingPatches({ amount_usd: 12.5, device_score: 80 }, 'partner', patches)).toEqual(
      truth,
    );
    expect(applyMappingPatches({ amount_usd: 12.5, device_score: 80 }, 'app', patches)).toEqual({
      amount_usd: 12.5,
      device_score: 80,
    });
  });
});
