import { z } from 'zod';
import { scenarioSchema } from './schema';

/** Identifies the schema for editors; a URN because the project has no web address to promise. */
export const SCENARIO_SCHEMA_ID = 'urn:driftdrill:scenario:1';

/**
 * Returns the JSON Schema of a scenario file (what a file may contain, before defaults and
 * duration parsing) as stable, pretty-printed JSON text ending in a newline. Cross-reference
 * rules (names that must exist, min < max) are not expressible here; the loader checks them.
 */
export function renderScenarioSchema(): string {
  const generated = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  const { $schema, ...body } = generated;
  const document = {
    $schema,
    $id: SCENARIO_SCHEMA_ID,
    title: 'Driftdrill scenario',
    description:
      'A Driftdrill incident-response scenario: the simulated ML service, the faults injected ' +
      'into it, monitoring and alert rules, the rubric and a reference response. Durations are ' +
      'seconds or text such as "90s", "5m", "1h30m" or "2d". Generated from ' +
      'electron/engine/scenario/schema.ts by scripts/gen-schema.ts; do not edit by hand.',
    ...body,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
