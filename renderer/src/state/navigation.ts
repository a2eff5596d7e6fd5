import { produce } from 'immer';
import type { BriefingView } from '../../../electron/shared/contract';

export type Screen =
  'library' | 'briefing' | 'console' | 'debrief' | 'progress' | 'facilitator' | 'cohort';

/** Something that failed and what the learner can do next; shown instead of a blank window. */
export interface Failure {
  /** What was being done: "Starting the scenario", "The engine". */
  what: string;
  message: string;
  detail: string;
}

export interface NavigationState {
  screen: Screen;
  /** Library key of the scenario being briefed or played. */
  scenarioKey: string | null;
  briefing: BriefingView | null;
  /** A slow operation in progress, named for the progress indicator. */
  busy: string | null;
  failure: Failure | null;
}

export type NavigationAction =
  | { type: 'navigated'; screen: Screen }
  | { type: 'briefing-loaded'; briefing: BriefingView }
  | { type: 'busy'; label: string }
  | { type: 'idle' }
  | { type: 'failed'; failure: Failure }
  | { type: 'failure-dismissed' };

export const initialNavigation: NavigationState = {
  screen: 'library',
  scenarioKey: null,
  briefing: null,
  busy: null,
  failure: null,
};

/** Which screen is showing, for which scenario, and whether something is loading or failed. */
export function navigationReducer(
  state: NavigationState,
  action: NavigationAction,
): NavigationState {
  return produce(state, (draft) => {
    switch (action.type) {
      case 'navigated':
        draft.screen = action.screen;
        // Leaving for another screen drops a failure that belonged to the previous one.
        draft.failure = null;
        break;
      case 'briefing-loaded':
        draft.briefing = action.briefing;
        draft.scenarioKey = action.briefing.key;
        draft.screen = 'briefing';
        draft.busy = null;
        break;
      case 'busy':
        draft.busy = action.label;
        break;
      case 'idle':
        draft.busy = null;
        break;
      case 'failed': {
        const earlier = draft.failure;
        // One engine fault often arrives twice (the pushed error, then the refused request):
        // show the newest, but keep the earlier one's detail, which holds the engine's stack.
        draft.failure =
          earlier && earlier.message !== action.failure.message
            ? {
                ...action.failure,
                detail: `${action.failure.detail}\n\nEarlier: ${earlier.what} failed: ${earlier.message}\n${earlier.detail}`,
              }
            : action.failure;
        draft.busy = null;
        break;
      }
      case 'failure-dismissed':
        draft.failure = null;
        break;
    }
  });
}
