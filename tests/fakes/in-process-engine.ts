import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import type { EngineHostOptions } from '../../electron/engine/host/engine-host';
import { serveEngine } from '../../electron/main/engine-service';
import type { EngineThread } from '../../electron/main/engine-relay';
import type { ToEngine } from '../../electron/main/engine-protocol';

/**
 * An engine "thread" for main-process tests: the real engine service on one end of a
 * MessageChannel (so every message is structured-cloned as between threads), in this thread.
 * `crash()` makes it behave like a worker that died.
 */
export class InProcessEngineThread extends EventEmitter implements EngineThread {
  private readonly channel = new MessageChannel();
  /** Messages main sent, in order. */
  readonly received: ToEngine[] = [];
  terminated = false;

  constructor(options: Pick<EngineHostOptions, 'builtIns' | 'builtInIndex' | 'createController'>) {
    super();
    serveEngine(this.channel.port2, options);
    this.channel.port1.on('message', (message: unknown) => this.emit('message', message));
    this.channel.port1.unref();
    this.channel.port2.unref();
  }

  postMessage(message: ToEngine): void {
    this.received.push(message);
    this.channel.port1.postMessage(message);
  }

  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
  }

  /** Stops like a thread that threw: the relay sees 'error' then 'exit'. */
  crash(message: string): void {
    this.channel.port1.close();
    this.emit('error', new Error(message));
    this.emit('exit', 1);
  }
}
