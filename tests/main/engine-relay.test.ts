import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventChannel, ProgressEntry } from '../../electron/shared/contract';
import type { ProgressStorage } from '../../electron/engine/host/engine-host';
import { EngineRelay } from '../../electron/main/engine-relay';
import { InProcessEngineThread } from '../fakes/in-process-engine';

const FILE = 'cents-after-partner-release.yaml';
const builtIns = [
  { fileName: FILE, text: readFileSync(join(__dirname, '../../scenarios', FILE), 'utf8') },
];
const KEY = `built-in/${FILE}`;

/** Progress kept in memory, recording what was written. */
class MemoryStorage implements ProgressStorage {
  entries: ProgressEntry[] = [];
  failWrites = false;
  async readProgress(): Promise<ProgressEntry[]> {
    return this.entries;
  }
  async writeProgress(entries: ProgressEntry[]): Promise<void> {
    if (this.failWrites) throw new Error('disk full');
    this.entries = entries;
  }
}

function setup() {
  const threads: InProcessEngineThread[] = [];
  const events: { channel: EventChannel; payload: unknown }[] = [];
  const storage = new MemoryStorage();
  const relay = new EngineRelay({
    startThread: () => {
      const thread = new InProcessEngineThread({ builtIns });
      threads.push(thread);
      return thread;
    },
    storage,
    emit: (channel, payload) => events.push({ channel, payload }),
  });
  return { relay, threads, events, storage };
}

const entry: ProgressEntry = {
  scenarioId: 'cents-after-partner-release',
  title: 'Cents',
  seed: 7,
  finishedAt: '2026-11-25T21:00:00Z',
  score: 61,
  maxScore: 100,
};

describe('the engine thread relay in main', () => {
  it('starts the engine thread on the first request and relays replies', async () => {
    const { relay, threads } = setup();
    expect(threads).toHaveLength(0);
    const list = await relay.invoke('library:list', undefined);
    expect(list.map((e) => e.key)).toEqual([KEY]);
    const snapshot = await relay.invoke('session:start', { key: KEY, seed: 3 });
    expect(snapshot).toMatchObject({ now: 0 });
    expect(threads).toHaveLength(1);
  });

  it('passes the engine events to the renderer', async () => {
    const { relay, events } = setup();
    await relay.invoke('session:start', { key: KEY });
    await relay.invoke('session:step-window', undefined);
    const snapshots = events.filter((e) => e.channel === 'session:snapshot');
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots.at(-1)?.payload).toMatchObject({ now: 300_000 });
  });

  it('refuses a malformed payload with the reason, in the thread', async () => {
    const { relay } = setup();
    await expect(
      relay.invoke('session:start', { key: '' } as unknown as { key: string }),
    ).rejects.toThrow(/Invalid request for "session:start"/);
  });

  it("keeps saved progress in main's storage", async () => {
    const { relay, storage } = setup();
    await relay.invoke('progress:add', entry);
    expect(storage.entries).toEqual([entry]);
    expect(await relay.invoke('progress:list', undefined)).toEqual([entry]);
    storage.failWrites = true;
    await expect(relay.invoke('progress:add', { ...entry, seed: 8 })).rejects.toThrow('disk full');
    expect(storage.entries).toEqual([entry]);
  });

  it('lists a file main could not read, with the reason', async () => {
    const { relay } = setup();
    const rejected = await relay.rejectFile('huge.yaml', 'The file is 3.0 MiB.');
    expect(rejected).toMatchObject({ ok: false, key: 'opened/huge.yaml' });
    expect((await relay.invoke('library:list', undefined)).map((e) => e.key)).toContain(
      'opened/huge.yaml',
    );
  });

  it('reports a dead engine thread, refuses what was pending, and starts a new one', async () => {
    const { relay, threads, events } = setup();
    await relay.invoke('library:list', undefined);
    const pending = relay.invoke('session:start', { key: KEY });
    threads[0].crash('out of memory');
    await expect(pending).rejects.toThrow(/engine stopped unexpectedly \(out of memory\)/);
    const errors = events.filter((e) => e.channel === 'session:error');
    expect(errors).toHaveLength(1);
    expect(errors[0].payload).toMatchObject({ message: expect.stringMatching(/Reload/) });
    await expect(relay.invoke('library:list', undefined)).resolves.toHaveLength(1);
    expect(threads).toHaveLength(2);
  });

  it('passes on only contract events and ignores malformed messages from the thread', async () => {
    const { relay, threads, events } = setup();
    await relay.invoke('library:list', undefined);
    threads[0].emit('message', { type: 'event', channel: 'shell:run', payload: 'rm -rf /' });
    threads[0].emit('message', { type: 'result', id: 'x' });
    threads[0].emit('message', null);
    expect(events).toEqual([]);
    await expect(relay.invoke('library:list', undefined)).resolves.toHaveLength(1);
  });

  it('terminates the thread and refuses pending and later requests when disposed', async () => {
    const { relay, threads } = setup();
    await relay.invoke('library:list', undefined);
    const pending = relay.invoke('session:start', { key: KEY });
    relay.dispose();
    await expect(pending).rejects.toThrow(/closing/);
    expect(threads[0].terminated).toBe(true);
    await expect(relay.invoke('library:list', undefined)).rejects.toThrow(/closing/);
    expect(threads).toHaveLength(1);
  });

  it('gives a restarted thread the files opened before the crash', async () => {
    const { relay, threads } = setup();
    const opened = await relay.invoke('library:open-text', {
      fileName: 'mine.yaml',
      text: builtIns[0].text,
    });
    await relay.rejectFile('huge.yaml', 'The file is 3.0 MiB.');
    threads[0].crash('out of memory');
    await expect(relay.invoke('session:start', { key: opened.key })).resolves.toMatchObject({
      now: 0,
    });
    expect(threads).toHaveLength(2);
    const keys = (await relay.invoke('library:list', undefined)).map((e) => e.key);
    expect(keys).toEqual(expect.arrayContaining([KEY, 'opened/mine.yaml', 'opened/huge.yaml']));
  });

  it('refuses progress from the thread that would not pass the page checks', async () => {
    const { relay, threads, storage } = setup();
    await relay.invoke('progress:add', entry);
    threads[0].emit('message', {
      type: 'storage',
      id: 99,
      op: 'write',
      entries: [{ evil: true }, 42],
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(storage.entries).toEqual([entry]);
    const answer = threads[0].received.find((m) => m.type === 'storage-result' && m.id === 99);
    expect(answer).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Refused to save progress/),
    });
  });
});
