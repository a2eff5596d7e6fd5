import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatScenarioError,
  loadScenario,
  MAX_SCENARIO_BYTES,
} from '../../../electron/engine/scenario/load';
import type { ScenarioError } from '../../../electron/engine/scenario/load';

const BROKEN = new URL('../../fixtures/broken-scenarios/', import.meta.url);
const MINIMAL = new URL('../../fixtures/scenarios/minimal.yaml', import.meta.url);
const minimalText = readFileSync(MINIMAL, 'utf8');

interface Case {
  file: string;
  line: number;
  column: number;
  path: string;
  /** Part of the message. */
  message: string;
  /** The text the error points at, as it appears in the file. */
  at: string;
  suggestion?: string;
  /** Part of `expected`. */
  expected?: string;
}

// One row per file in tests/fixtures/broken-scenarios; the last test checks none is missed.
const CASES: Case[] = [
  {
    file: 'alias-bomb.yaml',
    line: 8,
    column: 28,
    path: '',
    message: 'more than 50 aliases',
    at: '*f',
  },
  {
    file: 'alias-fanout.yaml',
    line: 7,
    column: 28,
    path: '',
    message: 'aliases expand the file',
    at: '*e',
  },
  {
    file: 'bad-duration-text.yaml',
    line: 69,
    column: 15,
    path: 'faults[0].rampOver',
    message: 'invalid value "1 hour"',
    at: '1 hour',
    expected: 'a duration such as "90s"',
  },
  {
    file: 'bad-json-comment.json',
    line: 7,
    column: 15,
    path: '',
    message: 'comments are not allowed',
    at: '//',
  },
  {
    file: 'bad-json-trailing-comma.json',
    line: 34,
    column: 23,
    path: '',
    message: 'trailing comma',
    at: ',',
  },
  {
    file: 'bad-release-unknown-version.yaml',
    line: 76,
    column: 14,
    path: 'faults[1].version',
    message: 'unknown model version "v3"',
    at: 'v3',
    suggestion: 'v1',
  },
  {
    file: 'categorical-all-zero-weights.yaml',
    line: 40,
    column: 18,
    path: 'service.fields[1].distribution.weights',
    message: 'no category has a positive weight',
    at: '{ DE: 0',
  },
  {
    file: 'changelog-causes-unknown-fault.yaml',
    line: 78,
    column: 13,
    path: 'changeLog[0].causes',
    message: 'unknown fault id "partner-amount"',
    at: 'partner-amount',
    suggestion: 'partner-amounts',
  },
  {
    file: 'cyclic-alias.yaml',
    line: 9,
    column: 5,
    path: '',
    message: 'inside the node it names',
    at: '*lessons',
  },
  {
    file: 'deep-nesting.yaml',
    line: 2,
    column: 73,
    path: '',
    message: 'nested more than 64 deep',
    at: '[[[',
  },
  {
    file: 'duplicate-fault-id.yaml',
    line: 73,
    column: 9,
    path: 'faults[1].id',
    message: 'duplicate fault id "partner-amounts" (first at faults[0])',
    at: 'partner-amounts',
  },
  {
    file: 'duplicate-key.yaml',
    line: 8,
    column: 1,
    path: '',
    message: 'duplicate key "id"',
    at: 'id: another-id',
  },
  { file: 'empty.yaml', line: 1, column: 1, path: '', message: 'it is empty', at: '# Broken' },
  {
    file: 'fallback-rule-missing.yaml',
    line: 63,
    column: 13,
    path: 'service.pipeline.fallback.mode',
    message: 'fallback mode "rule" needs a rule',
    at: 'rule',
  },
  {
    file: 'fault-until-before-at.yaml',
    line: 68,
    column: 12,
    path: 'faults[0].until',
    message: 'ends at 1h, not after it starts',
    at: '1h',
  },
  {
    file: 'feature-not-a-field.yaml',
    line: 56,
    column: 26,
    path: 'service.models[0].features[1]',
    message: 'unknown field "contry"',
    at: 'contry',
    suggestion: 'country',
  },
  {
    file: 'invalid-enum-value.yaml',
    line: 5,
    column: 13,
    path: 'difficulty',
    message: 'invalid value "beginer"',
    at: 'beginer',
    suggestion: 'beginner',
    expected: 'one of "beginner", "intermediate", "advanced"',
  },
  {
    file: 'invalid-name.yaml',
    line: 36,
    column: 13,
    path: 'service.fields[1].name',
    message: 'invalid value "2country"',
    at: '2country',
    expected: 'starting with a letter',
  },
  {
    file: 'js-tag.yaml',
    line: 4,
    column: 8,
    path: '',
    message: 'the tag !!js/function is not allowed',
    at: '!!js/function',
  },
  {
    file: 'json-unknown-key.json',
    line: 26,
    column: 7,
    path: 'service.traffic.ratePerMinut',
    message: 'unknown key "ratePerMinut"',
    at: '"ratePerMinut"',
    suggestion: 'ratePerMinute',
  },
  {
    file: 'label-term-unknown-field.yaml',
    line: 49,
    column: 33,
    path: 'service.labels.terms[1].field',
    message: 'unknown field "new_devices"',
    at: 'new_devices',
    suggestion: 'new_device',
  },
  {
    file: 'missing-required-key.yaml',
    line: 18,
    column: 1,
    path: 'service.serving',
    message: 'missing required key "serving"',
    at: 'service:',
  },
  {
    file: 'multiple-documents.yaml',
    line: 96,
    column: 1,
    path: '',
    message: 'one YAML document',
    at: '---',
  },
  {
    file: 'negative-duration.yaml',
    line: 6,
    column: 11,
    path: 'duration',
    message: '-21600 is too small',
    at: '-21600',
    expected: 'a number ≥ 0 (seconds) or a duration such as "90s"',
  },
  {
    file: 'p95-below-median.yaml',
    line: 60,
    column: 37,
    path: 'service.pipeline.model.latencyMs.p95',
    message: 'invalid value 20',
    at: '20',
    expected: 'p95 ≥ median',
  },
  {
    file: 'probability-above-one.yaml',
    line: 43,
    column: 43,
    path: 'service.fields[2].distribution.p',
    message: '1.5 is too large',
    at: '1.5',
    expected: 'a number ≥ 0 and ≤ 1',
  },
  {
    file: 'range-min-not-below-max.yaml',
    line: 31,
    column: 14,
    path: 'service.fields[0].range',
    message: 'min is not below max',
    at: '[10000, 0]',
  },
  {
    file: 'reference-action-after-end.yaml',
    line: 93,
    column: 11,
    path: 'reference.actions[0].at',
    message: "the action's time (6h30m) is after the end",
    at: '6h30m',
  },
  {
    file: 'reference-window-outside-duration.yaml',
    line: 81,
    column: 30,
    path: 'monitoring.reference.to',
    message: "the reference window's end (7h) is after the end",
    at: '7h',
  },
  {
    file: 'root-cause-ambiguous.yaml',
    line: 94,
    column: 1,
    path: 'rubric.rootCause',
    message: 'the root cause is ambiguous',
    at: 'rubric:',
  },
  {
    file: 'tab-indentation.yaml',
    line: 17,
    column: 1,
    path: '',
    message: 'a tab is used for indentation',
    at: '\t-',
  },
  {
    file: 'type-distribution-mismatch.yaml',
    line: 39,
    column: 15,
    path: 'service.fields[1].distribution.kind',
    message: 'a category field cannot use a normal distribution',
    at: 'normal',
  },
  {
    file: 'undeclared-source.yaml',
    line: 34,
    column: 9,
    path: 'service.fields[0].bySource.partner_api',
    message: 'unknown source "partner_api"',
    at: 'partner_api:',
    suggestion: 'partner-api',
  },
  {
    file: 'uniform-min-not-below-max.yaml',
    line: 32,
    column: 51,
    path: 'service.fields[0].distribution.max',
    message: 'uniform max 5 is not above min 5',
    at: '5 }',
  },
  {
    file: 'unknown-anchor.yaml',
    line: 57,
    column: 12,
    path: '',
    message: 'names no anchor',
    at: '*serving',
  },
  {
    file: 'unknown-fault-field.yaml',
    line: 70,
    column: 12,
    path: 'faults[0].field',
    message: 'unknown field "amout"',
    at: 'amout',
    suggestion: 'amount',
  },
  {
    file: 'unknown-key-typo.yaml',
    line: 44,
    column: 7,
    path: 'service.fields[2].nulRate',
    message: 'unknown key "nulRate"',
    at: 'nulRate:',
    suggestion: 'nullRate',
  },
  {
    file: 'unknown-serving-version.yaml',
    line: 57,
    column: 12,
    path: 'service.serving',
    message: 'unknown model version "v2"',
    at: 'v2',
    suggestion: 'v1',
  },
  {
    file: 'unknown-top-level-key.yaml',
    line: 73,
    column: 1,
    path: 'changelog',
    message: 'unknown key "changelog"',
    at: 'changelog:',
    suggestion: 'changeLog',
  },
  {
    file: 'unsupported-version.yaml',
    line: 2,
    column: 10,
    path: 'version',
    message: 'invalid value 2',
    at: '2',
    expected: '1',
  },
  {
    file: 'unterminated-string.yaml',
    line: 77,
    column: 12,
    path: '',
    message: 'never closed',
    at: '"Partner checkout',
  },
  {
    file: 'wrong-discriminator.yaml',
    line: 66,
    column: 11,
    path: 'faults[0].type',
    message: 'unknown type "covariate-drfit"',
    at: 'covariate-drfit',
    suggestion: 'covariate-drift',
  },
  {
    file: 'wrong-type-string-for-number.yaml',
    line: 21,
    column: 20,
    path: 'service.traffic.ratePerMinute',
    message: 'wrong type: got text "fast"',
    at: 'fast',
    expected: 'a number > 0 and ≤ 600000',
  },
];

/** Loads a fixture and returns its text with the errors, failing the test if it loads. */
function loadBroken(file: string): { text: string; errors: ScenarioError[] } {
  const text = readFileSync(new URL(file, BROKEN), 'utf8');
  const result = loadScenario(text, file);
  if (result.ok) throw new Error(`${file} loaded without errors`);
  return { text, errors: result.errors };
}

describe('loadScenario on the broken-scenario corpus', () => {
  it.each(CASES)('$file: line $line, column $column', (c) => {
    const { text, errors } = loadBroken(c.file);
    const [first] = errors;
    expect(first.file).toBe(c.file);
    expect({ line: first.line, column: first.column, path: first.path }).toEqual({
      line: c.line,
      column: c.column,
      path: c.path,
    });
    expect(first.message).toContain(c.message);
    expect(first.suggestion).toBe(c.suggestion);
    if (c.expected !== undefined) expect(first.expected).toContain(c.expected);
    // The position must land on the offending text itself, not merely near it.
    const lineText = text.split('\n')[first.line - 1];
    expect(lineText.slice(first.column - 1)).toMatch(
      new RegExp(`^${c.at.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  });

  it('has a case for every fixture file, and at least 22 of them', () => {
    const files = readdirSync(BROKEN).sort();
    expect(CASES.map((c) => c.file).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(22);
  });

  it('rejects a file over 1 MiB at line 1, column 1 before parsing it', () => {
    const text = `${minimalText}#${'x'.repeat(MAX_SCENARIO_BYTES)}\n`;
    const result = loadScenario(text, 'oversized.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 1, column: 1, path: '' });
    expect(result.errors[0].message).toContain('at most 1 MiB');
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    // 600 000 "é" are fewer than 1 Mi characters but 1.2 MB of UTF-8.
    const text = `${minimalText}# ${'é'.repeat(600_000)}\n`;
    expect(text.length).toBeLessThan(MAX_SCENARIO_BYTES);
    const result = loadScenario(text, 'oversized-utf8.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toContain('too large');
  });
});

describe('loadScenario on valid input', () => {
  it('loads the minimal fixture with defaults filled in and durations in ms', () => {
    const result = loadScenario(minimalText, 'minimal.yaml');
    if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
    const s = result.scenario;
    expect(s.id).toBe('minimal-partner-drift');
    expect(s.duration).toBe(6 * 3_600_000);
    expect(s.faults[0].at).toBe(2 * 3_600_000);
    expect(s.changeLog[0].at).toBe(110 * 60_000);
    expect(s.service.pipeline.validation).toBe('impute');
    expect(s.service.fields[0].bySource['partner-api'].distribution).toEqual({
      kind: 'lognormal',
      median: 90,
      sigma: 1.2,
    });
  });

  it('reads times inside commands as durations, or as ms when they are bare numbers', () => {
    const withActions = `${minimalText}    - at: 3h
      command: { type: retrain, from: 1h, to: 2h30m }
    - at: 3h
      command: { type: retrain, from: 3600000, to: 9000000 }
    - at: 3h
      command: { type: silence-alert, alertId: a1, forMs: 45m }
`;
    const result = loadScenario(withActions, 'minimal.yaml');
    if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
    const [, durations, millis, silence] = result.scenario.reference!.actions.map((a) => a.command);
    expect(durations).toEqual({ type: 'retrain', from: 3_600_000, to: 9_000_000 });
    expect(millis).toEqual(durations);
    expect(silence).toEqual({ type: 'silence-alert', alertId: 'a1', forMs: 45 * 60_000 });

    const broken = loadScenario(withActions.replace('from: 1h,', 'from: 1hour,'), 'minimal.yaml');
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.errors[0]).toMatchObject({
      line: 98,
      path: 'reference.actions[1].command.from',
      message: 'invalid value "1hour"',
      expected: expect.stringContaining('a duration such as'),
    });
  });

  it('loads the same scenario written as JSON', async () => {
    const { parse } = await import('yaml');
    const json = JSON.stringify(parse(minimalText), null, 2);
    const fromJson = loadScenario(json, 'minimal.json');
    const fromYaml = loadScenario(minimalText, 'minimal.yaml');
    expect(fromJson).toEqual(fromYaml);
  });

  it('refuses a key repeated in a JSON scenario, naming the key and both places', async () => {
    const { parse } = await import('yaml');
    const json = JSON.stringify(parse(minimalText), null, 2);
    const broken = json.replace(/\n {2}"id": /, '\n  "id": "another-id",\n  "id": ');
    expect(broken).not.toBe(json);
    const result = loadScenario(broken, 'dup.json');
    if (result.ok) throw new Error('expected the repeated key to be refused');
    expect(result.errors.map(formatScenarioError)).toEqual([
      'dup.json:4:3  (file)  duplicate key "id" (first at line 3, column 3): a key may appear once per object',
    ]);
  });

  it.each([
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['90', 90_000],
  ])('parses the duration %s as %d ms', (text, ms) => {
    const result = loadScenario(
      minimalText.replace('rampOver: 1h', `rampOver: ${text}`),
      'durations.yaml',
    );
    if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
    expect(result.scenario.faults[0].rampOver).toBe(ms);
  });
});

describe('error reporting', () => {
  it('sorts errors by position whatever order the checks find them in', () => {
    const text = minimalText
      .replace('version: 1\n', 'version: 1\nauthor: someone\n')
      .replace('p: 0.1 }', 'p: 2 }')
      .replace('    threshold: 0.2\n', '    threshold: high\n')
      .replace('difficulty: beginner', 'difficulty: expert');
    const result = loadScenario(text, 'many.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      'author',
      'difficulty',
      'service.fields[2].distribution.p',
      'monitoring.alerts[0].threshold',
    ]);
    const positions = result.errors.map((e) => [e.line, e.column]);
    const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(positions).toEqual(sorted);
  });

  it('reports at most 100 errors, then says how many more there are', () => {
    const extra = Array.from({ length: 150 }, (_, i) => `extra${i}: 1`).join('\n');
    const result = loadScenario(`${minimalText}${extra}\n`, 'crowded.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(101);
    expect(result.errors[100]).toMatchObject({ path: '', message: '50 more errors not shown' });
    expect(result.errors[100].line).toBe(result.errors[99].line + 1);
  });

  it('formats an error as one line for the command line', () => {
    const { errors } = loadBroken('unknown-key-typo.yaml');
    const line = formatScenarioError(errors[0]);
    expect(line).toMatch(
      /^unknown-key-typo\.yaml:44:7 {2}service\.fields\[2\]\.nulRate {2}unknown key "nulRate" \(expected one of "name", .*\) did you mean "nullRate"\?$/,
    );
    expect(line).not.toContain('\n');
  });

  it('reports every unknown key separately, at the key', () => {
    const text = minimalText.replace(
      '    timeoutMs: 500\n',
      '    timeoutMs: 500\n    timeOutMS: 3\n    retrys: 2\n',
    );
    const result = loadScenario(text, 'keys.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column, e.path, e.suggestion])).toEqual([
      [63, 5, 'service.pipeline.timeOutMS', 'timeoutMs'],
      [64, 5, 'service.pipeline.retrys', 'retries'],
    ]);
  });

  it('allows the core-schema tags and rejects any other tag', () => {
    const allowed = minimalText
      .replace('seed: 42', 'seed: !!int 42')
      .replace('title: Fraud', 'title: !!str Fraud');
    expect(loadScenario(allowed, 'tags.yaml').ok).toBe(true);
    for (const tag of [
      '!!binary',
      '!!set',
      '!!timestamp',
      '!custom',
      '!<tag:example.com,2020:x>',
    ]) {
      const result = loadScenario(
        minimalText.replace('title: Fraud', `title: ${tag} Fraud`),
        'tags.yaml',
      );
      expect(result.ok, tag).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 5, column: 8 });
    }
  });
});
