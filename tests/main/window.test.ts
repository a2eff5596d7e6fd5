import { describe, expect, it } from 'vitest';
import { BrowserWindow, session } from '../fakes/electron';
import {
  CONTENT_SECURITY_POLICY,
  createMainWindow,
  installContentSecurityPolicy,
} from '../../electron/main/window';

describe('the main window', () => {
  it('is created locked down, with the preload and hidden until ready', async () => {
    const win = (await createMainWindow()) as unknown as BrowserWindow;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/);
    expect(win.options.show).toBe(false);
    expect(win.loaded).toMatch(/^file:\/\/.*renderer[/\\]index\.html$/);
    // A second call returns the same window: there is only ever one.
    expect(await createMainWindow()).toBe(win);
  });

  it('replaces any server policy with the strict CSP', () => {
    installContentSecurityPolicy();
    let headers: Record<string, string[]> = {};
    session.defaultSession.webRequest.headersReceived!(
      {
        responseHeaders: {
          'content-security-policy': ['default-src *'],
          'Content-Type': ['text/html'],
        },
      },
      (r) => (headers = r.responseHeaders as Record<string, string[]>),
    );
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toEqual([
      `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    ]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
  });
});
