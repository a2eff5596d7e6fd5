import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { buildLibraryIndex, isScenarioFileName } from '../electron/engine/host/library-index';

const MODULE_ID = 'virtual:library-index';
const RESOLVED_ID = `\0${MODULE_ID}`;

/**
 * Provides `virtual:library-index`: the built-in scenarios' library entries, validated once at
 * build time so the app lists its library without parsing every file at start-up.
 */
export function libraryIndexPlugin(scenarioDir: string): Plugin {
  return {
    name: 'driftdrill-library-index',
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const files = readdirSync(scenarioDir)
        .filter(isScenarioFileName)
        .sort()
        .map((fileName) => {
          const path = join(scenarioDir, fileName);
          this.addWatchFile(path);
          return { fileName, text: readFileSync(path, 'utf8') };
        });
      return `export default ${JSON.stringify(buildLibraryIndex(files))};\n`;
    },
  };
}
