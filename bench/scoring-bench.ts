import type { Scenario } from '../electron/engine/scenario/schema';
import { scoreSession } from '../electron/engine/scoring/score';
import { referenceActions } from '../electron/engine/scoring/reference-actions';
import { runWithActions } from '../electron/engine/scoring/replay';

/**
 * Times scoring a finished learner session of the whole scenario: the learner's own run is
 * already done (as in the app, where the session is live), so the timed part is both replays
 * (do-nothing and the reference response) plus the criteria.
 */
export function benchScoring(scenario: Scenario): { seconds: number; points: number; max: number } {
  const { actions } = referenceActions(scenario);
  const learner = runWithActions(scenario, scenario.seed, actions, { monitoring: true });
  const t0 = performance.now();
  const report = scoreSession(scenario, scenario.seed, learner.decisions, { learner });
  return { seconds: (performance.now() - t0) / 1000, points: report.total, max: report.max };
}
