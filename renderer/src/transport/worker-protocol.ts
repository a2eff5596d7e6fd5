import type { EventChannel, HandlerChannel } from '../../../electron/shared/contract';

/**
 * Messages between the page and the engine Worker. Requests carry an id so replies can arrive
 * in any order; events carry no id. Both sides check a message's shape before trusting it.
 */

/** Page → Worker: run the handler for `channel` with `payload`. */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  channel: HandlerChannel;
  payload: unknown;
}

/** Worker → page: the reply to one request. */
export type ResultMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: string };

/** Worker → page: an event pushed by the engine host. */
export interface EventMessage {
  type: 'event';
  channel: EventChannel;
  payload: unknown;
}

export type FromWorker = ResultMessage | EventMessage;

/** Returns whether `data` is shaped like a message the Worker sends. */
export function isFromWorker(data: unknown): data is FromWorker {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as { type?: unknown; id?: unknown; channel?: unknown };
  if (m.type === 'result') return typeof m.id === 'number';
  return m.type === 'event' && typeof m.channel === 'string';
}
