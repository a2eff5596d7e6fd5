import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { EventChannel, Events, HandlerChannel, Handlers } from '../shared/contract';
import { parseRequest } from '../engine/host/engine-host';
import { isAppUrl } from './app-url';

/**
 * The one wrapper every IPC handler goes through: it checks who is asking, then what they ask,
 * before the handler runs. The page never sees ipcRenderer; preload exposes two methods.
 */

/** Web contents of the windows this app created, by id. */
const trusted = new Map<number, WebContents>();
/** Events sent before any window could take them (a corrupt file found at start-up, argv files). */
const undelivered: { channel: EventChannel; payload: unknown }[] = [];
const MAX_UNDELIVERED = 20;

/** Marks a window's contents as the app's own, and flushes events that waited for a window. */
export function trustWebContents(contents: WebContents): void {
  const id = contents.id;
  trusted.set(id, contents);
  contents.once('destroyed', () => trusted.delete(id));
  contents.on('did-finish-load', () => {
    for (const event of undelivered.splice(0)) contents.send(event.channel, event.payload);
  });
}

/** Forgets every trusted window (tests; a new window registers itself again). */
export function resetTrust(): void {
  trusted.clear();
  undelivered.length = 0;
}

/** Returns why a sender is refused, or null when it is the app's own main frame. */
export function senderProblem(event: IpcMainInvokeEvent): string | null {
  // Only accept messages from windows this app created; rejects sub-frames and detached views.
  if (!trusted.has(event.sender.id)) return 'the sender is not a window this app created';
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed while the message was in flight is gone.
  if (!frame) return 'the sending frame no longer exists';
  if (frame.parent !== null) return 'the sender is a sub-frame, not the main frame';
  if (!isAppUrl(frame.url)) return `the sending page (${frame.url}) is not the app's page`;
  return null;
}

/** Registers `handler` for `channel` behind the sender check and the channel's payload schema. */
export function handle<K extends HandlerChannel>(
  channel: K,
  handler: (request: Handlers[K]['request']) => Promise<Handlers[K]['response']>,
): void {
  ipcMain.removeHandler(channel);
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
    const problem = senderProblem(event);
    if (problem) throw new Error(`Refused "${channel}": ${problem}.`);
    // parseRequest throws a RequestError whose message names each bad field.
    return handler(parseRequest(channel, payload));
  });
}

/** Pushes an event to the app's windows; non-snapshot events wait if no window is open yet. */
export function sendToRenderer<K extends EventChannel>(channel: K, payload: Events[K]): void {
  let delivered = false;
  for (const contents of trusted.values()) {
    if (contents.isDestroyed() || contents.isLoading()) continue;
    contents.send(channel, payload);
    delivered = true;
  }
  // Snapshots are superseded by the next one; other events matter and wait for the page.
  if (!delivered && channel !== 'session:snapshot' && undelivered.length < MAX_UNDELIVERED) {
    undelivered.push({ channel, payload });
  }
}
