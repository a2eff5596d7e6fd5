import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel, Events, ProgressEntry } from '../../../electron/shared/contract';
import {
  BUDGET_MS,
  EngineHost,
  FRAME_MS,
  SNAPSHOT_INTERVAL_MS,
  type DebriefBuilder,
  type DebriefInput,
  type ProgressStorage,
  type Scheduler,
} from '../../../electron/engine/host/engine-host';
import { SessionController } from '../../../electron/engine/host/session-controller';
import type { Scenario } from '../../../electron/engine/scenario/schema';
import { loadScenario } from '../../../electron/engine/scenario/load';
import { parseSessionFile } from '../../../electron/engine/session-file';

const DEFAULT_FILE = 'cents-after-partner-release.yaml';
const DEFAULT_TEXT = readFileSync(join(__dirname, '../../../scenarios', DEFAULT_FILE), 'utf8');
const DEFAULT_KEY = `built-in/${DEFAULT_FILE}`;
const BROKEN_TEXT = DEFAULT_TEXT.replace('difficulty: beginner', 'difficulty: expert');

/** Timers run by hand; `now` only moves when the test (or simulated compute) moves it. */
class ManualScheduler implements Scheduler {
  time = 0;
  private timers: { id: number; at: number; run: () => void }[] = [];
  private nextId = 1;
  /** Real-time cost of each frame the host ran, in ms of this clock. */
  readonly frames: { start: number; cost: number }[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + ms, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Moves the clock forward `ms`, running each timer when it falls due. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      const start = this.time;
      next.run();
      this.frames.push({ start, cost: this.time - start });
    }
    this.time = Math.max(this.time, end);
  }
}

/** Progress kept in memory. */
class MemoryStorage implements ProgressStorage {
  entries: ProgressEntry[] = [];
  async readProgress(): Promise<ProgressEntry[]> {
    return [...this.entries];
  }
  async writeProgress(entries: ProgressEntry[]): Promise<void> {
    // A little delay so overlapping saves would interleave if the host did not queue them.
    await new Promise((r) => setTimeout(r, 2));
    this.entries = [...entries];
  }
}

type Emitted = {
  [K in EventChannel]: { channel: K; payload: Events[K]; at: number };
}[EventChannel];

// Training the scenario's models takes most of a second; share one Scenario object per id so
// the engine's registry cache trains them once for the whole file.
const scenarios = new Map<string, Scenario>();
function sharedScenario(s: Scenario): Scenario {
  if (!scenarios.has(s.id)) scenarios.set(s.id, s);
  return scenarios.get(s.id)!;
}

describe('EngineHost', () => {
  let scheduler: ManualScheduler;
  let emitted: Emitted[];
  let storage: MemoryStorage;
  let controllers: SessionController[];

  /** Returns a host over the default and a broken scenario; `wrap` may alter each controller. */
  function makeHost(
    wrap: (c: SessionController) => SessionController = (c) => c,
    debrief?: DebriefBuilder,
  ): EngineHost {
    return new EngineHost({
      ...(debrief ? { debrief } : {}),
      builtIns: [
        { fileName: DEFAULT_FILE, text: DEFAULT_TEXT },
        { fileName: 'zz-broken.yaml', text: BROKEN_TEXT },
      ],
      storage,
      scheduler,
      emit: (channel, payload) =>
        emitted.push({ channel, payload, at: scheduler.now() } as Emitted),
      createController: (scenario, seed) => {
        const c = wrap(new SessionController(sharedScenario(scenario), seed));
        controllers.push(c);
        return c;
      },
    });
  }

  const snapshots = () => emitted.filter((e) => e.channel === 'session:snapshot');

  beforeEach(() => {
    scheduler = new ManualScheduler();
    emitted = [];
    storage = new MemoryStorage();
    controllers = [];
  });

  it('lists the built-in scenarios with their metadata', async () => {
    const list = await makeHost().invoke('library:list', undefined);
    expect(list.map((e) => e.key)).toEqual([DEFAULT_KEY, 'built-in/zz-broken.yaml']);
    expect(list[0]).toMatchObject({
      origin: 'built-in',
      ok: true,
      id: 'cents-after-partner-release',
      difficulty: 'beginner',
      durationMs: 24 * 3_600_000,
    });
    expect(list[0].teaches?.length).toBeGreaterThan(0);
  });

  it('keeps an invalid scenario as an entry whose errors give line and column', async () => {
    const host = makeHost();
    const entry = await host.invoke('library:open-text', {
      fileName: 'mine.yaml',
      text: BROKEN_TEXT,
    });
    expect(entry).toMatchObject({ key: 'opened/mine.yaml', origin: 'opened', ok: false });
    expect(entry.errors?.[0]).toMatchObject({
      file: 'mine.yaml',
      line: 6,
      column: 13,
      path: 'difficulty',
    });
    const list = await host.invoke('library:list', null);
    expect(list.find((e) => e.key === 'opened/mine.yaml')?.errors).toEqual(entry.errors);
    await expect(host.invoke('session:start', { key: 'opened/mine.yaml' })).rejects.toThrow(
      /has 1 error; fix the file/,
    );
  });

  it('rejects malformed requests with the field at fault', async () => {
    const host = makeHost();
    await expect(host.invoke('session:set-speed', { speed: 7 })).rejects.toThrow(
      /Invalid request for "session:set-speed"[\s\S]*speed/,
    );
    await expect(host.invoke('session:start', { key: DEFAULT_KEY, seed: -1 })).rejects.toThrow(
      /seed/,
    );
    await expect(host.invoke('library:list', { extra: true })).rejects.toThrow(
      /Invalid request for "library:list"/,
    );
    await expect(host.invoke('session:start', { key: 'built-in/nope.yaml' })).rejects.toThrow(
      /no scenario "built-in\/nope.yaml"/,
    );
    await expect(host.invoke('session:set-speed', { speed: 1 })).rejects.toThrow(
      /No session is running/,
    );
  });

  it('gives the briefing of a scenario', async () => {
    const briefing = await makeHost().invoke('scenario:briefing', { key: DEFAULT_KEY });
    expect(briefing).toMatchObject({ id: 'cents-after-partner-release', latencyBudgetMs: 250 });
    expect(briefing.costBudgetUsdPerHour).toBeGreaterThan(0);
    expect(briefing.sources).toEqual(['mobile-app', 'web', 'partner-api']);
    expect(briefing.fields.find((f) => f.name === 'amount')).toEqual({
      name: 'amount',
      type: 'number',
      unit: 'USD',
    });
    expect(briefing.rootCauses).toContain('schema-change');
    expect(briefing.teams).toContain('partner');
  });

  it('runs the clock and pushes snapshots at most 10 times per second', async () => {
    const host = makeHost();
    const first = await host.invoke('session:start', { key: DEFAULT_KEY, seed: 7 });
    expect(first).toMatchObject({ now: 0, seed: 7, speed: 0 });
    await host.invoke('session:set-speed', { speed: 600 });
    expect(snapshots()).toHaveLength(1); // pushed at once after the speed change
    scheduler.advance(3000);

    const throttled = snapshots().slice(1);
    expect(throttled.length).toBeGreaterThanOrEqual(25);
    for (let i = 1; i < snapshots().length; i++) {
      expect(snapshots()[i].at - snapshots()[i - 1].at).toBeGreaterThanOrEqual(
        SNAPSHOT_INTERVAL_MS,
      );
    }
    for (let second = 0; second < 3; second++) {
      const inSecond = snapshots().filter(
        (s) => s.at >= second * 1000 && s.at < (second + 1) * 1000,
      );
      expect(inSecond.length).toBeLessThanOrEqual(10);
    }
    // At 600×, three seconds of real time are thirty minutes of virtual time.
    const last = snapshots().at(-1)!.payload;
    expect(last.now).toBeGreaterThan(29 * 60_000);
    expect(last.now).toBeLessThanOrEqual(30 * 60_000);
    // Frames come about every 16 ms.
    expect(scheduler.frames.length).toBeGreaterThanOrEqual(Math.floor(3000 / FRAME_MS) - 2);

    await host.invoke('session:set-speed', { speed: 0 });
    const count = snapshots().length;
    scheduler.advance(1000);
    expect(snapshots()).toHaveLength(count);
    expect(scheduler.pending).toBe(0);
  });

  it('keeps every frame within the compute budget when engine work is slow', async () => {
    const SLICE_COST_MS = 3;
    const SNAPSHOT_COST_MS = 2;
    const budgets: number[] = [];
    const host = makeHost((c) => {
      // Simulated compute: each engine slice and snapshot moves the host's clock forward.
      const advanceTo = c.session.advanceTo.bind(c.session);
      c.session.advanceTo = (t: number) => {
        scheduler.time += SLICE_COST_MS;
        advanceTo(t);
      };
      const snapshot = c.snapshot.bind(c);
      c.snapshot = () => {
        scheduler.time += SNAPSHOT_COST_MS;
        return snapshot();
      };
      const tick = c.tick.bind(c);
      c.tick = (real, budget, clock) => {
        budgets.push(budget);
        return tick(real, budget, clock);
      };
      return c;
    });
    await host.invoke('session:start', { key: DEFAULT_KEY });
    await host.invoke('session:set-speed', { speed: 600 });
    scheduler.advance(2000);

    expect(budgets.length).toBeGreaterThan(50);
    expect(Math.max(...budgets)).toBeLessThanOrEqual(BUDGET_MS);
    // The engine stops at the first slice past the budget, so a frame can overrun it by one
    // slice at most, and still ends inside the 16 ms frame.
    const costs = scheduler.frames.map((f) => f.cost);
    expect(Math.max(...costs)).toBeLessThanOrEqual(FRAME_MS);
    // Frames that carried a snapshot left room for it.
    expect(snapshots().length).toBeGreaterThan(10);
  });

  it('spends little real compute per frame with the real engine', async () => {
    const real = new ManualScheduler();
    real.now = () => performance.now();
    // Timers still run by hand, so the test decides how many frames run.
    const host = new EngineHost({
      builtIns: [{ fileName: DEFAULT_FILE, text: DEFAULT_TEXT }],
      storage,
      scheduler: real,
      emit: () => undefined,
      createController: (scenario, seed) => new SessionController(sharedScenario(scenario), seed),
    });
    await host.invoke('session:start', { key: DEFAULT_KEY });
    await host.invoke('session:set-speed', { speed: 600 });
    const costs: number[] = [];
    for (let i = 0; i < 150; i++) {
      const start = performance.now();
      real.time = start;
      real.advance(FRAME_MS);
      costs.push(performance.now() - start);
    }
    costs.sort((a, b) => a - b);
    // Medians only: a shared CI machine pauses for GC or other processes now and then.
    expect(costs[Math.floor(costs.length / 2)]).toBeLessThan(BUDGET_MS);
  });

  it('applies a command to the session, logs it and pushes a snapshot at once', async () => {
    const host = makeHost();
    await host.invoke('session:start', { key: DEFAULT_KEY });
    const before = snapshots().length;
    const result = await host.invoke('session:command', {
      command: { type: 'investigate', tool: 'change-log' },
      role: 'incident-commander',
    });
    expect(result.ok).toBe(true);
    const session = controllers[0].session;
    expect(session.decisions).toHaveLength(1);
    expect(session.decisions[0]).toMatchObject({
      command: { type: 'investigate', tool: 'change-log' },
      role: 'incident-commander',
    });
    expect(snapshots()).toHaveLength(before + 1);
    expect(snapshots().at(-1)!.payload.decisions).toHaveLength(1);

    await expect(host.invoke('session:command', { command: { type: 'rollback' } })).rejects.toThrow(
      /command\.version/,
    );
    expect(session.decisions).toHaveLength(1);
  });

  it('takes learner commands from the four team roles only, and never an injection', async () => {
    const host = makeHost();
    await host.invoke('session:start', { key: DEFAULT_KEY });
    const investigate = { type: 'investigate', tool: 'change-log' };
    for (const role of ['lead', 'facilitator', 'toString', '']) {
      await expect(
        host.invoke('session:command', { command: investigate, role }),
        role,
      ).rejects.toThrow(/Invalid request for "session:command"[\s\S]*role/);
    }
    const injection = {
      type: 'inject-fault',
      fault: { id: 'x', type: 'dependency-outage', at: '0s', dependency: 'feature-store' },
    };
    for (const payload of [{ command: injection }, { command: injection, role: 'scribe' }]) {
      await expect(host.invoke('session:command', payload)).rejects.toThrow(
        /faults are injected through "facilitator:inject"/,
      );
    }
    expect(controllers[0].session.decisions).toEqual([]);
    for (const role of ['incident-commander', 'ml-on-call', 'scribe', 'comms'] as const)
      await host.invoke('session:command', { command: investigate, role });
    expect(controllers[0].session.decisions.map((d) => d.role)).toEqual([
      'incident-commander',
      'ml-on-call',
      'scribe',
      'comms',
    ]);
  });

  it('steps one monitoring window', async () => {
    const host = makeHost();
    await host.invoke('session:start', { key: DEFAULT_KEY });
    const snapshot = await host.invoke('session:step-window', undefined);
    expect(snapshot.now).toBe(controllers[0].session.scenario.monitoring.window);
  });

  it('reports an engine exception as session:error and stops the clock', async () => {
    let frames = 0;
    const host = makeHost((c) => {
      const tick = c.tick.bind(c);
      c.tick = (real, budget, clock) => {
        if (++frames === 3) throw new RangeError('window index out of range');
        return tick(real, budget, clock);
      };
      return c;
    });
    await host.invoke('session:start', { key: DEFAULT_KEY });
    await host.invoke('session:set-speed', { speed: 60 });
    scheduler.advance(500);

    const errors = emitted.filter((e) => e.channel === 'session:error');
    expect(errors).toHaveLength(1);
    expect(errors[0].payload.message).toBe('window index out of range');
    expect(errors[0].payload.detail).toMatch(/RangeError: window index out of range\n\s+at /);
    expect(frames).toBe(3);
    expect(scheduler.pending).toBe(0);

    await expect(host.invoke('session:set-speed', { speed: 1 })).rejects.toThrow(
      /engine stopped after an error/,
    );
    // The way on: the session so far can still be exported, and the scenario restarted.
    const exported = await host.invoke('session:export', undefined);
    expect(JSON.parse(exported.json)).toMatchObject({ format: 'driftdrill-session', version: 1 });
    await expect(host.invoke('session:start', { key: DEFAULT_KEY })).resolves.toMatchObject({
      now: 0,
    });
  });

  it('reports an exception inside a command as session:error and rejects the request', async () => {
    const host = makeHost((c) => {
      c.apply = () => {
        throw new Error('registry corrupted');
      };
      return c;
    });
    await host.invoke('session:start', { key: DEFAULT_KEY });
    await expect(host.invoke('session:command', { command: { type: 'resolve' } })).rejects.toThrow(
      /engine failed while applying "resolve": registry corrupted/,
    );
    expect(emitted.filter((e) => e.channel === 'session:error')).toHaveLength(1);
  });

  it('exports the session as (scenario, seed, decisions)', async () => {
    const host = makeHost();
    await host.invoke('session:start', { key: DEFAULT_KEY, seed: 42 });
    await host.invoke('session:command', { command: { type: 'investigate', tool: 'change-log' } });
    const { fileName, json } = await host.invoke('session:export', undefined);
    expect(fileName).toBe('cents-after-partner-release-seed-42.session.json');
    const file = JSON.parse(json) as { decisions: { t: number; command: { type: string } }[] };
    expect(file).toMatchObject({
      format: 'driftdrill-session',
      version: 1,
      scenarioId: 'cents-after-partner-release',
      seed: 42,
    });
    expect(file.decisions).toEqual([
      { seq: 0, t: 0, command: { type: 'investigate', tool: 'change-log' } },
    ]);
    // The file carries the scenario's hash, so `sim score` can replay it and refuse a changed file.
    const loaded = loadScenario(DEFAULT_TEXT, DEFAULT_FILE);
    if (!loaded.ok) throw new Error('the default scenario must load');
    expect(parseSessionFile(json, loaded.scenario, DEFAULT_TEXT)).toMatchObject({ ok: true });
    const changed = DEFAULT_TEXT.replace(/seed: \d+/, 'seed: 999999');
    expect(changed).not.toBe(DEFAULT_TEXT);
    expect(parseSessionFile(json, loaded.scenario, changed)).toMatchObject({ ok: false });
  });

  it('saves progress without losing lines when saves overlap', async () => {
    const host = makeHost();
    const entry = (i: number): ProgressEntry => ({
      scenarioId: 'cents-after-partner-release',
      title: 'Cents',
      seed: i,
      finishedAt: '2026-11-25T17:32:00Z',
      score: 50 + i,
      maxScore: 100,
    });
    await Promise.all([0, 1, 2, 3].map((i) => host.invoke('progress:add', entry(i))));
    expect((await host.invoke('progress:list', undefined)).map((e) => e.seed)).toEqual([
      0, 1, 2, 3,
    ]);
    await expect(
      host.invoke('progress:add', { ...entry(9), finishedAt: 'yesterday' }),
    ).rejects.toThrow(/finishedAt/);
  });

  it('hands scoring the scenario file, seed and decision log', async () => {
    const inputs: DebriefInput[] = [];
    const host = makeHost(undefined, (input) => {
      inputs.push(input);
      return { format: 'driftdrill-debrief', score: { total: 1, max: 2 } };
    });
    await host.invoke('session:start', { key: DEFAULT_KEY, seed: 5 });
    await host.invoke('session:command', {
      command: { type: 'diagnose', rootCause: 'schema-change' },
      role: 'incident-commander',
    });
    await expect(host.invoke('session:debrief', undefined)).resolves.toMatchObject({
      format: 'driftdrill-debrief',
    });
    expect(inputs[0].source).toEqual({ fileName: DEFAULT_FILE, text: DEFAULT_TEXT });
    expect(inputs[0].seed).toBe(5);
    expect(inputs[0].decisions).toEqual([
      {
        t: 0,
        command: { type: 'diagnose', rootCause: 'schema-change' },
        role: 'incident-commander',
      },
    ]);
  });

  it('answers a failed scoring with the reason instead of throwing', async () => {
    const host = makeHost(undefined, async () => {
      throw new Error('baseline replay ran out of memory');
    });
    await host.invoke('session:start', { key: DEFAULT_KEY });
    await expect(host.invoke('session:debrief', undefined)).resolves.toEqual({
      ok: false,
      error: 'The session could not be scored: baseline replay ran out of memory',
    });
  });
});
