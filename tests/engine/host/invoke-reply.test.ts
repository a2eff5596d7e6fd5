/**
 * How both transports (Electron's engine thread, browser mode's Worker) answer a page's
 * request: unknown channels refused, the host's value or failure posted as the result.
 */
import { describe, expect, it } from 'vitest';
import type { EngineHost } from '../../../electron/engine/host/engine-host';
import { answerInvoke, type InvokeResult } from '../../../electron/engine/host/invoke-reply';

function hostAnswering(answer: (channel: string, payload: unknown) => unknown): {
  host: EngineHost;
  calls: string[];
} {
  const calls: string[] = [];
  const host = {
    invoke: (channel: string, payload: unknown) => {
      calls.push(channel);
      return answer(channel, payload);
    },
  } as unknown as EngineHost;
  return { host, calls };
}

function answered(host: EngineHost, id: number, channel: unknown): Promise<InvokeResult> {
  return new Promise((resolve) => answerInvoke(host, id, channel, {}, resolve));
}

describe('answerInvoke', () => {
  it('refuses a channel the contract does not define, without asking the host', async () => {
    const { host, calls } = hostAnswering(() => 1);
    await expect(answered(host, 3, 'fs:readFile')).resolves.toEqual({
      type: 'result',
      id: 3,
      ok: false,
      error: 'Unknown request channel "fs:readFile".',
    });
    await expect(answered(host, 4, 42)).resolves.toMatchObject({ ok: false, id: 4 });
    expect(calls).toEqual([]);
  });

  it("posts the host's value, or its failure as a message, for the request's id", async () => {
    const ok = hostAnswering(() => Promise.resolve({ entries: [] }));
    await expect(answered(ok.host, 7, 'library:list')).resolves.toEqual({
      type: 'result',
      id: 7,
      ok: true,
      value: { entries: [] },
    });
    const failing = hostAnswering(() => {
      throw new Error('No session is running.');
    });
    await expect(answered(failing.host, 8, 'library:list')).resolves.toEqual({
      type: 'result',
      id: 8,
      ok: false,
      error: 'No session is running.',
    });
  });
});
