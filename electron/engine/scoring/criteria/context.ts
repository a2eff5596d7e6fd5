/** Everything a criterion needs to score one run against the baselines. */
import type { Scenario } from '../../scenario/schema';
import type { CriterionId, CriterionScore, Evidence } from '../score-types';
import { effectiveRubric, type EffectiveRubric } from '../rubric';
import type { AlertView, FaultInterval, RunTrace } from '../run-trace';
import { rateBefore, rateFrom, recoveryOf, type Recovery, type SignalKind } from '../windows';
import { roundPoints } from '../format';

/** Harm above this multiple of the do-nothing run's pre-onset rate counts as the incident. */
export const HARM_THRESHOLD_FACTOR = 1.5;
/** Cost per request above this multiple of the pre-onset rate counts as a cost incident. */
export const COST_THRESHOLD_FACTOR = 1.25;

/** The do-nothing and reference replays a run is compared with. */
export interface Baselines {
  /**
   * Its alerts end with the first one after the first fault's onset that shows that fault
   * (the only one scoring reads, via firstAlertFor), in their states at that moment.
   */
  doNothing: RunTrace;
  reference: RunTrace;
  /** Whether the reference was built from default rules (the scenario has none). */
  referenceDerived: boolean;
}

/** What showed the incident and the per-request threshold it was judged against. */
export interface Signal {
  kind: SignalKind;
  threshold: number | null;
  source: 'rubric' | 'do-nothing' | 'reference' | 'none';
}

/** One run in the light of its scenario and baselines. */
export interface RunContext {
  scenario: Scenario;
  run: RunTrace;
  baselines: Baselines;
  /**
   * Alerts the incident raises when left alone (the do-nothing replay's): the common clock
   * every run's detection is measured against, whatever its own actions did to monitoring.
   */
  worldAlerts: AlertView[];
  firstFault: FaultInterval | null;
  onset: number | null;
  rubric: EffectiveRubric;
  signal: Signal;
  recovery: { run: Recovery | null; doNothing: Recovery | null; reference: Recovery | null };
}

/** The earliest fault of a run, or null. */
export function firstFaultOf(run: Pick<RunTrace, 'faults' | 'end'>): FaultInterval | null {
  const started = run.faults.filter((f) => f.at < run.end);
  return started.sort((a, b) => a.at - b.at)[0] ?? null;
}

/** Decides what shows the incident: harm if doing nothing pushes it over its threshold, else cost. */
export function incidentSignal(
  scenario: Scenario,
  baselines: Baselines,
  onset: number | null,
): Signal {
  if (onset === null) return { kind: 'none', threshold: null, source: 'none' };
  const { doNothing, reference } = baselines;
  let harm: number | null = scenario.rubric.harmThreshold ?? null;
  let source: Signal['source'] = 'rubric';
  if (harm === null) {
    const before = rateBefore(doNothing, onset, 'harm');
    // A fault from the very start leaves no clean windows: use where the reference ends up.
    const after = rateFrom(reference, reference.end - (reference.end - onset) / 4, 'harm');
    const base = before ?? after;
    source = before !== null ? 'do-nothing' : 'reference';
    harm = base === null ? null : base * HARM_THRESHOLD_FACTOR;
  }
  if (harm !== null && recoveryOf(doNothing, onset, harm, 'harm').exceeded) {
    return { kind: 'harm', threshold: harm, source };
  }
  const costBefore = rateBefore(doNothing, onset, 'cost');
  if (costBefore !== null && costBefore > 0) {
    const cost = costBefore * COST_THRESHOLD_FACTOR;
    if (recoveryOf(doNothing, onset, cost, 'cost').exceeded)
      return { kind: 'cost', threshold: cost, source: 'do-nothing' };
  }
  return { kind: 'none', threshold: harm, source: harm === null ? 'none' : source };
}

/** Builds the context for scoring `run`; `signal` is shared by all runs of one report. */
export function buildContext(
  scenario: Scenario,
  run: RunTrace,
  baselines: Baselines,
  signal: Signal,
): RunContext {
  const firstFault = firstFaultOf(run);
  const onset = firstFault?.at ?? null;
  const recover = (t: RunTrace): Recovery | null =>
    onset !== null && signal.kind !== 'none' && signal.threshold !== null
      ? recoveryOf(t, onset, signal.threshold, signal.kind)
      : null;
  return {
    scenario,
    run,
    baselines,
    worldAlerts: baselines.doNothing.alerts ?? [],
    firstFault,
    onset,
    rubric: effectiveRubric(scenario, run.faults),
    signal,
    recovery: {
      run: recover(run),
      doNothing: recover(baselines.doNothing),
      reference: recover(baselines.reference),
    },
  };
}

/** Assembles a criterion score with points rounded to 0.1. */
export function criterion(
  id: CriterionId,
  label: string,
  max: number,
  fraction: number,
  explanation: string,
  evidence: Evidence,
): CriterionScore {
  return {
    id,
    label,
    points: roundPoints(max * Math.min(1, Math.max(0, fraction))),
    max,
    explanation,
    evidence,
  };
}
