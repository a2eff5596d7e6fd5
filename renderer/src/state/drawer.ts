import { produce } from 'immer';
import type { InvestigationTool } from '../../../electron/engine/commands';

export interface InvestigationParams {
  /** Field to compare; '' when the tool does not take one. */
  field: string;
  /** Source to filter on; '' for all sources. */
  source: string;
}

/** One investigation the learner ran, kept so they can flip back to it. */
export interface InvestigationResult {
  id: number;
  tool: InvestigationTool;
  params: InvestigationParams;
  /** Virtual time the tool was run. */
  at: number;
  ok: boolean;
  message: string;
  data: unknown;
}

export interface DrawerState {
  open: boolean;
  tool: InvestigationTool;
  params: InvestigationParams;
  running: boolean;
  /** Newest first, bounded. */
  results: InvestigationResult[];
  selectedId: number | null;
  nextId: number;
}

export type DrawerAction =
  | { type: 'opened'; tool?: InvestigationTool; params?: Partial<InvestigationParams> }
  | { type: 'closed' }
  | { type: 'tool-chosen'; tool: InvestigationTool }
  | { type: 'param-set'; params: Partial<InvestigationParams> }
  | { type: 'run-started' }
  | { type: 'run-finished'; result: Omit<InvestigationResult, 'id'> }
  | { type: 'result-selected'; id: number }
  | { type: 'reset' };

export const MAX_RESULTS = 20;

export const initialDrawer: DrawerState = {
  open: false,
  tool: 'distribution',
  params: { field: '', source: '' },
  running: false,
  results: [],
  selectedId: null,
  nextId: 0,
};

/** The investigation drawer: which tool, its parameters, and the results read so far. */
export function drawerReducer(state: DrawerState, action: DrawerAction): DrawerState {
  return produce(state, (draft): DrawerState | undefined => {
    switch (action.type) {
      case 'opened':
        draft.open = true;
        if (action.tool) draft.tool = action.tool;
        if (action.params) Object.assign(draft.params, action.params);
        break;
      case 'closed':
        draft.open = false;
        break;
      case 'tool-chosen':
        draft.tool = action.tool;
        break;
      case 'param-set':
        Object.assign(draft.params, action.params);
        break;
      case 'run-started':
        draft.running = true;
        break;
      case 'run-finished': {
        const id = draft.nextId++;
        draft.running = false;
        draft.results.unshift({ ...action.result, id });
        if (draft.results.length > MAX_RESULTS) draft.results.length = MAX_RESULTS;
        draft.selectedId = id;
        break;
      }
      case 'result-selected':
        if (draft.results.some((r) => r.id === action.id)) draft.selectedId = action.id;
        break;
      case 'reset':
        return initialDrawer;
    }
  });
}

/** Returns the result on show: the selected one, else the newest. */
export function selectedResult(state: DrawerState): InvestigationResult | null {
  return state.results.find((r) => r.id === state.selectedId) ?? state.results[0] ?? null;
}
