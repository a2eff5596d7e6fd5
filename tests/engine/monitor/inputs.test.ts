import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../electron/engine/pipeline/request-record';
import type { Millis } from '../../../electron/engine/units';
import { feed, fieldOf, monitorFor, normalPayload, request, stream, WINDOW } from './fixtures';

describe('input monitors', () => {
  it('counts absent keys and nulls as missing, and other types as wrong type', () => {
    const m = monitorFor();
    m.observe(request(0, 1, { payload: { amount: 5, country: 'DE', new_device: true } }));
    m.observe(request(1, 2, { payload: { country: 'DE', new_device: null } }));
    m.observe(request(2, 3, { payload: { amount: null, country: 'FR', new_device: false } }));
    m.observe(request(3, 4, { payload: { amount: '12.5', country: 7, new_device: 'yes' } }));
    const [w] = m.advanceTo(WINDOW);
    const amount = fieldOf(w, 'amount');
    expect(amount).toMatchObject({ present: 1, absent: 1, nulls: 1, wrongType: 1 });
    expect(amount.missingShare).toBe(0.5);
    expect(amount.wrongTypeShare).toBe(0.25);
    expect(fieldOf(w, 'country')).toMatchObject({ present: 3, wrongType: 1, missingShare: 0 });
    expect(fieldOf(w, 'new_device')).toMatchObject({ present: 2, nulls: 1, wrongType: 1 });
  });

  it('splits missing share by source', () => {
    const m = monitorFor();
    for (let i = 0; i < 10; i++) {
      const source = i < 6 ? 'app' : 'partner';
      const payload =
        source === 'partner' && i % 2 === 0 ? { country: 'DE' } : normalPayload(() => 0.5);
      m.observe(request(i, i, { source, payload }));
    }
    const [w] = m.advanceTo(WINDOW);
    const amount = fieldOf(w, 'amount');
    const app = amount.bySource.find((s) => s.source === 'app');
    const partner = amount.bySource.find((s) => s.source === 'partner');
    expect(app?.missingShare).toBe(0);
    expect(partner?.missingShare).toBe(0.5);
    expect(amount.missingShare).toBeCloseTo(0.2, 12);
  });

  it('lists unexpected keys, as a renamed field shows up', () => {
    const m = monitorFor();
    for (let i = 0; i < 8; i++) {
      const payload =
        i < 5 ? { amount_eur: 10, country: 'DE', new_device: false } : normalPayload(() => 0.3);
      m.observe(request(i, i, { payload }));
    }
    const [w] = m.advanceTo(WINDOW);
    expect(w.input.unexpectedFields).toEqual([{ key: 'amount_eur', requests: 5 }]);
    expect(fieldOf(w, 'amount').absent).toBe(5);
  });

  it('counts pipeline violations by field, kind and source', () => {
    const m = monitorFor();
    m.observe(
      request(0, 1, {
        violations: [
          { field: 'amount', kind: 'out-of-range' },
          { field: 'amount', kind: 'wrong-type' },
          { field: 'country', kind: 'unseen-category' },
        ],
      }),
    );
    m.observe(
      request(1, 2, { source: 'partner', violations: [{ field: 'amount', kind: 'missing' }] }),
    );
    m.observe(request(2, 3, { violations: [{ field: 'nope', kind: 'missing' }] }));
    m.observe(request(3, 4));
    const [w] = m.advanceTo(WINDOW);
    const amount = fieldOf(w, 'amount');
    expect(amount.violations).toEqual({
      missing: 1,
      'wrong-type': 1,
      'out-of-range': 1,
      'unseen-category': 0,
    });
    // Two requests had a violation on `amount` (the first had two, counted once).
    expect(amount.violationShare).toBe(0.5);
    expect(fieldOf(w, 'country').violations['unseen-category']).toBe(1);
    expect(w.input.violationShare).toBe(0.75);
    expect(w.input.violationsOnUnknownFields).toBe(1);
    expect(w.sources.find((s) => s.source === 'partner')?.violationShare).toBe(1);
  });

  it('counts categories outside the declared list as unseen', () => {
    const m = monitorFor();
    const countries = ['DE', 'FR', 'XX', 'XX', 'YY'];
    countries.forEach((country, i) =>
      m.observe(request(i, i, { payload: { amount: 1, country, new_device: false } })),
    );
    const [w] = m.advanceTo(WINDOW);
    const country = fieldOf(w, 'country');
    expect(country.unseenCategoryShare).toBeCloseTo(0.6, 12);
    expect(country.unseenCategories.sort()).toEqual(['XX', 'YY']);
  });

  it('reports mean and quantiles from the window sample', () => {
    const m = monitorFor();
    const records = stream(0, WINDOW, 180, 4, (_t, _u, id) => ({
      payload: { amount: id % 100, country: 'DE', new_device: false },
    }));
    const [w] = feed(m, records, WINDOW);
    const amount = fieldOf(w, 'amount');
    expect(amount.mean).toBeCloseTo(49.5, 6);
    expect(amount.p50).toBeGreaterThan(45);
    expect(amount.p50).toBeLessThan(54);
    expect(amount.p5).toBeLessThan(8);
    expect(amount.p95).toBeGreaterThan(92);
  });

  it('gives exact quantiles (numpy linear method) when the whole window fits the sample', () => {
    const m = monitorFor();
    const values = Array.from({ length: 100 }, (_, i) => (i * 37) % 100);
    values.forEach((amount, i) =>
      m.observe(request(i, i, { payload: { amount, country: 'DE', new_device: false } })),
    );
    const [w] = m.advanceTo(WINDOW);
    const amount = fieldOf(w, 'amount');
    expect(amount.p5).toBeCloseTo(4.95, 12);
    expect(amount.p50).toBeCloseTo(49.5, 12);
    expect(amount.p95).toBeCloseTo(94.05, 12);
  });

  it('never depends on the hidden truth: label, label time and harm change no window figure', () => {
    // The log stores the hidden columns, as a real log would; monitoring must not read them.
    const run = (truth: (i: number) => Partial<RequestRecord>): unknown => {
      const m = monitorFor();
      for (let i = 0; i < 50; i++) {
        const shape = { score: (i % 10) / 10, flagged: i % 10 >= 8, ...truth(i) };
        m.observe(request(i, i * 1000, shape));
      }
      return m.advanceTo(WINDOW)[0];
    };
    const hidden = run((i) => ({
      label: (i % 2) as 0 | 1,
      labelAt: (i * 1000 + 60_000) as Millis,
      harm: i,
    }));
    const none = run(() => ({ label: 0, labelAt: null, harm: 0 }));
    expect(hidden).toEqual(none);
    expect((hidden as { requests: number }).requests).toBe(50);
  });
});
