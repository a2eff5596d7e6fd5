import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../../electron/engine/scenario/suggest';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['shape', 'shpae', 1], // an adjacent swap costs 1, not 2
    ['ca', 'abc', 3], // restricted: no edits inside a swapped pair
    ['nullRate', 'nulRate', 1],
  ])('%s → %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('is zero exactly for equal strings and never more than the longer length', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const d = editDistance(a, b);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });
});

describe('suggest', () => {
  const keys = [
    'name',
    'type',
    'description',
    'unit',
    'required',
    'range',
    'distribution',
    'nullRate',
    'bySource',
  ];

  it.each([
    ['nulRate', 'nullRate'], // deletion
    ['nullrate', 'nullRate'], // case only
    ['NULLRATE', 'nullRate'],
    ['distirbution', 'distribution'], // swap
    ['distrib', 'distribution'], // prefix
    ['bySources', 'bySource'], // extra letter
    ['tpye', 'type'],
  ])('suggests %s → %s', (input, expected) => {
    expect(suggest(input, keys)).toBe(expected);
  });

  it.each(['colour', 'xy', 'completely-different', ''])('has nothing for %j', (input) => {
    expect(suggest(input, keys)).toBeUndefined();
  });

  it('does not suggest an option for itself', () => {
    expect(suggest('name', keys)).toBeUndefined();
  });

  it('prefers the closer option, then the earlier one', () => {
    expect(suggest('ramp', ['rampOver', 'ramps', 'range'])).toBe('ramps');
    expect(suggest('v3', ['v1', 'v2'])).toBe('v1');
  });

  it('does not let a short word "correct" to an unrelated short word', () => {
    expect(suggest('ab', ['xy'])).toBeUndefined();
    expect(suggest('p', ['sd'])).toBeUndefined();
  });

  it('stays fast on very long input', () => {
    const start = performance.now();
    expect(suggest('x'.repeat(1_000_000), keys)).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('only ever returns one of the options', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (input, options) => {
        const s = suggest(input, options);
        if (s !== undefined) expect(options).toContain(s);
      }),
    );
  });
});
