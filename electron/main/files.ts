import { app, dialog, type OpenDialogOptions } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { LibraryEntry } from '../shared/contract';
import { MAX_SCENARIO_BYTES } from '../engine/scenario/load';
import { sendToRenderer } from './ipc';
import { getHost } from './session-host';
import { getStorage } from './storage';
import { getMainWindow } from './window';

/**
 * Scenario files from the desktop: the Open dialog, Open recent, the command line and the OS
 * ("open with", a second launch). Dropped files never come here: the page reads them and sends
 * the text through `library:open-text`, where the same size cap applies.
 */

const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'];
const recentListeners = new Set<(files: string[]) => void>();

/** Calls `listener` with the new recent-files list whenever it changes. */
export function onRecentChanged(listener: (files: string[]) => void): void {
  recentListeners.add(listener);
}

/** Returns an error's message. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Returns a size in MiB with one decimal. */
function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Opens a scenario file by path into the library, pushes `app:file-opened`, and returns its
 * entry. Files over 1 MiB are refused before any byte is read.
 */
export async function openScenarioPath(path: string): Promise<LibraryEntry> {
  const fileName = basename(path);
  let read: { text: string } | { problem: string };
  try {
    const info = await stat(path);
    if (!info.isFile()) read = { problem: `${path} is not a file.` };
    else if (info.size > MAX_SCENARIO_BYTES) {
      read = { problem: `The file is ${mib(info.size)}; scenario files are limited to 1 MiB.` };
    } else read = { text: await readFile(path, 'utf8') };
  } catch (error) {
    read = { problem: `The file could not be read: ${errorText(error)}` };
  }
  let entry: LibraryEntry;
  try {
    entry =
      'text' in read
        ? await getHost().invoke('library:open-text', { fileName, text: read.text })
        : await getHost().rejectFile(fileName, read.problem);
  } catch (error) {
    // The engine itself failed (it has reported that to the page); the file still gets a card.
    entry = {
      key: `opened/${fileName}`,
      origin: 'opened',
      fileName,
      ok: false,
      errors: [{ file: fileName, line: 1, column: 1, path: '', message: errorText(error) }],
    };
  }
  if ('text' in read) {
    const files = await getStorage().addRecent(resolve(path));
    for (const listener of recentListeners) listener(files);
  }
  sendToRenderer('app:file-opened', entry);
  return entry;
}

/** Shows the Open dialog and opens each chosen scenario file. */
export async function openScenarioDialog(): Promise<void> {
  const options: OpenDialogOptions = {
    title: 'Open scenario',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Scenario files', extensions: ['yaml', 'yml', 'json'] }],
  };
  const win = getMainWindow();
  const result = win
    ? await dialog.showOpenDialog(win, options)
    : await dialog.showOpenDialog(options);
  if (result.canceled) return;
  for (const path of result.filePaths) await openScenarioPath(path);
}

/** Empties Open recent. */
export async function clearRecent(): Promise<void> {
  await getStorage().clearRecent();
  for (const listener of recentListeners) listener([]);
}

/**
 * Returns the scenario paths named on a command line, resolved against `cwd`. Skips the
 * executable (and the app folder under `electron .`) and every switch.
 */
export function scenarioPathsFromArgv(
  argv: readonly string[],
  cwd: string,
  defaultApp = Boolean(process.defaultApp),
): string[] {
  const args = argv.slice(defaultApp ? 2 : 1);
  return args
    .filter((a) => !a.startsWith('-') && SCENARIO_EXTENSIONS.includes(extname(a).toLowerCase()))
    .map((a) => resolve(cwd, a));
}

/** Opens scenario files from this launch's command line, later launches, and macOS "open with". */
export function setupFiles(): void {
  // One instance per user-data folder: a second launch hands its files to the first and exits.
  if (!app.requestSingleInstanceLock()) {
    // Exit at once: quit() would still let ready handlers open a window first.
    app.exit(0);
    return;
  }
  const pending: string[] = [];
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) void openScenarioPath(path);
    else pending.push(path);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const win = getMainWindow();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    for (const path of scenarioPathsFromArgv(argv, workingDirectory)) void openScenarioPath(path);
  });
  void app.whenReady().then(async () => {
    for (const path of [...pending, ...scenarioPathsFromArgv(process.argv, process.cwd())]) {
      await openScenarioPath(path);
    }
  });
}
