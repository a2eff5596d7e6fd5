import { produce } from 'immer';
import type { Command } from '../../../electron/engine/commands';
import type { CommandResult } from '../../../electron/engine/session-types';
import type { SessionSnapshot } from '../../../electron/engine/host/session-snapshot';
import type { Speed } from '../../../electron/engine/host/session-controller';

/** The decision note as the learner types it, before it is sent as a `note` command. */
export interface NoteDraft {
  assumption: string;
  evidence: string;
  action: string;
  /** Decision seqs of investigations cited as evidence. */
  evidenceLinks: number[];
  latencyBudgetKnown: boolean;
  costsMeasured: boolean;
}

/** A command's outcome in words, for the activity feed. */
export interface CommandMessage {
  id: number;
  /** Virtual time the command was answered. */
  at: number;
  command: Command['type'];
  ok: boolean;
  text: string;
  /** The workshop role that sent the command, in facilitator mode. */
  role?: string;
}

export type SessionPhase = 'idle' | 'running' | 'resolving' | 'ended';

export interface SessionState {
  key: string | null;
  snapshot: SessionSnapshot | null;
  /** Speed to resume at after a pause (never 0). */
  resumeSpeed: Exclude<Speed, 0>;
  /** Newest first, bounded so a long session does not grow the renderer's memory. */
  messages: CommandMessage[];
  nextMessageId: number;
  /** Commands sent and not yet answered, by type, for pending buttons. */
  inFlight: Command['type'][];
  note: NoteDraft;
  /** Whether the current draft has been saved as a `note` command. */
  noteSaved: boolean;
  diagnosis: string | null;
  phase: SessionPhase;
}

export type SessionAction =
  | { type: 'started'; key: string; snapshot: SessionSnapshot }
  | { type: 'snapshot'; snapshot: SessionSnapshot }
  | { type: 'speed-requested'; speed: Speed }
  | { type: 'command-sent'; command: Command }
  | { type: 'command-finished'; command: Command; result: CommandResult; role?: string }
  | { type: 'command-failed'; command: Command; error: string; role?: string }
  | { type: 'note-edited'; patch: Partial<Omit<NoteDraft, 'evidenceLinks'>> }
  | { type: 'evidence-toggled'; seq: number }
  | { type: 'resolving' }
  | { type: 'ended' }
  | { type: 'closed' };

export const MAX_MESSAGES = 30;

export const emptyNote: NoteDraft = {
  assumption: '',
  evidence: '',
  action: '',
  evidenceLinks: [],
  latencyBudgetKnown: false,
  costsMeasured: false,
};

export const initialSession: SessionState = {
  key: null,
  snapshot: null,
  resumeSpeed: 600,
  messages: [],
  nextMessageId: 0,
  inFlight: [],
  note: emptyNote,
  noteSaved: false,
  diagnosis: null,
  phase: 'idle',
};

function pushMessage(
  draft: SessionState,
  at: number,
  command: Command['type'],
  ok: boolean,
  text: string,
  role?: string,
): void {
  draft.messages.unshift({
    id: draft.nextMessageId++,
    at,
    command,
    ok,
    text,
    ...(role ? { role } : {}),
  });
  if (draft.messages.length > MAX_MESSAGES) draft.messages.length = MAX_MESSAGES;
}

function removeInFlight(draft: SessionState, type: Command['type']): void {
  const i = draft.inFlight.indexOf(type);
  if (i >= 0) draft.inFlight.splice(i, 1);
}

/** The running session as the renderer knows it: latest snapshot, drafts and feedback. */
export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  return produce(state, (draft): SessionState | undefined => {
    switch (action.type) {
      case 'started':
        return { ...initialSession, key: action.key, snapshot: action.snapshot, phase: 'running' };
      case 'snapshot': {
        const current = draft.snapshot;
        // Snapshots cross paths with step responses; an older one must not move the clock back.
        if (
          current &&
          current.scenarioId === action.snapshot.scenarioId &&
          current.seed === action.snapshot.seed &&
          action.snapshot.now < current.now
        ) {
          return;
        }
        draft.snapshot = action.snapshot;
        break;
      }
      case 'speed-requested':
        if (action.speed !== 0) draft.resumeSpeed = action.speed;
        if (draft.snapshot) draft.snapshot.speed = action.speed;
        break;
      case 'command-sent':
        draft.inFlight.push(action.command.type);
        break;
      case 'command-finished': {
        removeInFlight(draft, action.command.type);
        const at = draft.snapshot?.now ?? 0;
        const { result, command } = action;
        pushMessage(
          draft,
          at,
          command.type,
          result.ok,
          result.ok ? result.message : result.error,
          action.role,
        );
        if (result.ok && command.type === 'note') draft.noteSaved = true;
        if (result.ok && command.type === 'diagnose') draft.diagnosis = command.rootCause;
        break;
      }
      case 'command-failed':
        removeInFlight(draft, action.command.type);
        pushMessage(
          draft,
          draft.snapshot?.now ?? 0,
          action.command.type,
          false,
          action.error,
          action.role,
        );
        break;
      case 'note-edited':
        Object.assign(draft.note, action.patch);
        draft.noteSaved = false;
        break;
      case 'evidence-toggled': {
        const i = draft.note.evidenceLinks.indexOf(action.seq);
        if (i >= 0) draft.note.evidenceLinks.splice(i, 1);
        else {
          draft.note.evidenceLinks.push(action.seq);
          draft.note.evidenceLinks.sort((a, b) => a - b);
        }
        draft.noteSaved = false;
        break;
      }
      case 'resolving':
        draft.phase = 'resolving';
        break;
      case 'ended':
        draft.phase = 'ended';
        break;
      case 'closed':
        return initialSession;
    }
  });
}

/** Returns whether a command of this type is waiting for its answer. */
export function isInFlight(state: SessionState, type: Command['type']): boolean {
  return state.inFlight.includes(type);
}
