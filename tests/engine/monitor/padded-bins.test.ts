/**
 * Monitoring bins each numeric value with a branch-free search over edges padded to a fixed
 * length (window-accumulator.ts); it must give the bin the plain binary search gives.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binIndex } from '../../../electron/engine/monitor/stats/psi';
import {
  binOfPadded,
  MAX_BINS,
  padEdges,
  SCORE_EDGES,
} from '../../../electron/engine/monitor/window-accumulator';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

describe('binOfPadded', () => {
  it('agrees with binIndex for any finite value on any grid the monitor builds', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(finite, { maxLength: MAX_BINS - 1 }),
        fc.array(finite, { minLength: 1, maxLength: 20 }),
        (raw, values) => {
          const edges = Float64Array.from(raw).sort();
          const padded = padEdges(edges);
          for (const x of [...values, ...edges])
            expect(binOfPadded(padded, x)).toBe(binIndex(edges, x));
        },
      ),
    );
  });

  it('agrees with binIndex on the score grid, edges included', () => {
    const padded = padEdges(SCORE_EDGES);
    for (let i = 0; i <= 1000; i++) {
      const x = i / 1000;
      expect(binOfPadded(padded, x)).toBe(binIndex(SCORE_EDGES, x));
    }
  });
});
