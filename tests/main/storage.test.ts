import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEntry } from '../../electron/shared/contract';
import {
  UserDataStorage,
  getStorage,
  setupStorage,
  type StorageProblem,
} from '../../electron/main/storage';
import { app } from '../fakes/electron';

/** Returns `n` progress entries; `tag` makes each batch distinguishable. */
function entries(n: number, tag = 'a'): ProgressEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    scenarioId: `scenario-${tag}-${i}`,
    title: `Scenario ${tag} ${i} — ${'padding '.repeat(20)}`,
    seed: i,
    finishedAt: '2026-11-25T17:32:00.000Z',
    score: i % 100,
    maxScore: 100,
  }));
}

describe('user-data storage', () => {
  let dir: string;
  let problems: StorageProblem[];
  let storage: UserDataStorage;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftdrill-storage-'));
    problems = [];
    storage = new UserDataStorage(
      dir,
      (p) => problems.push(p),
      () => new Date('2026-11-25T17:32:05.123Z'),
    );
  });

  it('returns an empty list when nothing was saved, without reporting a problem', async () => {
    expect(await storage.readProgress()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('writes whole files and leaves no temporary file behind', async () => {
    await storage.writeProgress(entries(50));
    expect(await readdir(dir)).toEqual(['progress.json']);
    const text = await readFile(join(dir, 'progress.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ version: 1, entries: entries(50) });
    expect(await storage.readProgress()).toEqual(entries(50));
  });

  it('never shows a reader a half-written file, even under many overlapping writes', async () => {
    await storage.writeProgress(entries(10, 'start'));
    const writes = Array.from({ length: 25 }, (_, i) =>
      storage.writeProgress(entries(200 + i, `w${i}`)),
    );
    let reads = 0;
    let settled = false;
    const all = Promise.all(writes).finally(() => (settled = true));
    while (!settled) {
      // Every read sees an old file or a new one, complete: JSON.parse would throw on half of one.
      const parsed = JSON.parse(await readFile(join(dir, 'progress.json'), 'utf8')) as {
        entries: ProgressEntry[];
      };
      expect(parsed.entries.length === 10 || parsed.entries.length >= 200).toBe(true);
      reads++;
    }
    await all;
    expect(reads).toBeGreaterThan(0);
    expect(await storage.readProgress()).toEqual(entries(224, 'w24'));
    expect(await readdir(dir)).toEqual(['progress.json']);
  });

  it('survives a crash between writing the temporary file and renaming it', async () => {
    await storage.writeProgress(entries(3));
    // What a crash mid-write leaves: the old file intact and a half-written temporary beside it.
    const half = JSON.stringify({ version: 1, entries: entries(100, 'new') }).slice(0, 500);
    await writeFile(join(dir, 'progress.json.3735928559'), half);
    const restarted = new UserDataStorage(dir, (p) => problems.push(p));
    expect(await restarted.readProgress()).toEqual(entries(3));
    expect(problems).toEqual([]);
    expect(await readdir(dir)).toEqual(['progress.json']);
  });

  it('sets a corrupt progress file aside with its content, reports it, and starts fresh', async () => {
    const corrupt = '{"version":1,"entries":[{"scenarioId":"cents", "sco';
    await writeFile(join(dir, 'progress.json'), corrupt);
    expect(await storage.readProgress()).toEqual([]);

    const movedTo = join(dir, 'progress.corrupt-2026-11-25T17-32-05-123Z.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: join(dir, 'progress.json'), movedTo });
    expect(problems[0].message).toMatch(/not valid JSON/);
    expect(problems[0].message).toContain(movedTo);
    expect(await readFile(movedTo, 'utf8')).toBe(corrupt);

    // The next save starts a new file and leaves the set-aside copy alone.
    await storage.writeProgress(entries(1));
    expect(await storage.readProgress()).toEqual(entries(1));
    expect(await readFile(movedTo, 'utf8')).toBe(corrupt);
    expect((await readdir(dir)).sort()).toEqual([
      'progress.corrupt-2026-11-25T17-32-05-123Z.json',
      'progress.json',
    ]);
  });

  it('sets aside valid JSON that is not a progress file', async () => {
    await writeFile(
      join(dir, 'progress.json'),
      JSON.stringify({ version: 1, entries: [{ scenarioId: 3 }] }),
    );
    expect(await storage.readProgress()).toEqual([]);
    expect(problems[0].message).toMatch(/not what Driftdrill saves/);
    expect(problems[0].movedTo).toMatch(/progress\.corrupt-.*\.json$/);
  });

  it('refuses to overwrite a file it could neither read nor move aside', async () => {
    await mkdir(join(dir, 'progress.json'));
    expect(await storage.readProgress()).toEqual([]);
    expect(problems[0]).toMatchObject({ movedTo: null });
    await expect(storage.writeProgress(entries(1))).rejects.toThrow(/not overwritten/);
  });

  it('keeps settings and a de-duplicated recent list', async () => {
    await storage.writeSettings({ zoomFactor: 1.5 });
    expect(await storage.readSettings()).toEqual({ zoomFactor: 1.5 });
    await storage.addRecent('/a.yaml');
    await storage.addRecent('/b.yaml');
    expect(await storage.addRecent('/a.yaml')).toEqual(['/a.yaml', '/b.yaml']);
    await writeFile(join(dir, 'recent.json'), 'nonsense');
    expect(await storage.readRecent()).toEqual([]);
    expect(problems[0].movedTo).toMatch(/recent\.corrupt-.*\.json$/);
  });

  it('uses the folder named by DRIFTDRILL_USER_DATA for the app', async () => {
    const chosen = await mkdtemp(join(tmpdir(), 'driftdrill-env-'));
    process.env.DRIFTDRILL_USER_DATA = chosen;
    try {
      setupStorage();
      expect(app.getPath('userData')).toBe(chosen);
      expect(getStorage().dir).toBe(chosen);
    } finally {
      delete process.env.DRIFTDRILL_USER_DATA;
    }
  });
});
