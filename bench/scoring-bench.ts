import type { Scenario } from '../electron/engine/scenario/schema';
import { buildDebrief } from '../electron/engine/scoring/debrief';
import { referenceActions } from '../electron/engine/scoring/reference-actions';
import { runWithActions } from '../electron/engine/scoring/replay';

/**
 * Times what the app does when a learner asks for the debrief of a finished session
 * (`scoreInThisThread` in engine/host/engine-host.ts): the learner's own run is already done (the
 * live session, here a replay of the reference response with monitoring, run before timing),
 * so the timed part is the do-nothing replay (monitored until its first alert for the first
 * fault), the reference replay, the criteria and the debrief (`buildDebrief`). Nothing is cached: the caller passes a fresh scenario object each time,
 * and the trained models are cached by the untimed learner run, as they are in the app.
 */
export function benchScoring(scenario: Scenario): { seconds: number; points: number; max: number } {
  const { actions } = referenceActions(scenario);
  const learner = runWithActions(scenario, scenario.seed, actions, { monitoring: true });
  const t0 = performance.now();
  const debrief = buildDebrief(scenario, scenario.seed, learner.decisions, { learner });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, points: debrief.score.total, max: debrief.score.max };
}
