import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadScenario } from '../../../electron/engine/scenario/load';
import type { LoadResult } from '../../../electron/engine/scenario/load';

const minimalText = readFileSync(
  new URL('../../fixtures/scenarios/minimal.yaml', import.meta.url),
  'utf8',
);
const minimalLines = minimalText.split('\n');

/** Loads `text` and checks the result is well formed: a scenario, or sorted errors at real positions. */
function checkLoad(text: string, file: string): LoadResult {
  const result = loadScenario(text, file);
  if (result.ok) return result;
  expect(result.errors.length).toBeGreaterThanOrEqual(1);
  const lastLine = text.split('\n').length;
  for (const e of result.errors) {
    expect(Number.isInteger(e.line) && Number.isInteger(e.column)).toBe(true);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lastLine);
    expect(e.file).toBe(file);
    expect(e.message.length).toBeGreaterThan(0);
  }
  const positions = result.errors.map((e) => e.line * 1e7 + e.column);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  return result;
}

/** Characters that steer a YAML parser into its corners. */
const yamlish = fc.string({
  unit: fc.constantFrom(
    '[',
    ']',
    '{',
    '}',
    '- ',
    ' ',
    '  ',
    ': ',
    '\n',
    '\t',
    '&a ',
    '*a',
    '!!',
    '!x ',
    '"',
    "'",
    '#',
    ',',
    'x',
    '1',
    '? ',
    '|',
    '>',
    '---\n',
    '%YAML 1.1\n',
    '<<: ',
    '\\',
    '\u0000',
    'é',
    '\uFEFF',
  ),
  maxLength: 200,
});

describe('loadScenario never throws', () => {
  it('on arbitrary strings, as YAML and as JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), yamlish), (text) => {
        checkLoad(text, 'fuzz.yaml');
        checkLoad(text, 'fuzz.json');
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary values serialised as YAML and as JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        let yamlText: string | undefined;
        try {
          yamlText = stringify(value);
        } catch {
          // Some values (such as undefined at the top) have no YAML form; skip them.
        }
        fc.pre(yamlText !== undefined);
        checkLoad(yamlText, 'value.yaml');
        const jsonText = JSON.stringify(value);
        if (jsonText !== undefined) checkLoad(jsonText, 'value.json');
      }),
      { numRuns: 200 },
    );
  });

  it('on the valid fixture with a line deleted, duplicated or characters swapped', () => {
    const mutation = fc.oneof(
      fc.nat(minimalLines.length - 1).map((i) => minimalLines.filter((_, j) => j !== i).join('\n')),
      fc
        .nat(minimalLines.length - 1)
        .map((i) => [...minimalLines.slice(0, i + 1), ...minimalLines.slice(i)].join('\n')),
      fc.tuple(fc.nat(minimalText.length - 1), fc.nat(minimalText.length - 1)).map(([i, j]) => {
        const chars = [...minimalText];
        [chars[i], chars[j]] = [chars[j], chars[i]];
        return chars.join('');
      }),
    );
    fc.assert(
      fc.property(mutation, (text) => {
        checkLoad(text, 'mutated.yaml');
      }),
      { numRuns: 300 },
    );
  });

  it('on the valid fixture with any value replaced by an arbitrary one', () => {
    const base = parse(minimalText) as unknown;
    /** Returns the paths of every value in `value`. */
    const paths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
      const own = [prefix];
      if (Array.isArray(value)) return own.concat(...value.map((v, i) => paths(v, [...prefix, i])));
      if (value !== null && typeof value === 'object') {
        return own.concat(...Object.entries(value).map(([k, v]) => paths(v, [...prefix, k])));
      }
      return own;
    };
    const all = paths(base).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 3 }), (path, replacement) => {
        const copy = structuredClone(base) as Record<string | number, unknown>;
        let parent: Record<string | number, unknown> = copy;
        for (const key of path.slice(0, -1))
          parent = parent[key] as Record<string | number, unknown>;
        parent[path[path.length - 1]] = replacement;
        checkLoad(stringify(copy), 'replaced.yaml');
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadScenario stays fast on hostile input', () => {
  const SIZE = 200 * 1024;
  const garbage: [string, string][] = [
    ['nested flow lists', '['.repeat(SIZE)],
    ['nested flow maps', '{a: '.repeat(SIZE / 4)],
    ['nested block lists', '- '.repeat(SIZE / 2)],
    ['nested block maps', Array.from({ length: 640 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
    ['balanced deep brackets', `${'[{"a":'.repeat(SIZE / 12)}1${'}]'.repeat(SIZE / 12)}`],
    ['many aliases', `a: &a x\nb: [${'*a, '.repeat(SIZE / 4)}]`],
    ['one huge flat list', `[${'1,'.repeat(SIZE / 2)}1]`],
    // Key checks must stay linear: a pairwise duplicate check takes seconds on these.
    [
      'many keys in one mapping',
      Array.from({ length: SIZE / 10 }, (_, i) => `k${i}: 1`).join('\n'),
    ],
    ['one key repeated', 'k: 1\n'.repeat(SIZE / 5)],
  ];

  it.each(garbage)('rejects 200 KiB of %s quickly', (_, text) => {
    for (const file of ['garbage.yaml', 'garbage.json']) {
      const start = performance.now();
      const result = checkLoad(text, file);
      expect(result.ok).toBe(false);
      // Generous for a busy 2-core CI machine; a hang or quadratic blow-up takes far longer.
      expect(performance.now() - start).toBeLessThan(5000);
    }
  });
});
