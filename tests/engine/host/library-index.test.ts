import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineHost, type ScenarioText } from '../../../electron/engine/host/engine-host';
import { buildLibraryIndex } from '../../../electron/engine/host/library-index';

const DIR = join(__dirname, '../../../scenarios');
const file = (fileName: string): ScenarioText => ({
  fileName,
  text: readFileSync(join(DIR, fileName), 'utf8'),
});
const DEFAULT = file('cents-after-partner-release.yaml');
const HOLIDAY = file('holiday-mix-benign.yaml');

const hostWith = (builtIns: ScenarioText[], index = buildLibraryIndex(builtIns)) =>
  new EngineHost({
    builtIns,
    builtInIndex: index,
    storage: { readProgress: async () => [], writeProgress: async () => undefined },
    emit: () => undefined,
  });

describe('the built-in library index', () => {
  it('lists the same entries as validating every file', async () => {
    const indexed = await hostWith([DEFAULT, HOLIDAY]).invoke('library:list', undefined);
    const validated = await hostWith([DEFAULT, HOLIDAY], {}).invoke('library:list', undefined);
    expect(indexed).toEqual(validated);
    expect(indexed.map((e) => e.title)).toEqual([
      'Amounts arrive in cents after a partner release',
      expect.any(String),
    ]);
  });

  it('validates an indexed file when its briefing is opened', async () => {
    const host = hostWith([DEFAULT]);
    const briefing = await host.invoke('scenario:briefing', {
      key: 'built-in/cents-after-partner-release.yaml',
    });
    expect(briefing.id).toBe('cents-after-partner-release');
  });

  it('ignores the index for a file whose text changed, and shows its errors', async () => {
    const index = buildLibraryIndex([DEFAULT]);
    const broken = { ...DEFAULT, text: DEFAULT.text.replace(/^title:/m, 'titel:') };
    const [entry] = await hostWith([broken], index).invoke('library:list', undefined);
    expect(entry.ok).toBe(false);
    expect(entry.errors?.[0].message).toMatch(/titel/);
  });
});
