/**
 * The do-nothing replay's monitor stops once it has raised the alert scoring reads from it
 * (`firstAlertFor` on the first fault), for speed. That must change nothing scoring sees: the
 * run itself, and the first alert for the first fault, are what a replay monitored to the end
 * gives; the alerts it kept are the first ones the full replay raised.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../electron/engine/commands';
import type { Scenario } from '../../../electron/engine/scenario/schema';
import { Session } from '../../../electron/engine/session';
import { runWithActions, type ReplayAction } from '../../../electron/engine/scoring/replay';
import { traceRun, type AlertView } from '../../../electron/engine/scoring/run-trace';
import { baselinesFor } from '../../../electron/engine/scoring/score';
import { firstFaultOf } from '../../../electron/engine/scoring/criteria/context';
import { firstAlertFor } from '../../../electron/engine/scoring/criteria/relevance';
import { loadFixture, loadScenarioFile } from './fixtures';

const HOUR = 3_600_000;

const outage: Command = {
  type: 'inject-fault',
  fault: {
    id: 'live-outage',
    type: 'dependency-outage',
    dependency: 'model',
    errorRate: 1,
    at: 3600 + 600,
    until: 7200,
  },
};

const cases: { name: string; scenario: Scenario; injections: ReplayAction[] }[] = [
  ...[
    'cents-after-partner-release',
    'bnpl-two-faults-red-herring',
    'holiday-mix-benign',
    'labels-stop-arriving',
  ].map((id) => ({
    name: id,
    scenario: loadScenarioFile(`scenarios/${id}.yaml`).scenario,
    injections: [],
  })),
  {
    name: 'a fixture with a live injection',
    scenario: loadFixture('unit-change').scenario,
    injections: [{ at: HOUR, command: outage, role: 'facilitator' }],
  },
];

describe('the do-nothing baseline stops monitoring after the first alert for the first fault', () => {
  for (const { name, scenario, injections } of cases) {
    it(`reads the same run and the same first alert as monitoring to the end: ${name}`, () => {
      for (const seed of [scenario.seed, 7]) {
        // A fresh copy of the scenario: baselines are cached per scenario object.
        const fresh = structuredClone(scenario);
        const stopped = baselinesFor(fresh, seed, injections).doNothing;
        const full = traceRun(
          runWithActions(fresh, seed, injections, { monitoring: true, lean: true }),
        );

        expect(JSON.stringify(stopped.windows)).toBe(JSON.stringify(full.windows));
        expect(stopped.faults).toEqual(full.faults);
        const fault = firstFaultOf(full);
        expect(fault).not.toBeNull();
        // Scoring reads which alert fired when; its later state (acknowledged, resolved) is
        // not read, and the full run went on to resolve some.
        const firing = (a: AlertView | null) =>
          a === null ? null : { ...a, acknowledgedAt: null, resolvedAt: null };
        const expected = firing(firstAlertFor(full.alerts ?? [], fault!));
        expect(firing(firstAlertFor(stopped.alerts ?? [], fault!))).toEqual(expected);
        // The alerts kept are the full run's first ones.
        const kept = stopped.alerts!.map(firing);
        expect(full.alerts!.slice(0, kept.length).map(firing)).toEqual(kept);
      }
    });
  }
});

describe('the do-nothing baseline on the default scenario', () => {
  it('stops monitoring soon after the fault shows, not at the end of the day', () => {
    const { scenario } = loadScenarioFile('scenarios/cents-after-partner-release.yaml');
    const { doNothing } = baselinesFor(structuredClone(scenario), scenario.seed, []);
    const fault = firstFaultOf(doNothing)!;
    const lastFired = Math.max(...doNothing.alerts!.map((a) => a.firedAt));
    expect(lastFired).toBeGreaterThan(fault.at);
    expect(lastFired - fault.at).toBeLessThan(HOUR);
    expect(doNothing.end).toBe(scenario.duration);
  });
});

describe('Session.freezeMonitoring', () => {
  it('keeps what the monitor saw readable and changes nothing else in the run', () => {
    const { scenario } = loadScenarioFile('scenarios/cents-after-partner-release.yaml');
    const frozen = new Session(scenario);
    const full = new Session(scenario);
    frozen.advanceTo(7 * HOUR);
    full.advanceTo(7 * HOUR);
    const seen = frozen.monitor!.alerts().map((a) => a.id);
    expect(seen.length).toBeGreaterThan(0);
    frozen.freezeMonitoring();
    frozen.advanceTo(12 * HOUR);
    full.advanceTo(12 * HOUR);

    expect(frozen.monitor).not.toBeNull();
    expect(frozen.monitor!.alerts().map((a) => a.id)).toEqual(seen);
    expect(frozen.monitor!.history().at(-1)!.end).toBeLessThanOrEqual(7 * HOUR);
    expect(full.monitor!.history().at(-1)!.end).toBe(12 * HOUR);
    expect(JSON.stringify(frozen.ledger.list())).toBe(JSON.stringify(full.ledger.list()));
  });
});
