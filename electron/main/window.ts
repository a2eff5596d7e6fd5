import { app, BrowserWindow, dialog, session } from 'electron';
import { join } from 'node:path';
import { appEntryUrl, devServerUrl, rendererDir } from './app-url';
import { trustWebContents } from './ipc';
import { getStorage, type Settings } from './storage';

/**
 * The content security policy of the app's page. No inline script, no eval, no remote anything:
 * every script, style, image and font comes from the app's own files. index.html carries the
 * same policy in a meta tag, because responses for file:// pages have no headers to attach it to.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Returns the policy for the dev server: hot reload needs inline preamble, styles and a socket. */
function devPolicy(dev: URL): string {
  const socket = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${socket}`);
}

let mainWindow: BrowserWindow | null = null;

/** Returns the app's one window, or null while none is open. */
export function getMainWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}

/** Attaches the CSP header to every response for the app's pages (dev server and http). */
export function installContentSecurityPolicy(): void {
  const dev = devServerUrl();
  const policy = dev ? devPolicy(dev) : CONTENT_SECURITY_POLICY;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // Drop any policy the server sent (any casing) so exactly one, ours, applies.
    for (const name of Object.keys(headers))
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [`${policy}; frame-ancestors 'none'`];
    callback({ responseHeaders: headers });
  });
}

/** Creates the one window, shown once its first paint is ready so it never flashes blank. */
export async function createMainWindow(): Promise<BrowserWindow> {
  const existing = getMainWindow();
  if (existing) return existing;
  const settings = await getStorage()
    .readSettings()
    .catch((): Settings => ({}));
  const win = new BrowserWindow({
    width: settings.bounds?.width ?? 1440,
    height: settings.bounds?.height ?? 900,
    ...(settings.bounds ? { x: settings.bounds.x, y: settings.bounds.y } : {}),
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Driftdrill',
    backgroundColor: '#16181d',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A scenario dropped on the window goes to the page's drop handler, not a navigation.
      navigateOnDragDrop: false,
      spellcheck: false,
      ...(settings.zoomFactor ? { zoomFactor: settings.zoomFactor } : {}),
    },
  });
  mainWindow = win;
  trustWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getBounds();
    void getStorage()
      .writeSettings({ ...settings, bounds: b, zoomFactor: win.webContents.getZoomFactor() })
      .catch((error: unknown) => console.warn('[window] settings not saved:', error));
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    // Never leave a blank window: say what happened and offer a way on.
    void dialog
      .showMessageBox(win, {
        type: 'error',
        message: 'The Driftdrill window stopped working.',
        detail: `Reason: ${details.reason} (exit code ${details.exitCode}). Reload to go back to the library.`,
        buttons: ['Reload', 'Quit'],
        defaultId: 0,
      })
      .then(({ response }) => (response === 0 ? win.reload() : app.quit()));
  });
  const dev = devServerUrl();
  if (dev) await win.loadURL(appEntryUrl());
  else await win.loadFile(join(rendererDir(), 'index.html'));
  return win;
}

/** Opens the window when the app is ready (and again on macOS when the dock icon is clicked). */
export function setupWindow(): void {
  void app
    .whenReady()
    .then(async () => {
      installContentSecurityPolicy();
      await createMainWindow();
    })
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Driftdrill could not open its window',
        error instanceof Error ? (error.stack ?? error.message) : String(error),
      );
      app.quit();
    });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
