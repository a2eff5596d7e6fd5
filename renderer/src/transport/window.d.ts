import type { DriftdrillApi } from '../../../electron/shared/contract';

declare global {
  interface Window {
    /** The preload bridge; present only in the Electron app (browser mode uses the Worker). */
    readonly driftdrill?: DriftdrillApi;
  }
}

export {};
