/**
 * Ground-truth harm and cost per ledger window: the curves the debrief draws and the sums
 * and recovery times the outcome criteria compare across runs.
 */
import type { OutcomeWindow } from '../world/outcome-ledger';
import type { RunTrace } from './run-trace';

const HOUR_MS = 3_600_000;

/** One point of a run's curve: window start (ms), harm per request, cost in USD per hour. */
export interface CurvePoint {
  t: number;
  harmRate: number;
  costPerHour: number;
}

/** Which measure shows the incident: harm per request, cost per request, or neither. */
export type SignalKind = 'harm' | 'cost' | 'none';

/** Harm per request in a window (0 for an empty window). */
export function harmRate(w: OutcomeWindow): number {
  return w.requests > 0 ? w.harm / w.requests : 0;
}

/** Cost per request in a window, USD (0 for an empty window). */
export function costRate(w: OutcomeWindow): number {
  return w.requests > 0 ? w.costUsd / w.requests : 0;
}

/** Harm and cost per window of a run, for charts. */
export function curveOf(trace: RunTrace): CurvePoint[] {
  return trace.windows.map((w) => ({
    t: w.start,
    harmRate: harmRate(w),
    costPerHour: (w.costUsd * HOUR_MS) / trace.windowMs,
  }));
}

/** Totals over a span of windows. */
export interface SpanTotals {
  requests: number;
  harm: number;
  costUsd: number;
  /** Virtual hours the span covers. */
  hours: number;
}

/** Start of the window holding `t`. */
export function windowStartOf(trace: RunTrace, t: number): number {
  return Math.floor(t / trace.windowMs) * trace.windowMs;
}

/** Totals over the windows from the one holding `from` to the end of the run. */
export function totalsFrom(trace: RunTrace, from: number): SpanTotals {
  const start = windowStartOf(trace, from);
  const out: SpanTotals = { requests: 0, harm: 0, costUsd: 0, hours: 0 };
  for (const w of trace.windows) {
    if (w.start < start) continue;
    out.requests += w.requests;
    out.harm += w.harm;
    out.costUsd += w.costUsd;
  }
  out.hours = Math.max(0, trace.end - start) / HOUR_MS;
  return out;
}

/** Mean rate (per request) over the windows that end at or before `t`; null if there are none. */
export function rateBefore(trace: RunTrace, t: number, kind: 'harm' | 'cost'): number | null {
  let requests = 0;
  let sum = 0;
  for (const w of trace.windows) {
    if (w.start + trace.windowMs > t) break;
    requests += w.requests;
    sum += kind === 'harm' ? w.harm : w.costUsd;
  }
  return requests > 0 ? sum / requests : null;
}

/** Mean rate (per request) over the windows starting at or after `t`; null if there are none. */
export function rateFrom(trace: RunTrace, t: number, kind: 'harm' | 'cost'): number | null {
  let requests = 0;
  let sum = 0;
  for (const w of trace.windows) {
    if (w.start < t) continue;
    requests += w.requests;
    sum += kind === 'harm' ? w.harm : w.costUsd;
  }
  return requests > 0 ? sum / requests : null;
}

/** How a run's incident signal behaved after onset. */
export interface Recovery {
  /** Whether any window after onset went over the threshold. */
  exceeded: boolean;
  /** First window over the threshold (ms), if any. */
  firstOver: number | null;
  /**
   * Start (ms) of the first window after the first breach that is back under the threshold
   * and stays there for `hold` windows (fewer if the run ends); null if it never recovers.
   */
  recoveredAt: number | null;
}

/** Finds when a run's signal first breached `threshold` after `onset` and when it came back. */
export function recoveryOf(
  trace: RunTrace,
  onset: number,
  threshold: number,
  kind: 'harm' | 'cost',
  hold = 3,
): Recovery {
  const start = windowStartOf(trace, onset);
  const ws = trace.windows.filter((w) => w.start >= start && w.requests > 0);
  const rate = kind === 'harm' ? harmRate : costRate;
  const over = ws.findIndex((w) => rate(w) > threshold);
  if (over < 0) return { exceeded: false, firstOver: null, recoveredAt: null };
  for (let i = over + 1; i < ws.length; i++) {
    const run = ws.slice(i, i + hold);
    if (run.every((w) => rate(w) <= threshold)) {
      return { exceeded: true, firstOver: ws[over].start, recoveredAt: ws[i].start };
    }
  }
  return { exceeded: true, firstOver: ws[over].start, recoveredAt: null };
}
