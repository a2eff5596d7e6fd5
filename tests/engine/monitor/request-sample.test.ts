/**
 * A window's request sample: a uniform sample of requests (one draw per request), from which
 * each numeric column gives the values of the kept requests that had one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RequestSample } from '../../../electron/engine/monitor/request-sample';

/** Offers `n` requests with two columns: value i, and i only for even i (NaN otherwise). */
function offer(sample: RequestSample, n: number, from = 0): void {
  for (let i = from; i < from + n; i++) {
    const slot = sample.admit(i % 3);
    const at = slot * sample.columnCount;
    sample.values[at] = i;
    sample.values[at + 1] = i % 2 === 0 ? i : NaN;
  }
}

describe('RequestSample', () => {
  it('keeps every request while there are no more than its capacity, with their sources', () => {
    const sample = new RequestSample(10, 2, 1, 1);
    offer(sample, 7);
    const all = sample.freeze(0, 7);
    expect(Array.from(all.values)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(all.tags)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(all.rows).toBe(7);
    const even = sample.freeze(1, 4);
    expect(Array.from(even.values)).toEqual([0, 2, 4, 6]);
    expect(Array.from(even.tags)).toEqual([0, 2, 1, 0]);
  });

  it('keeps a column value with the request it belongs to, whatever the replacements', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer(), (n, seed) => {
        const sample = new RequestSample(16, 2, seed, 3);
        offer(sample, n);
        const kept = sample.freeze(0, n);
        expect(kept.values.length).toBe(Math.min(n, 16));
        expect(new Set(kept.values).size).toBe(kept.values.length);
        kept.values.forEach((v, k) => {
          expect(Number.isInteger(v) && v >= 0 && v < n).toBe(true);
          expect(kept.tags[k]).toBe(v % 3);
        });
        // The second column holds exactly the kept requests' even values.
        const even = Array.from(sample.freeze(1, 0).values).sort((a, b) => a - b);
        const expected = Array.from(kept.values)
          .filter((v) => v % 2 === 0)
          .sort((a, b) => a - b);
        expect(even).toEqual(expected);
      }),
    );
  });

  it('keeps each request with the same chance (algorithm R over requests)', () => {
    // 2000 windows of 40 requests into 8 slots: each request is kept with chance 1/5.
    const counts = new Array<number>(40).fill(0);
    const sample = new RequestSample(8, 2, 2026, 9);
    for (let w = 0; w < 2000; w++) {
      offer(sample, 40);
      for (const v of sample.freeze(0, 40).values) counts[v]++;
      sample.reset();
    }
    // Binomial(2000, 0.2): mean 400, sd ≈ 17.9; 5 sd either side.
    for (const c of counts) expect(Math.abs(c - 400)).toBeLessThan(90);
    let chi = 0;
    for (const c of counts) chi += (c - 400) ** 2 / 400;
    // χ² with 39 degrees of freedom: the 0.999 quantile is 72.1.
    expect(chi).toBeLessThan(72.1);
  });

  it('gives the same sample for the same seed, and another for another seed', () => {
    const draw = (seed: number): number[] => {
      const sample = new RequestSample(8, 2, seed, 4);
      offer(sample, 100);
      return Array.from(sample.freeze(0, 100).values);
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });

  it('leaves a frozen sample intact while the next window fills and freezes', () => {
    const sample = new RequestSample(4, 2, 1, 1);
    offer(sample, 3);
    const first = sample.freeze(0, 3);
    sample.reset();
    offer(sample, 4, 100);
    const second = sample.freeze(0, 4);
    expect(Array.from(first.values)).toEqual([0, 1, 2]);
    expect(Array.from(second.values)).toEqual([100, 101, 102, 103]);
    sample.reset();
    // The window after next reuses the first window's buffers.
    offer(sample, 2, 200);
    expect(Array.from(sample.freeze(0, 2).values)).toEqual([200, 201]);
    expect(Array.from(second.values)).toEqual([100, 101, 102, 103]);
  });

  it('clears a slot for requests whose columns are not all written', () => {
    const sample = new RequestSample(4, 2, 1, 1);
    offer(sample, 1);
    const slot = sample.admit(0);
    sample.clear(slot);
    sample.values[slot * 2] = 42;
    expect(Array.from(sample.freeze(0, 2).values)).toEqual([0, 42]);
    expect(Array.from(sample.freeze(1, 1).values)).toEqual([0]);
  });
});
