import type { EventChannel, HandlerChannel, ProgressEntry } from '../shared/contract';

/**
 * Messages between the main process and its engine thread. Requests carry an id so replies can
 * arrive in any order. Progress lives in main's storage (it owns the user-data folder and its
 * set-aside rules), so the engine thread asks main to read and write it.
 */

/** The engine thread's side of the channel: a worker's parentPort or a MessagePort. */
export interface EnginePort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Main → engine: run the handler for `channel`. */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  channel: HandlerChannel;
  payload: unknown;
}

/** Main → engine: list a file main could not read, with the reason, in the library. */
export interface RejectFileMessage {
  type: 'reject-file';
  id: number;
  fileName: string;
  message: string;
}

/** Main → engine: the answer to a storage request. */
export type StorageResultMessage =
  | { type: 'storage-result'; id: number; ok: true; entries: ProgressEntry[] | null }
  | { type: 'storage-result'; id: number; ok: false; error: string };

export type ToEngine = InvokeMessage | RejectFileMessage | StorageResultMessage;

/** Engine → main: the reply to an invoke or reject-file. */
export type ResultMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: string };

/** Engine → main: an event for the renderer. */
export interface EventMessage {
  type: 'event';
  channel: EventChannel;
  payload: unknown;
}

/** Engine → main: read or write saved progress. */
export type StorageMessage =
  | { type: 'storage'; id: number; op: 'read' }
  | { type: 'storage'; id: number; op: 'write'; entries: ProgressEntry[] };

export type FromEngine = ResultMessage | EventMessage | StorageMessage;

const isRecord = (data: unknown): data is Record<string, unknown> =>
  typeof data === 'object' && data !== null;

/** Returns whether `data` is shaped like a message the engine thread sends. */
export function isFromEngine(data: unknown): data is FromEngine {
  if (!isRecord(data)) return false;
  switch (data.type) {
    case 'result':
      return typeof data.id === 'number' && typeof data.ok === 'boolean';
    case 'event':
      return typeof data.channel === 'string';
    case 'storage':
      return (
        typeof data.id === 'number' &&
        (data.op === 'read' || (data.op === 'write' && Array.isArray(data.entries)))
      );
    default:
      return false;
  }
}

/** Returns whether `data` is shaped like a message main sends to the engine thread. */
export function isToEngine(data: unknown): data is ToEngine {
  if (!isRecord(data) || typeof data.id !== 'number') return false;
  switch (data.type) {
    case 'invoke':
      return typeof data.channel === 'string';
    case 'reject-file':
      return typeof data.fileName === 'string' && typeof data.message === 'string';
    case 'storage-result':
      return typeof data.ok === 'boolean';
    default:
      return false;
  }
}
