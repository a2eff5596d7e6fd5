import type {
  DriftdrillApi,
  EventChannel,
  Events,
  HandlerChannel,
  Handlers,
} from '../../../electron/shared/contract';

/**
 * DriftdrillApi over the bridge preload exposes as `window.driftdrill`. It only tidies errors:
 * Electron prefixes a handler's message with "Error invoking remote method '…': Error: ".
 */

const REMOTE_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/** Returns `error` with Electron's IPC prefix removed from its message. */
export function tidyIpcError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.replace(REMOTE_PREFIX, ''));
}

/** Returns the API over the preload bridge. */
export function createElectronApi(bridge: DriftdrillApi): DriftdrillApi {
  return {
    invoke<K extends HandlerChannel>(
      channel: K,
      request: Handlers[K]['request'],
    ): Promise<Handlers[K]['response']> {
      return bridge.invoke(channel, request).catch((error: unknown) => {
        throw tidyIpcError(error);
      });
    },
    on<K extends EventChannel>(channel: K, listener: (payload: Events[K]) => void): () => void {
      return bridge.on(channel, listener);
    },
  };
}
