/**
 * The debrief: faults revealed, alerts, the learner's and the reference's actions on one
 * timeline, harm and cost curves of the three runs, the decision note, the score table and
 * what to practise next. Markdown and HTML renderers live beside it.
 */
import type { Scenario } from '../scenario/schema';
import type { DecisionLogEntry } from '../session-types';
import { evaluateSession, type Evaluation, type LoggedCommand, type ScoreOptions } from './score';
import { ratedDecisions } from './criteria/actions';
import { describeCommand } from './describe-command';
import { curveOf } from './windows';
import { practiceFrom } from './practice';
import { hintPenalty, hintsTaken } from './criteria/hints';
import { faultDetail } from './fault-text';
import type {
  DecisionNote,
  Debrief,
  DebriefFault,
  DebriefHint,
  TimelineEntry,
} from './debrief-types';

export type { Debrief } from './debrief-types';
export { debriefToMarkdown } from './debrief-markdown';
export { debriefToHtml } from './debrief-html';

const KIND_ORDER: Record<TimelineEntry['kind'], number> = {
  'fault-onset': 0,
  'fault-end': 1,
  alert: 2,
  learner: 3,
  reference: 4,
};

function resultText(d: DecisionLogEntry): string {
  return d.result.ok ? d.result.message : `Failed: ${d.result.error}`;
}

/** When and by which role each fault was injected live, by fault id. */
function injectionsOf(decisions: readonly DecisionLogEntry[]): Map<string, DecisionLogEntry> {
  const out = new Map<string, DecisionLogEntry>();
  for (const d of decisions) {
    if (d.command.type !== 'inject-fault' || !d.result.ok) continue;
    const id = d.command.fault.id;
    if (typeof id === 'string') out.set(id, d);
  }
  return out;
}

function faultsOf(ev: Evaluation): DebriefFault[] {
  const injections = injectionsOf(ev.learner.decisions);
  return ev.learner.faults
    .filter((f) => f.at <= ev.learner.end)
    .map((f) => {
      const injection = f.injected ? injections.get(f.id) : undefined;
      return {
        id: f.id,
        type: f.type,
        at: f.at,
        end: f.end !== null && f.end <= ev.learner.end ? f.end : null,
        endedBy: f.endedBy,
        injected: f.injected,
        ...(injection ? { injectedAt: injection.t } : {}),
        ...(injection?.role ? { injectedBy: injection.role } : {}),
        description:
          f.description ??
          `${f.type}${f.field ? ` on ${f.field}` : ''}${f.source ? ` from ${f.source}` : ''}`,
      };
    });
}

/** The hints the learner took, each with the points it cost (the cap makes later ones free). */
function hintsOf(ev: Evaluation): DebriefHint[] {
  return hintsTaken(ev.learner.decisions).map((d, i) => ({
    seq: d.seq,
    t: d.t,
    ...(d.role ? { role: d.role } : {}),
    text: d.result.ok ? d.result.message : '',
    cost: hintPenalty(i + 1) - hintPenalty(i),
  }));
}

function timelineOf(
  ev: Evaluation,
  faults: readonly DebriefFault[],
  hints: readonly DebriefHint[],
): TimelineEntry[] {
  const hintCost = new Map(hints.map((h) => [h.seq, h.cost]));
  const entries: TimelineEntry[] = [];
  for (const f of faults) {
    entries.push({
      t: f.at,
      kind: 'fault-onset',
      title: `${f.type} (${f.id})${f.injected ? ', injected live by the facilitator' : ''}`,
      detail: faultDetail(f),
    });
    if (f.end !== null)
      entries.push({
        t: f.end,
        kind: 'fault-end',
        title: `${f.id} ended`,
        detail: f.endedBy ?? 'It ran its course.',
      });
  }
  for (const a of ev.learner.alerts ?? []) {
    const where = `${a.field ? ` ${a.field}` : ''}${a.source ? ` (${a.source})` : ''}`;
    entries.push({
      t: a.firedAt,
      kind: 'alert',
      title: `${a.severity}: ${a.metric}${where}`,
      detail: a.message,
    });
  }
  const ratings = new Map(ratedDecisions(ev.context).map((r) => [r.decision.seq, r.rule.rating]));
  for (const d of ev.learner.decisions) {
    // Injections are the facilitator's, not the learner's: their faults' onsets say so.
    if (d.command.type === 'inject-fault') continue;
    const rating = ratings.get(d.seq);
    const cost = hintCost.get(d.seq);
    entries.push({
      t: d.t,
      kind: 'learner',
      title:
        cost !== undefined
          ? `take a hint (${cost > 0 ? `−${cost} points` : 'free: hint penalties are capped'})`
          : describeCommand(d.command),
      detail: resultText(d),
      seq: d.seq,
      ...(rating ? { rating } : {}),
      ...(d.role ? { role: d.role } : {}),
    });
  }
  for (const d of ev.baselines.reference.decisions) {
    if (d.command.type === 'inject-fault') continue;
    entries.push({
      t: d.t,
      kind: 'reference',
      title: describeCommand(d.command),
      detail: resultText(d),
    });
  }
  // Stable: same-time entries keep their kind order, then their own order.
  return entries.sort((a, b) => a.t - b.t || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** The last decision note in a log, or null. */
export function lastNote(decisions: readonly DecisionLogEntry[]): DecisionNote | null {
  for (let i = decisions.length - 1; i >= 0; i--) {
    const d = decisions[i];
    if (d.command.type !== 'note' || !d.result.ok) continue;
    const { assumption, evidence, action, evidenceLinks, latencyBudgetKnown, costsMeasured } =
      d.command;
    return {
      seq: d.seq,
      t: d.t,
      assumption,
      evidence,
      action,
      evidenceLinks: [...evidenceLinks],
      latencyBudgetKnown,
      costsMeasured,
    };
  }
  return null;
}

/** Builds the debrief from an evaluation already computed (no further replays). */
export function debriefFromEvaluation(scenario: Scenario, ev: Evaluation): Debrief {
  const faults = faultsOf(ev);
  const hints = hintsOf(ev);
  return {
    format: 'driftdrill-debrief',
    version: 1,
    scenario: {
      id: scenario.id,
      title: scenario.title,
      difficulty: scenario.difficulty,
      durationMs: scenario.duration,
      teaches: [...scenario.teaches],
      lessons: [...scenario.rubric.lessons],
    },
    seed: ev.report.seed,
    faults,
    timeline: timelineOf(ev, faults, hints),
    curves: {
      windowMs: ev.learner.windowMs,
      learner: curveOf(ev.learner),
      doNothing: curveOf(ev.baselines.doNothing),
      reference: curveOf(ev.baselines.reference),
      harmThreshold: ev.report.signal.kind === 'harm' ? ev.report.signal.threshold : null,
      budgetUsdPerHour: scenario.service.budgets.costUsdPerHour,
    },
    note: lastNote(ev.learner.decisions),
    score: ev.report,
    practice: practiceFrom(ev.report),
    hints,
  };
}

/**
 * Scores the session and builds its debrief: serialisable (JSON for trainers is the object
 * itself). Pass the finished session in `options.learner` to skip replaying the learner.
 */
export function buildDebrief(
  scenario: Scenario,
  seed: number,
  decisions: readonly LoggedCommand[],
  options: ScoreOptions = {},
): Debrief {
  return debriefFromEvaluation(scenario, evaluateSession(scenario, seed, decisions, options));
}
