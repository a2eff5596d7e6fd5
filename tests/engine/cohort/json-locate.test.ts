import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineCounter, parseDocument } from 'yaml';
import { jsonOffsetOf } from '../../../electron/engine/cohort/json-locate';
import { Locator, positionInText } from '../../../electron/engine/scenario/node-position';

/** Every path into a JSON value, plus one missing key under each object. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
    out.push([...prefix, 'no such key']);
  }
  return out;
}

describe('jsonOffsetOf', () => {
  it('finds values, items and the parent of a missing key', () => {
    const text = '{\n  "a": 1,\n  "b": { "c": [10, {"d": "x,}]"}, 30] },\n  "e\\"": null\n}';
    const at = (path: (string | number)[]) => positionInText(text, jsonOffsetOf(text, path));
    expect(at([])).toEqual({ line: 1, column: 1 });
    expect(at(['a'])).toEqual({ line: 2, column: 8 });
    expect(at(['b', 'c', 2])).toEqual({ line: 3, column: 35 });
    expect(at(['b', 'c', 1, 'd'])).toEqual({ line: 3, column: 26 });
    expect(at(['e"'])).toEqual({ line: 4, column: 10 });
    // Missing: the key that opens the parent object, or the list item.
    expect(at(['b', 'zz'])).toEqual({ line: 3, column: 3 });
    expect(at(['b', 'c', 1, 'zz'])).toEqual({ line: 3, column: 20 });
    expect(at(['zz'])).toEqual({ line: 1, column: 1 });
    expect(at(['b', 'c', 9])).toEqual({ line: 3, column: 10 });
  });

  it('agrees with the scenario loader’s YAML locator on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : 0);
        const counter = new LineCounter();
        const locator = new Locator(parseDocument(text, { lineCounter: counter }), counter);
        for (const path of pathsOf(value)) {
          expect(positionInText(text, jsonOffsetOf(text, path)), JSON.stringify(path)).toEqual(
            locator.locate(path, 'value'),
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
