import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CSV_COLUMNS,
  addResult,
  cohortCsv,
  csvText,
  groupByScenario,
  minutesTo,
  missingTimeReason,
  neutraliseFormula,
  resultFingerprint,
  versionKey,
  type CohortEntry,
} from '../../../electron/engine/cohort/cohort';
import { parseResultFile, type ResultFile } from '../../../electron/engine/cohort/result-file';
import { parseCsv } from './csv-parse';

const FIXTURES = join(__dirname, '../../fixtures/cohort');

/** The three valid fixture results, parsed, by learner. */
function fixtures(): Record<'atlas' | 'birch' | 'cedar', ResultFile> {
  const out: Partial<Record<string, ResultFile>> = {};
  for (const name of readdirSync(FIXTURES)) {
    const parsed = parseResultFile(readFileSync(join(FIXTURES, name), 'utf8'), name);
    if (parsed.ok) out[parsed.result.learner!.replace('Team ', '').toLowerCase()] = parsed.result;
  }
  return out as Record<'atlas' | 'birch' | 'cedar', ResultFile>;
}

/** Adds results one by one, failing the test on a duplicate. */
function cohortOf(results: readonly [string, ResultFile][]): CohortEntry[] {
  const entries: CohortEntry[] = [];
  for (const [fileName, result] of results) {
    const added = addResult(entries, fileName, result);
    if (!added.ok) throw new Error(`${fileName} was refused as a duplicate`);
    entries.push(added.entry);
  }
  return entries;
}

const f = fixtures();
const three = cohortOf([
  ['atlas.json', f.atlas],
  ['birch.json', f.birch],
  ['cedar.json', f.cedar],
]);

describe('adding results', () => {
  it('refuses the same session twice, whatever the file is called', () => {
    const again = addResult(three, 'atlas (1).json', structuredClone(f.atlas));
    expect(again).toMatchObject({ ok: false, scoresDiffer: false });
    if (!again.ok) expect(again.duplicateOf.fileName).toBe('atlas.json');
  });

  it('notices a copy of one session whose score was edited', () => {
    const edited = structuredClone(f.atlas);
    edited.score.criteria[0].points = 9;
    edited.score.total = 99;
    expect(addResult(three, 'edited.json', edited)).toMatchObject({
      ok: false,
      scoresDiffer: true,
    });
  });

  it('keeps two teams with the same decisions apart by name and time', () => {
    const twin = { ...structuredClone(f.atlas), learner: 'Team Atlas 2' };
    expect(addResult(three, 'twin.json', twin).ok).toBe(true);
    expect(resultFingerprint(twin)).not.toBe(resultFingerprint(f.atlas));
  });
});

describe('grouping by scenario version', () => {
  it('puts results of one scenario version together, without warnings', () => {
    const { groups, warnings } = groupByScenario(three);
    expect(warnings).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      scenarioId: 'router-cost-doubles',
      key: versionKey(f.atlas),
      version: 1,
      versions: 1,
    });
    expect(groups[0].entries.map((e) => e.fileName)).toEqual([
      'atlas.json',
      'birch.json',
      'cedar.json',
    ]);
  });

  it('warns when one scenario id comes with different hashes', () => {
    const changed = structuredClone(f.birch);
    changed.scenario.hash = `sha256:${'ab'.repeat(32)}`;
    const entries = cohortOf([
      ['atlas.json', f.atlas],
      ['birch-old.json', changed],
      ['cedar.json', f.cedar],
    ]);
    const { groups, warnings } = groupByScenario(entries);
    expect(groups.map((g) => [g.version, g.versions, g.entries.length])).toEqual([
      [1, 2, 2],
      [2, 2, 1],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toBe(
      `Results for "The router's cost doubles after two small config changes" come from 2 different versions of the scenario (${f.atlas.scenario.hash.slice(7, 19)}…: 2, abababababab…: 1). Scores and times are compared only within one version.`,
    );
  });
});

describe('times', () => {
  it('converts to minutes after the first fault and says why a time is missing', () => {
    expect(minutesTo(f.atlas, 'detect')).toBe(25);
    expect(minutesTo(f.atlas, 'mitigate')).toBe(35);
    expect(minutesTo(f.birch, 'mitigate')).toBeNull();
    expect(missingTimeReason(f.birch, 'mitigate')).toBe('not mitigated by the end');
    expect(minutesTo(f.cedar, 'diagnose')).toBeNull();
    expect(missingTimeReason(f.cedar, 'diagnose')).toBe('no correct diagnosis');
  });
});

describe('CSV export', () => {
  it("documents every column once, here and in the trainers' guide", () => {
    const names = CSV_COLUMNS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of CSV_COLUMNS) expect(c.description.length).toBeGreaterThan(10);
    const guide = readFileSync(join(__dirname, '../../../docs/cohort.md'), 'utf8');
    const documented = [...guide.matchAll(/^\| `([a-z_<>]+)` +\|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...names, 'points_<criterion>']);
  });

  it('writes a header and one row per result, in order', () => {
    const text = cohortCsv(three);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    const ids = f.atlas.score.criteria.map((c) => `points_${c.id}`);
    expect(header).toEqual([...CSV_COLUMNS.map((c) => c.name), ...ids]);
    expect(rows).toHaveLength(3);
    const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(records.map((r) => r.learner)).toEqual(['Team Atlas', 'Team Birch', 'Team Cedar']);
    expect(records[0]).toMatchObject({
      file: 'atlas.json',
      scenario_id: 'router-cost-doubles',
      comparable_group: versionKey(f.atlas),
      seed: '97',
      score: String(f.atlas.score.total),
      max_score: '100',
      time_to_detect_min: '25',
      time_to_mitigate_min: '35',
      mitigation: 'recovered',
      roles: 'ml-on-call; incident-commander; scribe',
      finished_at: f.atlas.finishedAt,
      points_detect: String(f.atlas.score.criteria[0].points),
    });
    expect(records[1]).toMatchObject({ time_to_mitigate_min: '', mitigation: 'not-recovered' });
    // The scenario title holds an apostrophe and the verdicts commas: both survive.
    expect(records[2].scenario_title).toBe(f.cedar.scenario.title);
    expect(records[2].verdict).toBe(f.cedar.score.verdict);
  });

  it('round-trips any text through RFC 4180 quoting', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'é', ' ', ',', '"', '\r', '\n', '\r\n', '😀'),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 6 }),
        (rows) => {
          expect(parseCsv(csvText(rows))).toEqual(rows);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips learner names, neutralising spreadsheet formulas', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (learner) => {
        const entries = cohortOf([['x.json', { ...f.atlas, learner }]]);
        const [header, row] = parseCsv(cohortCsv(entries));
        expect(row).toHaveLength(header.length);
        expect(row[header.indexOf('learner')]).toBe(neutraliseFormula(learner));
      }),
      { numRuns: 300 },
    );
  });

  it('prefixes cells a spreadsheet would run as formulas', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    for (const t of ['+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(t)).toBe(`'${t}`);
    for (const t of ['Team 1', '', "it's", '1=1']) expect(neutraliseFormula(t)).toBe(t);
  });
});
