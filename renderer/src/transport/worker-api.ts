import type {
  DriftdrillApi,
  EventChannel,
  Events,
  HandlerChannel,
  Handlers,
} from '../../../electron/shared/contract';
import { isFromWorker, type InvokeMessage } from './worker-protocol';

/**
 * DriftdrillApi over the engine Worker (browser mode). Requests are matched to replies by id;
 * if the Worker dies, every waiting request fails and `session:error` says why, so the page
 * can show what failed instead of waiting forever.
 */

type Listener = (payload: never) => void;

/** The smallest Worker surface the API needs (a real Worker, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: InvokeMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'messageerror', listener: (event: MessageEvent<unknown>) => void): void;
}

/** Returns a new module Worker running the engine. */
export function startEngineWorker(): Worker {
  return new Worker(new URL('./engine-worker.ts', import.meta.url), {
    type: 'module',
    name: 'driftdrill-engine',
  });
}

/** Returns the API over `worker` (by default a new engine Worker). */
export function createWorkerApi(worker: WorkerLike = startEngineWorker()): DriftdrillApi {
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  const listeners = new Map<EventChannel, Set<Listener>>();

  const dispatch = <K extends EventChannel>(channel: K, payload: Events[K]): void => {
    for (const listener of listeners.get(channel) ?? []) {
      (listener as (payload: Events[K]) => void)(payload);
    }
  };

  worker.addEventListener('message', (event) => {
    const data = event.data;
    if (!isFromWorker(data)) return;
    if (data.type === 'event') {
      dispatch(data.channel, data.payload as Events[typeof data.channel]);
      return;
    }
    const waiting = pending.get(data.id);
    if (!waiting) return;
    pending.delete(data.id);
    if (data.ok) waiting.resolve(data.value);
    else waiting.reject(new Error(data.error));
  });

  const failAll = (message: string, detail: string): void => {
    for (const waiting of pending.values()) waiting.reject(new Error(message));
    pending.clear();
    dispatch('session:error', { message, detail });
  };
  worker.addEventListener('error', (event) => {
    failAll(
      'The engine stopped unexpectedly.',
      event.message || 'The engine Worker failed to load or crashed.',
    );
  });
  worker.addEventListener('messageerror', () => {
    failAll(
      'The engine sent a message that could not be read.',
      'messageerror on the engine Worker',
    );
  });

  return {
    invoke<K extends HandlerChannel>(
      channel: K,
      request: Handlers[K]['request'],
    ): Promise<Handlers[K]['response']> {
      const id = nextId++;
      return new Promise<Handlers[K]['response']>((resolve, reject) => {
        pending.set(id, { resolve: (value) => resolve(value as Handlers[K]['response']), reject });
        worker.postMessage({ type: 'invoke', id, channel, payload: request });
      });
    },
    on<K extends EventChannel>(channel: K, listener: (payload: Events[K]) => void): () => void {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener as Listener);
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
}
