/**
 * Scores a session: replays the learner's decision log (or takes the finished session), replays
 * doing nothing and the reference response on the same seed, and scores every criterion.
 */
import type { Command } from '../commands';
import type { Scenario } from '../scenario/schema';
import type { Session } from '../session';
import { actionsOfLog, needsMonitor, runWithActions, type ReplayAction } from './replay';
import { referenceActions } from './reference-actions';
import { alertViews, faultIntervals, traceRun, type RunTrace } from './run-trace';
import { alertShowsFault } from './criteria/relevance';
import { totalsFrom } from './windows';
import { roundPoints } from './format';
import { verdictOf } from './verdict';
import type { CriterionId, CriterionScore, RunFigures, ScoreReport } from './score-types';
import {
  buildContext,
  firstFaultOf,
  incidentSignal,
  type Baselines,
  type RunContext,
  type Signal,
} from './criteria/context';
import { scoreDetect, scoreDiagnoseTime, scoreMitigate } from './criteria/timing';
import { scoreCost, scoreHarm } from './criteria/outcomes';
import { scoreDiagnosis } from './criteria/diagnosis';
import { scoreActionQuality, scoreDisruption } from './criteria/actions';
import { scoreProcess } from './criteria/process';
import { scoreHints } from './criteria/hints';

/** A logged command: what a session file or decision log holds for each decision. */
export interface LoggedCommand {
  t: number;
  command: Command;
  role?: string;
}

/** Ways to skip work the caller has already done. */
export interface ScoreOptions {
  /**
   * The learner's session (with monitoring), used instead of replaying `decisions` when it has
   * run to the scenario's end; an unfinished one is left alone and the log replayed instead.
   */
  learner?: Session;
}

/** A scored session with the traces behind it, for the debrief. */
export interface Evaluation {
  report: ScoreReport;
  learner: RunTrace;
  baselines: Baselines;
  context: RunContext;
}

const SCORERS: readonly ((ctx: RunContext) => CriterionScore)[] = [
  scoreDetect,
  scoreDiagnoseTime,
  scoreMitigate,
  scoreHarm,
  scoreCost,
  scoreDiagnosis,
  scoreActionQuality,
  scoreProcess,
  scoreDisruption,
  scoreHints,
];

/** Baseline traces per scenario object, by seed and facilitator injections; each is a full replay. */
const baselineCache = new WeakMap<Scenario, Map<string, Baselines>>();
const MAX_CACHED_SEEDS = 32;

/**
 * The do-nothing and reference replays for a seed. A facilitator's fault injections are part
 * of the world, so both baselines replay them too.
 */
export function baselinesFor(
  scenario: Scenario,
  seed: number,
  injections: readonly ReplayAction[],
): Baselines {
  const key = `${seed}|${JSON.stringify(injections)}`;
  let bySeed = baselineCache.get(scenario);
  if (!bySeed) baselineCache.set(scenario, (bySeed = new Map()));
  const hit = bySeed.get(key);
  if (hit) return hit;
  const reference = referenceActions(scenario);
  const referenceLog = [...injections, ...reference.actions];
  // Monitoring choices are explained in replay.ts.
  const doNothing = runWithActions(scenario, seed, injections, {
    monitoring: true,
    lean: true,
    monitorUntil: worldAlertSeen,
  });
  const referenceRun = runWithActions(scenario, seed, referenceLog, {
    monitoring: needsMonitor(referenceLog),
    lean: true,
  });
  const baselines: Baselines = {
    doNothing: traceRun(doNothing),
    reference: traceRun(referenceRun),
    referenceDerived: reference.derived,
  };
  if (bySeed.size >= MAX_CACHED_SEEDS) bySeed.delete(bySeed.keys().next().value!);
  bySeed.set(key, baselines);
  return baselines;
}

/**
 * Whether a do-nothing run has raised every alert scoring reads from it: its alerts matter
 * only through `firstAlertFor` on the first fault, and once an alert after that fault's onset
 * shows it, later alerts cannot change the answer, so the replay's monitor can stop there.
 */
function worldAlertSeen(session: Session): boolean {
  const end = session.scenario.duration;
  const fault = firstFaultOf({ faults: faultIntervals(session), end });
  if (fault === null) return true;
  return (alertViews(session) ?? []).some((a) => a.firedAt > fault.at && alertShowsFault(a, fault));
}

function scoreRun(ctx: RunContext): CriterionScore[] {
  return SCORERS.map((score) => score(ctx));
}

function sum(criteria: readonly CriterionScore[], key: 'points' | 'max'): number {
  return roundPoints(criteria.reduce((a, c) => a + c[key], 0));
}

function figures(
  ctx: RunContext,
  recovery: RunContext['recovery']['run'],
  criteria: readonly CriterionScore[],
): RunFigures {
  const from = ctx.onset ?? 0;
  const t = totalsFrom(ctx.run, from);
  return {
    harmAfterOnset: t.harm,
    harmRateAfterOnset: t.requests > 0 ? t.harm / t.requests : 0,
    costPerHourAfterOnset: t.hours > 0 ? t.costUsd / t.hours : 0,
    recoveredAt: recovery?.recoveredAt ?? null,
    exceeded: recovery?.exceeded ?? false,
    total: sum(criteria, 'points'),
    points: Object.fromEntries(criteria.map((c) => [c.id, c.points])) as Record<
      CriterionId,
      number
    >,
  };
}

/** Scores a session and keeps the traces behind the score. */
export function evaluateSession(
  scenario: Scenario,
  seed: number,
  decisions: readonly LoggedCommand[],
  options: ScoreOptions = {},
): Evaluation {
  const actions = actionsOfLog(decisions);
  const injections = actions.filter((a) => a.command.type === 'inject-fault');
  const live = options.learner?.finished ? options.learner : null;
  const learner = traceRun(
    live ?? runWithActions(scenario, seed, actions, { monitoring: true, lean: true }),
  );
  const baselines = baselinesFor(scenario, seed, injections);
  const onset = firstFaultOf(learner)?.at ?? null;
  const signal: Signal = incidentSignal(scenario, baselines, onset);
  const context = buildContext(scenario, learner, baselines, signal);
  const criteria = scoreRun(context);
  const total = sum(criteria, 'points');
  const max = sum(criteria, 'max');

  const asRun = (run: RunTrace) => buildContext(scenario, run, baselines, signal);
  const dnCtx = asRun(baselines.doNothing);
  const refCtx = asRun(baselines.reference);
  const harm = {
    mine: totalsFrom(learner, onset ?? 0).harm,
    doNothing: totalsFrom(baselines.doNothing, onset ?? 0).harm,
  };
  const report: ScoreReport = {
    scenarioId: scenario.id,
    seed,
    total,
    max,
    verdict: verdictOf(criteria, total, max, harm),
    criteria,
    onset,
    signal: { kind: signal.kind, threshold: signal.threshold, source: signal.source },
    rootCauses: context.rubric.rootCauses,
    rubricDerived: context.rubric.derived,
    referenceDerived: baselines.referenceDerived,
    runs: {
      learner: figures(context, context.recovery.run, criteria),
      doNothing: figures(dnCtx, context.recovery.doNothing, scoreRun(dnCtx)),
      reference: figures(refCtx, context.recovery.reference, scoreRun(refCtx)),
    },
  };
  return { report, learner, baselines, context };
}

/**
 * Scores the learner's decision log on `seed` against doing nothing and the scenario's
 * reference response. Deterministic: the same inputs give a deep-equal report.
 */
export function scoreSession(
  scenario: Scenario,
  seed: number,
  decisions: readonly LoggedCommand[],
  options: ScoreOptions = {},
): ScoreReport {
  return evaluateSession(scenario, seed, decisions, options).report;
}
