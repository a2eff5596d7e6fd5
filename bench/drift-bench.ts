import { scenarioSchema, type ScenarioInput } from '../electron/engine/scenario/schema';
import { Monitor } from '../electron/engine/monitor/monitor';
import { Session } from '../electron/engine/session';
import type { RequestRecord } from '../electron/engine/pipeline/request-record';

const NUMERIC = 20;
const CATEGORICAL = 10;

/** A scenario with 20 numeric and 10 categorical fields, a large reference and a shift at 2h. */
function wideScenario() {
  const fields: NonNullable<ScenarioInput['service']>['fields'] = [];
  for (let i = 0; i < NUMERIC; i++) {
    fields.push({
      name: `x${i}`,
      type: 'number',
      distribution: { kind: 'normal', mean: 10, sd: 2 },
    });
  }
  for (let i = 0; i < CATEGORICAL; i++) {
    fields.push({
      name: `c${i}`,
      type: 'category',
      distribution: { kind: 'categorical', weights: { a: 0.5, b: 0.3, c: 0.15, d: 0.05 } },
    });
  }
  return scenarioSchema.parse({
    version: 1,
    id: 'wide',
    title: 'Wide request schema',
    difficulty: 'advanced',
    duration: '6h',
    briefing: { service: 'Benchmark service' },
    service: {
      task: 'benchmark',
      traffic: { ratePerMinute: 3000, sources: [{ name: 'all', share: 1 }] },
      fields,
      labels: { intercept: -2, terms: [{ kind: 'linear', field: 'x0', weight: 0.2, center: 10 }] },
      models: [{ version: 'v1', features: ['x0', 'x1', 'c0'], training: { samples: 2000 } }],
      serving: 'v1',
      pipeline: { model: { latencyMs: { median: 20, p95: 60 } }, timeoutMs: 500 },
    },
    faults: [{ id: 'shift', type: 'covariate-drift', field: 'x3', meanShift: 1, at: '2h' }],
    monitoring: { window: '5m', reference: { from: 0, to: '2h' } },
  });
}

/**
 * Times the monitor's window close (where every field's drift is computed) for the wide
 * scenario: records are replayed into a fresh Monitor and only the closing call is timed.
 */
export function benchWindowDrift(): { medianMs: number; windows: number } {
  const scenario = wideScenario();
  const records: RequestRecord[] = [];
  new Session(scenario, { monitoring: false, onRecord: (r) => void records.push(r) }).advanceTo(
    scenario.duration,
  );
  const monitor = new Monitor(scenario);
  const window = scenario.monitoring.window;
  const timings: number[] = [];
  let next = window;
  for (const r of records) {
    while (r.t >= next) {
      const t0 = performance.now();
      monitor.advanceTo(next);
      if (next > 2 * 3_600_000) timings.push(performance.now() - t0);
      next += window;
    }
    monitor.observe(r);
  }
  timings.sort((a, b) => a - b);
  return { medianMs: timings[Math.floor(timings.length / 2)] ?? NaN, windows: timings.length };
}
