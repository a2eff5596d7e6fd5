/**
 * Writes scenarios/scenario.schema.json from the zod scenario schema.
 * Usage: tsx scripts/gen-schema.ts [--check]
 * With --check it writes nothing and exits 1 when the committed file is missing or stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderScenarioSchema } from '../electron/engine/scenario/json-schema';

/** The committed schema file, found from this script so any working directory works. */
const SCHEMA_FILE = fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url));

/** Returns the process exit code: 0 when written or up to date, 1 when a check fails. */
function main(args: readonly string[]): number {
  const fresh = renderScenarioSchema();
  if (args.includes('--check')) {
    const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : null;
    if (committed === fresh) {
      console.log(`${SCHEMA_FILE} is up to date`);
      return 0;
    }
    console.error(
      `${SCHEMA_FILE} is ${committed === null ? 'missing' : 'out of date'}; run: npx tsx scripts/gen-schema.ts`,
    );
    return 1;
  }
  writeFileSync(SCHEMA_FILE, fresh);
  console.log(`wrote ${SCHEMA_FILE}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
