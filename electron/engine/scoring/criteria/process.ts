/** Process: the habits the lessons teach, each checked only where it applies. */
import type { FaultType } from '../../scenario/schema';
import type { DecisionLogEntry } from '../../session-types';
import type { CriterionScore, EvidenceFact } from '../score-types';
import { activeAt } from '../run-trace';
import { commandOf, firstFrom, isAction, isInvestigation, learnerDecisions } from '../log-queries';
import { criterion, type RunContext } from './context';

/** Faults that first show in the inputs. */
const INPUT_FAULTS: readonly FaultType[] = ['schema-change', 'covariate-drift', 'benign-change'];
/** Faults that first show as an output shift with nothing wrong in the inputs. */
const OUTPUT_FAULTS: readonly FaultType[] = ['prior-shift', 'concept-drift', 'bad-release'];

/** One process check: whether it applied, whether it was met, and the evidence. */
export interface ProcessCheck {
  id: 'retrain-inputs' | 'inputs-first' | 'human-sample' | 'decision-note' | 'fallback';
  applies: boolean;
  met: boolean;
  seqs: number[];
  lesson: string;
}

/** An investigation with one of `tools` logged at or after `from` and before decision `act`. */
function lookBefore(
  ds: readonly DecisionLogEntry[],
  act: DecisionLogEntry,
  from: number,
  tools: readonly string[],
): DecisionLogEntry | null {
  return ds.find((d) => d.t >= from && d.seq < act.seq && isInvestigation(d, tools)) ?? null;
}

function retrainCheck(ds: readonly DecisionLogEntry[]): ProcessCheck {
  const retrain = ds.find((d) => d.result.ok && d.command.type === 'retrain') ?? null;
  const inputs = retrain ? lookBefore(ds, retrain, 0, ['distribution']) : null;
  const changes = retrain ? lookBefore(ds, retrain, 0, ['change-log']) : null;
  return {
    id: 'retrain-inputs',
    applies: retrain !== null,
    met: inputs !== null && changes !== null,
    seqs: [retrain, inputs, changes]
      .filter((d): d is DecisionLogEntry => d !== null)
      .map((d) => d.seq),
    lesson: 'Inputs and the change log checked before retraining: do not retrain blindly.',
  };
}

function firstLookCheck(
  ctx: RunContext,
  ds: readonly DecisionLogEntry[],
  output: boolean,
): ProcessCheck {
  const fault = ctx.firstFault;
  const family = output ? OUTPUT_FAULTS : INPUT_FAULTS;
  const onset = ctx.onset ?? 0;
  const act = fault && family.includes(fault.type) ? firstFrom(ds, onset, isAction) : null;
  const tools = output ? ['human-review', 'sample'] : ['distribution', 'sample'];
  const look = act ? lookBefore(ds, act, onset, tools) : null;
  return {
    id: output ? 'human-sample' : 'inputs-first',
    applies: act !== null,
    met: look !== null,
    seqs: [look, act].filter((d): d is DecisionLogEntry => d !== null).map((d) => d.seq),
    lesson: output
      ? 'A human sample or raw requests read before acting on an output shift.'
      : 'Inputs compared with the reference before acting on an input fault.',
  };
}

function noteCheck(ctx: RunContext, ds: readonly DecisionLogEntry[]): ProcessCheck {
  const note = [...ds].reverse().find((d) => {
    const n = commandOf(d, 'note');
    return (
      n !== null &&
      d.result.ok &&
      [n.assumption, n.evidence, n.action].every((s) => s.trim().length > 0)
    );
  });
  return {
    id: 'decision-note',
    applies: ctx.onset !== null || ds.some(isAction),
    met: note !== undefined,
    seqs: note ? [note.seq] : [],
    lesson: 'A decision note written: assumption, evidence, chosen action.',
  };
}

function fallbackCheck(ctx: RunContext, ds: readonly DecisionLogEntry[]): ProcessCheck {
  const outages = ctx.run.faults.filter(
    (f) => f.type === 'dependency-outage' && f.at < ctx.run.end,
  );
  const changes = ds.filter((d) => d.result.ok && d.command.type === 'set-fallback');
  // The fallback mode in force at t: the scenario's, then each set-fallback in turn.
  const modeAt = (t: number): string => {
    let mode: string = ctx.scenario.service.pipeline.fallback.mode;
    for (const d of changes) if (d.t <= t) mode = commandOf(d, 'set-fallback')!.mode;
    return mode;
  };
  const good = (mode: string) => mode === 'rule' || mode === 'manual-review';
  const met = outages.some(
    (f) => good(modeAt(f.at)) || changes.some((d) => activeAt(f, d.t) && good(modeAt(d.t))),
  );
  return {
    id: 'fallback',
    applies: outages.length > 0,
    met,
    seqs: changes.map((d) => d.seq),
    lesson: 'A fallback in place while a dependency was down: users still need a next step.',
  };
}

/** Runs every process check on a run. */
export function processChecks(ctx: RunContext): ProcessCheck[] {
  const ds = learnerDecisions(ctx.run.decisions);
  return [
    retrainCheck(ds),
    firstLookCheck(ctx, ds, false),
    firstLookCheck(ctx, ds, true),
    noteCheck(ctx, ds),
    fallbackCheck(ctx, ds),
  ];
}

/** Process: the share of applicable checks met. */
export function scoreProcess(ctx: RunContext): CriterionScore {
  const max = 10;
  const checks = processChecks(ctx).filter((c) => c.applies);
  const met = checks.filter((c) => c.met);
  const facts: EvidenceFact[] = checks.map((c) => ({
    label: c.met ? 'Met' : 'Missed',
    value: c.lesson,
    unit: 'text',
  }));
  const seqs = [...new Set(checks.flatMap((c) => c.seqs))].sort((a, b) => a - b);
  if (checks.length === 0)
    return criterion('process', 'Process', max, 1, 'No process checks applied to this run.', {
      seqs,
      facts,
    });
  const missed = checks.find((c) => !c.met);
  const explanation = missed
    ? `${met.length} of ${checks.length} checks met; missed: ${missed.lesson}`
    : `${checks.length === 1 ? 'The one check that applied was met' : `All ${checks.length} checks met`}: look, then act, then write it down.`;
  return criterion('process', 'Process', max, met.length / checks.length, explanation, {
    seqs,
    facts,
  });
}
