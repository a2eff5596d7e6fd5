import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_RESULT_BYTES,
  normaliseLabel,
  parseResultFile,
  resultFileName,
  resultFileOf,
  scoreSummaryOf,
  type ResultFile,
  type ResultFileError,
} from '../../../electron/engine/cohort/result-file';
import { loadScenario } from '../../../electron/engine/scenario/load';
import { evaluateSession } from '../../../electron/engine/scoring/score';
import { scenarioHash } from '../../../electron/engine/scoring/scenario-hash';
import type { CriterionScore, ScoreReport } from '../../../electron/engine/scoring/score-types';
import type { Scenario } from '../../../electron/engine/scenario/schema';

const FIXTURES = join(__dirname, '../../fixtures/cohort');
const ATLAS = 'router-cost-doubles-97-team-atlas.driftdrill-result.json';
const DELTA = 'router-cost-doubles-97-team-delta.driftdrill-result.json';
const atlasText = readFileSync(join(FIXTURES, ATLAS), 'utf8');

/** The Atlas fixture as data, to break one field at a time. */
function atlas(): Record<string, unknown> & { score: Record<string, unknown> } {
  return JSON.parse(atlasText) as Record<string, unknown> & { score: Record<string, unknown> };
}

/** Parses `data` written as the app writes it, expecting a refusal. */
function refusal(data: unknown, file = 'x.json'): ResultFileError {
  const text = typeof data === 'string' ? data : `${JSON.stringify(data, null, 2)}\n`;
  const parsed = parseResultFile(text, file);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.error;
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('parseResultFile: valid files', () => {
  it('reads every valid fixture exactly as written', () => {
    const names = readdirSync(FIXTURES).filter((f) => f !== DELTA);
    expect(names.length).toBe(3);
    for (const name of names) {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const parsed = parseResultFile(text, name);
      expect(parsed.ok, name).toBe(true);
      if (parsed.ok) expect(parsed.result).toEqual(JSON.parse(text));
    }
  });

  it('reads a file saved with a byte-order mark, as some editors do', () => {
    const parsed = parseResultFile(`\uFEFF${atlasText}`, ATLAS);
    expect(parsed.ok).toBe(true);
  });

  it('accepts a result with no learner name and no roles', () => {
    const data = { ...atlas(), learner: null, roles: [] };
    const parsed = parseResultFile(JSON.stringify(data), 'anon.json');
    expect(parsed.ok).toBe(true);
  });
});

describe('parseResultFile: malformed files', () => {
  it('gives the line and column of a JSON syntax error', () => {
    const text = readFileSync(join(FIXTURES, DELTA), 'utf8');
    const e = refusal(text, DELTA);
    const line = lineOf(text, '"learner"');
    expect(e.file).toBe(DELTA);
    expect(e.message).toBe(
      `This is not valid JSON: unexpected text "learner", expected "," or "}". Is a comma missing at the end of line ${line - 1}?`,
    );
    expect(e.problems).toEqual([{ path: '', message: e.message, line, column: 3 }]);
  });

  it('hints at a missing comma only when it belongs at the end of an earlier line', () => {
    expect(refusal('{"a": 1 "b": 2}').message).toBe(
      'This is not valid JSON: unexpected text "b", expected "," or "}".',
    );
    expect(refusal('{"a": [1,]}').message).toBe(
      'This is not valid JSON: trailing comma: JSON does not allow a comma before a closing bracket.',
    );
  });

  it('places a truncated file at its end', () => {
    const text = atlasText.slice(0, 200);
    const e = refusal(text);
    expect(e.message).toMatch(/not valid JSON/);
    const lines = text.split('\n');
    expect(e.problems[0].line).toBe(lines.length);
  });

  it('refuses an empty file and a file that is not an object', () => {
    expect(refusal('  \n').message).toBe('The file is empty.');
    expect(refusal('[1, 2]').message).toBe(
      'This is not a Driftdrill result file: it holds a list, not an object.',
    );
    expect(refusal('"hello"').message).toMatch(/it holds text \("hello"\), not an object/);
  });

  it('names a wrong format id, and recognises session files and debriefs', () => {
    const wrong = refusal({ ...atlas(), format: 'something-else' });
    expect(wrong.message).toBe(
      'This is not a Driftdrill result file: "format" is text ("something-else"), expected "driftdrill-result".',
    );
    expect(wrong.problems[0]).toMatchObject({ path: 'format', line: 2, column: 13 });
    expect(refusal({ format: 'driftdrill-session', version: 1 }).message).toMatch(
      /^This is a session file, not a result file: save a result file from the debrief screen/,
    );
    expect(refusal({ format: 'driftdrill-debrief' }).message).toMatch(/debrief report/);
    const { format: _omit, ...noFormat } = atlas();
    expect(refusal(noFormat).message).toBe(
      'This is not a Driftdrill result file: it has no "format" field (expected "driftdrill-result").',
    );
  });

  it('names a format that is the name of an object property as a wrong format, in text', () => {
    for (const format of ['__proto__', 'toString', 'constructor', 'hasOwnProperty']) {
      // Written by hand: JSON.stringify of an object literal would not keep "__proto__" as a key.
      const e = refusal(`{"format": ${JSON.stringify(format)}}`);
      expect(typeof e.message, format).toBe('string');
      expect(e.message).toBe(
        `This is not a Driftdrill result file: "format" is text (${JSON.stringify(format)}), expected "driftdrill-result".`,
      );
      expect(e.problems.every((p) => typeof p.message === 'string')).toBe(true);
      expect(e.problems[0]).toMatchObject({ path: 'format', line: 1, column: 12 });
    }
  });

  it('refuses a key written twice in one object, at the repeat', () => {
    const text = atlasText.replace(/"total": (\d+)/, '"total": 999,\n    "total": $1');
    expect(text).not.toBe(atlasText);
    const e = refusal(text);
    const line = lineOf(text, '"total": 999') + 1;
    expect(e.message).toBe(
      `This is not valid JSON: duplicate key "total" (first at line ${line - 1}, column 5): a key may appear once per object.`,
    );
    expect(e.problems).toEqual([{ path: '', message: e.message, line, column: 5 }]);
    // Keys are compared as decoded text, and only within one object.
    expect(refusal('{"a": 1, "\\u0061": 2}').message).toMatch(
      /duplicate key "a" \(first at line 1, column 2\)/,
    );
    expect(refusal('{"a": {"b": 1}, "c": {"b": 2}}').message).not.toMatch(/duplicate/);
  });

  it('says when a file comes from a newer version of the app', () => {
    const e = refusal({ ...atlas(), version: 2 });
    expect(e.message).toBe(
      'This result file was written by a newer Driftdrill (format version 2); this app reads version 1.',
    );
    expect(e.problems[0]).toMatchObject({ path: 'version', line: 3 });
  });

  it('names each missing field, with the line of its parent', () => {
    const data = atlas();
    delete data.score.total;
    delete data.seed;
    const text = `${JSON.stringify(data, null, 2)}\n`;
    const e = refusal(text);
    expect(e.message).toMatch(
      /^It does not match the result file format: 2 problems, the first at (seed|score\.total) \(missing: expected a number\)\.$/,
    );
    const byPath = Object.fromEntries(e.problems.map((p) => [p.path, p]));
    expect(byPath.seed).toMatchObject({ message: 'missing: expected a number', line: 1 });
    expect(byPath['score.total']).toMatchObject({
      message: 'missing: expected a number',
      line: lineOf(text, '"score"'),
      column: 3,
    });
  });

  it('says what was expected and what was found, at the field', () => {
    const data = atlas();
    data.seed = '97';
    data.score.mitigation = 'fixed';
    data.extra = true;
    const text = `${JSON.stringify(data, null, 2)}\n`;
    const e = refusal(text);
    const byPath = Object.fromEntries(e.problems.map((p) => [p.path, p]));
    expect(byPath.seed).toEqual({
      path: 'seed',
      message: 'expected a number, found text ("97")',
      line: lineOf(text, '"seed"'),
      column: 11,
    });
    expect(byPath['score.mitigation'].message).toBe(
      'expected one of "recovered", "not-recovered", "never-exceeded" or "no-incident", found text ("fixed")',
    );
    expect(byPath.extra).toMatchObject({ message: 'unknown field "extra"' });
  });

  it('checks every decision against the command types', () => {
    const data = atlas();
    (data.decisions as { command: { type: string } }[])[1].command.type = 'format-disk';
    const e = refusal(data);
    expect(e.problems[0].path).toBe('decisions[1].command.type');
    expect(e.problems[0].message).toMatch(
      /^unknown type text \("format-disk"\); expected one of \d+ known kinds, such as "investigate"/,
    );
  });

  it('refuses scores whose parts do not add up, and a log out of order', () => {
    const data = atlas();
    data.score.total = 99;
    (data.decisions as { seq: number }[])[2].seq = 7;
    const e = refusal(data);
    expect(e.message).toBe(
      'Its parts do not agree: 2 problems, the first at decisions[2].seq (expected seq 2: decisions must be numbered 0, 1, 2… in order).',
    );
    expect(e.problems.map((p) => p.path)).toEqual(['decisions[2].seq', 'score.total']);
    expect(e.problems[1].message).toBe('the total is 99 but the criteria add up to 100');
  });

  it('refuses a time to mitigate that contradicts the mitigation state', () => {
    const data = atlas();
    data.score.mitigation = 'not-recovered';
    const e = refusal(data);
    expect(e.problems[0]).toMatchObject({
      path: 'score.timeToMitigateMs',
      message: 'expected null: mitigation is "not-recovered"',
    });
  });

  it('refuses a file over 5 MiB before reading it', () => {
    const text = `{"format":"driftdrill-result","pad":"${'x'.repeat(MAX_RESULT_BYTES)}"}`;
    const e = refusal(text, 'huge.json');
    expect(e.message).toBe('The file is larger than 5 MiB, the limit for a result file.');
    // Multi-byte characters count as the bytes they take in UTF-8.
    const wide = `{"pad":"${'é'.repeat(MAX_RESULT_BYTES / 2 + 10)}"}`;
    expect(wide.length).toBeLessThan(MAX_RESULT_BYTES);
    expect(refusal(wide).message).toMatch(/larger than 5 MiB/);
  });

  it('lists at most eight problems and counts the rest', () => {
    const data = atlas();
    data.score.criteria = (data.score.criteria as object[]).map(() => ({ id: 'X' }));
    const e = refusal(data);
    expect(e.problems.length).toBe(8);
    expect(e.more).toBeGreaterThan(0);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const parsed = parseResultFile(text, 'fuzz.json');
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) {
          expect(parsed.error.message.length).toBeGreaterThan(0);
          for (const p of parsed.error.problems) {
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a valid file with one value replaced', () => {
    const paths: (string | number)[][] = [
      ['seed'],
      ['learner'],
      ['scenario', 'hash'],
      ['score', 'criteria', 0, 'points'],
      ['score', 'harm'],
      ['decisions', 0, 't'],
      ['finishedAt'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const data = atlas() as Record<string | number, unknown>;
        let at = data;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
        at[path.at(-1)!] = value;
        const parsed = parseResultFile(JSON.stringify(data), 'mutated.json');
        if (!parsed.ok) expect(parsed.error.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('result file names and labels', () => {
  const base = JSON.parse(atlasText) as ResultFile;

  it('names the file after the scenario, the seed and the learner', () => {
    expect(resultFileName(base)).toBe('router-cost-doubles-97-team-atlas.driftdrill-result.json');
    expect(resultFileName({ ...base, learner: null })).toBe(
      'router-cost-doubles-97.driftdrill-result.json',
    );
    expect(resultFileName({ ...base, learner: 'Équipe Ångström / 2' })).toBe(
      'router-cost-doubles-97-équipe-ångström-2.driftdrill-result.json',
    );
    expect(resultFileName({ ...base, learner: '../../etc/passwd' })).toBe(
      'router-cost-doubles-97-etc-passwd.driftdrill-result.json',
    );
    expect(resultFileName({ ...base, learner: '???' })).toBe(
      'router-cost-doubles-97.driftdrill-result.json',
    );
  });

  it('keeps labels to one plain line of at most 80 characters', () => {
    expect(normaliseLabel('  Team\tLima\n ')).toBe('Team Lima');
    expect(normaliseLabel('   ')).toBeNull();
    expect(normaliseLabel(undefined)).toBeNull();
    expect(normaliseLabel('x'.repeat(200))).toHaveLength(80);
  });

  it('removes invisible format characters such as bidi overrides from labels', () => {
    expect(normaliseLabel('Team\u202EatlaS\u202C')).toBe('TeamatlaS');
    expect(normaliseLabel('\u200B\u2066Team\u200BAtlas\u2069\uFEFF')).toBe('TeamAtlas');
    expect(normaliseLabel('\u202E\u200F')).toBeNull();
  });

  it('cleans the learner label of an imported file as at export', () => {
    const data = { ...atlas(), learner: '  \u202ETeam\tAtlas\u202C\n\u0007 ' };
    const parsed = parseResultFile(JSON.stringify(data), 'x.json');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.result.learner).toBe('Team Atlas');
    const blank = parseResultFile(
      JSON.stringify({ ...atlas(), learner: '\u200B \u202E' }),
      'x.json',
    );
    expect(blank.ok && blank.result.learner).toBeNull();
  });
});

describe('the score summary of a scored session', () => {
  const text = readFileSync(join(__dirname, '../../fixtures/sessions/unit-change.yaml'), 'utf8');
  const loaded = loadScenario(text, 'unit-change.yaml');
  if (!loaded.ok) throw new Error('fixture scenario does not load');
  const scenario: Scenario = loaded.scenario;
  const MIN = 60_000;
  const decisions = [
    {
      seq: 0,
      t: 200 * MIN,
      command: {
        type: 'investigate' as const,
        tool: 'distribution' as const,
        field: 'amount',
        source: 'partner-api',
      },
      role: 'ml-on-call',
    },
    {
      seq: 1,
      t: 215 * MIN,
      command: {
        type: 'patch-mapping' as const,
        field: 'amount',
        source: 'partner-api',
        factor: 0.01,
      },
      role: 'incident-commander',
    },
    {
      seq: 2,
      t: 230 * MIN,
      command: { type: 'diagnose' as const, rootCause: 'schema-change' },
      role: 'incident-commander',
    },
  ];
  let report: ScoreReport;
  beforeAll(() => {
    report = evaluateSession(scenario, 11, decisions).report;
  });
  const fact = (id: string, label: string) => {
    const c = report.criteria.find((x: CriterionScore) => x.id === id)!;
    return c.evidence.facts.find((f) => f.label === label)?.value as number | null;
  };

  it("agrees with the timing criteria's own evidence", () => {
    const s = scoreSummaryOf(report, decisions, 5);
    const onset = fact('detect', 'Fault began')!;
    expect(s.firstFaultAtMs).toBe(onset);
    expect(s.timeToDetectMs).toBe(fact('detect', 'You engaged')! - onset);
    expect(s.timeToDiagnoseMs).toBe(fact('diagnose-time', 'Correct diagnosis')! - onset);
    const back = fact('mitigate', 'Back under it (you)');
    if (back === null) expect(s.timeToMitigateMs).toBeNull();
    else expect(s.timeToMitigateMs).toBe(back - onset);
    expect(s.total).toBe(report.total);
    expect(s.criteria.map((c) => c.id)).toEqual(report.criteria.map((c) => c.id));
  });

  it('round-trips through the file format', () => {
    const file = resultFileOf({
      scenario,
      scenarioText: text,
      seed: 11,
      decisions,
      report,
      learner: ' Team  Lima ',
      finishedAt: '2026-11-25T09:00:00Z',
    });
    expect(file.learner).toBe('Team Lima');
    expect(file.roles).toEqual(['ml-on-call', 'incident-commander']);
    expect(file.scenario.hash).toBe(scenarioHash(text));
    const parsed = parseResultFile(`${JSON.stringify(file, null, 2)}\n`, 'lima.json');
    expect(parsed).toEqual({ ok: true, result: file });
  });

  it('has no times when nobody engaged', () => {
    const idle = evaluateSession(scenario, 11, []).report;
    const s = scoreSummaryOf(idle, [], 5);
    expect(s.timeToDetectMs).toBeNull();
    expect(s.timeToDiagnoseMs).toBeNull();
    expect(s.mitigation).not.toBe('recovered');
  });
});
