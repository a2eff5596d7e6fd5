import { app } from 'electron';
import { join, relative, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the app's own page lives. Everything else (other origins, other files) is foreign:
 * the IPC wrapper refuses it, and security.ts blocks navigation and requests to it.
 */

/** Returns the folder of the built renderer (out/renderer beside out/main). */
export function rendererDir(): string {
  return join(__dirname, '../renderer');
}

/** Returns the dev server's URL under `electron-vite dev`, or null (always null when packaged). */
export function devServerUrl(): URL | null {
  // A packaged app must not let an environment variable point it at another origin.
  const raw = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  if (!raw) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Returns the URL the window loads: the dev server, or the built index.html as a file URL. */
export function appEntryUrl(): string {
  return devServerUrl()?.href ?? pathToFileURL(join(rendererDir(), 'index.html')).href;
}

/** Returns `raw` parsed, or null when it is not a URL. */
function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Returns whether `raw` is the app's page itself (any query or hash), the only page allowed IPC. */
export function isAppUrl(raw: string): boolean {
  const url = parse(raw);
  if (!url) return false;
  const dev = devServerUrl();
  if (dev) return url.origin === dev.origin;
  const entry = new URL(appEntryUrl());
  return url.protocol === 'file:' && url.host === '' && url.pathname === entry.pathname;
}

/** Returns whether a request for `raw` stays inside the app: its files, dev server, or inline data. */
export function isAppResource(raw: string): boolean {
  const url = parse(raw);
  if (!url) return false;
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'devtools:')
    return true;
  const dev = devServerUrl();
  if (dev) {
    // The dev server also talks to the page over a WebSocket for hot reload.
    const sameHost = url.hostname === dev.hostname && url.port === dev.port;
    return sameHost && ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol);
  }
  if (url.protocol !== 'file:' || url.host !== '') return false;
  const rel = relative(rendererDir(), fileURLToPath(url));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
