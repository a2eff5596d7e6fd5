import { produce } from 'immer';
import type {
  CatalogueEntry,
  FacilitatorTruth,
  InjectProblem,
  InjectResult,
} from '../../../electron/engine/host/facilitator';
import type { FaultType } from '../../../electron/engine/scenario/schema';
import type { TeamRole } from '../../../electron/engine/team-roles';

/** The inject form as typed: every input is text until the host reads it. */
export interface InjectDraft {
  type: FaultType;
  id: string;
  /** '' for all traffic. */
  source: string;
  shape: 'sudden' | 'ramp' | 'intermittent';
  rampMinutes: string;
  startsInMinutes: string;
  /** '' for "until the end". */
  lastsMinutes: string;
  description: string;
  /** The family's own inputs, by catalogue key. */
  values: Record<string, string>;
}

export type InjectStatus = 'idle' | 'sending' | 'injected' | 'refused';

export interface FacilitatorState {
  /** The team role acting at the console; sent with every command while facilitator mode is on. */
  role: TeamRole | null;
  truth: FacilitatorTruth | null;
  /** Why the hidden truth could not be read, when it could not. */
  truthError: string | null;
  draft: InjectDraft | null;
  inject: { status: InjectStatus; message: string | null; problems: InjectProblem[] };
}

export type FacilitatorAction =
  | { type: 'role-picked'; role: TeamRole | null }
  | { type: 'truth-loaded'; truth: FacilitatorTruth }
  | { type: 'truth-failed'; message: string }
  | { type: 'family-chosen'; entry: CatalogueEntry; injectedSoFar: number }
  | { type: 'draft-edited'; patch: Partial<Omit<InjectDraft, 'type' | 'values'>> }
  | { type: 'value-edited'; key: string; value: string }
  | { type: 'inject-sent' }
  | { type: 'inject-finished'; result: InjectResult }
  | { type: 'inject-failed'; message: string }
  | { type: 'session-started' };

export const initialFacilitator: FacilitatorState = {
  role: null,
  truth: null,
  truthError: null,
  draft: null,
  inject: { status: 'idle', message: null, problems: [] },
};

/** A fresh name for the next live fault of a family: "live-dependency-outage-2". */
export function nextFaultId(type: FaultType, injectedSoFar: number): string {
  return `live-${type}-${injectedSoFar + 1}`;
}

/** Returns the inject form filled with a family's defaults. */
export function draftFor(entry: CatalogueEntry, injectedSoFar: number): InjectDraft {
  return {
    type: entry.type,
    id: nextFaultId(entry.type, injectedSoFar),
    source: '',
    shape: 'sudden',
    rampMinutes: '60',
    startsInMinutes: '0',
    lastsMinutes: '',
    description: '',
    values: Object.fromEntries(entry.params.map((p) => [p.key, String(p.default)])),
  };
}

/** The facilitator's view of the session: hidden truth, the team's role, the inject form. */
export function facilitatorReducer(
  state: FacilitatorState,
  action: FacilitatorAction,
): FacilitatorState {
  return produce(state, (draft): FacilitatorState | undefined => {
    switch (action.type) {
      case 'role-picked':
        draft.role = action.role;
        break;
      case 'truth-loaded': {
        const current = draft.truth;
        // Answers can cross; an older one for the same run must not move the clock back.
        if (
          current &&
          current.scenarioId === action.truth.scenarioId &&
          current.seed === action.truth.seed &&
          action.truth.now < current.now
        )
          return;
        draft.truth = action.truth;
        draft.truthError = null;
        break;
      }
      case 'truth-failed':
        draft.truthError = action.message;
        break;
      case 'family-chosen':
        draft.draft = draftFor(action.entry, action.injectedSoFar);
        draft.inject = { status: 'idle', message: null, problems: [] };
        break;
      case 'draft-edited':
        if (!draft.draft) return;
        Object.assign(draft.draft, action.patch);
        // An edited input is no longer the one the problem was about.
        draft.inject.problems = draft.inject.problems.filter(
          (p) => p.key === null || !(p.key in action.patch),
        );
        break;
      case 'value-edited':
        if (!draft.draft) return;
        draft.draft.values[action.key] = action.value;
        draft.inject.problems = draft.inject.problems.filter((p) => p.key !== action.key);
        break;
      case 'inject-sent':
        draft.inject = { status: 'sending', message: null, problems: [] };
        break;
      case 'inject-finished': {
        const r = action.result;
        if (r.ok) {
          draft.inject = { status: 'injected', message: r.message, problems: [] };
          // Ready for the next one: same family, a new name.
          if (draft.draft) {
            const injected = (draft.truth?.faults.filter((f) => f.injected).length ?? 0) + 1;
            draft.draft.id = nextFaultId(draft.draft.type, injected);
            draft.draft.description = '';
          }
        } else {
          draft.inject = { status: 'refused', message: null, problems: r.problems };
        }
        break;
      }
      case 'inject-failed':
        draft.inject = {
          status: 'refused',
          message: null,
          problems: [{ key: null, message: action.message }],
        };
        break;
      case 'session-started':
        // A new run has its own truth and names; the team keeps its roles.
        return { ...initialFacilitator, role: draft.role };
    }
  });
}
