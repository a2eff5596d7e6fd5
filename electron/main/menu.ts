import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import { clearRecent, onRecentChanged, openScenarioDialog, openScenarioPath } from './files';
import { sendToRenderer } from './ipc';
import { getStorage } from './storage';

/**
 * The application menu. Opening files happens here in main (the dialog needs a path); actions
 * the page owns (export the report, go to the library) are sent to it as `app:menu`.
 */

/** Returns the menu template for the given recent-files list (exported for tests). */
export function menuTemplate(
  recent: readonly string[],
  isMac = process.platform === 'darwin',
): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent scenarios', enabled: false }]
      : [
          ...recent.map((path, i): MenuItemConstructorOptions => ({
            label: `${i < 9 ? `&${i + 1} ` : ''}${basename(path)}`,
            toolTip: path,
            click: () => void openScenarioPath(path),
          })),
          { type: 'separator' },
          { label: 'Clear recent', click: () => void clearRecent() },
        ];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        label: 'Open scenario…',
        accelerator: 'CmdOrCtrl+O',
        click: () => void openScenarioDialog(),
      },
      { label: 'Open recent', submenu: recentItems },
      { type: 'separator' },
      {
        label: 'Export report…',
        accelerator: 'CmdOrCtrl+E',
        click: () => sendToRenderer('app:menu', { action: 'export-report' }),
      },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      {
        label: 'Scenario library',
        accelerator: 'CmdOrCtrl+L',
        click: () => sendToRenderer('app:menu', { action: 'library' }),
      },
      { type: 'separator' },
      // Presentation zoom for projectors: the page scales as a whole.
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { role: 'togglefullscreen' },
      ...(app.isPackaged
        ? []
        : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const)),
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    // Standard editing roles make copy, paste and undo work in the decision note on macOS.
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}

/** Builds and installs the application menu, rebuilding it when the recent list changes. */
export function setupMenu(): void {
  const install = (recent: readonly string[]): void =>
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(recent)));
  onRecentChanged(install);
  void app.whenReady().then(async () => install(await getStorage().readRecent()));
}
