/**
 * Forking a run (Session.fork, runTwoWithActions): scoring runs the do-nothing and reference
 * replays as one session until the reference's first action. A fork must then run on exactly as
 * a fresh session replayed to the same point would — traces, alerts, ledger and score to the
 * byte — and must share nothing mutable with the session it was forked from.
 */
import { describe, expect, it } from 'vitest';
import { CloneError, deepClone } from '../../../electron/engine/clone';
import type { Command } from '../../../electron/engine/commands';
import type { Scenario } from '../../../electron/engine/scenario/schema';
import { Session } from '../../../electron/engine/session';
import { summariseSession } from '../../../electron/engine/summary';
import { referenceActions } from '../../../electron/engine/scoring/reference-actions';
import {
  needsMonitor,
  runTwoWithActions,
  runWithActions,
  type ReplayAction,
} from '../../../electron/engine/scoring/replay';
import { traceRun } from '../../../electron/engine/scoring/run-trace';
import { loadFixture, loadScenarioFile } from '../scoring/fixtures';

const HOUR = 3_600_000;
const MINUTE = 60_000;

class Point {
  constructor(
    public x: number,
    public next: Point | null = null,
  ) {}
  norm(): number {
    return Math.abs(this.x);
  }
}

describe('deepClone', () => {
  it('keeps prototypes, Maps, Sets, shared references, cycles and typed-array views', () => {
    const buffer = new ArrayBuffer(64);
    const whole = new Float64Array(buffer);
    const tail = new Float64Array(buffer, 32, 2);
    whole[4] = 7;
    const p = new Point(-3);
    p.next = p;
    const shared = { big: 1 };
    const src = {
      p,
      pair: [p, p],
      map: new Map<string, Point>([['a', p]]),
      set: new Set([p]),
      whole,
      tail,
      ints: Int32Array.of(1, 2, 3),
      shared,
      frozen: Object.freeze({ k: [1, 2] }),
      // eslint-disable-next-line no-sparse-arrays -- holes must stay holes
      sparse: [1, , 3],
      nothing: undefined,
    };
    const out = deepClone(src, { shared: [shared] });
    expect(out).not.toBe(src);
    expect(out.p).toBeInstanceOf(Point);
    expect(out.p).not.toBe(p);
    expect(out.p.norm()).toBe(3);
    expect(out.p.next).toBe(out.p);
    expect(out.pair[0]).toBe(out.p);
    expect(out.map.get('a')).toBe(out.p);
    expect([...out.set][0]).toBe(out.p);
    expect(out.shared).toBe(shared);
    expect(Object.isFrozen(out.frozen)).toBe(true);
    expect(out.frozen.k).not.toBe(src.frozen.k);
    expect(1 in out.sparse).toBe(false);
    expect('nothing' in out).toBe(true);
    // Views of one buffer stay views of one (new) buffer.
    expect(out.whole.buffer).not.toBe(buffer);
    expect(out.tail.buffer).toBe(out.whole.buffer);
    expect(out.tail[0]).toBe(7);
    out.whole[4] = 9;
    expect(out.tail[0]).toBe(9);
    expect(tail[0]).toBe(7);
    expect(out.ints).toEqual(Int32Array.of(1, 2, 3));
  });

  it('refuses closures, weak collections and accessors, naming where they are', () => {
    expect(() => deepClone({ a: { f: () => 1 } })).toThrow(CloneError);
    expect(() => deepClone({ a: { f: () => 1 } })).toThrow(/a\.f/);
    expect(() => deepClone({ w: new WeakMap() })).toThrow(CloneError);
    const withGetter = Object.defineProperty({}, 'g', { get: () => 1, enumerable: true });
    expect(() => deepClone({ withGetter })).toThrow(/accessor/);
    // A shared function is kept by reference.
    const f = (): number => 1;
    expect(deepClone({ f }, { shared: [f] }).f).toBe(f);
  });
});

/** Everything a run shows that scoring, the debrief and the learner's screens read. */
function fingerprint(s: Session): string {
  return JSON.stringify({
    trace: traceRun(s),
    totals: s.ledger.totals,
    summary: summariseSession(s),
    monitor: s.monitor ? [s.monitor.snapshot(), s.monitor.history(), s.monitor.toJSON()] : null,
    events: s.events.toArray(),
    pending: s.pending,
    log: s.log.recent.toArray().slice(-50),
    sample: s.log.sampled.sample().slice(0, 50),
  });
}

/** The first reference action's time, rounded down to a whole minute. */
function firstReferenceAt(scenario: Scenario): number {
  const at = Math.min(...referenceActions(scenario).actions.map((a) => a.at));
  return Math.floor(at / MINUTE) * MINUTE;
}

function applyFrom(s: Session, actions: readonly ReplayAction[], from: number, until: number) {
  for (const a of [...actions].sort((x, y) => x.at - y.at)) {
    if (a.at < from || a.at > until) continue;
    s.advanceTo(a.at);
    s.apply(a.command, a.role);
  }
  s.advanceTo(until);
}

const FORKED = [
  'scenarios/cents-after-partner-release.yaml',
  'scenarios/labels-stop-arriving.yaml',
  'scenarios/seller-check-bad-release.yaml',
  'scenarios/router-retrieval-slowdown.yaml',
];

describe('Session.fork', () => {
  for (const path of FORKED) {
    it(`runs on like a fresh session: ${path}`, () => {
      const { scenario } = loadScenarioFile(path);
      const { actions } = referenceActions(scenario);
      const at = firstReferenceAt(scenario);
      const until = Math.min(scenario.duration, at + 2 * HOUR);
      for (const seed of [scenario.seed, 11]) {
        const fresh = new Session(scenario, { seed });
        applyFrom(fresh, actions, 0, until);

        const original = new Session(scenario, { seed });
        original.advanceTo(at);
        const fork = original.fork();
        // The fork runs first: were anything shared, the original would then differ.
        applyFrom(fork, actions, at, until);
        applyFrom(original, actions, at, until);
        const expected = fingerprint(fresh);
        expect(fingerprint(fork)).toBe(expected);
        expect(fingerprint(original)).toBe(expected);
      }
    });
  }

  it('runs on without monitoring like a session that never had it', () => {
    const { scenario } = loadScenarioFile(FORKED[0]);
    const at = firstReferenceAt(scenario);
    const until = at + HOUR;
    const fresh = new Session(scenario, { monitoring: false });
    fresh.advanceTo(until);
    const monitored = new Session(scenario);
    monitored.advanceTo(at);
    const fork = monitored.fork({ monitoring: false });
    fork.stopMonitoring();
    fork.advanceTo(until);
    expect(fork.monitor).toBeNull();
    expect(fingerprint(fork)).toBe(fingerprint(fresh));
  });

  it('reuses constructed objects, so nothing is made without its constructor', () => {
    const { scenario } = loadScenarioFile(FORKED[0]);
    const s = new Session(scenario);
    s.advanceTo(firstReferenceAt(scenario));
    const fallbacks: string[] = [];
    s.fork({ onFallback: (name, path) => fallbacks.push(`${name} at ${path}`) });
    expect(fallbacks).toEqual([]);
  });

  it('refuses a session with a scheduled effect, which is a closure', () => {
    const { scenario } = loadScenarioFile(FORKED[0]);
    const s = new Session(scenario);
    s.advanceTo(10 * MINUTE);
    s.apply({ type: 'scale', replicas: 4 });
    expect(() => s.fork()).toThrow(CloneError);
  });
});

describe('runTwoWithActions', () => {
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
    ...['cents-after-partner-release', 'bnpl-two-faults-red-herring', 'holiday-mix-benign'].map(
      (id) => ({
        name: id,
        scenario: loadScenarioFile(`scenarios/${id}.yaml`).scenario,
        injections: [],
      }),
    ),
    {
      name: 'a fixture with a live injection',
      scenario: loadFixture('unit-change').scenario,
      injections: [{ at: HOUR, command: outage, role: 'facilitator' }],
    },
  ];

  for (const { name, scenario, injections } of cases) {
    it(`gives the baselines two separate replays give: ${name}`, () => {
      const referenceLog = [...injections, ...referenceActions(scenario).actions];
      const dnOpts = { monitoring: true, lean: true };
      const refOpts = { monitoring: needsMonitor(referenceLog), lean: true };
      for (const seed of [scenario.seed, 5]) {
        const [doNothing, reference] = runTwoWithActions(
          scenario,
          seed,
          { actions: injections, opts: dnOpts },
          { actions: referenceLog, opts: refOpts },
        );
        const expectedDn = runWithActions(scenario, seed, injections, dnOpts);
        const expectedRef = runWithActions(scenario, seed, referenceLog, refOpts);
        expect(JSON.stringify(traceRun(doNothing))).toBe(JSON.stringify(traceRun(expectedDn)));
        expect(JSON.stringify(traceRun(reference))).toBe(JSON.stringify(traceRun(expectedRef)));
        expect(reference.monitor === null).toBe(!refOpts.monitoring);
      }
    });
  }
});
