/// <reference types="electron-vite/node" />
import { app } from 'electron';
import { join } from 'node:path';
import { HANDLER_CHANNELS, type HandlerChannel } from '../shared/contract';
import { EngineRelay, type SessionHostOptions } from './engine-relay';
import createEngineWorker from './engine-thread?nodeWorker';
import { handle, sendToRenderer } from './ipc';
import { getStorage, onStorageProblem } from './storage';

/**
 * Hosts the engine on the main side, in a worker thread of the main process. The thread runs
 * the session clock, validation, model training and scoring; the main event loop (menus, IPC,
 * window events) only relays messages (engine-relay.ts), so engine work never holds it, however
 * long a step, a start-up training run or a debrief takes. The same EngineHost serves browser
 * mode's Worker.
 */

let relay: EngineRelay | null = null;

/** Returns the folder of the built-in scenarios: beside the app, or in resources when packaged. */
export function builtInScenarioDir(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'scenarios')
    : join(app.getAppPath(), 'scenarios');
}

/** Returns the engine relay; setupSessionHost must have run. */
export function getHost(): EngineRelay {
  if (!relay) throw new Error('The session host is not set up yet.');
  return relay;
}

/** Registers one channel's handler through the IPC wrapper (kept generic so types follow the key). */
function register<K extends HandlerChannel>(r: EngineRelay, channel: K): void {
  handle(channel, (request) => r.invoke(channel, request));
}

/** Starts the engine relay, registers every contract channel with IPC, and wires its events. */
export function setupSessionHost(options: Partial<SessionHostOptions> = {}): EngineRelay {
  relay?.dispose();
  const created = new EngineRelay({
    startThread:
      options.startThread ??
      (() => createEngineWorker({ workerData: { scenarioDir: builtInScenarioDir() } })),
    storage: options.storage ?? getStorage(),
    emit: options.emit ?? sendToRenderer,
  });
  relay = created;
  for (const channel of HANDLER_CHANNELS) register(created, channel);
  onStorageProblem((problem) => sendToRenderer('app:storage-problem', problem));
  app.on('before-quit', () => created.dispose());
  return created;
}
