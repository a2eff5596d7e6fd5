import { app, session, shell, type WebContents } from 'electron';
import { isAppResource, isAppUrl } from './app-url';

/**
 * The Electron security checklist, applied to every web contents the app ever creates:
 * no navigation away from the app, no new windows, no webviews, no permissions, and no
 * request that leaves the app's own files, so no remote content can load.
 */

/** Hosts whose https links may open in the user's browser; everything else is ignored. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['github.com'];

/** Returns whether `raw` may be handed to the system browser. */
export function isAllowedExternal(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // https only and no credentials: shell.openExternal must never launch other protocol handlers.
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    EXTERNAL_LINK_HOSTS.includes(url.hostname)
  );
}

/** Opens an allow-listed link in the system browser; returns whether it did. */
export function openExternalIfAllowed(raw: string): boolean {
  if (!isAllowedExternal(raw)) {
    console.warn(`[security] blocked link to ${raw}`);
    return false;
  }
  void shell.openExternal(raw);
  return true;
}

/** Applies navigation, window-opening and webview rules to one web contents. */
export function secureWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openExternalIfAllowed(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

/** Denies every permission and cancels every request outside the app's own files. */
export function secureSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppResource(details.url);
    if (!allowed) console.warn(`[security] blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
}

/** Turns on the sandbox for every renderer and secures each web contents as it is created. */
export function setupSecurity(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents));
  void app.whenReady().then(secureSession);
}
