/**
 * Scoring, as specifications: a hand-built decision log scored criterion by criterion, and the
 * defaults for a scenario without rubric or reference. The orderings over 20 seeds on every
 * built-in scenario are in orderings-*.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../../electron/engine/commands';
import {
  evaluateSession,
  scoreSession,
  type Evaluation,
} from '../../../electron/engine/scoring/score';
import type { CriterionId, ScoreReport } from '../../../electron/engine/scoring/score-types';
import { loadFixture } from './fixtures';

const H = 3_600_000;
const M = 60_000;

describe('a hand-built decision log on the unit-change fixture', () => {
  const { scenario } = loadFixture('unit-change');
  // Onset is 03:00; the reference looks at 03:20 and patches at 03:30.
  const log: { t: number; command: Command }[] = [
    { t: 2 * H, command: { type: 'pause', paused: true } }, // #0 no fault yet: needless, and rated harmful
    { t: 2 * H + 5 * M, command: { type: 'pause', paused: false } }, // #1 resume: neither
    {
      t: 3 * H + 10 * M,
      command: {
        type: 'investigate',
        tool: 'distribution',
        field: 'amount',
        source: 'partner-api',
      },
    }, // #2 detects
    { t: 3 * H + 13 * M, command: { type: 'investigate', tool: 'change-log' } }, // #3
    {
      t: 3 * H + 15 * M,
      command: { type: 'patch-mapping', field: 'amount', source: 'partner-api', factor: 0.01 },
    }, // #4 recommended
    { t: 3 * H + 16 * M, command: { type: 'diagnose', rootCause: 'covariate-drift' } }, // #5 wrong
    { t: 3 * H + 20 * M, command: { type: 'diagnose', rootCause: 'schema-change' } }, // #6 right
  ];
  let ev: Evaluation;
  beforeAll(() => {
    ev = evaluateSession(scenario, scenario.seed, log);
  });
  const byId = (id: CriterionId) => ev.report.criteria.find((c) => c.id === id)!;

  it('logs every decision as given', () => {
    expect(ev.learner.decisions.map((d) => [d.seq, d.t, d.result.ok])).toEqual(
      log.map((d, i) => [i, d.t, true]),
    );
  });

  it('time to detect: full, from the first investigation 10 minutes in (#2)', () => {
    expect(byId('detect')).toMatchObject({ points: 10, max: 10, evidence: { seqs: [2] } });
  });

  it('time to correct diagnosis: full, the right cause at 03:20 (#6)', () => {
    expect(byId('diagnose-time')).toMatchObject({ points: 10, max: 10, evidence: { seqs: [6] } });
  });

  it('time to mitigate: full, harm back under the threshold before the reference (#4)', () => {
    const c = byId('mitigate');
    expect(c).toMatchObject({ points: 15, max: 15 });
    expect(c.evidence.seqs).toContain(4);
    expect(ev.report.runs.learner.recoveredAt!).toBeLessThanOrEqual(
      ev.report.runs.reference.recoveredAt!,
    );
  });

  it('harm: full, less harm after onset than the reference (capped)', () => {
    expect(byId('harm')).toMatchObject({ points: 20, max: 20 });
    expect(ev.report.runs.learner.harmAfterOnset).toBeLessThan(
      ev.report.runs.reference.harmAfterOnset,
    );
  });

  it('cost: full, the pause was before onset and the patch costs nothing', () => {
    expect(byId('cost')).toMatchObject({ points: 5, max: 5 });
  });

  it('diagnosis: 7 of 10, right in the end after a wrong call (#5, #6)', () => {
    expect(byId('diagnosis')).toMatchObject({ points: 7, max: 10, evidence: { seqs: [5, 6] } });
  });

  it('action quality: 5 of 15, one of two recommended (#4) and one harmful pause (#0)', () => {
    // A third for showing up, plus two thirds × ½ recommended, minus a third for the pause.
    expect(byId('action-quality')).toMatchObject({
      points: 5,
      max: 15,
      evidence: { seqs: [0, 4] },
    });
  });

  it('process: 5 of 10, inputs checked before the patch but no decision note', () => {
    const c = byId('process');
    expect(c).toMatchObject({ points: 5, max: 10, evidence: { seqs: [2, 4] } });
    expect(c.evidence.facts.map((f) => f.label)).toEqual(['Met', 'Missed']);
  });

  it('needless disruption: 2.5 of 5, the pause with no fault acting (#0)', () => {
    expect(byId('disruption')).toMatchObject({ points: 2.5, max: 5, evidence: { seqs: [0] } });
  });

  it('totals 79.5 of 100 with a verdict naming the weakest criterion', () => {
    expect(ev.report.total).toBe(79.5);
    expect(ev.report.max).toBe(100);
    expect(ev.report.verdict).toMatch(
      /^Good response \(79\.5\/100\): harm \d+% below doing nothing; most points lost on action quality\.$/,
    );
  });

  it('scores the same log identically on a second evaluation', () => {
    expect(scoreSession(scenario, scenario.seed, log)).toEqual(ev.report);
  });
});

describe('a scenario without rubric or reference (dependency outage)', () => {
  const { scenario } = loadFixture('dependency-outage');
  const onset = scenario.faults[0].at;
  const good: { t: number; command: Command }[] = [
    { t: onset + 10 * M, command: { type: 'investigate', tool: 'traces' } },
    { t: onset + 15 * M, command: { type: 'set-fallback', mode: 'rule' } },
    {
      t: onset + 16 * M,
      command: { type: 'escalate', team: 'platform', message: 'Model endpoint failing.' },
    },
    { t: onset + 17 * M, command: { type: 'diagnose', rootCause: 'dependency-outage' } },
  ];
  let report: ScoreReport;
  beforeAll(() => {
    report = scoreSession(scenario, scenario.seed, good);
  });
  const points = (id: CriterionId) => report.criteria.find((c) => c.id === id)!.points;

  it('derives the rubric and the reference from the fault type', () => {
    expect(report.rubricDerived).toBe(true);
    expect(report.referenceDerived).toBe(true);
    expect(report.rootCauses).toEqual(['dependency-outage']);
    expect(report.runs.reference.total).toBeGreaterThan(report.runs.doNothing.total);
  });

  it('rates a rule fallback and a platform escalation as the recommended actions', () => {
    expect(points('action-quality')).toBe(15);
    expect(points('diagnosis')).toBe(10);
  });

  it('counts the fallback towards process, and misses the decision note', () => {
    const c = report.criteria.find((x) => x.id === 'process')!;
    expect(c.evidence.facts).toEqual([
      {
        label: 'Missed',
        value: 'A decision note written: assumption, evidence, chosen action.',
        unit: 'text',
      },
      {
        label: 'Met',
        value: 'A fallback in place while a dependency was down: users still need a next step.',
        unit: 'text',
      },
    ]);
    expect(c.points).toBe(5);
  });

  it('rates pausing as harmful when a fallback exists', () => {
    const paused = scoreSession(scenario, scenario.seed, [
      { t: onset + 15 * M, command: { type: 'pause', paused: true } },
    ]);
    const aq = paused.criteria.find((c) => c.id === 'action-quality')!;
    expect(aq.points).toBe(0);
    expect(aq.explanation).toMatch(/^Harmful: pause/);
  });
});
