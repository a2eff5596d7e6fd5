import type { MonitoringSnapshot, SeriesName } from '../../../electron/engine/monitor/snapshot';
import type { Alert } from '../../../electron/engine/monitor/alerts';
import type { MetricName } from '../../../electron/engine/monitor/metric-names';
import type { BandSpec, SeriesPoint, ThresholdSpec } from '../charts/time-series';
import { formatClock } from './format';

/** Hours of history the console charts show (the snapshot keeps 6 h of windows). */
export const CHART_SPAN_MS = 6 * 3_600_000;

/** Returns a series as points at each window's end (virtual ms), the time its value is known. */
export function seriesPoints(m: MonitoringSnapshot, name: SeriesName): SeriesPoint[] {
  const starts = m.series.windowStart;
  const values = m.series.values[name] ?? [];
  return starts.map((start, i) => ({ t: start + m.windowMs, v: values[i] ?? null }));
}

/** Returns the chart's time range: the last 6 h, or the first 6 h while the shift is young. */
export function chartDomain(m: MonitoringSnapshot): [number, number] {
  const end = Math.max(m.openWindow.start, CHART_SPAN_MS);
  return [end - CHART_SPAN_MS, end];
}

/** Returns every alert the snapshot knows: active, silenced and recently resolved. */
export function allAlerts(m: MonitoringSnapshot): Alert[] {
  return [...m.alerts.active, ...m.alerts.silenced, ...m.alerts.recent];
}

/** Returns shaded periods for alerts on `metrics` (optionally of one field), ending now if open. */
export function alertBands(
  m: MonitoringSnapshot,
  metrics: readonly MetricName[],
  field?: string,
): BandSpec[] {
  return allAlerts(m)
    .filter((a) => metrics.includes(a.metric) && (field === undefined || a.field === field))
    .map((a) => ({
      from: a.windowStart,
      to: a.resolvedAt ?? m.time,
      severity: a.severity,
      label: `${a.severity} alert ${formatClock(a.windowStart)}–${a.resolvedAt === null ? 'now' : formatClock(a.resolvedAt)}: ${a.message}`,
    }));
}

/**
 * Returns threshold lines for `metrics`: the thresholds alerts on them fired at (whole-service
 * alerts only, since per-source thresholds do not apply to the overall line), plus `extra`.
 */
export function alertThresholds(
  m: MonitoringSnapshot,
  metrics: readonly MetricName[],
  extra: ThresholdSpec[] = [],
): ThresholdSpec[] {
  const out = [...extra];
  for (const a of allAlerts(m)) {
    if (!metrics.includes(a.metric) || a.source !== undefined || a.field !== undefined) continue;
    if (out.some((t) => Math.abs(t.value - a.threshold) <= Math.abs(a.threshold) * 1e-6)) continue;
    out.push({ value: a.threshold, label: `${a.severity} alert at`, severity: a.severity });
  }
  return out;
}

/** Returns a key that changes only when what the charts draw changes (a window closes, an alert moves). */
export function chartKey(m: MonitoringSnapshot | null): string {
  if (!m) return 'none';
  const a = m.alerts;
  return `${m.windowsClosed}|${m.reference.ready}|${a.active.length}|${a.silenced.length}|${a.recent.length}|${a.active.map((x) => x.state).join('')}|${a.recent[0]?.resolvedAt ?? ''}`;
}

/** Returns the newest alert still firing (not acknowledged, not silenced), if any. */
export function newestFiring(m: MonitoringSnapshot | null): Alert | null {
  if (!m) return null;
  let best: Alert | null = null;
  for (const a of m.alerts.active)
    if (a.state === 'firing' && (!best || a.firedAt > best.firedAt)) best = a;
  return best;
}

/** Returns the source whose values of `field` moved most (by PSI) in the latest window, if any moved. */
export function mostShiftedSource(
  m: MonitoringSnapshot,
  field: string,
): { source: string; psi: number } | null {
  const f = m.latest?.input.fields.find((x) => x.field === field);
  if (!f) return null;
  let best: { source: string; psi: number } | null = null;
  for (const s of f.bySource)
    if (s.psi !== null && (!best || s.psi > best.psi)) best = { source: s.source, psi: s.psi };
  return best;
}
