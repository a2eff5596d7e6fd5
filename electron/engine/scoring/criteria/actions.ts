/** Action quality against the rubric, and needless disruption. */
import type { DecisionLogEntry } from '../../session-types';
import type { CriterionScore, EvidenceFact } from '../score-types';
import { rateCommand, ruleKey, type RubricRule } from '../rubric';
import { activeAt } from '../run-trace';
import { learnerDecisions } from '../log-queries';
import { criterion, type RunContext } from './context';

/** Where doing nothing lands on the action-quality scale: above any harmful policy. */
const NEUTRAL = 1 / 3;
/** Each distinct harmful action takes off this share of the points. */
const HARMFUL_PENALTY = 1 / 3;
/** An acceptable action is worth this share of a recommended one. */
const ACCEPTABLE_WEIGHT = 0.5;
/** Each needless disruption takes off this share of the points. */
const DISRUPTION_PENALTY = 0.5;

/** A learner decision and the rule that rates it. */
export interface RatedDecision {
  decision: DecisionLogEntry;
  rule: RubricRule;
}

/** The learner's successful decisions that the rubric rates. */
export function ratedDecisions(ctx: RunContext): RatedDecision[] {
  const out: RatedDecision[] = [];
  for (const d of learnerDecisions(ctx.run.decisions)) {
    if (!d.result.ok) continue;
    const rule = rateCommand(d.command, d.t, ctx.rubric.rules, ctx.run.faults);
    if (rule) out.push({ decision: d, rule });
  }
  return out;
}

/** Recommended rules that could apply in this run (their fault, if any, happened). */
function recommendedRules(ctx: RunContext): Map<string, RubricRule> {
  const out = new Map<string, RubricRule>();
  for (const r of ctx.rubric.rules) {
    if (r.rating !== 'recommended') continue;
    if (
      r.whileFault !== undefined &&
      !ctx.run.faults.some((f) => f.id === r.whileFault && f.at < ctx.run.end)
    )
      continue;
    out.set(ruleKey(r), r);
  }
  return out;
}

function describe(rule: RubricRule): string {
  const args = Object.entries(rule.match).map(([k, v]) => `${k}: ${String(v)}`);
  return args.length ? `${rule.command} (${args.join(', ')})` : rule.command;
}

/**
 * Action quality: doing nothing sits at a third of the points; recommended actions (acceptable
 * ones at half weight) lift it to full, each distinct harmful action takes a third off.
 */
export function scoreActionQuality(ctx: RunContext): CriterionScore {
  const max = 15;
  const rated = ratedDecisions(ctx);
  const wanted = recommendedRules(ctx);
  const keys = (rating: string) =>
    new Set(rated.filter((r) => r.rule.rating === rating).map((r) => ruleKey(r.rule)));
  const done = keys('recommended');
  const acceptable = keys('acceptable');
  const harmful = keys('harmful');
  const quality =
    wanted.size === 0
      ? 1
      : Math.min(1, (done.size + ACCEPTABLE_WEIGHT * acceptable.size) / wanted.size);
  const fraction = NEUTRAL + (1 - NEUTRAL) * quality - HARMFUL_PENALTY * harmful.size;
  const missed = [...wanted.entries()].filter(([k]) => !done.has(k)).map(([, r]) => r);
  const firstHarm = rated.find((r) => r.rule.rating === 'harmful');
  const facts: EvidenceFact[] = [
    { label: 'Recommended done', value: `${done.size} of ${wanted.size}`, unit: 'text' },
    { label: 'Acceptable', value: acceptable.size, unit: 'count' },
    { label: 'Harmful', value: harmful.size, unit: 'count' },
    ...rated.map((r): EvidenceFact => ({
      label: `#${r.decision.seq} ${r.rule.rating}`,
      value: `${describe(r.rule)}: ${r.rule.why}`,
      unit: 'text',
    })),
    ...missed.map((r): EvidenceFact => ({
      label: 'Missed',
      value: `${describe(r)}: ${r.why}`,
      unit: 'text',
    })),
  ];
  let explanation: string;
  if (firstHarm) explanation = `Harmful: ${describe(firstHarm.rule)} — ${firstHarm.rule.why}`;
  else if (missed.length > 0)
    explanation = `${done.size} of ${wanted.size} recommended actions; missing ${describe(missed[0])} — ${missed[0].why}`;
  else if (wanted.size > 0)
    explanation =
      'Every recommended action, nothing harmful: the smallest fix that stops the harm.';
  else explanation = 'Nothing needed doing, and nothing harmful was done.';
  return criterion('action-quality', 'Action quality', max, fraction, explanation, {
    seqs: rated.map((r) => r.decision.seq),
    facts,
  });
}

/** Whether a decision disrupts the service: pausing, rolling back or retraining. */
function disrupts(d: DecisionLogEntry): boolean {
  const c = d.command;
  return (
    d.result.ok &&
    ((c.type === 'pause' && c.paused) || c.type === 'rollback' || c.type === 'retrain')
  );
}

/** Needless disruption: pausing, rolling back or retraining when only benign changes (or nothing) act. */
export function scoreDisruption(ctx: RunContext): CriterionScore {
  const max = 5;
  const needless = learnerDecisions(ctx.run.decisions).filter((d) => {
    if (!disrupts(d)) return false;
    const acting = ctx.run.faults.filter((f) => activeAt(f, d.t));
    return acting.every((f) => f.type === 'benign-change');
  });
  const facts: EvidenceFact[] = needless.map((d) => ({
    label: `#${d.seq}`,
    value: d.command.type,
    unit: 'text',
  }));
  const explanation =
    needless.length === 0
      ? 'No pause, rollback or retrain without a real fault behind it.'
      : `${needless.length} disruptive action${needless.length > 1 ? 's' : ''} with no harmful fault acting: a shift in the metrics is not always an incident — check outcomes first.`;
  return criterion(
    'disruption',
    'Needless disruption',
    max,
    1 - DISRUPTION_PENALTY * needless.length,
    explanation,
    { seqs: needless.map((d) => d.seq), facts },
  );
}
