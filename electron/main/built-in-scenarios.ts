import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isScenarioFileName, type ScenarioText } from '../engine/host/library-index';
import { MAX_SCENARIO_BYTES } from '../engine/scenario/load';

/** Returns the built-in scenario files (YAML and JSON, not the JSON Schema), by file name. */
export function readBuiltInScenarios(dir: string): ScenarioText[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    console.warn(`[engine] no built-in scenarios in ${dir}:`, error);
    return [];
  }
  return names
    .filter(isScenarioFileName)
    .sort()
    .filter((n) => statSync(join(dir, n)).size <= MAX_SCENARIO_BYTES)
    .map((fileName) => ({ fileName, text: readFileSync(join(dir, fileName), 'utf8') }));
}
