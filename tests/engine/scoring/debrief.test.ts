/** The debrief: timeline, curves, note, score table and practice; Markdown, HTML and JSON. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../../electron/engine/commands';
import {
  buildDebrief,
  debriefToHtml,
  debriefToMarkdown,
  type Debrief,
} from '../../../electron/engine/scoring/debrief';
import { loadFixture } from './fixtures';

const H = 3_600_000;
const M = 60_000;

describe('buildDebrief on the unit-change fixture', () => {
  const { scenario } = loadFixture('unit-change');
  const log: { t: number; command: Command }[] = [
    { t: 3 * H + 20 * M, command: { type: 'investigate', tool: 'distribution', field: 'amount' } },
    // Labels arrive an hour late: by 04:40 the 03:00–03:30 window has them.
    { t: 4 * H + 40 * M, command: { type: 'retrain', from: 3 * H, to: 3 * H + 30 * M } },
    {
      t: 4 * H + 45 * M,
      command: {
        type: 'note',
        assumption: 'First <draft> | a',
        evidence: 'e',
        action: 'a',
        evidenceLinks: [],
        latencyBudgetKnown: false,
        costsMeasured: false,
      },
    },
    {
      t: 4 * H + 50 * M,
      command: {
        type: 'note',
        assumption: 'Amounts look scaled',
        evidence: 'Drift on amount (#0)',
        action: 'Retrain',
        evidenceLinks: [0],
        latencyBudgetKnown: true,
        costsMeasured: false,
      },
    },
  ];
  let d: Debrief;
  beforeAll(() => {
    d = buildDebrief(scenario, scenario.seed, log);
  });

  it('reveals the fault and shows alerts, the learner and the reference on one timeline in time order', () => {
    const kinds = new Set(d.timeline.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['alert', 'fault-onset', 'learner', 'reference']);
    expect(d.timeline.map((e) => e.t)).toEqual(
      [...d.timeline.map((e) => e.t)].sort((a, b) => a - b),
    );
    expect(d.faults).toEqual([
      expect.objectContaining({ id: 'partner-cents', type: 'schema-change', at: 3 * H, end: null }),
    ]);
    expect(d.timeline.filter((e) => e.kind === 'learner').map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    expect(d.timeline.filter((e) => e.kind === 'reference')).toHaveLength(
      scenario.reference!.actions.length,
    );
  });

  it('marks the learner actions the rubric rates', () => {
    const retrain = d.timeline.find((e) => e.kind === 'learner' && e.seq === 1)!;
    expect(retrain.rating).toBe('harmful');
  });

  it('keeps the last decision note', () => {
    expect(d.note).toMatchObject({
      seq: 3,
      assumption: 'Amounts look scaled',
      evidenceLinks: [0],
      latencyBudgetKnown: true,
    });
  });

  it('has one curve point per window for each run, and the harm threshold', () => {
    const windows = scenario.duration / scenario.monitoring.window;
    expect(d.curves.learner).toHaveLength(windows);
    expect(d.curves.doNothing).toHaveLength(windows);
    expect(d.curves.reference).toHaveLength(windows);
    expect(d.curves.harmThreshold).toBe(d.score.signal.threshold);
  });

  it('suggests what to practise from the points lost, worst first', () => {
    expect(d.practice.length).toBeGreaterThan(0);
    expect(d.practice.length).toBeLessThanOrEqual(3);
    const lost = d.practice.map((p) => p.lost);
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
  });

  it('is plain JSON for trainers', () => {
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('renders Markdown with the score table, practice, timeline and note', () => {
    const md = debriefToMarkdown(d);
    expect(md).toContain(`# Debrief: ${scenario.title}`);
    expect(md).toContain(`**Score: ${d.score.total} / ${d.score.max}.**`);
    for (const c of d.score.criteria)
      expect(md).toContain(
        `| ${c.label} | ${c.max === 0 ? `${c.points < 0 ? `−${-c.points}` : '0'} penalty` : `${c.points} / ${c.max}`} |`,
      );
    expect(md).toContain('## What to practise next');
    expect(md).toContain('| 03:00 | Fault | schema-change (partner-cents) |');
    expect(md).toContain('- **Assumption:** Amounts look scaled');
  });

  it('renders self-contained HTML: inline CSS and SVG, no scripts, no external resources', () => {
    const html = debriefToHtml(d);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|https?:|src=|href=|@import|url\(/i);
    expect(html).toContain('Amounts look scaled');
  });

  it('escapes learner text in HTML and Markdown', () => {
    const first = buildDebrief(scenario, scenario.seed, log.slice(0, 3));
    expect(debriefToHtml(first)).toContain('First &lt;draft&gt; | a');
    expect(debriefToMarkdown(first)).toContain('First \\<draft\\> \\| a');
  });
});
