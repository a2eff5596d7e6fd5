import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Largest scenario or actions file the CLI will read, in bytes. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Expands folders to the scenario files inside them (not recursive), sorted by name. */
export function expandScenarioPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (/\.(ya?ml|json)$/i.test(name) && !name.endsWith('.schema.json'))
          out.push(join(p, name));
      }
    } else out.push(p);
  }
  return out;
}

/** Reads a text file, refusing anything over the size cap before reading it. */
export function readTextCapped(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_FILE_BYTES) {
    throw new Error(
      `${path}: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit for scenario files`,
    );
  }
  return readFileSync(path, 'utf8');
}
