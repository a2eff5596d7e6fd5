import type { ProgressEntry } from '../../../electron/shared/contract';
import { REQUEST_SCHEMAS, type ProgressStorage } from '../../../electron/engine/host/engine-host';

/**
 * Progress for browser mode, kept in IndexedDB. The engine runs in a Worker, which has no
 * localStorage, but IndexedDB works in Workers, so the host reads and writes it directly
 * without a round trip through the page. One object store, one key: the whole list.
 */

const DB_NAME = 'driftdrill';
const STORE = 'kv';
const PROGRESS_KEY = 'progress';

/** Returns the request's result as a promise. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Returns the progress entries in a stored value, dropping anything that is not one. */
function sanitise(value: unknown): ProgressEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: ProgressEntry[] = [];
  for (const item of value) {
    const parsed = REQUEST_SCHEMAS['progress:add'].safeParse(item);
    if (parsed.success) entries.push(parsed.data);
  }
  return entries;
}

/** Progress in IndexedDB; falls back to memory (and says so once) where IndexedDB is unavailable. */
export class IndexedDbProgressStorage implements ProgressStorage {
  private db: Promise<IDBDatabase> | null = null;
  private memory: ProgressEntry[] = [];
  private unavailable = false;

  constructor(
    private readonly factory: IDBFactory | undefined = globalThis.indexedDB,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  /** Returns saved progress, oldest first. */
  async readProgress(): Promise<ProgressEntry[]> {
    const db = await this.open();
    if (!db) return [...this.memory];
    const store = db.transaction(STORE, 'readonly').objectStore(STORE);
    return sanitise(await done(store.get(PROGRESS_KEY)));
  }

  /** Replaces saved progress in one transaction (all or nothing). */
  async writeProgress(entries: ProgressEntry[]): Promise<void> {
    const db = await this.open();
    if (!db) {
      this.memory = [...entries];
      return;
    }
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(entries, PROGRESS_KEY);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  }

  private async open(): Promise<IDBDatabase | null> {
    if (this.unavailable) return null;
    if (!this.factory) return this.giveUp('IndexedDB is not available');
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = this.factory!.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
      request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    try {
      return await this.db;
    } catch (error) {
      return this.giveUp(error instanceof Error ? error.message : String(error));
    }
  }

  private giveUp(reason: string): null {
    this.unavailable = true;
    this.onProblem(`${reason}; progress is kept only until this tab closes.`);
    return null;
  }
}
