/**
 * Synthetic request streams for the monitoring tests. Each helper names what it builds, so a
 * test reads as "a reference of normal traffic, then an hour with `amount` shifted".
 */
import type {
  LabelArrival,
  Payload,
  RequestRecord,
} from '../../../electron/engine/pipeline/request-record';
import {
  scenarioSchema,
  type Scenario,
  type ScenarioInput,
} from '../../../electron/engine/scenario/schema';
import type { Millis, Usd } from '../../../electron/engine/units';
import { Monitor } from '../../../electron/engine/monitor/monitor';
import type { WindowMetrics } from '../../../electron/engine/monitor/window-metrics';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const WINDOW = 5 * MINUTE;

/** Deterministic uniform [0, 1) generator (mulberry32) so streams are the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw from a uniform generator (Box–Muller). */
export function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

type MonitoringInput = NonNullable<ScenarioInput['monitoring']>;

/** Options for the test scenario; everything else is a small fixed service. */
export interface ScenarioOptions {
  window?: string;
  reference?: { from: number; to: number };
  alerts?: MonitoringInput['alerts'];
  tests?: MonitoringInput['tests'];
  duration?: string;
  labelDelay?: string;
  latencyBudget?: number | null;
  costBudget?: number | null;
  /** Extra numeric fields num_0 … num_{n-1}, for wide-record tests. */
  extraNumbers?: number;
}

/**
 * A scenario with fields amount (number), country (category DE/FR/IT), new_device (boolean),
 * sources app and partner, 5-minute windows and a 1-hour reference unless told otherwise.
 */
export function monitorScenario(o: ScenarioOptions = {}): Scenario {
  const extra = Array.from({ length: o.extraNumbers ?? 0 }, (_, i) => ({
    name: `num_${i}`,
    type: 'number' as const,
    distribution: { kind: 'normal' as const, mean: 0, sd: 1 },
  }));
  const input: ScenarioInput = {
    version: 1,
    id: 'monitor-test',
    title: 'Monitor test service',
    difficulty: 'beginner',
    duration: o.duration ?? '24h',
    seed: 3,
    briefing: { service: 'A test service.' },
    service: {
      task: 'Flag things.',
      traffic: {
        ratePerMinute: 100,
        sources: [
          { name: 'app', share: 0.7 },
          { name: 'partner', share: 0.3 },
        ],
      },
      fields: [
        {
          name: 'amount',
          type: 'number',
          range: [0, 10000],
          distribution: { kind: 'normal', mean: 100, sd: 20 },
        },
        {
          name: 'country',
          type: 'category',
          distribution: { kind: 'categorical', weights: { DE: 0.5, FR: 0.3, IT: 0.2 } },
        },
        { name: 'new_device', type: 'boolean', distribution: { kind: 'bernoulli', p: 0.1 } },
        ...extra,
      ],
      labels: { intercept: 0, terms: [], delay: o.labelDelay ?? '30m' },
      models: [{ version: 'v1', features: ['amount'] }],
      serving: 'v1',
      pipeline: { model: { latencyMs: { median: 40, p95: 120 } }, timeoutMs: 1000 },
      budgets: {
        latencyMsP95: o.latencyBudget === undefined ? 300 : o.latencyBudget,
        costUsdPerHour: o.costBudget === undefined ? null : o.costBudget,
      },
    },
    monitoring: {
      window: o.window ?? '5m',
      reference: o.reference ?? { from: 0, to: 3600 },
      ...(o.alerts !== undefined ? { alerts: o.alerts } : {}),
      ...(o.tests !== undefined ? { tests: o.tests } : {}),
    },
  };
  return scenarioSchema.parse(input);
}

/** A served, scored, unflagged request at `t` with a normal payload; override anything. */
export function request(id: number, t: number, over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id,
    t: t as Millis,
    source: 'app',
    payload: { amount: 100, country: 'DE', new_device: false },
    version: 'v1',
    route: 'serving',
    shadow: null,
    score: 0.2,
    flagged: false,
    fallback: 'none',
    outcome: 'ok',
    violations: [],
    latency: { validation: 1, retrieval: 0, model: 40, backoff: 0, queue: 0, total: 41 },
    attempts: 1,
    tokens: 100,
    costUsd: 0.001 as Usd,
    label: 0,
    labelAt: null,
    harm: 0,
    ...over,
  };
}

/** How to build each request of a stream: payload and other overrides from (t, draw). */
export type RequestShaper = (t: number, u: () => number, id: number) => Partial<RequestRecord>;

/** A normal payload: amount ~ N(100 + shift, 20), countries 50/30/20, 10% new devices. */
export function normalPayload(u: () => number, amountShift = 0): Payload {
  const c = u();
  return {
    amount: 100 + amountShift + 20 * normal(u),
    country: c < 0.5 ? 'DE' : c < 0.8 ? 'FR' : 'IT',
    new_device: u() < 0.1,
  };
}

/**
 * `perMinute` requests a minute, evenly spaced over [from, to), 70% from app and 30% from
 * partner, each shaped by `shape` (default: a normal payload).
 */
export function stream(
  from: number,
  to: number,
  perMinute: number,
  seed: number,
  shape: RequestShaper = (_t, u) => ({ payload: normalPayload(u) }),
  firstId = 0,
): RequestRecord[] {
  const u = rng(seed);
  const step = MINUTE / perMinute;
  const out: RequestRecord[] = [];
  let id = firstId;
  for (let t = from; t < to; t += step) {
    const source = u() < 0.7 ? 'app' : 'partner';
    out.push(request(id, Math.floor(t), { source, ...shape(t, u, id) }));
    id++;
  }
  return out;
}

/** Feeds records to the monitor, then advances it to `until`; returns the windows closed. */
export function feed(
  m: Monitor,
  records: readonly RequestRecord[],
  until: number,
): WindowMetrics[] {
  const closed: WindowMetrics[] = [];
  for (const r of records) {
    m.observe(r);
  }
  closed.push(...m.advanceTo(until));
  return closed;
}

/** The label that would arrive for a request `delay` ms after it, with the given truth. */
export function labelFor(r: RequestRecord, label: 0 | 1, delay: number): LabelArrival {
  return {
    requestId: r.id,
    t: (r.t + delay) as Millis,
    requestT: r.t,
    source: r.source,
    version: r.version,
    route: r.route,
    score: r.score,
    flagged: r.flagged,
    label,
  };
}

/** A monitor on the default test scenario (or the given options). */
export function monitorFor(o: ScenarioOptions = {}): Monitor {
  return new Monitor(monitorScenario(o));
}

/** The field row of a window. */
export function fieldOf(w: WindowMetrics, field: string): WindowMetrics['input']['fields'][number] {
  const f = w.input.fields.find((x) => x.field === field);
  if (f === undefined) throw new Error(`no field ${field}`);
  return f;
}
