/** The one-sentence verdict at the top of a score report. */
import type { CriterionScore } from './score-types';

const BANDS: readonly [number, string][] = [
  [0.85, 'Excellent response'],
  [0.7, 'Good response'],
  [0.5, 'Partial response'],
  [0, 'Weak response'],
];

/** "Good response (76/100): harm 62% below doing nothing; most points lost on process." */
export function verdictOf(
  criteria: readonly CriterionScore[],
  total: number,
  max: number,
  harm: { mine: number; doNothing: number },
): string {
  const share = max > 0 ? total / max : 0;
  const band = BANDS.find(([min]) => share >= min)![1];
  const parts: string[] = [];
  if (harm.doNothing > 0) {
    const change = (harm.mine - harm.doNothing) / harm.doNothing;
    const pct = Math.round(Math.abs(change) * 100);
    parts.push(
      pct === 0
        ? 'harm about the same as doing nothing'
        : `harm ${pct}% ${change < 0 ? 'below' : 'above'} doing nothing`,
    );
  }
  const worst = [...criteria].sort((a, b) => b.max - b.points - (a.max - a.points))[0];
  if (worst && worst.max - worst.points > 0)
    parts.push(`most points lost on ${worst.label.toLowerCase()}`);
  return `${band} (${total}/${max})${parts.length ? `: ${parts.join('; ')}` : ''}.`;
}
