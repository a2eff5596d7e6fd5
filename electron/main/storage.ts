import { app } from 'electron';
import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { ProgressEntry } from '../shared/contract';
import { REQUEST_SCHEMAS, type ProgressStorage } from '../engine/host/engine-host';

/**
 * User data in the user-data folder: progress.json, settings.json, recent.json. Every write
 * goes to a temporary file that is renamed over the old one, so a crash leaves either the old
 * file or the new one, never half of either. A file that cannot be read is renamed aside
 * (`progress.corrupt-<timestamp>.json`) and reported, never silently overwritten.
 */

/** A user-data file that could not be read and what became of it. */
export interface StorageProblem {
  file: string;
  /** Where the unreadable file was moved; null when it could not be moved. */
  movedTo: string | null;
  message: string;
}

const settingsSchema = z.object({
  zoomFactor: z.number().min(0.5).max(3).optional(),
  bounds: z
    .object({
      x: z.number().int(),
      y: z.number().int(),
      width: z.number().int().min(200),
      height: z.number().int().min(200),
    })
    .optional(),
});
/** Settings kept between runs; unknown keys from newer versions are dropped on read. */
export type Settings = z.infer<typeof settingsSchema>;

const MAX_RECENT = 10;
const progressFileSchema = z.strictObject({
  version: z.literal(1),
  entries: z.array(REQUEST_SCHEMAS['progress:add']),
});
const settingsFileSchema = z.strictObject({ version: z.literal(1), settings: settingsSchema });
const recentFileSchema = z.strictObject({
  version: z.literal(1),
  files: z.array(z.string().min(1).max(4096)).max(MAX_RECENT),
});

/** Returns a timestamp safe in file names on every platform (no colons). */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Returns an error's message. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Returns whether `error` is Node's "no such file". */
function isMissing(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT'
  );
}

/** Reads and writes the app's user-data files in one folder. */
export class UserDataStorage implements ProgressStorage {
  /** Files that could not be set aside: writing them would destroy what the user had. */
  private readonly blocked = new Set<string>();
  private cleaned = false;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    readonly dir: string,
    private readonly report: (problem: StorageProblem) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns saved progress, oldest first; an empty list when there is none or it was set aside. */
  async readProgress(): Promise<ProgressEntry[]> {
    const file = await this.read('progress.json', progressFileSchema);
    return file ? file.entries : [];
  }

  /** Replaces saved progress atomically. */
  async writeProgress(entries: ProgressEntry[]): Promise<void> {
    await this.write('progress.json', { version: 1, entries });
  }

  /** Returns saved settings, or defaults. */
  async readSettings(): Promise<Settings> {
    const file = await this.read('settings.json', settingsFileSchema);
    return file ? file.settings : {};
  }

  /** Replaces saved settings atomically. */
  async writeSettings(settings: Settings): Promise<void> {
    await this.write('settings.json', { version: 1, settings });
  }

  /** Returns recently opened scenario paths, newest first. */
  async readRecent(): Promise<string[]> {
    const file = await this.read('recent.json', recentFileSchema);
    return file ? file.files : [];
  }

  /** Puts `path` first in the recent list (once) and returns the new list. */
  async addRecent(path: string): Promise<string[]> {
    return this.serial('recent.json', async () => {
      const files = [path, ...(await this.readRecent()).filter((p) => p !== path)].slice(
        0,
        MAX_RECENT,
      );
      await this.writeNow('recent.json', { version: 1, files });
      return files;
    });
  }

  /** Empties the recent list. */
  async clearRecent(): Promise<void> {
    await this.write('recent.json', { version: 1, files: [] });
  }

  /** Returns the parsed file, null when missing, or null after setting a bad file aside. */
  private async read<T>(name: string, schema: z.ZodType<T>): Promise<T | null> {
    await this.removeStaleTemporaries();
    const path = join(this.dir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      this.blocked.add(name);
      this.report({
        file: path,
        movedTo: null,
        message: `${name} could not be read: ${messageOf(error)}`,
      });
      return null;
    }
    let reason: string;
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      reason = `its content is not what Driftdrill saves (${z.prettifyError(parsed.error).replace(/\n/g, ' ')})`;
    } catch (error) {
      reason = `it is not valid JSON (${messageOf(error)})`;
    }
    await this.setAside(name, reason);
    return null;
  }

  /** Renames an unreadable file aside so its content survives, and reports where it went. */
  private async setAside(name: string, reason: string): Promise<void> {
    const path = join(this.dir, name);
    const stem = name.replace(/\.json$/, '');
    const movedTo = join(this.dir, `${stem}.corrupt-${fileStamp(this.now())}.json`);
    try {
      await rename(path, movedTo);
      this.report({
        file: path,
        movedTo,
        message: `${name} could not be read because ${reason}; it was kept as ${movedTo} and a new one started.`,
      });
    } catch (error) {
      this.blocked.add(name);
      this.report({
        file: path,
        movedTo: null,
        message: `${name} could not be read because ${reason}, and could not be moved aside (${messageOf(error)}); it will not be overwritten.`,
      });
    }
  }

  /** Runs work on one file after the work queued before it, so the last call's data wins. */
  private serial<T>(name: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(name) ?? Promise.resolve()).then(work, work);
    this.queues.set(
      name,
      next.catch(() => undefined),
    );
    return next;
  }

  private write(name: string, data: unknown): Promise<void> {
    return this.serial(name, () => this.writeNow(name, data));
  }

  private async writeNow(name: string, data: unknown): Promise<void> {
    if (this.blocked.has(name)) {
      throw new Error(
        `${name} in ${this.dir} could not be read or moved aside, so it is not overwritten; move it away and try again.`,
      );
    }
    await mkdir(this.dir, { recursive: true });
    // fsync before rename: after a power cut the file is the old one or the new one, whole.
    await writeFileAtomic(join(this.dir, name), `${JSON.stringify(data, null, 2)}\n`, {
      encoding: 'utf8',
      fsync: true,
    });
  }

  /** Deletes temporary files a crash left behind (`progress.json.123456`); runs once per start. */
  private async removeStaleTemporaries(): Promise<void> {
    if (this.cleaned) return;
    this.cleaned = true;
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    const stale = names.filter((n) => /^(progress|settings|recent)\.json\.\d+$/.test(n));
    await Promise.all(stale.map((n) => unlink(join(this.dir, n)).catch(() => undefined)));
  }
}

const listeners = new Set<(problem: StorageProblem) => void>();
const problems: StorageProblem[] = [];
let storage: UserDataStorage | null = null;

/**
 * Chooses the user-data folder (DRIFTDRILL_USER_DATA overrides it, so each end-to-end test
 * gets its own). Call before the app is ready.
 */
export function setupStorage(): void {
  const override = process.env.DRIFTDRILL_USER_DATA;
  if (override) app.setPath('userData', override);
}

/** Returns the storage for this run, created on first use in the user-data folder. */
export function getStorage(): UserDataStorage {
  storage ??= new UserDataStorage(app.getPath('userData'), (problem) => {
    problems.push(problem);
    console.warn(`[storage] ${problem.message}`);
    for (const listener of listeners) listener(problem);
  });
  return storage;
}

/** Calls `listener` for every storage problem, including those already found; returns an unsubscribe. */
export function onStorageProblem(listener: (problem: StorageProblem) => void): () => void {
  for (const problem of problems) listener(problem);
  listeners.add(listener);
  return () => listeners.delete(listener);
}
