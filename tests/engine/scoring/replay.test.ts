/** Replays: deterministic, and blind to monitoring, which is why baselines run without it. */
import { describe, expect, it } from 'vitest';
import { runWithActions } from '../../../electron/engine/scoring/replay';
import { traceRun } from '../../../electron/engine/scoring/run-trace';
import { referenceActions } from '../../../electron/engine/scoring/reference-actions';
import { loadFixture } from './fixtures';

describe('runWithActions', () => {
  const { scenario } = loadFixture('unit-change');
  const actions = referenceActions(scenario).actions;

  it('gives the same ledger, faults and decisions with monitoring on and off', () => {
    const on = traceRun(runWithActions(scenario, 7, actions, { monitoring: true }));
    const off = traceRun(runWithActions(scenario, 7, actions, { monitoring: false }));
    expect(on.alerts!.length).toBeGreaterThan(0);
    expect(off.alerts).toBeNull();
    expect(off.windows).toEqual(on.windows);
    expect(off.faults).toEqual(on.faults);
    expect(off.decisions.map((d) => [d.seq, d.t, d.command, d.result.ok])).toEqual(
      on.decisions.map((d) => [d.seq, d.t, d.command, d.result.ok]),
    );
  });

  it('applies an action the clock has passed (behind an investigation) at once, in order', () => {
    const t = 3 * 3_600_000;
    const s = runWithActions(
      scenario,
      7,
      [
        { at: t, command: { type: 'investigate', tool: 'human-review' } },
        { at: t + 60_000, command: { type: 'diagnose', rootCause: 'schema-change' } },
      ],
      { monitoring: false, until: t + 3_600_000 },
    );
    expect(s.decisions.map((d) => d.t)).toEqual([t, t + 30 * 60_000]);
    expect(s.now).toBe(t + 3_600_000);
  });
});
