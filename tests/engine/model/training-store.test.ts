/**
 * The feature store retraining reads from: a bounded sample per virtual hour, hours beyond the
 * retention dropped, and only examples whose labels have arrived handed to training.
 */

import { describe, expect, it } from 'vitest';
import { TrainingStore } from '../../../electron/engine/model/training-store';
import type { Millis } from '../../../electron/engine/units';
import { makeRecord } from '../../fixtures/engine/records';

const HOUR = 3_600_000;

describe('training store', () => {
  it('keeps at most its per-hour sample and drops hours beyond the retention', () => {
    const store = new TrainingStore(1, 50, 3);
    let id = 0;
    for (let hour = 0; hour < 10; hour++) {
      for (let i = 0; i < 400; i++) store.add(makeRecord(id++, hour * HOUR + i * 9000));
      // The current hour and the two before it are kept.
      expect(store.oldest).toBe(Math.max(0, hour - 2) * HOUR);
    }
    const all = store.labelled(0, 10 * HOUR, 11 * HOUR);
    expect(all.length).toBe(3 * 50);
    expect(Math.min(...all.map((e) => e.t))).toBeGreaterThanOrEqual(7 * HOUR);
    for (let hour = 7; hour < 10; hour++) {
      expect(all.filter((e) => e.t >= hour * HOUR && e.t < (hour + 1) * HOUR)).toHaveLength(50);
    }
  });

  it('hands out only examples inside the window whose labels arrived by now, oldest first', () => {
    const store = new TrainingStore(2, 1000, 72);
    for (let i = 0; i < 120; i++) {
      const t = i * 60_000;
      // Every third label never arrives; the others arrive 30 minutes later.
      store.add(makeRecord(i, t, { labelAt: i % 3 === 0 ? null : ((t + 30 * 60_000) as Millis) }));
    }
    const now = 90 * 60_000;
    const got = store.labelled(10 * 60_000, 100 * 60_000, now);
    const expected = Array.from({ length: 120 }, (_, i) => i).filter(
      (i) => i >= 10 && i < 100 && i % 3 !== 0 && i * 60_000 + 30 * 60_000 <= now,
    );
    expect(got.map((e) => e.t / 60_000)).toEqual(expected);
  });
});
