import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Payload } from '../../../electron/engine/pipeline/request-record';
import { monitorFor, request, WINDOW } from './fixtures';

describe('window properties', () => {
  it('puts every request in exactly the window floor(t / size), whatever the arrival pattern', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 * WINDOW - 1 }), { minLength: 0, maxLength: 200 }),
        fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
        (times, missing) => {
          const sorted = times.slice().sort((a, b) => a - b);
          const m = monitorFor();
          sorted.forEach((t, i) => {
            const payload: Payload = missing[i] ? { country: 'DE' } : { amount: 1, country: 'DE' };
            m.observe(request(i, t, { payload }));
          });
          const windows = m.advanceTo(12 * WINDOW);
          expect(windows.map((w) => w.index)).toEqual(Array.from({ length: 12 }, (_, i) => i));
          for (const w of windows) {
            const inside = sorted.filter((t) => Math.floor(t / WINDOW) === w.index);
            expect(w.requests).toBe(inside.length);
            const amount = w.input.fields[0];
            expect(amount.present + amount.absent + amount.nulls + amount.wrongType).toBe(
              w.requests,
            );
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
