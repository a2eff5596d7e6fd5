/** "What to practise next": the criteria that lost the most points, with advice tied to the lessons. */
import type { CriterionId, ScoreReport } from './score-types';
import type { PracticeItem } from './debrief-types';

/** A criterion is worth practising when it lost at least this share of its points. */
const WORTH_PRACTISING = 0.2;
const MAX_ITEMS = 3;

const ADVICE: Record<CriterionId, string> = {
  detect:
    'Scan the alerts feed and the three panels (inputs, outputs, system health) every few minutes; drift starts as a small shift in one metric.',
  'diagnose-time':
    'After a shift, compare the inputs by source and read the change log before anything else; then name the cause.',
  mitigate:
    'When harm is flagged, stop it first — fall back, roll back or patch — and investigate the cause after.',
  harm: 'Choose the smallest action that stops the harm for the affected traffic; every minute of delay is paid by users.',
  cost: 'Measure cost per request and per hour before and after each action; cap retries, prompt size and retrieval width.',
  diagnosis:
    'Match the evidence to a root-cause category: input-only shift from one source → schema or drift; outputs only → release or concept.',
  'action-quality':
    'Practise picking the recommended fix for each fault type; avoid retraining on bad data, rollbacks for benign changes and pauses when a fallback suffices.',
  process:
    'Look before acting (inputs, change log, a human sample), and write the decision note: assumption, evidence, action.',
  disruption:
    'Check outcomes before acting on a shift: a benign change needs a new baseline, not a pause, rollback or retrain.',
  hints:
    'Before asking for a hint, walk the runbook: alerts, the three panels, the inputs by source, the change log.',
};

/** Up to three criteria to practise, most points lost first, each with specific advice. */
export function practiceFrom(report: ScoreReport): PracticeItem[] {
  return report.criteria
    .map((c) => ({ c, lost: Math.round((c.max - c.points) * 10) / 10 }))
    .filter(({ c, lost }) => c.max > 0 && lost / c.max >= WORTH_PRACTISING)
    .sort((a, b) => b.lost - a.lost)
    .slice(0, MAX_ITEMS)
    .map(({ c, lost }) => ({
      criterion: c.label,
      lost,
      advice: `${ADVICE[c.id]} (${c.explanation})`,
    }));
}
