/**
 * Facilitator mode, host side: the hidden truth, the fault catalogue and its defaults, live
 * injection with problems keyed to the form, and what the learners' snapshot and the debrief
 * make of an injection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel, Events } from '../../../electron/shared/contract';
import { EngineHost, type Scheduler } from '../../../electron/engine/host/engine-host';
import {
  catalogueFor,
  type CatalogueEntry,
  type InjectRequest,
} from '../../../electron/engine/host/facilitator';
import { SessionController } from '../../../electron/engine/host/session-controller';
import { loadScenario } from '../../../electron/engine/scenario/load';
import { FAULT_TYPES, type Scenario } from '../../../electron/engine/scenario/schema';
import { FACILITATOR_ROLE } from '../../../electron/engine/team-roles';

const FILE = 'cents-after-partner-release.yaml';
const TEXT = readFileSync(join(__dirname, '../../../scenarios', FILE), 'utf8');
const KEY = `built-in/${FILE}`;
const H = 3_600_000;
const M = 60_000;

/** A clock that never fires: tests move virtual time by hand. */
const stillScheduler: Scheduler = {
  now: () => 0,
  setTimeout: () => 0,
  clearTimeout: () => undefined,
};

let shared: Scenario | null = null;

/** Returns the inject form's defaults for a catalogue entry, as the renderer sends them. */
function defaults(entry: CatalogueEntry, id: string): InjectRequest {
  return {
    type: entry.type,
    id,
    source: null,
    shape: 'sudden',
    rampMinutes: 60,
    startsInMinutes: 0,
    lastsMinutes: null,
    description: '',
    values: Object.fromEntries(entry.params.map((p) => [p.key, p.default])),
  };
}

describe('facilitator mode in the engine host', () => {
  let host: EngineHost;
  let controllers: SessionController[];
  let emitted: { channel: EventChannel; payload: Events[EventChannel] }[];

  beforeEach(async () => {
    controllers = [];
    emitted = [];
    host = new EngineHost({
      builtIns: [{ fileName: FILE, text: TEXT }],
      storage: { readProgress: async () => [], writeProgress: async () => undefined },
      scheduler: stillScheduler,
      emit: (channel, payload) => emitted.push({ channel, payload }),
      createController: (scenario, seed) => {
        shared ??= scenario;
        const c = new SessionController(shared, seed);
        controllers.push(c);
        return c;
      },
    });
  });

  const session = () => controllers[0].session;

  it('refuses the truth before a session starts', async () => {
    await expect(host.invoke('facilitator:truth', undefined)).rejects.toThrow(/start a scenario/);
  });

  it('shows the hidden fault with its onset, pending before and active after', async () => {
    await host.invoke('session:start', { key: KEY });
    const before = await host.invoke('facilitator:truth', undefined);
    expect(before.faults).toHaveLength(1);
    expect(before.faults[0]).toMatchObject({
      id: 'partner-cents',
      type: 'schema-change',
      label: 'Schema change',
      at: 6 * H,
      state: 'pending',
      intensity: 0,
      source: 'partner-api',
      field: 'amount',
      injected: false,
      injectedAt: null,
    });
    session().advanceTo(6 * H + 5 * M);
    const after = await host.invoke('facilitator:truth', undefined);
    expect(after.faults[0]).toMatchObject({ state: 'active', intensity: 1 });
    expect(after.now).toBe(6 * H + 5 * M);
    expect(after.hints).toEqual({ costPoints: 2, maxPenalty: 10, penalty: 0, taken: [] });
  });

  it('offers every fault family the scenario allows, each injectable with its defaults', async () => {
    await host.invoke('session:start', { key: KEY });
    const truth = await host.invoke('facilitator:truth', undefined);
    // The default scenario has two model versions and no retrieval step.
    expect(truth.catalogue.map((e) => e.type).sort()).toEqual([...FAULT_TYPES].sort());
    const outage = truth.catalogue.find((e) => e.type === 'dependency-outage')!;
    expect(outage.params.find((p) => p.key === 'dependency')!.options).toEqual([
      { value: 'model', label: 'model' },
    ]);
    for (const [i, entry] of truth.catalogue.entries()) {
      const result = await host.invoke('facilitator:inject', defaults(entry, `live-${i}`));
      expect(result, entry.type).toMatchObject({ ok: true, faultId: `live-${i}` });
    }
    expect(session().faults.all()).toHaveLength(1 + truth.catalogue.length);
  });

  it('injects a dependency outage now: logged with the facilitator role, hidden from learners', async () => {
    await host.invoke('session:start', { key: KEY });
    session().advanceTo(2 * H + 30 * M);
    const result = await host.invoke('facilitator:inject', {
      type: 'dependency-outage',
      id: 'live-outage',
      source: null,
      shape: 'sudden',
      rampMinutes: 60,
      startsInMinutes: 0,
      lastsMinutes: 90,
      description: 'The model endpoint goes down.',
      values: { dependency: 'model', errorRate: 1 },
    });
    expect(result).toEqual({
      ok: true,
      message: 'Injected "live-outage" (dependency outage): acts from 02:30 to 04:00.',
      faultId: 'live-outage',
      at: 2 * H + 30 * M,
    });
    const d = session().decisions[0];
    expect(d).toMatchObject({
      t: 2 * H + 30 * M,
      role: FACILITATOR_ROLE,
      command: {
        type: 'inject-fault',
        fault: { id: 'live-outage', type: 'dependency-outage', at: 9000, until: 14_400 },
      },
    });
    // The learners' snapshot, pushed at once, shows no trace of the injection.
    const snap = emitted.filter((e) => e.channel === 'session:snapshot').at(-1)!
      .payload as Events['session:snapshot'];
    expect(snap.decisions).toEqual([]);
    expect(JSON.stringify(snap)).not.toContain('live-outage');

    const truth = await host.invoke('facilitator:truth', undefined);
    expect(truth.faults.find((f) => f.id === 'live-outage')).toMatchObject({
      state: 'active',
      until: 4 * H,
      injected: true,
      injectedAt: 2 * H + 30 * M,
      injectedBy: FACILITATOR_ROLE,
      description: 'The model endpoint goes down.',
    });
    session().advanceTo(4 * H);
    const later = await host.invoke('facilitator:truth', undefined);
    expect(later.faults.find((f) => f.id === 'live-outage')!.state).toBe('ended');
  });

  it('the injected fault takes effect: requests fall back while it acts', async () => {
    await host.invoke('session:start', { key: KEY });
    session().advanceTo(H);
    const fallbacks = () =>
      session()
        .ledger.list()
        .reduce((a, w) => a + w.fallbacks, 0);
    const before = fallbacks();
    await host.invoke('facilitator:inject', {
      type: 'dependency-outage',
      id: 'live-outage',
      source: null,
      shape: 'sudden',
      rampMinutes: 60,
      startsInMinutes: 0,
      lastsMinutes: null,
      description: '',
      values: { dependency: 'model', errorRate: 1 },
    });
    session().advanceTo(H + 20 * M);
    expect(fallbacks() - before).toBeGreaterThan(1000);
  });

  it('reports problems against the form inputs they belong to, and injects nothing', async () => {
    await host.invoke('session:start', { key: KEY });
    const base: InjectRequest = {
      type: 'schema-change',
      id: 'partner-cents',
      source: 'partner-app',
      shape: 'sudden',
      rampMinutes: 60,
      startsInMinutes: 0,
      lastsMinutes: null,
      description: '',
      values: { change: 'unit-change', field: 'amount', factor: '' },
    };
    const result = await host.invoke('facilitator:inject', base);
    expect(result).toEqual({ ok: false, problems: [{ key: 'factor', message: 'enter a number' }] });

    const second = await host.invoke('facilitator:inject', {
      ...base,
      values: { change: 'unit-change', field: 'amount', factor: 100 },
    });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.problems).toEqual(
      expect.arrayContaining([
        { key: 'id', message: 'a fault named "partner-cents" already exists in this session' },
        {
          key: 'source',
          message: expect.stringMatching(
            /unknown source "partner-app".*did you mean "partner-api"/,
          ),
        },
      ]),
    );

    const late = await host.invoke('facilitator:inject', {
      ...base,
      id: 'late',
      source: null,
      startsInMinutes: 25 * 60,
      values: { change: 'unit-change', field: 'amount', factor: 100 },
    });
    expect(late).toEqual({
      ok: false,
      problems: [
        {
          key: 'startsInMinutes',
          message: 'the scenario ends in 24 h; start the fault before then',
        },
      ],
    });
    expect(session().decisions).toEqual([]);
    expect(session().faults.all()).toHaveLength(1);
  });

  it('validates the request payload before the handler runs', async () => {
    await host.invoke('session:start', { key: KEY });
    await expect(
      host.invoke('facilitator:inject', { type: 'meteor-strike', id: 'x' }),
    ).rejects.toThrow(/Invalid request for "facilitator:inject"/);
    await expect(host.invoke('facilitator:truth', { peek: true })).rejects.toThrow(
      /Invalid request for "facilitator:truth"/,
    );
  });

  it('refuses injections sent as learner commands; the engine refuses a bad body too', async () => {
    await host.invoke('session:start', { key: KEY });
    const command = {
      type: 'inject-fault' as const,
      fault: { id: 'x', type: 'schema-change', change: 'drop', field: 'amout' },
    };
    await expect(host.invoke('session:command', { command })).rejects.toThrow(
      /faults are injected through "facilitator:inject"/,
    );
    expect(session().decisions).toEqual([]);
    // Session files and replays apply `inject-fault` decisions directly: the body is checked.
    expect(session().apply(command, FACILITATOR_ROLE)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid fault: field: unknown field "amout".*"amount"/),
    });
  });

  it('shows hints taken, with the role that asked and the running cost', async () => {
    await host.invoke('session:start', { key: KEY });
    session().advanceTo(6 * H + 10 * M);
    await host.invoke('session:command', { command: { type: 'hint' }, role: 'comms' });
    const truth = await host.invoke('facilitator:truth', undefined);
    expect(truth.hints).toMatchObject({
      penalty: 2,
      taken: [{ seq: 0, t: 6 * H + 10 * M, role: 'comms', text: expect.stringMatching(/Inputs/) }],
    });
  });
});

describe('the catalogue', () => {
  it('offers retrieval faults only where the pipeline retrieves', () => {
    const text = readFileSync(
      join(__dirname, '../../../scenarios/router-retrieval-slowdown.yaml'),
      'utf8',
    );
    // Loaded through the host's own loader, as the app does.
    const host = new EngineHost({
      builtIns: [{ fileName: 'r.yaml', text }],
      storage: { readProgress: async () => [], writeProgress: async () => undefined },
      scheduler: stillScheduler,
      emit: () => undefined,
    });
    return host.invoke('session:start', { key: 'built-in/r.yaml' }).then(async () => {
      const truth = await host.invoke('facilitator:truth', undefined);
      const stages = truth.catalogue
        .find((e) => e.type === 'latency-regression')!
        .params.find((p) => p.key === 'stage')!.options;
      expect(stages!.map((o) => o.value)).toEqual(['model', 'retrieval']);
      host.dispose();
    });
  });

  it('sets drift defaults from each field: a spread for numbers, the rarest category to grow', () => {
    const loaded = loadScenario(TEXT, FILE);
    if (!loaded.ok) throw new Error('the default scenario does not load');
    const drift = catalogueFor(loaded.scenario).find((e) => e.type === 'covariate-drift')!;
    const param = (key: string) => drift.params.find((p) => p.key === key)!;
    expect(param('meanShift:amount')).toMatchObject({ default: 45, unit: 'USD' });
    expect(param('meanShift:device_score')).toMatchObject({ default: 12 });
    expect(param('grow:merchant_category')).toMatchObject({
      default: 'travel',
      showWhen: { key: 'field', values: ['merchant_category'] },
    });
    expect(param('pShift:card_present')).toMatchObject({ default: 0.2 });
  });
});
