import { describe, expect, it } from 'vitest';
import {
  feed,
  fieldOf,
  HOUR,
  monitorFor,
  normalPayload,
  stream,
  WINDOW,
  type RequestShaper,
} from './fixtures';
import type { WindowMetrics } from '../../../electron/engine/monitor/window-metrics';

const normalTraffic: RequestShaper = (_t, u) => ({ payload: normalPayload(u) });
/** After the reference hour, `amount` moves by half a standard deviation (+10). */
const shiftedAmount: RequestShaper = (t, u) => ({ payload: normalPayload(u, t >= HOUR ? 10 : 0) });

function run(perMinute: number, shape: RequestShaper, hours = 2, seed = 7): WindowMetrics[] {
  const m = monitorFor();
  return feed(m, stream(0, hours * HOUR, perMinute, seed, shape), hours * HOUR);
}

describe('drift against the reference', () => {
  it('is null until the reference is complete', () => {
    const windows = run(100, normalTraffic);
    expect(windows.slice(0, 12).every((w) => fieldOf(w, 'amount').drift === null)).toBe(true);
    expect(windows.slice(0, 12).every((w) => w.inReference)).toBe(true);
    expect(windows.slice(12).every((w) => fieldOf(w, 'amount').drift !== null)).toBe(true);
  });

  it('fires on a shifted stream and not on an unshifted one of the same size', () => {
    // 1500 requests a window: the window sample is full (1000 values).
    const steadyMonitor = monitorFor();
    const steady = feed(steadyMonitor, stream(0, 2 * HOUR, 300, 7), 2 * HOUR).slice(12);
    const shiftedMonitor = monitorFor();
    const shifted = feed(
      shiftedMonitor,
      stream(0, 2 * HOUR, 300, 7, shiftedAmount),
      2 * HOUR,
    ).slice(12);
    // Each window's test flags a steady field about 1 time in 20 by chance; the alert waits
    // for 3 windows in a row, so it stays quiet.
    expect(steady.filter((w) => fieldOf(w, 'amount').drift?.drifted).length).toBeLessThanOrEqual(2);
    expect(steadyMonitor.alerts().filter((a) => a.metric === 'input.drift')).toHaveLength(0);
    expect(shifted.every((w) => fieldOf(w, 'amount').drift?.drifted)).toBe(true);
    const fired = shiftedMonitor.alerts().filter((a) => a.metric === 'input.drift');
    expect(fired.map((a) => [a.field, a.windowEnd])).toEqual([['amount', HOUR + 3 * WINDOW]]);
    // Only `amount` moved, so the other fields stay quiet.
    expect(shifted.filter((w) => fieldOf(w, 'country').drift?.drifted).length).toBeLessThanOrEqual(
      2,
    );
    const psi = shifted.map((w) => fieldOf(w, 'amount').drift?.psi ?? 0);
    expect(Math.min(...psi)).toBeGreaterThan(0.1);
  });

  it('uses normalised Wasserstein / Jensen–Shannon for a reference of more than 1000 rows', () => {
    const [w] = run(100, normalTraffic).slice(12);
    expect(fieldOf(w, 'amount').drift?.test).toBe('wasserstein');
    expect(fieldOf(w, 'amount').drift?.threshold).toBe(0.1);
    expect(fieldOf(w, 'country').drift?.test).toBe('jensen-shannon');
    expect(fieldOf(w, 'new_device').drift?.test).toBe('jensen-shannon');
  });

  it('uses KS / chi-squared for a reference of at most 1000 rows', () => {
    // 60 requests per 5-minute window × 12 windows = 720 reference rows.
    const windows = run(12, normalTraffic);
    const w = windows[12];
    expect(fieldOf(w, 'amount').drift?.test).toBe('ks');
    expect(fieldOf(w, 'amount').drift?.pValue).not.toBeNull();
    expect(fieldOf(w, 'country').drift?.test).toBe('chi-squared');
    const shifted = run(12, (t, u) => ({ payload: normalPayload(u, t >= HOUR ? 20 : 0) })).slice(
      12,
    );
    expect(shifted.every((x) => (fieldOf(x, 'amount').drift?.pValue ?? 1) < 0.05)).toBe(true);
    const steady = windows.slice(12);
    // KS at p < 0.05 flags about 1 window in 20 by chance.
    expect(steady.filter((x) => fieldOf(x, 'amount').drift?.drifted).length).toBeLessThanOrEqual(2);
  });

  it('compares numbers with at most 5 distinct values as categories', () => {
    const m = monitorFor();
    const shape: RequestShaper = (_t, u) => ({
      payload: { ...normalPayload(u), amount: Math.floor(u() * 4) },
    });
    const [w] = feed(m, stream(0, HOUR + WINDOW, 100, 3, shape), HOUR + WINDOW).slice(12);
    expect(fieldOf(w, 'amount').drift?.test).toBe('jensen-shannon');
  });

  it('follows the scenario’s per-field test override', () => {
    const m = monitorFor({ tests: { amount: 'psi', country: 'ks' } });
    const windows = feed(m, stream(0, HOUR + WINDOW, 100, 3), HOUR + WINDOW);
    const w = windows[12];
    expect(fieldOf(w, 'amount').drift?.test).toBe('psi');
    // KS cannot apply to a category: the default is used and the scenario author is told.
    expect(fieldOf(w, 'country').drift?.test).toBe('jensen-shannon');
    expect(m.snapshot().warnings.some((s) => s.includes('monitoring.tests.country'))).toBe(true);
  });

  it('sees a category mix change and counts the dataset drift share', () => {
    const shape: RequestShaper = (t, u) => {
      const p = normalPayload(u, t >= HOUR ? 30 : 0);
      if (t >= HOUR) p.country = u() < 0.2 ? 'DE' : 'IT';
      return { payload: p };
    };
    const w = run(100, shape)[14];
    expect(fieldOf(w, 'country').drift?.drifted).toBe(true);
    expect(w.input.testedFields).toBe(3);
    expect(w.input.driftedFields).toBe(2);
    expect(w.input.datasetDriftShare).toBeCloseTo(2 / 3, 12);
    expect(w.input.datasetDrift).toBe(true);
  });

  it('splits PSI by source, so a one-source change stands out', () => {
    const shape: RequestShaper = (t, u) => {
      const partner = u() < 0.3;
      const shift = partner && t >= HOUR ? 40 : 0;
      return { source: partner ? 'partner' : 'app', payload: normalPayload(u, shift) };
    };
    const w = run(100, shape)[15];
    const amount = fieldOf(w, 'amount');
    const psiOf = (s: string) => amount.bySource.find((x) => x.source === s)?.psi ?? null;
    expect(psiOf('partner')).toBeGreaterThan(1);
    expect(psiOf('app')).toBeLessThan(0.1);
  });

  it('watches the score distribution on fixed bins', () => {
    const shape: RequestShaper = (t, u) => ({
      payload: normalPayload(u),
      score: t >= HOUR ? 0.5 + 0.3 * u() : 0.1 + 0.3 * u(),
    });
    const windows = run(100, shape);
    expect(windows[11].output.scoreDrift).toBeNull();
    const w = windows[13];
    expect(w.output.scoreDrift?.psi).toBeGreaterThan(1);
    expect(w.output.scoreDrift?.drifted).toBe(true);
    expect(w.output.meanScore).toBeCloseTo(0.65, 1);
  });

  it('is the same, to the number, on every run', () => {
    const a = run(100, shiftedAmount, 2, 9);
    const b = run(100, shiftedAmount, 2, 9);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
