import { produce } from 'immer';

/** Which quick-check answers the learner has opened, on one debrief. */
export interface QuickCheckState {
  /** Question numbers (1-based) whose answers are shown, ascending. */
  shown: number[];
}

export type QuickCheckAction =
  | { type: 'answer-toggled'; number: number }
  | { type: 'all-shown'; count: number }
  | { type: 'all-hidden' };

export const initialQuickCheck: QuickCheckState = { shown: [] };

/** Answers revealed on request, one at a time or all at once. */
export function quickCheckReducer(
  state: QuickCheckState,
  action: QuickCheckAction,
): QuickCheckState {
  return produce(state, (draft) => {
    switch (action.type) {
      case 'answer-toggled': {
        const i = draft.shown.indexOf(action.number);
        if (i >= 0) draft.shown.splice(i, 1);
        else {
          draft.shown.push(action.number);
          draft.shown.sort((a, b) => a - b);
        }
        break;
      }
      case 'all-shown':
        draft.shown = Array.from({ length: action.count }, (_, i) => i + 1);
        break;
      case 'all-hidden':
        draft.shown = [];
        break;
    }
  });
}

/** Returns whether every one of `count` answers is shown. */
export function allShown(state: QuickCheckState, count: number): boolean {
  return count > 0 && state.shown.length >= count;
}
