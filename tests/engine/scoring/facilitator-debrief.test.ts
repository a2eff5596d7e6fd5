/**
 * What the debrief makes of a workshop session: a fault injected live is listed with who
 * injected it and when, is part of the world for both baselines, and is not one of the
 * learner's actions; each learner action carries the team role that sent it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../../electron/engine/commands';
import {
  buildDebrief,
  debriefToMarkdown,
  type Debrief,
} from '../../../electron/engine/scoring/debrief';
import { debriefToHtml } from '../../../electron/engine/scoring/debrief-html';
import { loadFixture } from './fixtures';

const H = 3_600_000;
const M = 60_000;

describe('the debrief of a session with a live injection, hints and roles', () => {
  const { scenario } = loadFixture('unit-change');
  const outage: Command = {
    type: 'inject-fault',
    fault: {
      id: 'live-outage',
      type: 'dependency-outage',
      dependency: 'model',
      errorRate: 1,
      at: 3600 + 600,
      until: 7200,
      description: 'The model endpoint goes down.',
    },
  };
  const log: { t: number; command: Command; role?: string }[] = [
    { t: H, command: outage, role: 'facilitator' },
    { t: H + 20 * M, command: { type: 'hint' }, role: 'scribe' },
    { t: H + 25 * M, command: { type: 'investigate', tool: 'traces' }, role: 'ml-on-call' },
    { t: H + 30 * M, command: { type: 'set-fallback', mode: 'rule' }, role: 'incident-commander' },
  ];
  let d: Debrief;
  let plain: Debrief;
  beforeAll(() => {
    d = buildDebrief(scenario, scenario.seed, log);
    plain = buildDebrief(scenario, scenario.seed, []);
  });

  it('lists the injected fault: onset, end, when it was injected and by whom', () => {
    expect(d.faults.map((f) => f.id)).toEqual(['partner-cents', 'live-outage']);
    expect(d.faults[1]).toMatchObject({
      type: 'dependency-outage',
      at: H + 10 * M,
      end: 2 * H,
      injected: true,
      injectedAt: H,
      injectedBy: 'facilitator',
      description: 'The model endpoint goes down.',
    });
    expect(d.faults[0]).toMatchObject({ injected: false });
    expect(d.faults[0].injectedAt).toBeUndefined();
  });

  it('says so on the timeline, and keeps the injection out of the learner lane', () => {
    const onset = d.timeline.find((e) => e.kind === 'fault-onset' && e.t === H + 10 * M)!;
    expect(onset.title).toBe('dependency-outage (live-outage), injected live by the facilitator');
    expect(onset.detail).toBe(
      'The model endpoint goes down. Injected live by the facilitator at 01:00.',
    );
    const learner = d.timeline.filter((e) => e.kind === 'learner');
    expect(learner.map((e) => [e.seq, e.title, e.role])).toEqual([
      [1, 'take a hint (−2 points)', 'scribe'],
      [2, 'investigate traces', 'ml-on-call'],
      [3, 'fallback → rule', 'incident-commander'],
    ]);
  });

  it('replays the injection in both baselines: the outage is part of the world', () => {
    // Doing nothing is worse with an outage on top of the unit change than without it.
    expect(d.score.runs.doNothing.harmAfterOnset).toBeGreaterThan(
      plain.score.runs.doNothing.harmAfterOnset,
    );
  });

  it('accepts the injected fault as a root cause beside the scenario’s own', () => {
    const withDiagnosis = buildDebrief(scenario, scenario.seed, [
      ...log,
      { t: H + 35 * M, command: { type: 'diagnose', rootCause: 'dependency-outage' } },
    ]);
    expect(withDiagnosis.score.rootCauses).toEqual(['schema-change', 'dependency-outage']);
    expect(withDiagnosis.score.criteria.find((c) => c.id === 'diagnosis')!.points).toBe(10);
  });

  it('lists the hint with its cost and role', () => {
    expect(d.hints).toEqual([
      { seq: 1, t: H + 20 * M, role: 'scribe', text: expect.any(String), cost: 2 },
    ]);
    expect(d.score.criteria.find((c) => c.id === 'hints')!.points).toBe(-2);
  });

  it('names roles in the Markdown and HTML reports', () => {
    const md = debriefToMarkdown(d);
    expect(md).toContain(
      '| 01:30 | You (incident commander) | #3 fallback → rule *(recommended)* |',
    );
    expect(md).toContain(
      '| 01:10 | Fault | dependency-outage (live-outage), injected live by the facilitator |',
    );
    const html = debriefToHtml(d);
    expect(html).toContain('<td>You (ML on-call)</td>');
  });

  it('shows the hints penalty in the reports as the app does, each hint counted from the first', () => {
    const hints = d.score.criteria.find((c) => c.id === 'hints')!;
    // The hint is decision #1 but the first hint taken.
    expect(hints.evidence.facts).toContainEqual({
      label: '1st hint',
      value: H + 20 * M,
      unit: 'time',
    });
    const md = debriefToMarkdown(d);
    expect(md).toMatch(/^\| Hints \| −2 penalty \| /m);
    expect(md).not.toMatch(/-2 \/ 0/);
    expect(md).toMatch(/1st hint: 01:20/);
    const html = debriefToHtml(d);
    expect(html).toContain('<tr><td>Hints</td><td class="num">−2 penalty</td>');
    expect(html).not.toContain('-2 / 0');
    const none = debriefToMarkdown(plain);
    expect(none).toMatch(/^\| Hints \| 0 penalty \| /m);
    expect(none).toMatch(/^\| Diagnosis \| \d+ \/ \d+ \| /m);
  });

  it('ends a fault without a description with a full stop before the injection note', () => {
    const { description: _omit, ...bare } = (outage as { fault: Record<string, unknown> }).fault;
    const undescribed = buildDebrief(scenario, scenario.seed, [
      { t: H, command: { type: 'inject-fault', fault: bare }, role: 'facilitator' },
    ]);
    const onset = undescribed.timeline.find((e) => e.kind === 'fault-onset' && e.t === H + 10 * M)!;
    expect(onset.detail).toMatch(
      /^dependency-outage[^.]*\. Injected live by the facilitator at 01:00\.$/,
    );
    // A description that ends a sentence already gets no second full stop.
    expect(d.timeline.some((e) => e.detail?.includes('down.. '))).toBe(false);
  });
});
