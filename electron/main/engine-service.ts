import type { EventChannel, Events, ProgressEntry } from '../shared/contract';
import {
  EngineHost,
  type EngineHostOptions,
  type ProgressStorage,
} from '../engine/host/engine-host';
import { answerInvoke, replyWith } from '../engine/host/invoke-reply';
import { isToEngine, type EnginePort, type FromEngine } from './engine-protocol';

/**
 * The engine thread's side: an EngineHost served over a message port. It runs the session
 * clock, validation, training and scoring, so none of that ever holds the main process's event
 * loop; main only relays messages (see session-host.ts).
 */

/** Progress storage that asks main, which owns the user-data folder. */
class RemoteProgressStorage implements ProgressStorage {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (entries: ProgressEntry[] | null) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly post: (message: FromEngine) => void) {}

  async readProgress(): Promise<ProgressEntry[]> {
    return (await this.request({ op: 'read' })) ?? [];
  }

  async writeProgress(entries: ProgressEntry[]): Promise<void> {
    await this.request({ op: 'write', entries });
  }

  /** Settles the request an answer from main belongs to. */
  settle(
    id: number,
    answer: { ok: true; entries: ProgressEntry[] | null } | { ok: false; error: string },
  ): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    if (answer.ok) waiting.resolve(answer.entries);
    else waiting.reject(new Error(answer.error));
  }

  private request(
    what: { op: 'read' } | { op: 'write'; entries: ProgressEntry[] },
  ): Promise<ProgressEntry[] | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'storage', id, ...what });
    });
  }
}

/** Serves an EngineHost on `port` and returns it. */
export function serveEngine(
  port: EnginePort,
  options: Pick<EngineHostOptions, 'builtIns' | 'builtInIndex' | 'createController' | 'debrief'>,
): EngineHost {
  const post = (message: FromEngine): void => port.postMessage(message);
  const storage = new RemoteProgressStorage(post);
  const emit = <K extends EventChannel>(channel: K, payload: Events[K]): void =>
    post({ type: 'event', channel, payload });
  const host = new EngineHost({ ...options, storage, emit });

  port.on('message', (data) => {
    if (!isToEngine(data)) return;
    switch (data.type) {
      case 'invoke':
        answerInvoke(host, data.id, data.channel, data.payload, post);
        return;
      case 'reject-file':
        replyWith(data.id, () => host.rejectFile(data.fileName, data.message), post);
        return;
      case 'storage-result':
        storage.settle(
          data.id,
          data.ok ? { ok: true, entries: data.entries } : { ok: false, error: data.error },
        );
        return;
    }
  });
  return host;
}
