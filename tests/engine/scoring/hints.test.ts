/**
 * Hints cost points: a penalty criterion worth 0 at best, with the time of each hint as
 * evidence. Hints are not actions, investigations or detections: adding them to a log changes
 * no other criterion.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../../electron/engine/commands';
import {
  HINT_COST_POINTS,
  MAX_HINT_PENALTY,
  hintPenalty,
  ordinal,
} from '../../../electron/engine/scoring/criteria/hints';
import { buildDebrief } from '../../../electron/engine/scoring/debrief';
import { evaluateSession, type Evaluation } from '../../../electron/engine/scoring/score';
import { loadFixture } from './fixtures';

const H = 3_600_000;
const M = 60_000;

describe('the hints criterion on the unit-change fixture', () => {
  const { scenario } = loadFixture('unit-change');
  // Onset is 03:00. The same response as score.test.ts's hand-built log, less its mistakes.
  const response: { t: number; command: Command; role?: string }[] = [
    {
      t: 3 * H + 10 * M,
      command: {
        type: 'investigate',
        tool: 'distribution',
        field: 'amount',
        source: 'partner-api',
      },
    },
    { t: 3 * H + 13 * M, command: { type: 'investigate', tool: 'change-log' } },
    {
      t: 3 * H + 15 * M,
      command: { type: 'patch-mapping', field: 'amount', source: 'partner-api', factor: 0.01 },
    },
    { t: 3 * H + 20 * M, command: { type: 'diagnose', rootCause: 'schema-change' } },
  ];
  const hint = (t: number, role?: string) => ({
    t,
    command: { type: 'hint' } as Command,
    ...(role ? { role } : {}),
  });
  // Two hints: one before the fault, one just after it; neither may count as engaging with it.
  const withHints = [hint(2 * H, 'scribe'), hint(3 * H + 5 * M, 'ml-on-call'), ...response].sort(
    (a, b) => a.t - b.t,
  );
  let plain: Evaluation;
  let hinted: Evaluation;
  beforeAll(() => {
    plain = evaluateSession(scenario, scenario.seed, response);
    hinted = evaluateSession(scenario, scenario.seed, withHints);
  });

  it('costs nothing and reads plainly when no hint was taken', () => {
    const c = plain.report.criteria.find((x) => x.id === 'hints')!;
    expect(c).toMatchObject({ points: 0, max: 0, evidence: { seqs: [] } });
    expect(Object.is(c.points, -0)).toBe(false);
    expect(c.explanation).toMatch(/No hints taken/);
  });

  it(`takes ${HINT_COST_POINTS} points per hint, with each hint's time as evidence`, () => {
    const c = hinted.report.criteria.find((x) => x.id === 'hints')!;
    expect(c.points).toBe(-2 * HINT_COST_POINTS);
    expect(c.max).toBe(0);
    expect(c.evidence.seqs).toEqual([0, 1]);
    expect(c.evidence.facts).toContainEqual({ label: '1st hint', value: 2 * H, unit: 'time' });
    expect(c.evidence.facts).toContainEqual({
      label: '2nd hint',
      value: 3 * H + 5 * M,
      unit: 'time',
    });
    expect(c.explanation).toMatch(/^2 hints taken \(02:00, 03:05\) at 2 points each: /);
  });

  it('changes no other criterion: hints are not detection, action or investigation', () => {
    const others = (ev: Evaluation) =>
      ev.report.criteria.filter((c) => c.id !== 'hints').map((c) => [c.id, c.points]);
    expect(others(hinted)).toEqual(others(plain));
    expect(hinted.report.total).toBe(plain.report.total - 2 * HINT_COST_POINTS);
    expect(hinted.report.max).toBe(plain.report.max);
    // Detection is still the first investigation, not the hint just after onset.
    const detect = hinted.report.criteria.find((c) => c.id === 'detect')!;
    expect(detect.evidence.seqs).toEqual([2]);
  });

  it(`caps the penalty at ${MAX_HINT_PENALTY} points`, () => {
    expect([0, 1, 5, 6, 50].map(hintPenalty)).toEqual([0, 2, 10, 10, 10]);
    const many = [...Array.from({ length: 7 }, (_, i) => hint(H + i * M)), ...response];
    const c = evaluateSession(scenario, scenario.seed, many).report.criteria.find(
      (x) => x.id === 'hints',
    )!;
    expect(c.points).toBe(-MAX_HINT_PENALTY);
    expect(c.explanation).toMatch(/capped at 10/);
    expect(c.evidence.facts.filter((f) => f.unit === 'time').map((f) => f.label)).toEqual([
      '1st hint',
      '2nd hint',
      '3rd hint',
      '4th hint',
      '5th hint',
      '6th hint',
      '7th hint',
    ]);
  });

  it('counts hints in words as people do', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });

  it('leaves hints out of "what to practise next" (there is nothing to earn back)', () => {
    const d = buildDebrief(scenario, scenario.seed, withHints);
    expect(d.practice.map((p) => p.criterion)).not.toContain('Hints');
  });

  it('lists each hint in the debrief with its cost and role, and on the timeline', () => {
    const d = buildDebrief(scenario, scenario.seed, withHints);
    expect(d.hints).toEqual([
      { seq: 0, t: 2 * H, role: 'scribe', text: expect.any(String), cost: 2 },
      { seq: 1, t: 3 * H + 5 * M, role: 'ml-on-call', text: expect.any(String), cost: 2 },
    ]);
    expect(d.hints![0].text.length).toBeGreaterThan(10);
    const entries = d.timeline.filter((e) => e.kind === 'learner' && e.title.includes('hint'));
    expect(entries.map((e) => [e.title, e.role])).toEqual([
      ['take a hint (−2 points)', 'scribe'],
      ['take a hint (−2 points)', 'ml-on-call'],
    ]);
  });
});
