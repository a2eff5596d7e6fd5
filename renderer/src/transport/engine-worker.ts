/// <reference lib="webworker" />
import { z } from 'zod';
import type { EventChannel, Events } from '../../../electron/shared/contract';
import { EngineHost, type ScenarioText } from '../../../electron/engine/host/engine-host';
import { isScenarioFileName } from '../../../electron/engine/host/library-index';
import { answerInvoke } from '../../../electron/engine/host/invoke-reply';
import builtInIndex from 'virtual:library-index';
import { IndexedDbProgressStorage } from './idb-progress';
import type { FromWorker, InvokeMessage } from './worker-protocol';

/**
 * Browser mode's engine: the same EngineHost as Electron main, in a module Worker so the page
 * stays responsive. Built-in scenarios are bundled as text; progress lives in IndexedDB.
 */

// The page's CSP forbids eval; without this zod would probe for it and log a violation.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;

const files = import.meta.glob<string>('../../../scenarios/*.{yaml,json}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Returns the bundled built-in scenarios by file name, leaving out the JSON Schema. */
function builtInScenarios(): ScenarioText[] {
  return Object.entries(files)
    .map(([path, text]) => ({ fileName: path.slice(path.lastIndexOf('/') + 1), text }))
    .filter((f) => isScenarioFileName(f.fileName))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
}

/** Posts a message to the page. */
function post(message: FromWorker): void {
  scope.postMessage(message);
}

/** Pushes an engine event to the page. */
function emit<K extends EventChannel>(channel: K, payload: Events[K]): void {
  post({ type: 'event', channel, payload });
}

const host = new EngineHost({
  builtIns: builtInScenarios(),
  builtInIndex,
  storage: new IndexedDbProgressStorage(scope.indexedDB, (message) =>
    emit('app:storage-problem', { file: 'IndexedDB', movedTo: null, message }),
  ),
  emit,
});

/** Returns whether `data` is an invoke request from the page. */
function isInvoke(data: unknown): data is InvokeMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<InvokeMessage>;
  return m.type === 'invoke' && typeof m.id === 'number' && Number.isFinite(m.id);
}

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (!isInvoke(data)) return;
  answerInvoke(host, data.id, data.channel, data.payload, post);
});
