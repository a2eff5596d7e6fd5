/**
 * However long a session runs, what it keeps is bounded: the request log's ring buffer and
 * reservoir, the feature store's retention, the ledger's windows and the event list.
 */

import { describe, expect, it } from 'vitest';
import { fixtureScenario, HOUR, run } from '../../fixtures/engine/harness';

describe('bounded memory over a long session', () => {
  let requests = 0;
  const { session } = run(fixtureScenario('long-quiet.yaml'), { onRecord: () => requests++ });

  it('ran long enough to overflow every bound', () => {
    expect(session.now).toBe(96 * HOUR);
    expect(requests).toBeGreaterThan(50_000);
  });

  it('keeps the newest requests in the ring buffer and a sample of all in the reservoir, within capacity', () => {
    const recent = session.log.recent;
    expect(recent.length).toBe(recent.capacity);
    expect(recent.at(recent.length - 1).id).toBe(requests - 1);
    expect(recent.at(0).id).toBe(requests - recent.capacity);
    expect(session.log.sampled.sample().length).toBe(session.log.sampled.capacity);
    expect(session.log.total).toBe(requests);
    // The reservoir covers the whole run, not just its end.
    const ts = session.log.sampled.sample().map((r) => r.t);
    expect(Math.min(...ts)).toBeLessThan(12 * HOUR);
    expect(Math.max(...ts)).toBeGreaterThan(84 * HOUR);
  });

  it('drops feature-store hours beyond the retention', () => {
    const store = session.store;
    expect(store.oldest).toBe(96 * HOUR - store.retentionHours * HOUR);
    const held = store.labelled(0, 96 * HOUR, 97 * HOUR);
    expect(held.every((e) => e.t >= store.oldest)).toBe(true);
    // Retraining cannot reach further back than the store holds.
    expect(session.apply({ type: 'retrain', from: 0, to: 10 * HOUR })).toMatchObject({ ok: false });
  });

  it('keeps ledger windows and events within their limits', () => {
    expect(session.ledger.list().length).toBe(96 * 12); // 5-minute windows, fewer than the cap
    expect(session.ledger.totals.requests).toBe(requests);
    expect(session.events.length).toBeLessThanOrEqual(session.events.capacity);
  });
});
