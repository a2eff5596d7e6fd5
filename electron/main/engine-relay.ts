import type { HandlerChannel, Handlers, LibraryEntry } from '../shared/contract';
import { isEventChannel } from '../shared/contract';
import type { Emit, ProgressStorage } from '../engine/host/engine-host';
import { isFromEngine, type FromEngine, type ToEngine } from './engine-protocol';

/**
 * Main's side of the engine thread: contract requests go out with an id, replies, renderer
 * events and progress-storage calls come back. A thread that dies is reported to the page and
 * replaced on the next request. No Electron imports, so benchmarks can drive it under Node.
 */

/** What the relay needs of a thread: a Worker, or a MessagePort pair in tests. */
export interface EngineThread {
  postMessage(message: ToEngine): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): unknown;
}

export interface SessionHostOptions {
  startThread: () => EngineThread;
  storage: ProgressStorage;
  emit: Emit;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** Main's side of the engine thread: requests out, replies, events and storage calls in. */
export class EngineRelay {
  private thread: EngineThread | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: SessionHostOptions) {}

  /** Runs a contract request in the engine thread (payloads are validated there as well). */
  invoke<K extends HandlerChannel>(
    channel: K,
    request: Handlers[K]['request'],
  ): Promise<Handlers[K]['response']> {
    return this.send((id) => ({ type: 'invoke', id, channel, payload: request })) as Promise<
      Handlers[K]['response']
    >;
  }

  /** Adds a file main could not read to the library, as an entry with one error. */
  rejectFile(fileName: string, message: string): Promise<LibraryEntry> {
    return this.send((id) => ({
      type: 'reject-file',
      id,
      fileName,
      message,
    })) as Promise<LibraryEntry>;
  }

  /** Stops the engine thread; pending requests are refused. */
  dispose(): void {
    const thread = this.thread;
    this.thread = null;
    this.failAll(new Error('The app is closing.'));
    thread?.terminate();
  }

  private send(message: (id: number) => ToEngine): Promise<unknown> {
    const id = this.nextId++;
    const thread = this.ensureThread();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      thread.postMessage(message(id));
    });
  }

  /** Returns the engine thread, starting it on first use and again after it stopped. */
  private ensureThread(): EngineThread {
    if (this.thread) return this.thread;
    const thread = this.options.startThread();
    thread.on('message', (data) => {
      if (this.thread === thread && isFromEngine(data)) this.receive(thread, data);
    });
    const stopped = (what: string, detail: string): void => {
      if (this.thread !== thread) return;
      this.thread = null;
      const message = `The engine stopped unexpectedly (${what}). Reload the scenario to go on.`;
      this.failAll(new Error(message));
      this.options.emit('session:error', { message, detail });
    };
    thread.on('error', (error) => stopped(error.message, error.stack ?? error.message));
    thread.on('exit', (code) =>
      stopped(`exit code ${code}`, `The engine thread exited with code ${code}.`),
    );
    this.thread = thread;
    return thread;
  }

  private receive(thread: EngineThread, message: FromEngine): void {
    switch (message.type) {
      case 'result': {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        if (message.ok) waiting.resolve(message.value);
        else waiting.reject(new Error(message.error));
        return;
      }
      case 'event':
        // Only the contract's events reach the page, whatever the thread sends.
        if (isEventChannel(message.channel))
          this.options.emit(message.channel, message.payload as never);
        return;
      case 'storage': {
        const { id } = message;
        const work =
          message.op === 'read'
            ? this.options.storage.readProgress()
            : this.options.storage.writeProgress(message.entries).then(() => null);
        work.then(
          (entries) => thread.postMessage({ type: 'storage-result', id, ok: true, entries }),
          (error: unknown) =>
            thread.postMessage({
              type: 'storage-result',
              id,
              ok: false,
              error: error instanceof Error ? error.message : String(error),
            }),
        );
        return;
      }
    }
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
