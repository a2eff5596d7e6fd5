/**
 * Every metric the monitoring loop computes, by name. Alert rules refer to these names;
 * `docs/monitoring.md` gives each formula and default threshold.
 * Per-field metrics take a `field`; per-source metrics may take a `source`.
 * Harm is deliberately absent: it is scored from the log afterwards, never shown live, because
 * a real team cannot see the harm its service does while it happens.
 */
export const METRIC_NAMES = [
  'input.drift',
  'input.psi',
  'input.missing_share',
  'input.violation_share',
  'input.unseen_category_share',
  'input.dataset_drift_share',
  'output.flag_rate',
  'output.score_drift',
  'output.mean_confidence',
  'output.fallback_share',
  'perf.accuracy',
  'perf.precision',
  'perf.recall',
  'perf.calibration_error',
  'perf.estimated_accuracy',
  'perf.label_coverage',
  'perf.label_lag',
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
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics that describe one field: a rule without `field` applies to every declared field. */
export const FIELD_METRICS: ReadonlySet<MetricName> = new Set<MetricName>([
  'input.drift',
  'input.psi',
  'input.missing_share',
  'input.unseen_category_share',
]);

/** Metrics that can be narrowed to one traffic source with `source`. */
export const SOURCE_METRICS: ReadonlySet<MetricName> = new Set<MetricName>([
  'input.drift',
  'input.psi',
  'input.missing_share',
  'input.violation_share',
  'output.flag_rate',
  'output.fallback_share',
  'system.request_rate',
  'system.timeout_rate',
  'system.error_rate',
  'system.retry_rate',
]);
