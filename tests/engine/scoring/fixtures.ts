/** Loading scenarios for the scoring and response tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, formatScenarioError } from '../../../electron/engine/scenario/load';
import type { Scenario } from '../../../electron/engine/scenario/schema';

const ROOT = join(__dirname, '..', '..', '..');

/** A scenario file's text and its validated scenario. */
export interface LoadedScenario {
  path: string;
  text: string;
  scenario: Scenario;
}

/** Loads and validates a scenario file (path relative to the repository root). */
export function loadScenarioFile(path: string): LoadedScenario {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const result = loadScenario(text, path);
  if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
  return { path, text, scenario: result.scenario };
}

/** Loads a fixture from tests/fixtures/sessions by name ("unit-change"). */
export function loadFixture(name: string): LoadedScenario {
  return loadScenarioFile(`tests/fixtures/sessions/${name}.yaml`);
}

/** Every built-in scenario (scenarios/*.yaml) present at test time. */
export function builtInScenarioPaths(): string[] {
  return readdirSync(join(ROOT, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `scenarios/${f}`);
}
