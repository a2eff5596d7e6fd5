import { describe, expect, it } from 'vitest';
import { bestScores, initialLibrary, libraryReducer } from '../../renderer/src/state/library';
import type { LibraryEntry, ProgressEntry } from '../../electron/shared/contract';

const builtIn: LibraryEntry = {
  key: 'b:1',
  origin: 'built-in',
  fileName: 'a.yaml',
  ok: true,
  title: 'A',
};
const opened: LibraryEntry = {
  key: 'o:1',
  origin: 'opened',
  fileName: 'bad.yaml',
  ok: false,
  errors: [],
};

describe('libraryReducer', () => {
  it('lists entries and keeps files opened earlier', () => {
    let s = libraryReducer(initialLibrary, { type: 'opened', entry: opened });
    s = libraryReducer(s, { type: 'listed', entries: [builtIn] });
    expect(s.entries.map((e) => e.key)).toEqual(['b:1', 'o:1']);
    expect(s.loaded).toBe(true);
  });

  it('replaces an opened entry with the same key instead of duplicating it', () => {
    let s = libraryReducer(initialLibrary, { type: 'opened', entry: opened });
    s = libraryReducer(s, { type: 'opened', entry: { ...opened, ok: true } });
    expect(s.entries).toHaveLength(1);
    expect(s.entries[0].ok).toBe(true);
    expect(s.lastOpened).toBe('o:1');
  });
});

describe('bestScores', () => {
  const entry = (scenarioId: string, score: number, maxScore: number): ProgressEntry => ({
    scenarioId,
    title: scenarioId,
    seed: 1,
    finishedAt: '2026-01-01T00:00:00Z',
    score,
    maxScore,
  });

  it('keeps the best share of the maximum per scenario', () => {
    const best = bestScores([
      entry('a', 40, 100),
      entry('a', 70, 100),
      entry('b', 5, 10),
      entry('a', 60, 100),
    ]);
    expect(best.get('a')?.score).toBe(70);
    expect(best.get('b')?.score).toBe(5);
  });
});

describe('libraryReducer load failures', () => {
  it('records why the list failed and clears it once a list arrives', () => {
    let s = libraryReducer(initialLibrary, { type: 'list-failed', message: 'engine stopped' });
    expect(s).toMatchObject({ loaded: false, loadError: 'engine stopped' });
    s = libraryReducer(s, { type: 'listed', entries: [] });
    expect(s).toMatchObject({ loaded: true, loadError: null });
  });
});
