/**
 * The compact monitoring snapshot the UI polls (up to 10 a second): the latest window, short
 * histories as arrays of numbers, the drift table, alerts and the route comparison. Plain
 * objects, arrays, numbers, strings and null only, so it survives structuredClone and JSON.
 */
import type { Alert } from './alerts';
import type { DriftTest, FieldType } from './field-monitor';
import type { MetricName } from './metric-names';
import type { WindowMetrics } from './window-metrics';

/** Windows of history in a snapshot's series and sparklines (6 h of 5-minute windows). */
export const SNAPSHOT_WINDOWS = 72;
/** Resolved alerts listed as "recent". */
export const SNAPSHOT_RECENT_ALERTS = 20;
/** Windows summed for the route comparison (labels are sparse; one window is too few). */
export const ROUTE_WINDOWS = 12;

/** Series in a snapshot: overall metrics plus accuracy by request window. */
export const SERIES = [
  'system.request_rate',
  'system.latency_p50',
  'system.latency_p95',
  'system.latency_p99',
  'system.timeout_rate',
  'system.error_rate',
  'system.retry_rate',
  'system.tokens_per_request',
  'system.cost_per_request',
  'system.cost_per_hour',
  'input.violation_share',
  'input.dataset_drift_share',
  'output.flag_rate',
  'output.score_drift',
  'output.mean_confidence',
  'output.fallback_share',
  'perf.accuracy',
  'perf.accuracy_by_request',
  'perf.estimated_accuracy',
  'perf.precision',
  'perf.recall',
  'perf.calibration_error',
  'perf.label_coverage',
  'perf.label_lag',
] as const satisfies readonly (MetricName | 'perf.accuracy_by_request')[];
export type SeriesName = (typeof SERIES)[number];

/** One row of the drift table. */
export interface DriftRow {
  field: string;
  type: FieldType;
  test: DriftTest | null;
  statistic: number | null;
  pValue: number | null;
  threshold: number | null;
  drifted: boolean | null;
  psi: number | null;
  missingShare: number | null;
  violationShare: number | null;
  unseenCategoryShare: number | null;
  /** The test statistic over the last windows (oldest first). */
  sparkline: (number | null)[];
}

/** One route in the release comparison. */
export interface RouteRow {
  route: 'serving' | 'candidate' | 'shadow';
  requests: number;
  flagRate: number | null;
  meanScore: number | null;
  labelled: number;
  accuracy: number | null;
}

/** Everything the dashboard shows, in one serialisable object. */
export interface MonitoringSnapshot {
  /** Virtual time (ms) monitoring has reached. */
  time: number;
  windowMs: number;
  windowsClosed: number;
  reference: {
    from: number;
    to: number;
    ready: boolean;
    windows: number;
    rows: number;
    /** A rebaseline waiting for the open window to close. */
    pending: boolean;
  };
  openWindow: { start: number; end: number; requests: number };
  latest: WindowMetrics | null;
  series: { windowStart: number[]; values: Record<SeriesName, (number | null)[]> };
  drift: DriftRow[];
  alerts: {
    active: Alert[];
    silenced: Alert[];
    recent: Alert[];
    counts: { critical: number; warning: number; info: number };
  };
  routes: RouteRow[];
  warnings: string[];
}

function seriesValue(w: WindowMetrics, name: SeriesName): number | null {
  switch (name) {
    case 'system.request_rate':
      return w.system.requestRate;
    case 'system.latency_p50':
      return w.system.latencyP50;
    case 'system.latency_p95':
      return w.system.latencyP95;
    case 'system.latency_p99':
      return w.system.latencyP99;
    case 'system.timeout_rate':
      return w.system.timeoutRate;
    case 'system.error_rate':
      return w.system.errorRate;
    case 'system.retry_rate':
      return w.system.retryRate;
    case 'system.tokens_per_request':
      return w.system.tokensPerRequest;
    case 'system.cost_per_request':
      return w.system.costPerRequest;
    case 'system.cost_per_hour':
      return w.system.costPerHour;
    case 'input.violation_share':
      return w.input.violationShare;
    case 'input.dataset_drift_share':
      return w.input.datasetDriftShare;
    case 'output.flag_rate':
      return w.output.flagRate;
    case 'output.score_drift':
      return w.output.scoreDrift?.psi ?? null;
    case 'output.mean_confidence':
      return w.output.meanConfidence;
    case 'output.fallback_share':
      return w.output.fallbackShare;
    case 'perf.accuracy':
      return w.perf.arrived.accuracy;
    case 'perf.accuracy_by_request':
      return w.perf.byRequest.accuracy;
    case 'perf.estimated_accuracy':
      return w.perf.estimatedAccuracy;
    case 'perf.precision':
      return w.perf.arrived.precision;
    case 'perf.recall':
      return w.perf.arrived.recall;
    case 'perf.calibration_error':
      return w.perf.arrived.calibrationError;
    case 'perf.label_coverage':
      return w.perf.maturedCoverage;
    case 'perf.label_lag':
      return w.perf.labelLagMs;
  }
}

/** Inputs the snapshot is built from (owned by the Monitor). */
export interface SnapshotSource {
  time: number;
  windowMs: number;
  windowsClosed: number;
  reference: MonitoringSnapshot['reference'];
  openWindow: MonitoringSnapshot['openWindow'];
  history: readonly WindowMetrics[];
  alerts: readonly Alert[];
  warnings: readonly string[];
}

function routeRows(recent: readonly WindowMetrics[]): RouteRow[] {
  const rows: RouteRow[] = [];
  for (const route of ['serving', 'candidate', 'shadow'] as const) {
    let requests = 0;
    let flagged = 0;
    let scored = 0;
    let scoreSum = 0;
    let labelled = 0;
    let correct = 0;
    for (const w of recent) {
      const r = w.routes[route];
      if (r === null) continue;
      requests += r.requests;
      flagged += (r.flagRate ?? 0) * r.requests;
      scored += r.scored;
      scoreSum += (r.meanScore ?? 0) * r.scored;
      labelled += r.labelled;
      correct += (r.accuracy ?? 0) * r.labelled;
    }
    if (route !== 'serving' && requests === 0) continue;
    rows.push({
      route,
      requests,
      flagRate: requests > 0 ? flagged / requests : null,
      meanScore: scored > 0 ? scoreSum / scored : null,
      labelled,
      accuracy: labelled > 0 ? correct / labelled : null,
    });
  }
  return rows;
}

/** Builds a snapshot; O(windows shown × metrics), a few tens of microseconds. */
export function buildSnapshot(src: SnapshotSource): MonitoringSnapshot {
  const h = src.history;
  const shown = h.slice(Math.max(0, h.length - SNAPSHOT_WINDOWS));
  const latest = h.length > 0 ? h[h.length - 1] : null;

  const values = {} as Record<SeriesName, (number | null)[]>;
  for (const name of SERIES) values[name] = shown.map((w) => seriesValue(w, name));

  const drift: DriftRow[] = (latest?.input.fields ?? []).map((f, i) => ({
    field: f.field,
    type: f.type,
    test: f.drift?.test ?? null,
    statistic: f.drift?.statistic ?? null,
    pValue: f.drift?.pValue ?? null,
    threshold: f.drift?.threshold ?? null,
    drifted: f.drift?.drifted ?? null,
    psi: f.drift?.psi ?? null,
    missingShare: f.missingShare,
    violationShare: f.violationShare,
    unseenCategoryShare: f.unseenCategoryShare,
    sparkline: shown.map((w) => w.input.fields[i]?.drift?.statistic ?? null),
  }));

  const active: Alert[] = [];
  const silenced: Alert[] = [];
  const recent: Alert[] = [];
  const counts = { critical: 0, warning: 0, info: 0 };
  for (let i = src.alerts.length - 1; i >= 0; i--) {
    const a = src.alerts[i];
    if (a.state === 'resolved') {
      if (recent.length < SNAPSHOT_RECENT_ALERTS) recent.push({ ...a });
    } else if (a.silencedUntil !== null && a.silencedUntil > src.time) silenced.push({ ...a });
    else {
      active.push({ ...a });
      counts[a.severity]++;
    }
  }

  return {
    time: src.time,
    windowMs: src.windowMs,
    windowsClosed: src.windowsClosed,
    reference: { ...src.reference },
    openWindow: { ...src.openWindow },
    latest,
    series: { windowStart: shown.map((w) => w.start), values },
    drift,
    alerts: { active, silenced, recent, counts },
    routes: routeRows(h.slice(Math.max(0, h.length - ROUTE_WINDOWS))),
    warnings: src.warnings.slice(),
  };
}
