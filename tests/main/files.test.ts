import { mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { HANDLER_CHANNELS, type LibraryEntry } from '../../electron/shared/contract';
import { FakeWebContents, Menu, dialog, ipcMain } from '../fakes/electron';
import { setupSessionHost } from '../../electron/main/session-host';
import { InProcessEngineThread } from '../fakes/in-process-engine';
import {
  openScenarioDialog,
  openScenarioPath,
  scenarioPathsFromArgv,
} from '../../electron/main/files';
import { menuTemplate, setupMenu } from '../../electron/main/menu';
import { trustWebContents } from '../../electron/main/ipc';
import { appEntryUrl } from '../../electron/main/app-url';
import { getStorage } from '../../electron/main/storage';

const SCENARIO = join(__dirname, '../../scenarios/cents-after-partner-release.yaml');

describe('the session host and scenario files', () => {
  let dir: string;
  let win: FakeWebContents;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftdrill-files-'));
    win = new FakeWebContents(appEntryUrl());
    trustWebContents(win as unknown as WebContents);
    const builtIns = [{ fileName: 'cents.yaml', text: await readFile(SCENARIO, 'utf8') }];
    setupSessionHost({ startThread: () => new InProcessEngineThread({ builtIns }) });
  });

  it('registers every contract channel behind the IPC wrapper', async () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...HANDLER_CHANNELS].sort());
    const list = (await ipcMain.invokeAs('library:list', undefined, win)) as LibraryEntry[];
    expect(list.map((e) => e.key)).toEqual(['built-in/cents.yaml']);
    await expect(
      ipcMain.invokeAs('library:list', undefined, win, win.subFrame(appEntryUrl())),
    ).rejects.toThrow(/sub-frame/);
  });

  it('opens a scenario by path, tells the page, and remembers it as recent', async () => {
    const entry = await openScenarioPath(SCENARIO);
    expect(entry).toMatchObject({ ok: true, origin: 'opened', id: 'cents-after-partner-release' });
    expect(win.sent.at(-1)).toEqual({ channel: 'app:file-opened', payload: entry });
    expect((await getStorage().readRecent())[0]).toBe(SCENARIO);
  });

  it('refuses a file over 1 MiB before reading it', async () => {
    const big = join(dir, 'huge.yaml');
    await writeFile(big, '');
    await truncate(big, 3 * 1024 * 1024);
    const entry = await openScenarioPath(big);
    expect(entry.ok).toBe(false);
    expect(entry.errors?.[0].message).toBe(
      'The file is 3.0 MiB; scenario files are limited to 1 MiB.',
    );
  });

  it('reports a missing file as an entry with the reason', async () => {
    const entry = await openScenarioPath(join(dir, 'gone.yaml'));
    expect(entry.errors?.[0].message).toMatch(/could not be read: ENOENT/);
  });

  it('opens each file chosen in the dialog', async () => {
    dialog.nextOpen = { canceled: false, filePaths: [SCENARIO] };
    const before = win.sent.length;
    await openScenarioDialog();
    expect(win.sent.slice(before).map((m) => m.channel)).toEqual(['app:file-opened']);
  });

  it('finds scenario paths on a command line, skipping switches and the app', () => {
    expect(
      scenarioPathsFromArgv(
        ['/opt/Driftdrill/driftdrill', '--no-sandbox', 'a.yaml', 'notes.txt', 'b.JSON'],
        '/home/u',
        false,
      ),
    ).toEqual(['/home/u/a.yaml', '/home/u/b.JSON']);
    expect(scenarioPathsFromArgv(['electron', '.', '/tmp/c.yml'], '/x', true)).toEqual([
      '/tmp/c.yml',
    ]);
  });

  it('builds the menu with open, recent, export and quit', async () => {
    const template = menuTemplate(['/tmp/one.yaml'], false);
    const file = template.find((m) => m.label === '&File')!;
    const items = file.submenu as {
      label?: string;
      role?: string;
      submenu?: { label?: string }[];
    }[];
    expect(items.map((i) => i.label ?? i.role).filter(Boolean)).toEqual([
      'Open scenario…',
      'Open recent',
      'Export report…',
      'Quit',
    ]);
    expect(items[1].submenu!.map((i) => i.label)).toContain('&1 one.yaml');
    const exportItem = items.find((i) => i.label === 'Export report…') as { click: () => void };
    exportItem.click();
    expect(win.sent.at(-1)).toEqual({ channel: 'app:menu', payload: { action: 'export-report' } });
    setupMenu();
    await new Promise((r) => setTimeout(r, 20));
    expect(Menu.installed).not.toBeNull();
  });
});
