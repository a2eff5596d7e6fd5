/**
 * The scoring orderings every built-in scenario must show, over 20 seeds: the reference scores
 * higher than doing nothing, and a policy of the rubric's harmful actions scores lower than
 * doing nothing on action quality. Built-in scenarios are split over shard files so vitest
 * runs them in parallel; each seed costs three full replays.
 */
import { describe, expect, it } from 'vitest';
import { scoreSession } from '../../../electron/engine/scoring/score';
import { builtInScenarioPaths, loadScenarioFile } from './fixtures';
import { harmfulPolicy, referencePolicy } from './policies';

const DEFAULT_SCENARIO = 'scenarios/cents-after-partner-release.yaml';
/** DRIFTDRILL_ORDERING_SEEDS may lower the count for a quick local run; the suite's is 20. */
const SEED_COUNT = Number(process.env.DRIFTDRILL_ORDERING_SEEDS ?? 20);
/**
 * Seeds for the rest of the library. The engine's speed-up lets `npm test` run the full 20 per
 * scenario inside CI's budget; DRIFTDRILL_LIBRARY_ORDERING_SEEDS lowers it for a quick local run.
 */
const LIBRARY_SEED_COUNT = Number(process.env.DRIFTDRILL_LIBRARY_ORDERING_SEEDS ?? 20);
export const SEEDS = Array.from({ length: SEED_COUNT }, (_, i) => 1000 + i * 7919);

/** The seeds a scenario's orderings are checked over. */
function seedsFor(path: string): number[] {
  return path === DEFAULT_SCENARIO
    ? SEEDS
    : SEEDS.slice(0, Math.min(LIBRARY_SEED_COUNT, SEED_COUNT));
}
export const SHARDS = 4;
/** Three replays of up to 24 virtual hours per seed, with room for a slow, busy machine. */
const PER_SEED_TIMEOUT_MS = 300_000;

/** The built-in scenarios of one shard: the default (the largest) alone in shard 0. */
export function scenariosOfShard(shard: number): string[] {
  const all = builtInScenarioPaths();
  if (shard === 0) return all.filter((p) => p === DEFAULT_SCENARIO);
  return all.filter((p) => p !== DEFAULT_SCENARIO).filter((_, i) => i % (SHARDS - 1) === shard - 1);
}

/** Declares the ordering tests for the scenarios of one shard. */
export function describeOrderings(shard: number): void {
  const paths = scenariosOfShard(shard);
  if (paths.length === 0) {
    it.skip(`shard ${shard}: no built-in scenarios`, () => {});
    return;
  }
  describe.each(paths)('built-in scenario %s', (path) => {
    const { scenario } = loadScenarioFile(path);
    const harmful = harmfulPolicy(scenario);

    it('has harmful actions to build a policy from', () => {
      expect(harmful.length).toBeGreaterThan(0);
    });

    it(
      'scores the reference and doing nothing alike as the learner or as a baseline',
      { timeout: 2 * PER_SEED_TIMEOUT_MS },
      () => {
        const seed = SEEDS[0];
        const report = scoreSession(scenario, seed, harmful);
        const asLearner = scoreSession(scenario, seed, referencePolicy(scenario));
        expect(asLearner.total).toBe(report.runs.reference.total);
        expect(scoreSession(scenario, seed, []).total).toBe(report.runs.doNothing.total);
      },
    );

    it.each(seedsFor(path))(
      'seed %i: reference > doing nothing, and harmful < doing nothing on action quality',
      { timeout: PER_SEED_TIMEOUT_MS },
      (seed) => {
        // One evaluation replays the harmful policy as the learner plus both baselines.
        const { runs } = scoreSession(scenario, seed, harmful);
        expect(runs.reference.total).toBeGreaterThan(runs.doNothing.total);
        expect(runs.learner.points['action-quality']).toBeLessThan(
          runs.doNothing.points['action-quality'],
        );
      },
    );
  });
}
