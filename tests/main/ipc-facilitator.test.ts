/**
 * The facilitator channels through the main-process IPC wrapper: the same sender check as every
 * channel, and payloads validated against the contract's schemas before the handler runs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { FakeWebContents, ipcMain } from '../fakes/electron';
import { handle, resetTrust, trustWebContents } from '../../electron/main/ipc';
import { appEntryUrl } from '../../electron/main/app-url';
import type { FacilitatorTruth, InjectRequest } from '../../electron/engine/host/facilitator';
import { HANDLER_CHANNELS } from '../../electron/shared/contract';

function appWindow(): FakeWebContents {
  const contents = new FakeWebContents(appEntryUrl());
  trustWebContents(contents as unknown as WebContents);
  return contents;
}

const VALID: InjectRequest = {
  type: 'dependency-outage',
  id: 'live-1',
  source: null,
  shape: 'sudden',
  rampMinutes: 60,
  startsInMinutes: 0,
  lastsMinutes: null,
  description: '',
  values: { dependency: 'model', errorRate: 1 },
};

describe('facilitator channels over IPC', () => {
  const truth = vi.fn(async () => ({}) as FacilitatorTruth);
  const inject = vi.fn(async () => ({
    ok: true as const,
    message: 'done',
    faultId: 'live-1',
    at: 0,
  }));

  beforeEach(() => {
    resetTrust();
    truth.mockClear();
    inject.mockClear();
    handle('facilitator:truth', truth);
    handle('facilitator:inject', inject);
  });

  afterEach(() => {
    ipcMain.removeHandler('facilitator:truth');
    ipcMain.removeHandler('facilitator:inject');
  });

  it('are listed in the contract, so preload and the Worker admit them', () => {
    expect(HANDLER_CHANNELS).toContain('facilitator:truth');
    expect(HANDLER_CHANNELS).toContain('facilitator:inject');
  });

  it('passes a valid inject request from the app window to the handler', async () => {
    const win = appWindow();
    await ipcMain.invokeAs('facilitator:inject', VALID, win);
    expect(inject).toHaveBeenCalledWith(VALID);
    await ipcMain.invokeAs('facilitator:truth', undefined, win);
    expect(truth).toHaveBeenCalledTimes(1);
  });

  it('refuses a window the app did not create', async () => {
    const stranger = new FakeWebContents(appEntryUrl());
    await expect(ipcMain.invokeAs('facilitator:inject', VALID, stranger)).rejects.toThrow(
      /Refused "facilitator:inject": the sender is not a window this app created/,
    );
    await expect(ipcMain.invokeAs('facilitator:truth', undefined, stranger)).rejects.toThrow(
      /Refused "facilitator:truth"/,
    );
    expect(inject).not.toHaveBeenCalled();
    expect(truth).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown fault family', { ...VALID, type: 'meteor-strike' }, /type/],
    ['a negative start', { ...VALID, startsInMinutes: -1 }, /startsInMinutes/],
    ['a zero duration', { ...VALID, lastsMinutes: 0 }, /lastsMinutes/],
    ['a value that is an object', { ...VALID, values: { errorRate: { $gt: 0 } } }, /values/],
    ['an extra field', { ...VALID, at: 0 }, /Unrecognized key[\s\S]*at/],
    ['a missing field', { type: 'label-outage', id: 'x' }, /Invalid request/],
    ['a name over 80 characters', { ...VALID, id: 'x'.repeat(81) }, /id/],
  ])('rejects %s before the handler runs', async (_what, payload, message) => {
    const win = appWindow();
    await expect(ipcMain.invokeAs('facilitator:inject', payload, win)).rejects.toThrow(message);
    expect(inject).not.toHaveBeenCalled();
  });

  it('takes no payload for the truth', async () => {
    const win = appWindow();
    await expect(ipcMain.invokeAs('facilitator:truth', { all: true }, win)).rejects.toThrow(
      /Invalid request for "facilitator:truth"/,
    );
    expect(truth).not.toHaveBeenCalled();
  });
});
