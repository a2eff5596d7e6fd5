import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SCENARIO_SCHEMA_ID,
  renderScenarioSchema,
} from '../../electron/engine/scenario/json-schema';

const SCHEMA_FILE = new URL('../../scenarios/scenario.schema.json', import.meta.url);

describe('scenarios/scenario.schema.json', () => {
  it('equals a fresh generation (run `npx tsx scripts/gen-schema.ts` after changing schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderScenarioSchema());
  });

  it('is generated deterministically', () => {
    expect(renderScenarioSchema()).toBe(renderScenarioSchema());
  });

  it('is a draft 2020-12 schema with an id, title and description', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(SCENARIO_SCHEMA_ID);
    expect(schema.title).toBe('Driftdrill scenario');
    expect(typeof schema.description).toBe('string');
    expect(schema.additionalProperties).toBe(false);
  });
});
