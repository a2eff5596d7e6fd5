import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEntry } from '../../../electron/shared/contract';
import { EngineHost, type Scheduler } from '../../../electron/engine/host/engine-host';
import { parseResultFile } from '../../../electron/engine/cohort/result-file';
import { scenarioHash } from '../../../electron/engine/scoring/scenario-hash';
import type { Debrief } from '../../../electron/engine/scoring/debrief-types';

const FILE = 'unit-change.yaml';
const TEXT = readFileSync(join(__dirname, '../../fixtures/sessions', FILE), 'utf8');
const KEY = `built-in/${FILE}`;
const FINISHED = '2026-11-25T09:30:00.000Z';

/** Timers that never fire: the test moves the clock with `session:step-window`. */
const stopped: Scheduler = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined };

function makeHost(): EngineHost {
  let progress: ProgressEntry[] = [];
  return new EngineHost({
    builtIns: [{ fileName: FILE, text: TEXT }],
    storage: {
      readProgress: async () => progress,
      writeProgress: async (entries) => {
        progress = entries;
      },
    },
    emit: () => undefined,
    scheduler: stopped,
  });
}

describe('session:result', () => {
  it('exports the scored session as a result file the cohort view reads back', async () => {
    const host = makeHost();
    await expect(host.invoke('session:result', { finishedAt: FINISHED })).rejects.toThrow(
      'No session is running',
    );
    let snap = await host.invoke('session:start', { key: KEY });
    while (snap.now < 3 * 3_600_000 + 20 * 60_000)
      snap = await host.invoke('session:step-window', undefined);
    await host.invoke('session:command', {
      command: { type: 'patch-mapping', field: 'amount', source: 'partner-api', factor: 0.01 },
      role: 'ml-on-call',
    });
    await host.invoke('session:command', {
      command: { type: 'diagnose', rootCause: 'schema-change' },
      role: 'incident-commander',
    });
    await expect(host.invoke('session:result', { finishedAt: FINISHED })).rejects.toThrow(
      'This session has no score yet: finish it and wait for the debrief before saving a result file.',
    );

    const debrief = (await host.invoke('session:debrief', undefined)) as Debrief;
    const { fileName, json } = await host.invoke('session:result', {
      learner: '  Team\tLima ',
      finishedAt: FINISHED,
    });
    expect(fileName).toBe('fixture-unit-change-11-team-lima.driftdrill-result.json');
    const parsed = parseResultFile(json, fileName);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const r = parsed.result;
    expect(r.scenario).toEqual({
      id: 'fixture-unit-change',
      title: debrief.scenario.title,
      hash: scenarioHash(TEXT),
    });
    expect(r).toMatchObject({ seed: 11, learner: 'Team Lima', finishedAt: FINISHED });
    expect(r.roles).toEqual(['ml-on-call', 'incident-commander']);
    expect(r.decisions.map((d) => d.command.type)).toEqual(['patch-mapping', 'diagnose']);
    expect(r.score.total).toBe(debrief.score.total);
    expect(r.score.criteria.map((c) => c.points)).toEqual(
      debrief.score.criteria.map((c) => c.points),
    );
    expect(r.score.costBudgetUsdPerHour).toBe(5);

    // A new session has no score until its own debrief.
    await host.invoke('session:start', { key: KEY });
    await expect(host.invoke('session:result', { finishedAt: FINISHED })).rejects.toThrow(
      'no score yet',
    );
    host.dispose();
  });

  it('refuses a bad time or an over-long name before doing anything', async () => {
    const host = makeHost();
    await expect(host.invoke('session:result', { finishedAt: 'yesterday' })).rejects.toThrow(
      'Invalid request for "session:result"',
    );
    await expect(
      host.invoke('session:result', { learner: 'x'.repeat(81), finishedAt: FINISHED }),
    ).rejects.toThrow('Invalid request for "session:result"');
    host.dispose();
  });
});
