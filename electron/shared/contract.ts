import type { Command } from '../engine/commands';
import type { TeamRole } from '../engine/team-roles';
import type { CommandResult } from '../engine/session-types';
import type { SessionSnapshot } from '../engine/host/session-snapshot';
import type { Speed } from '../engine/host/session-controller';
import type { ScenarioError } from '../engine/scenario/scenario-error';
import type { FacilitatorTruth, InjectRequest, InjectResult } from '../engine/host/facilitator';

/**
 * The one contract between the renderer and whatever hosts the engine (Electron main over
 * IPC, or a Web Worker in browser mode). Channel names are listed once, here.
 */

/** A scenario the library can offer: built in, or opened from a file. */
export interface LibraryEntry {
  key: string;
  origin: 'built-in' | 'opened';
  fileName: string;
  ok: boolean;
  id?: string;
  title?: string;
  difficulty?: 'beginner' | 'intermediate' | 'advanced';
  durationMs?: number;
  teaches?: string[];
  errors?: ScenarioError[];
}

export interface BriefingView {
  key: string;
  id: string;
  title: string;
  difficulty: string;
  durationMs: number;
  service: string;
  task: string;
  slo: string[];
  runbook: string[];
  goals: string[];
  teaches: string[];
  latencyBudgetMs: number | null;
  costBudgetUsdPerHour: number | null;
  sources: string[];
  fields: { name: string; type: string; unit: string }[];
  versions: string[];
  rootCauses: string[];
  teams: string[];
}

/** Saved progress: one line per finished session. */
export interface ProgressEntry {
  scenarioId: string;
  title: string;
  seed: number;
  finishedAt: string;
  score: number;
  maxScore: number;
}

/** Request → response pairs. */
export interface Handlers {
  'library:list': { request: void; response: LibraryEntry[] };
  'library:open-text': { request: { fileName: string; text: string }; response: LibraryEntry };
  'scenario:briefing': { request: { key: string }; response: BriefingView };
  'session:start': { request: { key: string; seed?: number }; response: SessionSnapshot };
  'session:set-speed': { request: { speed: Speed }; response: void };
  'session:step-window': { request: void; response: SessionSnapshot };
  /** A learner's command (never `inject-fault`: see "facilitator:inject"), by a team role. */
  'session:command': { request: { command: Command; role?: TeamRole }; response: CommandResult };
  'session:export': { request: void; response: { fileName: string; json: string } };
  'session:debrief': { request: void; response: unknown };
  /**
   * The scored session as a result file for a facilitator's cohort view; `finishedAt` is when
   * it was scored (ISO 8601, the learner's clock). Refused until `session:debrief` has scored it.
   */
  'session:result': {
    request: { learner?: string; finishedAt: string };
    response: { fileName: string; json: string };
  };
  'progress:list': { request: void; response: ProgressEntry[] };
  'progress:add': { request: ProgressEntry; response: ProgressEntry[] };
  /** Facilitator mode: the hidden truth of the running session and the fault catalogue. */
  'facilitator:truth': { request: void; response: FacilitatorTruth };
  /** Facilitator mode: injects a fault live; logged with the facilitator's role. */
  'facilitator:inject': { request: InjectRequest; response: InjectResult };
}

/** Host → renderer pushes. */
export interface Events {
  'session:snapshot': SessionSnapshot;
  'session:error': { message: string; detail: string };
  'app:file-opened': LibraryEntry;
  'app:menu': { action: 'open-scenario' | 'export-report' | 'library' };
  /** A user-data file could not be read and was set aside; the app carries on with defaults. */
  'app:storage-problem': { file: string; movedTo: string | null; message: string };
}

export const HANDLER_CHANNELS = [
  'library:list',
  'library:open-text',
  'scenario:briefing',
  'session:start',
  'session:set-speed',
  'session:step-window',
  'session:command',
  'session:export',
  'session:debrief',
  'session:result',
  'progress:list',
  'progress:add',
  'facilitator:truth',
  'facilitator:inject',
] as const satisfies readonly (keyof Handlers)[];

export const EVENT_CHANNELS = [
  'session:snapshot',
  'session:error',
  'app:file-opened',
  'app:menu',
  'app:storage-problem',
] as const satisfies readonly (keyof Events)[];

export type HandlerChannel = (typeof HANDLER_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** `true` when every key of `All` is listed; otherwise an object naming the missing keys. */
type Covers<All extends PropertyKey, Listed extends PropertyKey> =
  Exclude<All, Listed> extends never ? true : { missing: Exclude<All, Listed> };
type Assert<T extends true> = T;
/**
 * Compile-time check: a handler or event added to the maps but not to the run-time lists (which
 * preload and the Worker use to admit channels) fails type checking here, naming the key.
 */
export type ChannelListsComplete = Assert<Covers<keyof Handlers, HandlerChannel>> &
  Assert<Covers<keyof Events, EventChannel>>;

/** Returns whether `value` names a request channel of the contract. */
export function isHandlerChannel(value: unknown): value is HandlerChannel {
  return typeof value === 'string' && (HANDLER_CHANNELS as readonly string[]).includes(value);
}

/** Returns whether `value` names an event channel of the contract. */
export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}

/** The bridge the renderer talks to, whatever hosts the engine. */
export interface DriftdrillApi {
  invoke<K extends HandlerChannel>(
    channel: K,
    request: Handlers[K]['request'],
  ): Promise<Handlers[K]['response']>;
  on<K extends EventChannel>(channel: K, listener: (payload: Events[K]) => void): () => void;
}
