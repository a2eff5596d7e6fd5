/** Hints: each one taken costs points, because on call there is nobody to ask. */
import type { DecisionLogEntry } from '../../session-types';
import type { CriterionScore, EvidenceFact } from '../score-types';
import { clock, roundPoints } from '../format';
import { learnerDecisions } from '../log-queries';
import type { RunContext } from './context';

/** Points each hint costs. */
export const HINT_COST_POINTS = 2;
/** The most hints can cost in one session, in points (five hints). */
export const MAX_HINT_PENALTY = 10;

/** The hints a log took (successful `hint` commands), oldest first. */
export function hintsTaken(decisions: readonly DecisionLogEntry[]): DecisionLogEntry[] {
  return learnerDecisions(decisions).filter((d) => d.command.type === 'hint' && d.result.ok);
}

/** "1st", "2nd", "3rd", "4th" … "11th", "12th", "13th", "21st". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Returns the points `count` hints cost, as a positive number (0 for none). */
export function hintPenalty(count: number): number {
  return roundPoints(Math.min(MAX_HINT_PENALTY, count * HINT_COST_POINTS));
}

/**
 * A penalty criterion worth 0 at best: minus HINT_COST_POINTS per hint taken, down to
 * −MAX_HINT_PENALTY. Hints do not count as detecting, acting or investigating anywhere else.
 */
export function scoreHints(ctx: RunContext): CriterionScore {
  const hints = hintsTaken(ctx.run.decisions);
  const penalty = hintPenalty(hints.length);
  const facts: EvidenceFact[] = [
    { label: 'Hints taken', value: hints.length, unit: 'count' },
    { label: 'Cost per hint', value: `${HINT_COST_POINTS} points`, unit: 'text' },
    // Counted among hints ("2nd hint"), not by decision number: "#3" reads as decision #3.
    ...hints.map((d, i): EvidenceFact => ({
      label: `${ordinal(i + 1)} hint`,
      value: d.t,
      unit: 'time',
    })),
  ];
  const times = hints.map((d) => clock(d.t)).join(', ');
  const explanation =
    hints.length === 0
      ? 'No hints taken: the team worked it out from the monitoring alone.'
      : `${hints.length} hint${hints.length > 1 ? 's' : ''} taken (${times}) at ${HINT_COST_POINTS} points each${
          penalty < hints.length * HINT_COST_POINTS ? `, capped at ${MAX_HINT_PENALTY}` : ''
        }: on call there is nobody to ask, so practise reading the panels first.`;
  return {
    id: 'hints',
    label: 'Hints',
    // 0 - penalty, so a session without hints scores 0 rather than −0.
    points: penalty === 0 ? 0 : -penalty,
    max: 0,
    explanation,
    evidence: { seqs: hints.map((d) => d.seq), facts },
  };
}
