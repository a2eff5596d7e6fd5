import { produce } from 'immer';
import type { LibraryEntry, ProgressEntry } from '../../../electron/shared/contract';

export interface LibraryState {
  entries: LibraryEntry[];
  progress: ProgressEntry[];
  loaded: boolean;
  /** Key of the entry opened last, so the screen can scroll to and highlight it. */
  lastOpened: string | null;
  /** Why the list could not be loaded, if it could not. */
  loadError: string | null;
}

export type LibraryAction =
  | { type: 'listed'; entries: LibraryEntry[] }
  | { type: 'opened'; entry: LibraryEntry }
  | { type: 'progress-listed'; progress: ProgressEntry[] }
  | { type: 'list-failed'; message: string };

export const initialLibrary: LibraryState = {
  entries: [],
  progress: [],
  loaded: false,
  lastOpened: null,
  loadError: null,
};

/** The scenario library and saved progress. */
export function libraryReducer(state: LibraryState, action: LibraryAction): LibraryState {
  return produce(state, (draft) => {
    switch (action.type) {
      case 'listed': {
        // Files opened in this session stay listed even if the host only knows its built-ins.
        const opened = draft.entries.filter(
          (e) => e.origin === 'opened' && !action.entries.some((n) => n.key === e.key),
        );
        draft.entries = [...action.entries, ...opened];
        draft.loaded = true;
        draft.loadError = null;
        break;
      }
      case 'opened': {
        const i = draft.entries.findIndex((e) => e.key === action.entry.key);
        if (i >= 0) draft.entries[i] = action.entry;
        else draft.entries.push(action.entry);
        draft.lastOpened = action.entry.key;
        break;
      }
      case 'progress-listed':
        draft.progress = action.progress;
        break;
      case 'list-failed':
        draft.loadError = action.message;
        break;
    }
  });
}

/** Returns the best score (as a share of the maximum, 0–1) per scenario id. */
export function bestScores(progress: readonly ProgressEntry[]): Map<string, ProgressEntry> {
  const best = new Map<string, ProgressEntry>();
  for (const p of progress) {
    const prev = best.get(p.scenarioId);
    const share = p.maxScore > 0 ? p.score / p.maxScore : 0;
    const prevShare = prev && prev.maxScore > 0 ? prev.score / prev.maxScore : -1;
    if (!prev || share > prevShare) best.set(p.scenarioId, p);
  }
  return best;
}
