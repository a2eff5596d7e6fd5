/**
 * The engine internalizes the strings of a scenario and of each command once, so its hot path
 * compares them by pointer (electron/engine/intern.ts). Interning must change no value.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { internStrings } from '../../../electron/engine/intern';
import { loadScenarioFile } from '../scoring/fixtures';

describe('internStrings', () => {
  it('leaves every value of any JSON document as it was', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const before = JSON.stringify(value);
        expect(JSON.stringify(internStrings(value))).toBe(before);
      }),
    );
  });

  it('leaves a loaded scenario deep-equal to a fresh load of the same file', () => {
    const path = 'scenarios/cents-after-partner-release.yaml';
    const interned = internStrings(loadScenarioFile(path).scenario);
    expect(interned).toEqual(loadScenarioFile(path).scenario);
  });

  it('keeps the same objects, walks cycles once and skips frozen objects', () => {
    const frozen = Object.freeze({ kind: 'normal' });
    const inner = { names: ['a', 'b'], frozen };
    const root: Record<string, unknown> = { inner, label: 'x' };
    root.self = root;
    const out = internStrings(root);
    expect(out).toBe(root);
    expect(out.inner).toBe(inner);
    expect(inner.names).toEqual(['a', 'b']);
    expect(out.self).toBe(root);
    expect(frozen.kind).toBe('normal');
  });
});
