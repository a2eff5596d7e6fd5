import type { LibraryEntry } from '../../shared/contract';
import { loadScenario } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import type { ScenarioError } from '../scenario/scenario-error';
import { sha256Hex } from '../scoring/scenario-hash';

/**
 * The built-in library's entries, computed when the app is built. Listing the library then
 * costs a hash per file instead of a YAML parse and a full validation per file (about half a
 * second on a cold start), and a file is validated only when someone opens its briefing. An
 * entry is used only while its file's text still hashes the same, so an edited built-in file is
 * validated afresh and its errors shown.
 */

/** A built-in file's library entry, valid for the file text with this fingerprint. */
export interface LibraryIndexEntry {
  textSha256: string;
  entry: LibraryEntry;
}

/** Library entries by file name. */
export type LibraryIndex = Readonly<Record<string, LibraryIndexEntry>>;

/** A scenario file's name and text, as bundled or read from disk. */
export interface ScenarioText {
  fileName: string;
  text: string;
}

/** SHA-256 of a file's exact text (UTF-8), as hex. */
export function textFingerprint(text: string): string {
  return sha256Hex(new TextEncoder().encode(text));
}

/** Returns the library entry for a loaded (or rejected) scenario file. */
export function entryFor(
  origin: LibraryEntry['origin'],
  fileName: string,
  result: { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] },
): LibraryEntry {
  const entryKey = `${origin}/${fileName}`;
  if (!result.ok) return { key: entryKey, origin, fileName, ok: false, errors: result.errors };
  const s = result.scenario;
  return {
    key: entryKey,
    origin,
    fileName,
    ok: true,
    id: s.id,
    title: s.title,
    difficulty: s.difficulty,
    durationMs: s.duration,
    teaches: [...s.teaches],
  };
}

/** Validates every built-in file and returns the index the build embeds. */
export function buildLibraryIndex(files: readonly ScenarioText[]): LibraryIndex {
  const index: Record<string, LibraryIndexEntry> = {};
  for (const file of files) {
    index[file.fileName] = {
      textSha256: textFingerprint(file.text),
      entry: entryFor('built-in', file.fileName, loadScenario(file.text, file.fileName)),
    };
  }
  return index;
}

/** Returns the indexed entry for a file, or null when the file is not indexed or has changed. */
export function indexedEntry(index: LibraryIndex, file: ScenarioText): LibraryEntry | null {
  const hit = Object.hasOwn(index, file.fileName) ? index[file.fileName] : undefined;
  if (!hit || hit.textSha256 !== textFingerprint(file.text)) return null;
  return hit.entry;
}

/** Returns whether a file in the scenarios folder is a scenario (not the JSON Schema). */
export function isScenarioFileName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name) && !/\.schema\.json$/i.test(name);
}
