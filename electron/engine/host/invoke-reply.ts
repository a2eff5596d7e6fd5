/**
 * Answering one request from a page, the same way wherever the engine runs (Electron's engine
 * thread, browser mode's Worker): an unknown channel is refused, anything else goes to the
 * host, which validates the payload with the channel's schema before its handler runs.
 */
import { isHandlerChannel } from '../../shared/contract';
import type { EngineHost } from './engine-host';

/** The answer to request `id`, as both transports post it. */
export type InvokeResult =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: string };

/** A thrown value as the message the page shows. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `work` and posts its value, or its failure, as the answer to request `id`. */
export function replyWith(
  id: number,
  work: () => Promise<unknown> | unknown,
  post: (result: InvokeResult) => void,
): void {
  Promise.resolve()
    .then(work)
    .then(
      (value) => post({ type: 'result', id, ok: true, value }),
      (error: unknown) => post({ type: 'result', id, ok: false, error: errorText(error) }),
    );
}

/** Answers an invoke request for `channel` with `payload`. */
export function answerInvoke(
  host: EngineHost,
  id: number,
  channel: unknown,
  payload: unknown,
  post: (result: InvokeResult) => void,
): void {
  if (!isHandlerChannel(channel)) {
    post({ type: 'result', id, ok: false, error: `Unknown request channel "${String(channel)}".` });
    return;
  }
  replyWith(id, () => host.invoke(channel, payload), post);
}
