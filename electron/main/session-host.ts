import { app } from 'electron';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HANDLER_CHANNELS, type HandlerChannel } from '../shared/contract';
import { EngineHost, type EngineHostOptions, type ScenarioText } from '../engine/host/engine-host';
import { isScenarioFileName } from '../engine/host/library-index';
import { MAX_SCENARIO_BYTES } from '../engine/scenario/load';
import builtInIndex from 'virtual:library-index';
import { scoreInWorkerThread, stopScoringThread } from './debrief-runner';
import { handle, sendToRenderer } from './ipc';
import { getStorage, onStorageProblem } from './storage';

/**
 * Hosts the engine in the main process. The host's clock runs in frames of at most 12 ms of
 * compute, so the main event loop (menus, IPC, window events) never waits more than a frame;
 * scoring, which replays whole runs, goes to a worker thread.
 */

let host: EngineHost | null = null;

/** Returns the folder of the built-in scenarios: beside the app, or in resources when packaged. */
export function builtInScenarioDir(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'scenarios')
    : join(app.getAppPath(), 'scenarios');
}

/** Returns the built-in scenario files (YAML and JSON, not the JSON Schema), by file name. */
export function readBuiltInScenarios(dir: string): ScenarioText[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    console.warn(`[session-host] no built-in scenarios in ${dir}:`, error);
    return [];
  }
  return names
    .filter(isScenarioFileName)
    .sort()
    .filter((n) => statSync(join(dir, n)).size <= MAX_SCENARIO_BYTES)
    .map((fileName) => ({ fileName, text: readFileSync(join(dir, fileName), 'utf8') }));
}

/** Returns the engine host; setupSessionHost must have run. */
export function getHost(): EngineHost {
  if (!host) throw new Error('The session host is not set up yet.');
  return host;
}

/** Registers one channel's handler through the IPC wrapper (kept generic so types follow the key). */
function register<K extends HandlerChannel>(h: EngineHost, channel: K): void {
  handle(channel, h.handlers[channel]);
}

/** Creates the engine host, registers every contract channel with IPC, and wires its events. */
export function setupSessionHost(options: Partial<EngineHostOptions> = {}): EngineHost {
  host?.dispose();
  const created = new EngineHost({
    builtIns: options.builtIns ?? readBuiltInScenarios(builtInScenarioDir()),
    builtInIndex: options.builtInIndex ?? builtInIndex,
    storage: options.storage ?? getStorage(),
    emit: options.emit ?? sendToRenderer,
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    // Scoring takes seconds: it runs in a worker thread, never on the main event loop.
    debrief: options.debrief ?? scoreInWorkerThread,
  });
  host = created;
  for (const channel of HANDLER_CHANNELS) register(created, channel);
  onStorageProblem((problem) => sendToRenderer('app:storage-problem', problem));
  app.on('before-quit', () => {
    created.dispose();
    stopScoringThread();
  });
  return created;
}
