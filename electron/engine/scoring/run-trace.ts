/**
 * What scoring and the debrief keep of a finished run: ledger windows, fault intervals,
 * alerts and the decision log. Plain data, small (a few hundred windows), so baselines can
 * be cached and a debrief serialised without holding a whole session.
 */
import type { FaultSpec, FaultType } from '../scenario/schema';
import type { Session } from '../session';
import type { DecisionLogEntry } from '../session-types';
import type { OutcomeWindow } from '../world/outcome-ledger';

/** When a fault acted in a run: from `at` until `end` (null = still acting at the end). */
export interface FaultInterval {
  id: string;
  type: FaultType;
  at: number;
  end: number | null;
  /** Who ended it early ("revert of …", "platform team"), if anyone did. */
  endedBy: string | null;
  /** Injected live by a facilitator rather than written in the scenario. */
  injected: boolean;
  source: string | null;
  field: string | null;
  description: string | null;
  spec: FaultSpec;
}

/** An alert as the learner saw it. */
export interface AlertView {
  id: string;
  ruleId: string;
  metric: string;
  field: string | null;
  source: string | null;
  severity: 'info' | 'warning' | 'critical';
  firedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  message: string;
}

/** A finished run reduced to what scoring needs. */
export interface RunTrace {
  seed: number;
  /** Virtual time the run stopped (ms). */
  end: number;
  windowMs: number;
  windows: OutcomeWindow[];
  faults: FaultInterval[];
  /** Null when the run had monitoring off. */
  alerts: AlertView[] | null;
  decisions: DecisionLogEntry[];
}

function faultField(spec: FaultSpec): string | null {
  return 'field' in spec && typeof spec.field === 'string' ? spec.field : null;
}

/** The fault intervals of a session: scenario and injected faults, with early ends. */
export function faultIntervals(session: Session): FaultInterval[] {
  const endedBy = new Map<string, string>();
  for (const e of session.events.toArray())
    if (e.kind === 'fault-ended') endedBy.set(e.faultId, e.by);
  const declared = new Set(session.scenario.faults.map((f) => f.id));
  return session.faults.all().map((spec) => {
    const stopped = session.faults.endTime(spec.id);
    const ends = [spec.until, stopped].filter((x): x is number => x !== undefined && x !== null);
    const end = ends.length > 0 ? Math.max(spec.at, Math.min(...ends)) : null;
    return {
      id: spec.id,
      type: spec.type,
      at: spec.at,
      end,
      endedBy:
        stopped !== null && (spec.until === undefined || stopped < spec.until)
          ? (endedBy.get(spec.id) ?? 'a fix')
          : null,
      injected: !declared.has(spec.id),
      source: spec.scope.source ?? null,
      field: faultField(spec),
      description: spec.description ?? null,
      spec,
    };
  });
}

/** The alerts a session's monitor raised, oldest first; null when monitoring was off. */
export function alertViews(session: Session): AlertView[] | null {
  if (!session.monitor) return null;
  return session.monitor.alerts().map((a) => ({
    id: a.id,
    ruleId: a.ruleId,
    metric: a.metric,
    field: a.field ?? null,
    source: a.source ?? null,
    severity: a.severity,
    firedAt: a.firedAt,
    acknowledgedAt: a.acknowledgedAt ?? null,
    resolvedAt: a.resolvedAt ?? null,
    message: a.message,
  }));
}

/** Reduces a finished session to its trace (copies: the session may run on). */
export function traceRun(session: Session): RunTrace {
  return {
    seed: session.seed,
    end: session.now,
    windowMs: session.ledger.windowMs,
    windows: session.ledger.list().map((w) => ({ ...w })),
    faults: faultIntervals(session),
    alerts: alertViews(session),
    decisions: session.decisions.map((d) => ({ ...d })),
  };
}

/** Whether a fault acts at virtual time `t`. */
export function activeAt(f: FaultInterval, t: number): boolean {
  return t >= f.at && (f.end === null || t < f.end);
}
