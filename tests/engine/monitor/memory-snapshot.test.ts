import { describe, expect, it } from 'vitest';
import { DETAIL_HISTORY_WINDOWS, HISTORY_WINDOWS } from '../../../electron/engine/monitor/monitor';
import { SNAPSHOT_WINDOWS } from '../../../electron/engine/monitor/snapshot';
import { feed, HOUR, monitorFor, normalPayload, request, rng, stream, WINDOW } from './fixtures';

describe('bounded memory', () => {
  it('caps the history however long the run, keeping totals', () => {
    const m = monitorFor({ duration: '30d' });
    const u = rng(1);
    const windows = HISTORY_WINDOWS + 300;
    let id = 0;
    for (let w = 0; w < windows; w++) {
      for (let i = 0; i < 3; i++)
        m.observe(request(id++, w * WINDOW + i * 1000, { payload: normalPayload(u) }));
      m.advanceTo((w + 1) * WINDOW);
    }
    const h = m.history();
    expect(h).toHaveLength(HISTORY_WINDOWS);
    expect(h[0].index).toBe(300);
    expect(h.at(-1)?.index).toBe(windows - 1);
    // Older windows keep totals but not the per-source breakdown.
    expect(h[0].sources).toEqual([]);
    expect(h.at(-DETAIL_HISTORY_WINDOWS)?.sources.length).toBeGreaterThan(0);
    const exported = m.exportMetrics();
    expect(exported.totals.requests).toBe(3 * windows);
    expect(exported.windowsClosed).toBe(windows);
    expect(exported.windowsDropped).toBe(300);
  });
});

describe('snapshot', () => {
  it('is JSON- and structured-clone-safe and small for 10 fields', () => {
    const m = monitorFor({ extraNumbers: 7 });
    const records = stream(0, 8 * HOUR, 60, 2, (t, u) => {
      const p = normalPayload(u, t > 6 * HOUR ? 30 : 0);
      for (let i = 0; i < 7; i++) p[`num_${i}`] = u();
      return { payload: p, outcome: t > 7 * HOUR && u() < 0.1 ? 'error' : 'ok' };
    });
    feed(m, records, 8 * HOUR);
    const snap = m.snapshot();
    expect(snap.latest?.input.fields).toHaveLength(10);
    expect(snap.drift).toHaveLength(10);
    expect(snap.series.windowStart).toHaveLength(SNAPSHOT_WINDOWS);
    expect(snap.drift[0].sparkline).toHaveLength(SNAPSHOT_WINDOWS);
    expect(snap.alerts.active.length).toBeGreaterThan(0);
    const json = JSON.stringify(snap);
    expect(JSON.parse(json)).toEqual(snap);
    expect(structuredClone(snap)).toEqual(snap);
    expect(json.length).toBeLessThan(200_000);
  });

  it('takes well under a millisecond to produce', () => {
    const m = monitorFor({ extraNumbers: 7 });
    feed(m, stream(0, 8 * HOUR, 30, 3), 8 * HOUR);
    m.snapshot();
    const n = 200;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) m.snapshot();
    const perCall = (performance.now() - t0) / n;
    // Typically ~0.05 ms; the bound leaves room for a loaded CI machine.
    expect(perCall).toBeLessThan(1);
  });

  it('describes the reference and the open window', () => {
    const m = monitorFor();
    feed(m, stream(0, HOUR + 2 * WINDOW + 1000, 60, 4), HOUR + 2 * WINDOW + 1000);
    const snap = m.snapshot();
    expect(snap.reference).toMatchObject({
      from: 0,
      to: HOUR,
      ready: true,
      windows: 12,
      rows: 3600,
    });
    expect(snap.openWindow).toMatchObject({ start: HOUR + 2 * WINDOW, end: HOUR + 3 * WINDOW });
    expect(snap.openWindow.requests).toBeGreaterThan(0);
    expect(snap.windowsClosed).toBe(14);
  });
});

describe('rebaseline', () => {
  it('re-fixes the reference on chosen windows from the next window on', () => {
    const m = monitorFor();
    const shape = (t: number, u: () => number) => ({
      payload: normalPayload(u, t >= HOUR ? 30 : 0),
    });
    feed(m, stream(0, 3 * HOUR, 120, 5, shape), 3 * HOUR);
    expect(m.history().at(-1)?.input.fields[0].drift?.drifted).toBe(true);
    const result = m.rebaseline(2 * HOUR, 3 * HOUR);
    expect(result).toEqual({ from: 2 * HOUR, to: 3 * HOUR, windows: 12 });
    expect(m.snapshot().reference.pending).toBe(true);
    feed(m, stream(3 * HOUR, 4 * HOUR, 120, 6, shape, 100_000), 4 * HOUR);
    const after = m
      .history()
      .slice(-11)
      .map((w) => w.input.fields[0].drift);
    // Against the new reference the shifted values are normal: PSI is small, and the
    // Wasserstein test flags at most a window by chance (600 values a window).
    expect(after.every((d) => (d?.psi ?? 1) < 0.1)).toBe(true);
    expect(after.filter((d) => d?.drifted).length).toBeLessThanOrEqual(1);
    expect(m.snapshot().reference).toMatchObject({
      from: 2 * HOUR,
      to: 3 * HOUR,
      ready: true,
      pending: false,
    });
    expect(m.rebaseline(100 * HOUR, 101 * HOUR)).toBeNull();
  });

  it('compares a field with the reference on demand, with every statistic', () => {
    const m = monitorFor();
    feed(m, stream(0, HOUR + WINDOW, 120, 5), HOUR + WINDOW);
    const c = m.compareField('amount', 'partner');
    expect(c).not.toBeNull();
    expect(c?.bins).toHaveLength(c?.referenceShares.length ?? -1);
    expect(c?.ks?.pValue).toBeGreaterThan(0.001);
    expect(c?.wasserstein).toBeLessThan(0.3);
    expect(m.compareField('country')?.bins).toEqual(['DE', 'FR', 'IT', '(unseen)']);
    expect(m.compareField('nope')).toBeNull();
  });
});
