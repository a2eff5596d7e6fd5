import { beforeAll, describe, expect, it } from 'vitest';
import type { DriftdrillApi } from '../../electron/shared/contract';
import { contextBridge, ipcRenderer } from '../fakes/electron';

describe('the preload bridge', () => {
  let api: DriftdrillApi;

  beforeAll(async () => {
    await import('../../electron/preload/index');
    api = contextBridge.exposed.get('driftdrill') as DriftdrillApi;
  });

  it('exposes one object with two methods and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['driftdrill']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels to main', async () => {
    ipcRenderer.reply = (channel) => (channel === 'library:list' ? [] : undefined);
    await expect(api.invoke('library:list', undefined)).resolves.toEqual([]);
    expect(ipcRenderer.invoked.at(-1)).toEqual({ channel: 'library:list', payload: undefined });
  });

  it('refuses channels the contract does not list', async () => {
    const before = ipcRenderer.invoked.length;
    const loose = api as unknown as {
      invoke(channel: string, payload: unknown): Promise<unknown>;
      on(channel: string, f: () => void): unknown;
    };
    await expect(loose.invoke('fs:read', '/etc/passwd')).rejects.toThrow(
      /Unknown request channel "fs:read"/,
    );
    expect(ipcRenderer.invoked.length).toBe(before);
    expect(() => loose.on('ELECTRON_BROWSER_REQUIRE', () => undefined)).toThrow(
      /Unknown event channel/,
    );
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = api.on('app:menu', (...args: unknown[]) => seen.push(args));
    ipcRenderer.push('app:menu', { action: 'library' });
    off();
    ipcRenderer.push('app:menu', { action: 'export-report' });
    expect(seen).toEqual([[{ action: 'library' }]]);
    expect(ipcRenderer.listenerCount('app:menu')).toBe(0);
  });
});
