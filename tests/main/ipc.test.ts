import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { FakeWebContents, ipcMain } from '../fakes/electron';
import { handle, resetTrust, sendToRenderer, trustWebContents } from '../../electron/main/ipc';
import { appEntryUrl } from '../../electron/main/app-url';

/** Returns a window's contents showing the app's page, registered as the app's own. */
function appWindow(): FakeWebContents {
  const contents = new FakeWebContents(appEntryUrl());
  trustWebContents(contents as unknown as WebContents);
  return contents;
}

describe('the IPC wrapper', () => {
  const openText = vi.fn(async (request: { fileName: string; text: string }) => ({
    key: `opened/${request.fileName}`,
    origin: 'opened' as const,
    fileName: request.fileName,
    ok: false,
  }));
  const command = vi.fn(async () => ({ ok: true as const, message: 'done' }));

  beforeEach(() => {
    resetTrust();
    openText.mockClear();
    command.mockClear();
    handle('library:open-text', openText);
    handle('session:command', command);
  });

  afterEach(() => {
    ipcMain.removeHandler('library:open-text');
    ipcMain.removeHandler('session:command');
  });

  it('passes a valid request from the app window to the handler', async () => {
    const win = appWindow();
    const result = await ipcMain.invokeAs(
      'library:open-text',
      { fileName: 'a.yaml', text: 'id: a' },
      win,
    );
    expect(result).toMatchObject({ key: 'opened/a.yaml' });
    expect(openText).toHaveBeenCalledWith({ fileName: 'a.yaml', text: 'id: a' });
  });

  it('parses commands with the engine schema, filling defaults', async () => {
    const win = appWindow();
    await ipcMain.invokeAs(
      'session:command',
      { command: { type: 'silence-alert', alertId: 'a1' } },
      win,
    );
    expect(command).toHaveBeenCalledWith({
      command: { type: 'silence-alert', alertId: 'a1', forMs: 3_600_000 },
    });
  });

  it('passes the role of a team member with the command', async () => {
    const win = appWindow();
    await ipcMain.invokeAs('session:command', { command: { type: 'hint' }, role: 'scribe' }, win);
    expect(command).toHaveBeenCalledWith({ command: { type: 'hint' }, role: 'scribe' });
  });

  it('rejects a sub-frame of the app window', async () => {
    const win = appWindow();
    const frame = win.subFrame(appEntryUrl());
    await expect(
      ipcMain.invokeAs('library:open-text', { fileName: 'a.yaml', text: '' }, win, frame),
    ).rejects.toThrow(/Refused "library:open-text": the sender is a sub-frame/);
    expect(openText).not.toHaveBeenCalled();
  });

  it('rejects the main frame once it shows a foreign URL', async () => {
    const win = appWindow();
    win.mainFrame.url = 'https://evil.example/index.html';
    await expect(
      ipcMain.invokeAs('library:open-text', { fileName: 'a.yaml', text: '' }, win),
    ).rejects.toThrow(
      /the sending page \(https:\/\/evil\.example\/index\.html\) is not the app's page/,
    );
    expect(openText).not.toHaveBeenCalled();
  });

  it('rejects another file:// page, not only other origins', async () => {
    const win = appWindow();
    win.mainFrame.url = 'file:///tmp/downloaded.html';
    await expect(
      ipcMain.invokeAs('library:open-text', { fileName: 'a.yaml', text: '' }, win),
    ).rejects.toThrow(/not the app's page/);
  });

  it('rejects web contents the app did not create (a detached view)', async () => {
    const stranger = new FakeWebContents(appEntryUrl());
    await expect(
      ipcMain.invokeAs('library:open-text', { fileName: 'a.yaml', text: '' }, stranger),
    ).rejects.toThrow(/not a window this app created/);
  });

  it('rejects a frame that is already gone', async () => {
    const win = appWindow();
    await expect(
      ipcMain.invokeAs('library:open-text', { fileName: 'a.yaml', text: '' }, win, null),
    ).rejects.toThrow(/no longer exists/);
  });

  it('stops trusting a window once it is destroyed', async () => {
    const win = appWindow();
    win.destroy();
    await expect(
      ipcMain.invokeAs('library:open-text', { fileName: 'a.yaml', text: '' }, win),
    ).rejects.toThrow(/not a window this app created/);
  });

  it.each([
    [
      'a missing field',
      { fileName: 'a.yaml' },
      /Invalid request for "library:open-text"[\s\S]*text/,
    ],
    [
      'a wrong type',
      { fileName: 'a.yaml', text: 42 },
      /expected string, received number[\s\S]*text/,
    ],
    [
      'an extra field',
      { fileName: 'a.yaml', text: '', path: '/etc/passwd' },
      /Unrecognized key[\s\S]*path/,
    ],
    ['no payload at all', undefined, /Invalid request for "library:open-text"/],
    [
      'a text over 1 MiB',
      { fileName: 'a.yaml', text: 'x'.repeat(1024 * 1024 + 1) },
      /larger than the 1 MiB limit/,
    ],
  ])('rejects %s with a message naming the field', async (_what, payload, message) => {
    const win = appWindow();
    await expect(ipcMain.invokeAs('library:open-text', payload, win)).rejects.toThrow(message);
    expect(openText).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown command type', { command: { type: 'format-disk' } }, /command\.type/],
    [
      'a command with a bad field',
      { command: { type: 'scale', replicas: -3 } },
      /command\.replicas/,
    ],
    [
      'a command with an extra field',
      { command: { type: 'resolve', now: true } },
      /Unrecognized key[\s\S]*now/,
    ],
    [
      'a prototype-polluting key',
      JSON.parse('{"command":{"type":"resolve"},"__proto__":{"x":1}}'),
      /Invalid request/,
    ],
    ['a role that is not a team role', { command: { type: 'resolve' }, role: 'lead' }, /role/],
    [
      "the facilitator's role, which only injections carry",
      { command: { type: 'resolve' }, role: 'facilitator' },
      /role/,
    ],
    [
      'a fault injection, which only "facilitator:inject" may send',
      { command: { type: 'inject-fault', fault: { id: 'x' } }, role: 'comms' },
      /faults are injected through "facilitator:inject"/,
    ],
  ])('rejects %s', async (_what, payload, message) => {
    const win = appWindow();
    await expect(ipcMain.invokeAs('session:command', payload, win)).rejects.toThrow(message);
    expect(command).not.toHaveBeenCalled();
  });

  it('holds events until a window has loaded, then delivers them', () => {
    const win = new FakeWebContents(appEntryUrl());
    win.loading = true;
    trustWebContents(win as unknown as WebContents);
    sendToRenderer('app:menu', { action: 'library' });
    sendToRenderer('session:error', { message: 'm', detail: 'd' });
    expect(win.sent).toEqual([]);
    win.finishLoad();
    expect(win.sent.map((m) => m.channel)).toEqual(['app:menu', 'session:error']);
  });
});
