/**
 * A session is a function of (scenario, seed, actions): the same three give the same run to the
 * byte, a different seed a different run, and the learner's actions never change which
 * requests the world sends — only what the service does with them.
 */

import { describe, expect, it } from 'vitest';
import { requestToJsonLine } from '../../../electron/engine/log/request-log';
import type { RequestRecord } from '../../../electron/engine/pipeline/request-record';
import {
  fixtureScenario,
  HOUR,
  MINUTE,
  run,
  type TimedAction,
} from '../../fixtures/engine/harness';

// Ramped and partial schema changes, drift, retries and a prior shift: every random path.
const scenario = fixtureScenario('faults/mixed.yaml');
const UNTIL = 3 * HOUR;

/**
 * Actions that change how the service serves but end no fault: the world must not notice.
 * (A mapping patch is left out on purpose: it changes the payload the log records.)
 */
const SERVING_ACTIONS: readonly TimedAction[] = [
  { at: 20 * MINUTE, command: { type: 'set-limits', retryMax: 4, retrievalK: 7, timeoutMs: 400 } },
  { at: 40 * MINUTE, command: { type: 'deploy', version: 'v1-bad', mode: 'canary', share: 0.4 } },
  { at: 80 * MINUTE, command: { type: 'set-fallback', mode: 'manual-review' } },
  { at: 100 * MINUTE, command: { type: 'scale', replicas: 1 } },
  {
    at: 110 * MINUTE,
    command: { type: 'investigate', tool: 'sample', source: 'partner', limit: 20 },
  },
  { at: 130 * MINUTE, command: { type: 'pause', paused: true } },
  { at: 150 * MINUTE, command: { type: 'pause', paused: false } },
  { at: 155 * MINUTE, command: { type: 'promote' } },
];

interface Transcript {
  jsonl: string;
  ledger: string;
  decisions: string;
  requests: number;
  /** What the world sent: arrival time, source, payload as received, true outcome. */
  world: string[];
}

function transcript(seed: number, actions: readonly TimedAction[]): Transcript {
  const lines: string[] = [];
  const world: string[] = [];
  const onRecord = (r: RequestRecord) => {
    lines.push(requestToJsonLine(r, UNTIL));
    world.push(JSON.stringify([r.t, r.source, r.payload, r.label, r.labelAt]));
  };
  const { session } = run(scenario, { seed, until: UNTIL, actions, onRecord });
  return {
    jsonl: lines.join('\n'),
    ledger: JSON.stringify({ windows: session.ledger.list(), totals: session.ledger.totals }),
    decisions: JSON.stringify(session.decisions),
    requests: lines.length,
    world,
  };
}

describe('determinism', () => {
  const a = transcript(7, SERVING_ACTIONS);
  // Another seed in between: sessions of the same scenario object must share no hidden state.
  const c = transcript(8, SERVING_ACTIONS);
  const b = transcript(7, SERVING_ACTIONS);
  const untouched = transcript(7, []);

  it('same scenario, seed and actions give a byte-identical request log and ledger', () => {
    expect(a.requests).toBeGreaterThan(40_000);
    expect(b.jsonl === a.jsonl).toBe(true);
    expect(b.ledger).toBe(a.ledger);
  });

  it('commands applied at the same virtual times give the same results', () => {
    expect(b.decisions).toBe(a.decisions);
    // All of them were accepted, so the runs exercised them.
    const decisions = JSON.parse(a.decisions) as { result: { ok: boolean } }[];
    expect(decisions.map((d) => d.result.ok)).toEqual(SERVING_ACTIONS.map(() => true));
  });

  it('a different seed gives a different run', () => {
    expect(c.jsonl).not.toBe(a.jsonl);
    expect(c.ledger).not.toBe(a.ledger);
    // ... of the same kind: similar volume of traffic.
    expect(Math.abs(c.requests - a.requests) / a.requests).toBeLessThan(0.02);
  });

  it('the world sends the same requests whatever the learner does to the service', () => {
    expect(a.world.length).toBe(untouched.world.length);
    const i = a.world.findIndex((line, j) => line !== untouched.world[j]);
    const firstDifference =
      i === -1 ? null : { index: i, acted: a.world[i], untouched: untouched.world[i] };
    expect(firstDifference).toBeNull();
  });

  it("the service's answers do change with the actions (the test above is not vacuous)", () => {
    expect(untouched.jsonl).not.toBe(a.jsonl);
    expect(untouched.ledger).not.toBe(a.ledger);
  });
});
