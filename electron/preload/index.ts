import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  isEventChannel,
  isHandlerChannel,
  type DriftdrillApi,
  type EventChannel,
  type Events,
  type HandlerChannel,
  type Handlers,
} from '../shared/contract';

/**
 * The whole bridge: two methods, each admitting only the contract's channels. The page never
 * gets ipcRenderer, an IpcRendererEvent, or a way to name a channel the contract does not list.
 */
const api = {
  invoke<K extends HandlerChannel>(
    channel: K,
    request: Handlers[K]['request'],
  ): Promise<Handlers[K]['response']> {
    if (!isHandlerChannel(channel))
      return Promise.reject(new Error(`Unknown request channel "${String(channel)}".`));
    return ipcRenderer.invoke(channel, request) as Promise<Handlers[K]['response']>;
  },
  on<K extends EventChannel>(channel: K, listener: (payload: Events[K]) => void): () => void {
    if (!isEventChannel(channel)) throw new Error(`Unknown event channel "${String(channel)}".`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function.');
    // Strip the event object: it carries the sender and would leak ipcRenderer to the page.
    const relay = (_event: IpcRendererEvent, payload: Events[K]): void => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  },
} satisfies DriftdrillApi;

contextBridge.exposeInMainWorld('driftdrill', api);
