import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDuration,
  formatNumber,
  formatPercent,
  formatUsd,
} from '../../renderer/src/lib/format';
import { readDebrief } from '../../renderer/src/lib/debrief-view';
import {
  alertBands,
  chartDomain,
  chartKey,
  newestFiring,
  seriesPoints,
} from '../../renderer/src/lib/monitoring-view';
import type { MonitoringSnapshot } from '../../electron/engine/monitor/snapshot';
import type { Alert } from '../../electron/engine/monitor/alerts';

const HOUR = 3_600_000;

describe('format', () => {
  it('formats clock times and durations the way an on-call engineer reads them', () => {
    expect(formatClock(6 * HOUR + 5 * 60_000)).toBe('06:05');
    expect(formatClock(30 * HOUR)).toBe('day 2 06:00');
    expect(formatDuration(24 * HOUR)).toBe('24 h');
    expect(formatDuration(90 * 60_000)).toBe('1 h 30 min');
    expect(formatDuration(3 * 24 * HOUR)).toBe('3 d');
    expect(formatDuration(1500)).toBe('2 s');
  });

  it('formats numbers, shares and money, with a dash for missing values', () => {
    expect(formatNumber(0.031234)).toBe('0.0312');
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(null)).toBe('—');
    expect(formatPercent(0.0234)).toBe('2.3%');
    expect(formatUsd(2.5)).toBe('$2.50');
    expect(formatUsd(0.0004)).toBe('$0.00040');
  });
});

function alert(extra: Partial<Alert>): Alert {
  return {
    id: 'a1',
    ruleId: 'r',
    metric: 'output.flag_rate',
    severity: 'warning',
    state: 'firing',
    threshold: 0.01,
    op: '>',
    value: 0.02,
    reference: null,
    windowStart: HOUR,
    windowEnd: HOUR + 300_000,
    firedAt: HOUR + 300_000,
    message: 'Flag rate was 0.02, above 0.01.',
    acknowledgedAt: null,
    resolvedAt: null,
    silencedUntil: null,
    breaches: 2,
    lastValue: 0.02,
    lastWindowEnd: HOUR + 300_000,
    ...extra,
  };
}

function monitoring(extra: Partial<MonitoringSnapshot> = {}): MonitoringSnapshot {
  // Only the fields these helpers read.
  return {
    time: 2 * HOUR,
    windowMs: 300_000,
    windowsClosed: 2,
    reference: { from: 0, to: 2 * HOUR, ready: true, windows: 24, rows: 1000, pending: false },
    openWindow: { start: 2 * HOUR, end: 2 * HOUR + 300_000, requests: 0 },
    latest: null,
    series: {
      windowStart: [0, 300_000],
      values: { 'output.flag_rate': [0.01, null] } as MonitoringSnapshot['series']['values'],
    },
    drift: [],
    alerts: { active: [], silenced: [], recent: [], counts: { critical: 0, warning: 0, info: 0 } },
    routes: [],
    warnings: [],
    ...extra,
  };
}

describe('monitoring view', () => {
  it('places each value at its window end', () => {
    expect(seriesPoints(monitoring(), 'output.flag_rate')).toEqual([
      { t: 300_000, v: 0.01 },
      { t: 600_000, v: null },
    ]);
  });

  it('shows the first six hours, then the last six', () => {
    expect(chartDomain(monitoring())).toEqual([0, 6 * HOUR]);
    expect(
      chartDomain(monitoring({ openWindow: { start: 10 * HOUR, end: 0, requests: 0 } })),
    ).toEqual([4 * HOUR, 10 * HOUR]);
  });

  it('shades alerts from their window to resolution or now', () => {
    const m = monitoring({
      alerts: {
        active: [alert({})],
        silenced: [],
        recent: [alert({ id: 'a0', state: 'resolved', windowStart: 0, resolvedAt: HOUR / 2 })],
        counts: { critical: 0, warning: 1, info: 0 },
      },
    });
    const bands = alertBands(m, ['output.flag_rate']);
    expect(bands.map((b) => [b.from, b.to])).toEqual([
      [HOUR, 2 * HOUR],
      [0, HOUR / 2],
    ]);
    expect(bands[0].label).toMatch(/Flag rate was 0.02/);
    expect(alertBands(m, ['system.latency_p95'])).toEqual([]);
  });

  it('finds the newest firing alert, skipping acknowledged ones', () => {
    const m = monitoring({
      alerts: {
        active: [
          alert({ id: 'old', firedAt: 1 }),
          alert({ id: 'new', firedAt: 2 }),
          alert({ id: 'ack', firedAt: 3, state: 'acknowledged' }),
        ],
        silenced: [],
        recent: [],
        counts: { critical: 0, warning: 3, info: 0 },
      },
    });
    expect(newestFiring(m)?.id).toBe('new');
    expect(newestFiring(null)).toBeNull();
  });

  it('changes the chart key only when what charts draw changes', () => {
    const a = monitoring();
    expect(chartKey(a)).toBe(chartKey(monitoring({ time: 2 * HOUR + 1000 })));
    expect(chartKey(a)).not.toBe(chartKey(monitoring({ windowsClosed: 3 })));
  });
});

describe('readDebrief', () => {
  it('reads a debrief by its format tag and reports the host’s refusal plainly', () => {
    const d = readDebrief({ format: 'driftdrill-debrief', score: { total: 70, max: 100 } });
    expect(d).toMatchObject({ ok: true, score: 70, maxScore: 100 });
    expect(readDebrief({ ok: false, error: 'Scoring is not available.' })).toEqual({
      ok: false,
      error: 'Scoring is not available.',
    });
    expect(readDebrief(null).ok).toBe(false);
    expect(readDebrief({ something: 1 }).ok).toBe(false);
  });
});
