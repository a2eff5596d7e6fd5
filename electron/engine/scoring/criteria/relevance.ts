/** Which alerts speak to which fault: by metric family, field and source. */
import type { Command, InvestigationTool } from '../../commands';
import type { FaultType } from '../../scenario/schema';
import type { AlertView, FaultInterval } from '../run-trace';

/** Metric name prefixes that show each fault type. */
const FAMILIES: Record<FaultType, readonly string[]> = {
  'schema-change': ['input.', 'output.'],
  'covariate-drift': ['input.', 'output.'],
  'benign-change': ['input.', 'output.'],
  'prior-shift': ['output.', 'perf.'],
  'concept-drift': ['perf.', 'output.'],
  'latency-regression': ['system.latency', 'system.timeout', 'system.error', 'output.fallback'],
  'dependency-outage': ['system.error', 'system.timeout', 'system.retry', 'output.fallback'],
  'cost-creep': ['system.cost', 'system.tokens', 'system.retry', 'system.latency'],
  'bad-release': ['output.', 'perf.'],
  'label-outage': ['perf.label'],
};

/** Whether `alert` is evidence of `fault`: a metric of its family, on its field and source if both say. */
export function alertShowsFault(alert: AlertView, fault: FaultInterval): boolean {
  if (!FAMILIES[fault.type].some((p) => alert.metric.startsWith(p))) return false;
  if (alert.field !== null && fault.field !== null && alert.field !== fault.field) return false;
  if (alert.source !== null && fault.source !== null && alert.source !== fault.source) return false;
  return true;
}

/**
 * The first alert after onset that shows the fault, else the first alert after onset, else
 * null. An alert fires at its window's end, so one firing exactly at onset saw no fault data.
 */
export function firstAlertFor(
  alerts: readonly AlertView[],
  fault: FaultInterval,
): AlertView | null {
  const after = alerts.filter((a) => a.firedAt > fault.at).sort((a, b) => a.firedAt - b.firedAt);
  return after.find((a) => alertShowsFault(a, fault)) ?? after[0] ?? null;
}

/** Investigation tools that look where each fault type shows. */
const TOOLS: Record<FaultType, readonly InvestigationTool[]> = {
  'schema-change': ['distribution', 'sample', 'change-log'],
  'covariate-drift': ['distribution', 'sample', 'change-log', 'performance'],
  'benign-change': ['distribution', 'sample', 'change-log', 'performance'],
  'prior-shift': ['performance', 'human-review', 'sample', 'distribution'],
  'concept-drift': ['performance', 'human-review', 'sample', 'distribution'],
  'latency-regression': ['traces', 'sample', 'change-log'],
  'dependency-outage': ['traces', 'sample', 'change-log'],
  'cost-creep': ['cost', 'traces', 'change-log'],
  'bad-release': ['change-log', 'performance', 'human-review', 'sample', 'distribution'],
  'label-outage': ['performance', 'change-log'],
};

/** Whether an investigation looks where `fault` shows (a field or source it names must match). */
export function investigationShowsFault(
  c: Extract<Command, { type: 'investigate' }>,
  fault: FaultInterval,
): boolean {
  if (!TOOLS[fault.type].includes(c.tool)) return false;
  if (c.field !== undefined && fault.field !== null && c.field !== fault.field) return false;
  if (c.source !== undefined && fault.source !== null && c.source !== fault.source) return false;
  return true;
}
