/**
 * A benign change (holiday-mix-benign: after the holidays, returns are gifts bought weeks ago,
 * more toys, more kiosk traffic; all ramped in over an hour from 2h) must fire drift alerts, as
 * real seasonal change does, while the harm-related metrics stay inside their alert thresholds:
 * flag rate within ±50% of the reference, accuracy on arrived labels within 5 points of the
 * reference, error and timeout rates under max(2 × reference, 2%). The run lasts 8 hours, so the
 * labels (2 hours late) of six hours of post-change requests are in.
 */

import { describe, expect, it } from 'vitest';
import type { WindowMetrics } from '../../electron/engine/monitor/window-metrics';
import { HOUR, libraryScenario, monitoredRun, windowsIn } from './helpers';

const scenario = libraryScenario('holiday-mix-benign');
const ONSET = 2 * HOUR;
const W = scenario.monitoring.window;
/** Drift alerts expected, with the bound in windows after onset (measured: 3 and 6). */
const DRIFT_ALERTS = [
  { rule: 'default.input-drift.days_since_purchase', within: 6 },
  { rule: 'default.input-drift.gift_order', within: 10 },
];
/** Rules about harm: none of them may fire. */
const HARM_RULES = [
  'default.flag-rate-change',
  'default.accuracy-drop.warning',
  'default.accuracy-drop.critical',
  'default.error-rate',
  'default.timeout-rate',
  'default.fallback-share',
  'default.latency-p95-budget',
  'default.label-coverage',
];

function run(): { history: readonly WindowMetrics[]; reference: WindowMetrics[] } {
  const monitor = monitoredRun(scenario, scenario.duration);
  const history = monitor.history();
  const ref = scenario.monitoring.reference;
  if (ref === undefined) throw new Error('holiday-mix-benign has no explicit reference');
  return { history, reference: windowsIn(history, ref.from, ref.to) };
}

/** Pooled rate over windows: Σ numerator / Σ denominator. */
function pooled(
  windows: readonly WindowMetrics[],
  num: (w: WindowMetrics) => number,
  den: (w: WindowMetrics) => number,
): number {
  let n = 0;
  let d = 0;
  for (const w of windows) {
    n += num(w);
    d += den(w);
  }
  return n / d;
}

describe('benign change: drift fires, harm-related metrics stay inside their thresholds', () => {
  it.each(DRIFT_ALERTS)('fires $rule within $within windows of the change', (e) => {
    const monitor = monitoredRun(scenario, ONSET + (e.within + 1) * W);
    const first = monitor.alerts().find((a) => a.ruleId === e.rule && a.firedAt > ONSET);
    expect(first, `${e.rule} did not fire`).toBeDefined();
    if (first === undefined) return;
    expect(first.severity).toBe('warning');
    expect((first.firedAt - ONSET) / W).toBeLessThanOrEqual(e.within);
  });

  it('raises no harm alert and no critical alert in 8 hours', () => {
    const monitor = monitoredRun(scenario, scenario.duration);
    const bad = monitor
      .alerts()
      .filter((a) => HARM_RULES.includes(a.ruleId) || a.severity === 'critical');
    expect(bad.map((a) => a.message)).toEqual([]);
  });

  it('keeps the flag rate of every window within ±50% of the reference', () => {
    const { history, reference } = run();
    const ref = pooled(
      reference,
      (w) => w.output.flagged,
      (w) => w.requests,
    );
    const after = windowsIn(history, ONSET, scenario.duration);
    expect(after.length).toBeGreaterThan(60);
    for (const w of after) {
      const change = Math.abs((w.output.flagRate ?? ref) - ref) / ref;
      expect(change, `window ${w.index}: flag rate ${w.output.flagRate}, ref ${ref}`).toBeLessThan(
        0.5,
      );
    }
  });

  it('keeps accuracy on arrived labels within 5 points of the reference', () => {
    const { history, reference } = run();
    // The reference accuracy is pooled over the reference requests' labels, as the rule's is.
    const ref = pooled(
      reference,
      (w) => (w.perf.byRequest.accuracy ?? 0) * w.perf.byRequest.labelled,
      (w) => w.perf.byRequest.labelled,
    );
    // Windows whose arriving labels are for requests made after the change started.
    const judged = windowsIn(history, ONSET + scenario.service.labels.delay, scenario.duration)
      .map((w) => w.perf.arrived)
      .filter((p) => p.labelled >= 100);
    expect(judged.length).toBeGreaterThan(40);
    for (const p of judged) expect(p.accuracy ?? 0).toBeGreaterThanOrEqual(ref - 0.05);
  });

  it('keeps error and timeout rates under max(2 × reference, 2%)', () => {
    const { history, reference } = run();
    const refErrors = pooled(
      reference,
      (w) => (w.system.errorRate ?? 0) * w.requests,
      (w) => w.requests,
    );
    const refTimeouts = pooled(
      reference,
      (w) => (w.system.timeoutRate ?? 0) * w.requests,
      (w) => w.requests,
    );
    for (const w of windowsIn(history, ONSET, scenario.duration)) {
      expect(w.system.errorRate ?? 0).toBeLessThanOrEqual(Math.max(2 * refErrors, 0.02));
      expect(w.system.timeoutRate ?? 0).toBeLessThanOrEqual(Math.max(2 * refTimeouts, 0.02));
    }
  });
});
