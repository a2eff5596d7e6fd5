import type { DriftdrillApi } from '../../../electron/shared/contract';
import { createElectronApi } from './electron-api';
import { createWorkerApi } from './worker-api';

export type { DriftdrillApi } from '../../../electron/shared/contract';

let api: DriftdrillApi | null = null;

/**
 * Returns the one API for this page: the Electron bridge when preload exposed it, otherwise
 * the engine in a Web Worker (browser mode). The same object is returned on every call.
 */
export function getApi(): DriftdrillApi {
  api ??=
    typeof window !== 'undefined' && window.driftdrill
      ? createElectronApi(window.driftdrill)
      : createWorkerApi();
  return api;
}

/** Replaces the API (tests and stories pass a fake); returns the previous one. */
export function setApiForTesting(next: DriftdrillApi | null): DriftdrillApi | null {
  const previous = api;
  api = next;
  return previous;
}
