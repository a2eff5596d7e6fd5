/**
 * Reads one metric (optionally for one field and source) out of a window's metrics, and the
 * matching reference value that relative alert thresholds are built on.
 */
import { DRIFT_THRESHOLDS } from './field-monitor';
import type { MetricName } from './metric-names';
import { MIN_LABELS_FOR_ALERTS, type PerfSummary } from './performance';
import type { FieldMetrics, SourceMetrics, WindowMetrics } from './window-metrics';

/** Reference values: the reference period summarised like a window, plus its label figures. */
export interface ReferenceView {
  summary: WindowMetrics;
  /** Label-based figures of the reference requests, once their labels are complete. */
  perf: (PerfSummary & { coverage: number | null }) | null;
}

function fieldOf(w: WindowMetrics, name: string | undefined): FieldMetrics | undefined {
  if (name === undefined) return undefined;
  return w.input.fields.find((f) => f.field === name);
}

function sourceOf(w: WindowMetrics, name: string): SourceMetrics | undefined {
  return w.sources.find((s) => s.source === name);
}

function perfValue(p: PerfSummary, metric: MetricName): number | null {
  if (p.labelled < MIN_LABELS_FOR_ALERTS) return null;
  switch (metric) {
    case 'perf.accuracy':
      return p.accuracy;
    case 'perf.precision':
      return p.precision;
    case 'perf.recall':
      return p.recall;
    default:
      return p.calibrationError;
  }
}

/**
 * The value of `metric` in window `w` (null when it is undefined there: no data, no reference,
 * too few labels, or a field/source the window does not have). `input.drift` is 1 or 0.
 */
export function metricValue(
  w: WindowMetrics,
  metric: MetricName,
  field?: string,
  source?: string,
): number | null {
  const fm = fieldOf(w, field);
  const fs = fm && source !== undefined ? fm.bySource.find((s) => s.source === source) : undefined;
  const src = source !== undefined ? sourceOf(w, source) : undefined;
  if (field !== undefined && fm === undefined) return null;
  if (source !== undefined && field !== undefined && fs === undefined) return null;
  if (source !== undefined && field === undefined && src === undefined) return null;
  switch (metric) {
    case 'input.drift':
      if (fs) return fs.psi === null ? null : fs.psi > DRIFT_THRESHOLDS.psi ? 1 : 0;
      return fm?.drift ? (fm.drift.drifted ? 1 : 0) : null;
    case 'input.psi':
      if (fs) return fs.psi;
      return fm?.drift?.psi ?? null;
    case 'input.missing_share':
      return fs ? fs.missingShare : (fm?.missingShare ?? null);
    case 'input.violation_share':
      if (fs) return fs.violationShare;
      if (fm) return fm.violationShare;
      return src ? src.violationShare : w.input.violationShare;
    case 'input.unseen_category_share':
      return fm?.unseenCategoryShare ?? null;
    case 'input.dataset_drift_share':
      return w.input.datasetDriftShare;
    case 'output.flag_rate':
      return src ? src.flagRate : w.output.flagRate;
    case 'output.score_drift':
      return w.output.scoreDrift?.psi ?? null;
    case 'output.mean_confidence':
      return w.output.meanConfidence;
    case 'output.fallback_share':
      return src ? src.fallbackShare : w.output.fallbackShare;
    case 'perf.accuracy':
    case 'perf.precision':
    case 'perf.recall':
    case 'perf.calibration_error':
      return perfValue(w.perf.arrived, metric);
    case 'perf.estimated_accuracy':
      return w.perf.estimatedAccuracy;
    case 'perf.label_coverage':
      return w.perf.maturedCoverage;
    case 'perf.label_lag':
      return w.perf.labelLagMs;
    case 'system.request_rate':
      return src ? src.requestRate : w.system.requestRate;
    case 'system.latency_p50':
      return w.system.latencyP50;
    case 'system.latency_p95':
      return w.system.latencyP95;
    case 'system.latency_p99':
      return w.system.latencyP99;
    case 'system.timeout_rate':
      return src ? src.timeoutRate : w.system.timeoutRate;
    case 'system.error_rate':
      return src ? src.errorRate : w.system.errorRate;
    case 'system.retry_rate':
      return src ? src.retryRate : w.system.retryRate;
    case 'system.tokens_per_request':
      return w.system.tokensPerRequest;
    case 'system.cost_per_request':
      return w.system.costPerRequest;
    case 'system.cost_per_hour':
      return w.system.costPerHour;
  }
}

/** The reference value of `metric` (null before the reference, or before its labels are in). */
export function referenceValue(
  ref: ReferenceView | null,
  metric: MetricName,
  field?: string,
  source?: string,
): number | null {
  if (ref === null) return null;
  switch (metric) {
    case 'input.drift':
    case 'input.psi':
    case 'input.dataset_drift_share':
    case 'output.score_drift':
    case 'perf.label_lag':
      // Drift is measured against the reference, so the reference has none of its own.
      return null;
    case 'perf.accuracy':
      return ref.perf?.accuracy ?? null;
    case 'perf.precision':
      return ref.perf?.precision ?? null;
    case 'perf.recall':
      return ref.perf?.recall ?? null;
    case 'perf.calibration_error':
      return ref.perf?.calibrationError ?? null;
    case 'perf.label_coverage':
      return ref.perf?.coverage ?? null;
    default:
      return metricValue(ref.summary, metric, field, source);
  }
}
