import { produce } from 'immer';
import type { DebriefView } from '../lib/debrief-view';

export interface DebriefState {
  status: 'none' | 'loading' | 'ready' | 'failed';
  /** What the host returned, kept as-is for the JSON export. */
  raw: unknown;
  view: DebriefView | null;
  error: string | null;
  /** When the session was scored (ISO 8601): the result file's `finishedAt`. */
  finishedAt: string | null;
}

export type DebriefAction =
  | { type: 'loading' }
  | { type: 'loaded'; raw: unknown; view: DebriefView; finishedAt?: string }
  | { type: 'failed'; message: string }
  | { type: 'reset' };

export const initialDebrief: DebriefState = {
  status: 'none',
  raw: null,
  view: null,
  error: null,
  finishedAt: null,
};

/** The debrief of the session that just ended. */
export function debriefReducer(state: DebriefState, action: DebriefAction): DebriefState {
  return produce(state, (draft): DebriefState | undefined => {
    switch (action.type) {
      case 'loading':
        draft.status = 'loading';
        draft.error = null;
        break;
      case 'loaded':
        // Opaque host data: stored by reference and never drafted field by field.
        return {
          status: 'ready',
          raw: action.raw,
          view: action.view,
          error: action.view.error,
          finishedAt: action.finishedAt ?? null,
        };
      case 'failed':
        draft.status = 'failed';
        draft.error = action.message;
        break;
      case 'reset':
        return initialDebrief;
    }
  });
}
