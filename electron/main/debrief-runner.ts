/// <reference types="electron-vite/node" />
import type { Worker } from 'node:worker_threads';
import type { DebriefBuilder } from '../engine/host/engine-host';
import type { DebriefJob, DebriefReply } from './debrief-worker';
import createDebriefWorker from './debrief-worker?nodeWorker';

/**
 * Scores sessions in a worker thread so the main process keeps serving menus, IPC and the
 * clock while a debrief is built. One thread, reused, so scoring's baseline cache survives.
 */

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (debrief: unknown) => void; reject: (error: Error) => void }
>();

/** Returns the scoring thread, starting it on first use (and again after a crash). */
function scoringThread(): Worker {
  if (worker) return worker;
  const started = createDebriefWorker({});
  started.on('message', (reply: DebriefReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.debrief);
    else waiting.reject(new Error(reply.error));
  });
  const fail = (error: Error): void => {
    worker = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => {
    if (worker === started) fail(new Error(`The scoring thread stopped (exit code ${code}).`));
  });
  // Do not keep the app alive just for an idle scoring thread.
  started.unref();
  worker = started;
  return started;
}

/** Scores in the worker thread; resolves with the debrief. */
export const scoreInWorkerThread: DebriefBuilder = ({ source, seed, decisions }) => {
  const id = nextId++;
  const job: DebriefJob = { id, fileName: source.fileName, text: source.text, seed, decisions };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    scoringThread().postMessage(job);
  });
};

/** Stops the scoring thread (on quit). */
export function stopScoringThread(): void {
  void worker?.terminate();
  worker = null;
}
