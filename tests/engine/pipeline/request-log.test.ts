/**
 * The request log keeps bounded memory however long a run lasts: the newest requests in a ring
 * buffer, a uniform reservoir sample of all of them, and one JSONL line per request.
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RingBuffer } from '../../../electron/engine/log/ring-buffer';
import { Reservoir } from '../../../electron/engine/log/reservoir';
import { RequestLog, requestToJsonLine } from '../../../electron/engine/log/request-log';
import { Rng } from '../../../electron/engine/rng';
import type { Millis } from '../../../electron/engine/units';
import { makeRecord } from '../../fixtures/engine/records';

describe('ring buffer', () => {
  it('never holds more than its capacity and keeps the newest items, oldest first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 400 }),
        (capacity, n) => {
          const ring = new RingBuffer<number>(capacity);
          for (let i = 0; i < n; i++) {
            ring.push(i);
            expect(ring.length).toBeLessThanOrEqual(capacity);
          }
          const kept = Math.min(n, capacity);
          expect(ring.length).toBe(kept);
          expect(ring.toArray()).toEqual(Array.from({ length: kept }, (_, i) => n - kept + i));
          if (kept > 0) expect(ring.at(0)).toBe(n - kept);
        },
      ),
    );
  });
});

describe('reservoir sample', () => {
  it('never holds more than its capacity and counts everything offered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 2000 }),
        (capacity, n) => {
          const reservoir = new Reservoir<number>(capacity, Rng.stream(1, 0));
          for (let i = 0; i < n; i++) reservoir.offer(i);
          expect(reservoir.sample().length).toBe(Math.min(n, capacity));
          expect(reservoir.count).toBe(n);
          expect(new Set(reservoir.sample()).size).toBe(reservoir.sample().length);
        },
      ),
    );
  });

  it('samples the whole stream uniformly, not just its start or end', () => {
    const reservoir = new Reservoir<number>(2000, Rng.stream(3, 0));
    const n = 200_000;
    for (let i = 0; i < n; i++) reservoir.offer(i);
    const tenths = new Array<number>(10).fill(0);
    for (const x of reservoir.sample()) tenths[Math.floor((x / n) * 10)]++;
    // 200 expected per tenth; sd ≈ 13.
    for (const c of tenths) expect(Math.abs(c - 200)).toBeLessThan(60);
  });
});

describe('request log', () => {
  it('stays within its ring and reservoir capacities over a long stream', () => {
    const log = new RequestLog(5, 100, 30);
    for (let i = 0; i < 10_000; i++) {
      log.append(makeRecord(i, i * 100));
      expect(log.recent.length).toBeLessThanOrEqual(100);
      expect(log.sampled.sample().length).toBeLessThanOrEqual(30);
    }
    expect(log.total).toBe(10_000);
    expect(log.recent.toArray().map((r) => r.id)).toEqual(
      Array.from({ length: 100 }, (_, i) => 9900 + i),
    );
  });

  it('writes one JSON line per request, holding the label only once it has arrived', () => {
    const r = makeRecord(7, 60_000, { label: 1, labelAt: 120_000 as Millis });
    const before = requestToJsonLine(r, 119_999);
    const after = requestToJsonLine(r, 120_000);
    expect(before).not.toContain('\n');
    expect(JSON.parse(before)).toMatchObject({ id: 7, t: 60_000, label: null, labelAt: 120_000 });
    expect(JSON.parse(after)).toMatchObject({ id: 7, label: 1 });
    // Ground-truth harm is never in the log the learner can export.
    expect(JSON.parse(after)).not.toHaveProperty('harm');
    const lost = makeRecord(8, 60_000, { label: 1, labelAt: null });
    expect(JSON.parse(requestToJsonLine(lost, Infinity))).toMatchObject({
      label: null,
      labelAt: null,
    });
  });
});
