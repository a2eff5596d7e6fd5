/**
 * The engine's monitor counts requests from the request log's columns, a step at a time, rows
 * field by field; `Monitor.observe` counts request records one by one through the payload
 * object path. Both are the same monitoring: on the same run they must give the same windows,
 * to the last bit, for everything computed from requests (labels reach only the engine's own
 * monitor here, so label-based figures are left out of the comparison).
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../electron/engine/commands';
import { Monitor } from '../../../electron/engine/monitor/monitor';
import type { WindowMetrics } from '../../../electron/engine/monitor/window-metrics';
import type { Scenario } from '../../../electron/engine/scenario/schema';
import { Session } from '../../../electron/engine/session';
import { fixtureScenario, HOUR, MINUTE } from '../../fixtures/engine/harness';
import { loadScenarioFile } from '../scoring/fixtures';

/** A window without what only arriving labels can fill in. */
function requestFigures(w: WindowMetrics): unknown {
  const { perf: _perf, routes, ...rest } = w;
  const route = (r: WindowMetrics['routes']['serving'] | null): unknown =>
    r === null ? null : { ...r, labelled: 0, accuracy: null };
  return {
    ...rest,
    routes: {
      serving: route(routes.serving),
      candidate: route(routes.candidate),
      shadow: route(routes.shadow),
    },
  };
}

function bothWays(
  scenario: Scenario,
  until: number,
  actions: readonly { at: number; command: Command }[] = [],
): { logged: unknown[]; records: unknown[] } {
  const records = new Monitor(scenario);
  const session = new Session(scenario, { onRecord: (r) => records.observe(r) });
  for (const a of actions) {
    session.advanceTo(a.at);
    expect(session.apply(a.command).ok).toBe(true);
  }
  session.advanceTo(until);
  records.advanceTo(until);
  const logged = (session.monitor as Monitor).history();
  expect(logged.length).toBe(until / scenario.monitoring.window);
  return { logged: logged.map(requestFigures), records: records.history().map(requestFigures) };
}

describe('counting logged batches', () => {
  it('gives the windows that counting each record gives, on the default scenario', () => {
    const { logged, records } = bothWays(
      loadScenarioFile('scenarios/cents-after-partner-release.yaml').scenario,
      6 * HOUR,
    );
    expect(logged).toEqual(records);
  });

  it('gives the same windows with schema changes, retries, a shadow and a canary route', () => {
    // Schema changes send payloads as objects; rows and objects mix within a step.
    const { logged, records } = bothWays(fixtureScenario('faults/mixed.yaml'), 3 * HOUR, [
      { at: 20 * MINUTE, command: { type: 'deploy', version: 'v1-bad', mode: 'shadow' } },
      {
        at: 70 * MINUTE,
        command: { type: 'deploy', version: 'v1-bad', mode: 'canary', share: 0.3 },
      },
      { at: 100 * MINUTE, command: { type: 'set-limits', retryMax: 4, timeoutMs: 300 } },
    ]);
    expect(logged).toEqual(records);
  });
});
