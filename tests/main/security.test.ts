import { describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { FakeWebContents, app, session, shell } from '../fakes/electron';
import { isAllowedExternal, secureWebContents, setupSecurity } from '../../electron/main/security';
import { appEntryUrl, isAppResource, isAppUrl, rendererDir } from '../../electron/main/app-url';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

/** Returns a navigation event whose default can be prevented. */
function navigation(url: string): { url: string; prevented: boolean; preventDefault(): void } {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('security rules', () => {
  it('recognises only the app page as the app', () => {
    expect(isAppUrl(appEntryUrl())).toBe(true);
    expect(isAppUrl(`${appEntryUrl()}#/debrief`)).toBe(true);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('lets requests reach only the app files and inline data', () => {
    expect(isAppResource(pathToFileURL(join(rendererDir(), 'assets/index.js')).href)).toBe(true);
    expect(isAppResource('data:image/png;base64,AAAA')).toBe(true);
    expect(isAppResource(pathToFileURL(join(rendererDir(), '../main/index.js')).href)).toBe(false);
    expect(isAppResource('file:///etc/passwd')).toBe(false);
    expect(isAppResource('https://cdn.example.com/lib.js')).toBe(false);
    expect(isAppResource('http://127.0.0.1:5173/')).toBe(false);
  });

  it('blocks navigation away from the app and new windows, opening only allow-listed links', () => {
    const contents = new FakeWebContents(appEntryUrl());
    secureWebContents(contents as unknown as WebContents);

    const away = navigation('https://evil.example/');
    contents.emit('will-navigate', away);
    expect(away.prevented).toBe(true);

    const inside = navigation(`${appEntryUrl()}#/library`);
    contents.emit('will-navigate', inside);
    expect(inside.prevented).toBe(false);

    shell.opened.length = 0;
    expect(contents.windowOpenHandler!({ url: 'https://github.com/driftdrill' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler!({ url: 'file:///bin/sh' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://github.com/driftdrill']);

    const webview = navigation('');
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('allows external links only over https to listed hosts, without credentials', () => {
    expect(isAllowedExternal('https://github.com/x')).toBe(true);
    expect(isAllowedExternal('http://github.com/x')).toBe(false);
    expect(isAllowedExternal('https://user:pw@github.com/x')).toBe(false);
    expect(isAllowedExternal('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternal('smb://host/share')).toBe(false);
  });

  it('enables the sandbox, denies permissions and cancels remote requests', async () => {
    setupSecurity();
    await Promise.resolve();
    expect(app.sandboxEnabled).toBe(true);
    const ses = session.defaultSession;
    const answers: boolean[] = [];
    ses.permissionRequestHandler!(null, 'media', (granted: boolean) => answers.push(granted));
    ses.permissionRequestHandler!(null, 'notifications', (granted: boolean) =>
      answers.push(granted),
    );
    expect(answers).toEqual([false, false]);
    expect(ses.permissionCheckHandler!(null, 'clipboard-read')).toBe(false);

    const decisions: unknown[] = [];
    ses.webRequest.beforeRequest!({ url: 'https://tracker.example/pixel.gif' }, (r) =>
      decisions.push(r),
    );
    ses.webRequest.beforeRequest!(
      { url: pathToFileURL(join(rendererDir(), 'index.html')).href },
      (r) => decisions.push(r),
    );
    expect(decisions).toEqual([{ cancel: true }, { cancel: false }]);
  });
});
