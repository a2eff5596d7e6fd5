/**
 * Faults in the service around the model — slow stages, failing dependencies, creeping cost,
 * a bad release and a broken label pipeline — change the stream as they claim, only in scope
 * and only after onset (2h in every fixture here).
 */

import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../electron/engine/pipeline/request-record';
import type { OutcomeWindow } from '../../../electron/engine/world/outcome-ledger';
import {
  fixtureScenario,
  HOUR,
  MINUTE,
  mean,
  quantile,
  run,
  runRecords,
  share,
  where,
} from '../../fixtures/engine/harness';

const ONSET = 2 * HOUR;

const p95 = (rs: readonly RequestRecord[], stage: keyof RequestRecord['latency']) =>
  quantile(
    rs.map((r) => r.latency[stage]),
    0.95,
  );
const meanCost = (rs: readonly RequestRecord[]) => mean(rs.map((r) => r.costUsd));

function harmPerRequest(windows: readonly OutcomeWindow[], from: number, to: number): number {
  const ws = windows.filter((w) => w.start >= from && w.start < to);
  return ws.reduce((h, w) => h + w.harm, 0) / ws.reduce((n, w) => n + w.requests, 0);
}

describe('latency regression', () => {
  const { records } = runRecords(fixtureScenario('faults/latency-regression.yaml'));
  const partnerBefore = where(records, { source: 'partner', to: ONSET });
  const partnerAfter = where(records, { source: 'partner', from: ONSET });
  const appBefore = where(records, { source: 'app', to: ONSET });
  const appAfter = where(records, { source: 'app', from: ONSET });

  it('multiplies the p95 of the model stage by the factor, for the scoped source after onset', () => {
    const ratio = p95(partnerAfter, 'model') / p95(partnerBefore, 'model');
    expect(ratio).toBeGreaterThan(2.7);
    expect(ratio).toBeLessThan(3.3);
    expect(p95(appAfter, 'model') / p95(appBefore, 'model')).toBeCloseTo(1, 1);
    expect(p95(partnerAfter, 'total')).toBeGreaterThan(p95(partnerBefore, 'total') * 1.8);
  });

  it('adds the given milliseconds to the retrieval stage, for the scoped source after onset', () => {
    const added = p95(appAfter, 'retrieval') - p95(appBefore, 'retrieval');
    expect(added).toBeGreaterThan(95);
    expect(added).toBeLessThan(105);
    expect(Math.abs(p95(partnerAfter, 'retrieval') - p95(partnerBefore, 'retrieval'))).toBeLessThan(
      3,
    );
  });
});

describe('overlapping latency regressions', () => {
  const { records } = runRecords(fixtureScenario('faults/latency-overlap.yaml'));

  it('compound: all-traffic and per-source factors multiply', () => {
    const ratio = (source: string) =>
      p95(where(records, { source, from: ONSET }), 'model') /
      p95(where(records, { source, to: ONSET }), 'model');
    expect(ratio('app')).toBeGreaterThan(2.7);
    expect(ratio('app')).toBeLessThan(3.3);
    expect(ratio('partner')).toBeGreaterThan(5.4);
    expect(ratio('partner')).toBeLessThan(6.6);
  });

  it('load the serving queue by the all-traffic slowdown, each fault counted once', () => {
    // queue = median × u / (1 − u), with u = arrivals × load factor / capacity (4 × 50 per s).
    const perStep = new Map<number, RequestRecord[]>();
    for (const r of records) {
      const step = Math.floor(r.t / 1000);
      const list = perStep.get(step);
      if (list) list.push(r);
      else perStep.set(step, [r]);
    }
    const loads = (from: number, to: number) => {
      const out = new Set<number>();
      for (const [step, rs] of perStep) {
        if (step * 1000 < from || step * 1000 >= to) continue;
        const u = rs[0].latency.queue / (30 + rs[0].latency.queue);
        out.add(Math.round(((u * 200) / rs.length) * 1e6) / 1e6);
      }
      return [...out];
    };
    expect(loads(0, ONSET)).toEqual([1]);
    expect(loads(ONSET, 4 * HOUR)).toEqual([3]);
  });
});

describe('dependency outage', () => {
  const { records } = runRecords(fixtureScenario('faults/dependency-outage.yaml'));

  it('fails calls at the error rate, retries included, and sends the failures to the fallback', () => {
    const after = where(records, { source: 'partner', from: ONSET });
    const failed = share(after, (r) => r.outcome === 'error');
    // Three attempts (one call and two retries), each failing with probability 0.8.
    expect(failed).toBeGreaterThan(0.512 - 0.03);
    expect(failed).toBeLessThan(0.512 + 0.03);
    for (const r of after.filter((x) => x.outcome === 'error')) {
      expect(r.fallback).toBe('rule');
      expect(r.score).toBeNull();
    }
    expect(share(after, (r) => r.fallback !== 'none')).toBeCloseTo(failed, 5);
  });

  it('leaves other sources, and everything before onset, untouched', () => {
    for (const part of [where(records, { to: ONSET }), where(records, { source: 'app' })]) {
      expect(share(part, (r) => r.outcome !== 'ok' || r.fallback !== 'none')).toBe(0);
    }
  });
});

describe('cost creep', () => {
  it('retry storm: more attempts per request, and cost grows with each attempt', () => {
    const { records } = runRecords(fixtureScenario('faults/retry-storm.yaml'));
    const before = where(records, { to: ONSET });
    const after = where(records, { from: ONSET });
    expect(share(before, (r) => r.attempts === 1)).toBe(1);
    // 1 + 0.4 + 0.4² attempts on average with two retries.
    expect(mean(after.map((r) => r.attempts))).toBeCloseTo(1.56, 1);
    const byAttempts = [1, 2, 3].map((n) => meanCost(after.filter((r) => r.attempts === n)));
    expect(byAttempts[1]).toBeGreaterThan(byAttempts[0]);
    expect(byAttempts[2]).toBeGreaterThan(byAttempts[1]);
    expect(meanCost(after) / meanCost(before)).toBeGreaterThan(1.2);
  });

  it('prompt growth: more prompt tokens and cost per request, for the scoped source after onset', () => {
    const { records } = runRecords(fixtureScenario('faults/prompt-growth.yaml'));
    const tokens = (rs: readonly RequestRecord[]) => [...new Set(rs.map((r) => r.tokens))];
    // 500 prompt tokens (× 3 after onset) plus 4 documents × 200 tokens.
    expect(tokens(where(records, { source: 'partner', to: ONSET }))).toEqual([1300]);
    expect(tokens(where(records, { source: 'partner', from: ONSET }))).toEqual([2300]);
    expect(tokens(where(records, { source: 'app' }))).toEqual([1300]);
    const grew =
      meanCost(where(records, { source: 'partner', from: ONSET })) -
      meanCost(where(records, { source: 'partner', to: ONSET }));
    // 1000 more tokens at $0.002 per thousand.
    expect(grew).toBeCloseTo(0.002, 4);
  });

  it('wider retrieval: more documents, tokens, retrieval time and cost per request after onset', () => {
    const { records } = runRecords(fixtureScenario('faults/wider-retrieval.yaml'));
    const before = where(records, { to: ONSET });
    const after = where(records, { from: ONSET });
    expect([...new Set(after.map((r) => r.tokens))]).toEqual([500 + 12 * 200]);
    expect([...new Set(before.map((r) => r.tokens))]).toEqual([500 + 4 * 200]);
    // 8 more documents at $0.0001 each plus 1600 more tokens at $0.002 per thousand.
    expect(meanCost(after) - meanCost(before)).toBeCloseTo(0.0008 + 0.0032, 4);
    expect(
      mean(after.map((r) => r.latency.retrieval)) / mean(before.map((r) => r.latency.retrieval)),
    ).toBeGreaterThan(1.1);
  });
});

describe('bad release', () => {
  const REVERT = 3 * HOUR;
  const { records, session } = runRecords(fixtureScenario('faults/bad-release.yaml'), {
    actions: [{ at: REVERT, command: { type: 'revert-change', changeId: 'deploy-v1-bad' } }],
  });

  it('switches the serving version at onset (and back when the change is reverted)', () => {
    expect([...new Set(where(records, { to: ONSET }).map((r) => r.version))]).toEqual(['v1']);
    expect([...new Set(where(records, { from: ONSET, to: REVERT }).map((r) => r.version))]).toEqual(
      ['v1-bad'],
    );
    expect([...new Set(where(records, { from: REVERT }).map((r) => r.version))]).toEqual(['v1']);
    expect(session.events.toArray()).toContainEqual({
      kind: 'deploy',
      t: ONSET,
      version: 'v1-bad',
      by: 'scenario',
    });
  });

  it('raises ground-truth harm per request while it serves', () => {
    const windows = session.ledger.list();
    const before = harmPerRequest(windows, 0, ONSET);
    expect(harmPerRequest(windows, ONSET, REVERT) / before).toBeGreaterThan(1.3);
    expect(harmPerRequest(windows, REVERT + 10 * MINUTE, 4 * HOUR) / before).toBeLessThan(1.1);
  });
});

describe('label outage', () => {
  const WINDOW_MS = HOUR;
  const { session } = run(fixtureScenario('faults/label-outage.yaml'), {
    actions: [
      // Labels of requests in [1.5h, 2.5h) are due in [2h, 3h), inside the partner's outage.
      {
        at: 3.5 * HOUR,
        command: {
          type: 'retrain',
          from: 1.5 * HOUR,
          to: 1.5 * HOUR + WINDOW_MS,
          version: 'r-outage',
        },
      },
      { at: 3.5 * HOUR, command: { type: 'retrain', from: 0, to: WINDOW_MS, version: 'r-clean' } },
    ],
  });

  it('stops delivering labels for the scoped source inside the outage only', () => {
    expect(session.labelDelivered(2.5 * HOUR, 'partner')).toBe(false);
    expect(session.labelDelivered(ONSET, 'partner')).toBe(false);
    expect(session.labelDelivered(ONSET - 1, 'partner')).toBe(true);
    expect(session.labelDelivered(3 * HOUR, 'partner')).toBe(true);
    expect(session.labelDelivered(2.5 * HOUR, 'app')).toBe(true);
  });

  it('leaves retraining only the labels that did arrive', () => {
    const outage = session.registry.get('r-outage');
    const clean = session.registry.get('r-clean');
    expect(outage).toBeDefined();
    expect(clean).toBeDefined();
    // The partner's 30% of the window lost its labels.
    const ratio = outage!.trainedRows / clean!.trainedRows;
    expect(ratio).toBeGreaterThan(0.62);
    expect(ratio).toBeLessThan(0.78);
    const stored = session.store.labelled(1.5 * HOUR, 1.5 * HOUR + WINDOW_MS, session.now);
    const delivered = stored.filter((e) => session.labelDelivered(e.labelAt!, e.source));
    expect(outage!.trainedRows).toBe(delivered.length);
    expect(delivered.every((e) => e.source === 'app' || e.labelAt! < ONSET)).toBe(true);
  });
});
