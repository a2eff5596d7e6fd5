import type { HandlerChannel, Handlers, LibraryEntry } from '../shared/contract';
import { isEventChannel } from '../shared/contract';
import { z } from 'zod';
import { REQUEST_SCHEMAS, type Emit, type ProgressStorage } from '../engine/host/engine-host';
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

/** Progress lines as main's storage accepts them: the thread's writes are checked like a page's. */
const progressEntries = z.array(REQUEST_SCHEMAS['progress:add']).max(10_000);
/** Opened files remembered for a restarted engine thread; older ones are forgotten. */
const MAX_REMEMBERED_FILES = 50;

/** Main's side of the engine thread: requests out, replies, events and storage calls in. */
export class EngineRelay {
  private thread: EngineThread | null = null;
  private nextId = 1;
  private disposed = false;
  private readonly pending = new Map<number, Pending>();
  /**
   * The scenario files opened so far, by file name, as they were sent to the engine: a thread
   * started after a crash gets them again, so the library still holds what the page lists.
   */
  private readonly opened = new Map<string, (id: number) => ToEngine>();

  constructor(private readonly options: SessionHostOptions) {}

  /** Runs a contract request in the engine thread (payloads are validated there as well). */
  invoke<K extends HandlerChannel>(
    channel: K,
    request: Handlers[K]['request'],
  ): Promise<Handlers[K]['response']> {
    const message = (id: number): ToEngine => ({ type: 'invoke', id, channel, payload: request });
    const reply = this.send(message) as Promise<Handlers[K]['response']>;
    // Remembered after sending, so a thread started for this very request does not get it twice.
    if (channel === 'library:open-text') {
      this.remember((request as Handlers['library:open-text']['request']).fileName, message);
    }
    return reply;
  }

  /** Adds a file main could not read to the library, as an entry with one error. */
  rejectFile(fileName: string, message: string): Promise<LibraryEntry> {
    const request = (id: number): ToEngine => ({ type: 'reject-file', id, fileName, message });
    const reply = this.send(request) as Promise<LibraryEntry>;
    this.remember(fileName, request);
    return reply;
  }

  /** Stops the engine thread for good; pending and later requests are refused. */
  dispose(): void {
    const thread = this.thread;
    this.thread = null;
    this.disposed = true;
    this.failAll(new Error('The app is closing.'));
    thread?.terminate();
  }

  private remember(fileName: string, request: (id: number) => ToEngine): void {
    this.opened.delete(fileName);
    this.opened.set(fileName, request);
    if (this.opened.size > MAX_REMEMBERED_FILES)
      this.opened.delete(this.opened.keys().next().value!);
  }

  private send(message: (id: number) => ToEngine): Promise<unknown> {
    if (this.disposed) return Promise.reject(new Error('The app is closing.'));
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
    // A replacement thread first gets the files opened before the crash; replies go nowhere.
    for (const request of this.opened.values()) thread.postMessage(request(this.nextId++));
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
            : this.writeProgress(message.entries);
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

  /** Writes progress lines from the thread once they pass the same checks as the page's. */
  private async writeProgress(entries: unknown): Promise<null> {
    const checked = progressEntries.safeParse(entries);
    if (!checked.success) {
      throw new Error(`Refused to save progress: ${z.prettifyError(checked.error)}`);
    }
    await this.options.storage.writeProgress(checked.data);
    return null;
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
