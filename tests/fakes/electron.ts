import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A fake of the `electron` module for unit tests (tests/setup.ts mocks `electron` with it).
 * It keeps only what main and preload use, records what they did, and lets a test call an IPC
 * handler as a chosen sender frame. Types are loose on purpose: tests cast to Electron's types.
 */

/** A frame as `event.senderFrame` shows it. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let nextContentsId = 1;

/** A web contents: records what main sends and which handlers security installs. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  destroyed = false;
  loading = false;
  zoomFactor = 1;

  constructor(url = 'about:blank') {
    super();
    this.mainFrame = { url, parent: null };
  }

  /** Returns a frame inside this page (an iframe) at `url`. */
  subFrame(url: string): FakeFrame {
    return { url, parent: this.mainFrame };
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isLoading(): boolean {
    return this.loading;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  getZoomFactor(): number {
    return this.zoomFactor;
  }

  reload(): void {}

  /** Simulates the page finishing its load (flushes queued events in main/ipc.ts). */
  finishLoad(): void {
    this.loading = false;
    this.emit('did-finish-load');
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

/** What a handler receives as its event: the sender's contents and frame. */
export interface FakeInvokeEvent {
  sender: FakeWebContents;
  senderFrame: FakeFrame | null;
}

type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

/** ipcMain: handle/removeHandler, plus `invokeAs` to call a handler as a given frame. */
class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Invokes `channel` as `sender` (its main frame unless `frame` is given; null = frame gone). */
  async invokeAs(
    channel: string,
    payload: unknown,
    sender: FakeWebContents,
    frame?: FakeFrame | null,
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(
      { sender, senderFrame: frame === undefined ? sender.mainFrame : frame },
      payload,
    );
  }
}

export const ipcMain = new FakeIpcMain();

/** ipcRenderer for preload tests: records invokes and lets a test push events. */
class FakeIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; payload: unknown }[] = [];
  reply: (channel: string, payload: unknown) => unknown = () => undefined;

  async invoke(channel: string, payload: unknown): Promise<unknown> {
    this.invoked.push({ channel, payload });
    return this.reply(channel, payload);
  }

  /** Simulates main sending `channel` to this page. */
  push(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this }, payload);
  }
}

export const ipcRenderer = new FakeIpcRenderer();

/** contextBridge: records what preload exposes. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

const userData = mkdtempSync(join(tmpdir(), 'driftdrill-userdata-'));
const paths = new Map<string, string>([
  ['userData', userData],
  ['temp', tmpdir()],
  ['home', tmpdir()],
]);

/** app: paths point into a temp folder; lifecycle calls are recorded, ready resolves at once. */
class FakeApp extends EventEmitter {
  isPackaged = false;
  sandboxEnabled = false;
  quitCalls = 0;
  singleInstance = true;

  getPath(name: string): string {
    const path = paths.get(name);
    if (!path) throw new Error(`Fake app has no path "${name}"`);
    return path;
  }

  setPath(name: string, path: string): void {
    paths.set(name, path);
  }

  getAppPath(): string {
    return resolve(__dirname, '../..');
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  isReady(): boolean {
    return true;
  }

  enableSandbox(): void {
    this.sandboxEnabled = true;
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }

  quit(): void {
    this.quitCalls++;
  }

  exit(): void {
    this.quitCalls++;
  }
}

export const app = new FakeApp();

/** BrowserWindow: keeps its options and a fake web contents. */
export class BrowserWindow extends EventEmitter {
  static readonly windows: BrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  loaded: string | null = null;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.webContents = new FakeWebContents();
    this.webContents.loading = true;
    BrowserWindow.windows.push(this);
  }

  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.windows.filter((w) => !w.destroyed);
  }

  static fromWebContents(contents: FakeWebContents): BrowserWindow | null {
    return BrowserWindow.windows.find((w) => w.webContents === contents) ?? null;
  }

  async loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
    this.webContents.finishLoad();
  }

  async loadFile(path: string): Promise<void> {
    await this.loadURL(`file://${path}`);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}
  focus(): void {}
  show(): void {}
  reload(): void {}

  getBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: 1440, height: 900 };
  }
}

/** dialog: answers come from `nextOpen`; messages are recorded. */
export const dialog = {
  nextOpen: { canceled: true, filePaths: [] as string[] },
  shown: [] as unknown[],
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.shown.push(args);
    return this.nextOpen;
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number }> {
    this.shown.push(args);
    return { response: 0 };
  },
  showErrorBox(title: string, content: string): void {
    this.shown.push([title, content]);
  },
};

/** Menu: buildFromTemplate keeps the template; the installed menu is readable. */
export const Menu = {
  installed: null as { template: unknown[] } | null,
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    this.installed = menu;
  },
};

/** shell: records what would have opened in the system browser. */
export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

type WebRequestListener = (
  details: Record<string, unknown>,
  callback: (response: Record<string, unknown>) => void,
) => void;

/** session.defaultSession: keeps the handlers security.ts and window.ts install. */
export const session = {
  defaultSession: {
    permissionRequestHandler: null as null | ((...args: unknown[]) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    devicePermissionHandler: null as null | ((...args: unknown[]) => boolean),
    setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
      this.devicePermissionHandler = handler;
    },
    webRequest: {
      beforeRequest: null as WebRequestListener | null,
      headersReceived: null as WebRequestListener | null,
      onBeforeRequest(listener: WebRequestListener): void {
        this.beforeRequest = listener;
      },
      onHeadersReceived(listener: WebRequestListener): void {
        this.headersReceived = listener;
      },
    },
  },
};

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  session,
  shell,
};
