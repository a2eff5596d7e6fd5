/** The monitoring loop's public surface (see docs/monitoring.md). */
export { Monitor } from './monitor';
export type { AlertsExport, FieldComparison, MetricsExport, RebaselineResult } from './monitor';
export type { MonitoringSnapshot, DriftRow, RouteRow, SeriesName } from './snapshot';
export type {
  FieldMetrics,
  PerfMetrics,
  RouteMetrics,
  SourceFieldMetrics,
  SourceMetrics,
  WindowMetrics,
} from './window-metrics';
export type { Alert, AlertRule, AlertState, Op, Severity, ThresholdSpec } from './alerts';
export type { DriftTest, FieldDrift, FieldType } from './field-monitor';
export type { PerfSummary } from './performance';
export { METRIC_NAMES, type MetricName } from './metric-names';
