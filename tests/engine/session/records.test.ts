/**
 * The engine's hot path hands consumers one reused served request and keeps its own copies:
 * the request log's columns, its sample and the feature store must hold exactly what the
 * records streamed to listeners say, and lean replays must trace exactly like full ones.
 */

import { describe, expect, it } from 'vitest';
import {
  LABEL_CANDIDATE,
  LABEL_FLAGGED,
  LABEL_POSITIVE,
  LABEL_SCORED,
  LabelQueue,
  type LabelSink,
} from '../../../electron/engine/pipeline/label-queue';
import type { RequestRecord } from '../../../electron/engine/pipeline/request-record';
import { newServedRequest } from '../../../electron/engine/pipeline/served-request';
import { PayloadRow } from '../../../electron/engine/pipeline/payload-row';
import { RequestRing } from '../../../electron/engine/log/request-ring';
import { referenceActions } from '../../../electron/engine/scoring/reference-actions';
import { runWithActions } from '../../../electron/engine/scoring/replay';
import { traceRun } from '../../../electron/engine/scoring/run-trace';
import type { Millis, Usd } from '../../../electron/engine/units';
import { makeRecord } from '../../fixtures/engine/records';
import { fixtureScenario, HOUR, MINUTE, runRecords } from '../../fixtures/engine/harness';
import { loadScenarioFile } from '../scoring/fixtures';

const scenario = fixtureScenario('faults/mixed.yaml');

describe('request log of a run', () => {
  it('holds the newest requests, its sample and the feature store as the stream had them', () => {
    const { session, records } = runRecords(scenario, {
      until: 3 * HOUR,
      actions: [
        { at: 30 * MINUTE, command: { type: 'patch-mapping', field: 'amount', factor: 0.5 } },
      ],
    });
    const recent = session.log.recent.toArray();
    expect(recent.length).toBe(Math.min(records.length, session.log.recent.capacity));
    expect(recent).toEqual(records.slice(records.length - recent.length));
    const byId = new Map(records.map((r) => [r.id, r]));
    const sample = session.log.sampled.sample();
    expect(sample.length).toBeGreaterThan(0);
    for (const r of sample) expect(r).toEqual(byId.get(r.id));
    const stored = session.store.labelled(0, Infinity, Infinity);
    expect(stored.length).toBeGreaterThan(0);
    const byTime = new Map<number, RequestRecord>(records.map((r) => [r.t, r]));
    for (const e of stored) {
      const r = byTime.get(e.t)!;
      expect(e).toEqual({
        t: r.t,
        source: r.source,
        payload: r.payload,
        label: r.label,
        labelAt: r.labelAt,
        version: r.version,
        scored: r.score !== null,
        flagged: r.flagged,
      });
    }
  });
});

describe('request ring', () => {
  it('gives back records pushed as objects, nulls, shadows and violations included', () => {
    const ring = new RequestRing(3, ['amount']);
    const records: RequestRecord[] = [
      makeRecord(1, 1000),
      makeRecord(2, 2000, {
        score: null,
        labelAt: null,
        label: 1,
        flagged: true,
        route: 'candidate',
        fallback: 'manual-review',
        outcome: 'timeout',
        violations: [{ field: 'amount', kind: 'out-of-range' }],
        shadow: { version: 'v2', score: 0.7, flagged: true },
      }),
      makeRecord(3, 3000, { fallback: 'error', outcome: 'rejected', harm: 2.5 }),
      makeRecord(4, 4000, { payload: { renamed: '12.00', amount: null } }),
    ];
    for (const r of records) ring.push(r);
    expect(ring.length).toBe(3);
    expect(ring.toArray()).toEqual(records.slice(1));
  });

  it('stores payload rows slot by slot and builds them back in field order', () => {
    const row = new PayloadRow(['amount', 'kind', 'flag', 'note']);
    const served = newServedRequest(row);
    row.kind.set([1, 3, 2, 0]);
    row.num[0] = 12.5;
    row.str[1] = 'web';
    row.num[2] = 1;
    served.id = 9;
    served.t = 500 as Millis;
    served.source = 'app';
    served.score = 0.25;
    served.costUsd = 0.01 as Usd;
    const ring = new RequestRing(2, row.names);
    ring.pushServed(served);
    row.num[0] = 99;
    const [got] = ring.toArray();
    expect(got.payload).toEqual({ amount: 12.5, kind: 'web', flag: true, note: null });
    expect(Object.keys(got.payload)).toEqual(['amount', 'kind', 'flag', 'note']);
    expect(got).toMatchObject({ id: 9, t: 500, source: 'app', score: 0.25, costUsd: 0.01 });
  });
});

interface Released {
  requestId: number;
  t: number;
  requestT: number;
  source: string;
  bits: number;
  score: number;
}

/** A sink that keeps what it is handed, with each label's source as the queue said it. */
function collector(): { labels: Released[]; sink: LabelSink } {
  const labels: Released[] = [];
  const sink: LabelSink = {
    labelsArrived: (cols, from, to) => {
      for (let i = from; i < to; i++) {
        labels.push({
          requestId: cols.ids[i],
          t: cols.due[i],
          requestT: cols.requestTimes[i],
          source: '',
          bits: cols.bits[i],
          score: cols.scores[i],
        });
      }
    },
  };
  return { labels, sink };
}

/** Takes the oldest label out of `queue` as the session does during an outage: one by one. */
function release(queue: LabelQueue): Released {
  const source = queue.nextSource();
  const { labels, sink } = collector();
  queue.releaseNext(sink);
  expect(labels).toHaveLength(1);
  return { ...labels[0], source };
}

describe('label queue', () => {
  it('releases labels first in, first out while it grows, and drops what exceeds its bound', () => {
    const queue = new LabelQueue(['a', 'b'], 7000);
    const log = new RequestRing(16);
    const served = newServedRequest(new PayloadRow([]));
    let next = 0;
    for (let i = 0; i < 12_000; i++) {
      served.id = i;
      served.t = i as Millis;
      served.labelAt = (i + 100) as Millis;
      served.sourceIndex = i % 2;
      served.version = i % 3 === 0 ? 'v1' : 'v2';
      served.score = i % 5 === 0 ? null : i / 12_000;
      served.flagged = i % 7 === 0;
      served.label = i % 2 === 0 ? 1 : 0;
      served.route = i % 11 === 0 ? 'candidate' : 'serving';
      log.pushServed(served);
      queue.pushLogged(log, log.positionOfNewest(1), 1);
      // Release some on the way so the ring wraps before it grows.
      if (i % 3 === 0 && queue.length > 0) {
        const scored = next % 5 !== 0;
        expect(release(queue)).toEqual({
          requestId: next,
          t: next + 100,
          requestT: next,
          source: next % 2 === 0 ? 'a' : 'b',
          bits:
            (next % 11 === 0 ? LABEL_CANDIDATE : 0) |
            (scored ? LABEL_SCORED : 0) |
            (next % 7 === 0 ? LABEL_FLAGGED : 0) |
            (next % 2 === 0 ? LABEL_POSITIVE : 0),
          score: scored ? next / 12_000 : 0,
        });
        next++;
      }
    }
    expect(queue.length).toBe(7000);
    expect(queue.nextDue()).toBe(next + 100);
  });

  it('queues only the logged requests that will get a label, from a batch across the ring end', () => {
    const queue = new LabelQueue(['a', 'b'], 100);
    const log = new RequestRing(8);
    const served = newServedRequest(new PayloadRow([]));
    for (let i = 0; i < 13; i++) {
      served.id = i;
      served.t = i as Millis;
      served.sourceIndex = 1;
      served.labelAt = i % 3 === 0 ? null : ((i + 50) as Millis);
      log.pushServed(served);
    }
    // The newest 6 sit at ring positions 7, 0, 1, …, 4: requests 7 to 12.
    queue.pushLogged(log, log.positionOfNewest(6), 6);
    const released: number[] = [];
    while (queue.length > 0) {
      const label = release(queue);
      expect(label.source).toBe('b');
      expect(label.t).toBe(label.requestId + 50);
      released.push(label.requestId);
    }
    expect(released).toEqual([7, 8, 10, 11]);
  });

  it('releases everything due in runs of the ring, as one by one would', () => {
    const fill = (): LabelQueue => {
      const queue = new LabelQueue(['a'], 100);
      const log = new RequestRing(4096);
      const served = newServedRequest(new PayloadRow([]));
      for (let i = 0; i < 4140; i++) {
        served.id = i;
        served.t = i as Millis;
        served.labelAt = (i + 10) as Millis;
        served.score = i / 4140;
        served.flagged = i % 4 === 0;
        log.pushServed(served);
        queue.pushLogged(log, log.positionOfNewest(1), 1);
        // Keep 90 waiting (ids 4050 to 4139, ring positions 4050 to 4095 and 0 to 43).
        if (queue.length > 90) queue.releaseNext(null);
      }
      return queue;
    };
    const inRuns = collector();
    const runs: number[] = [];
    const runSink: LabelSink = {
      labelsArrived: (cols, from, to) => {
        runs.push(to - from);
        inRuns.sink.labelsArrived(cols, from, to);
      },
    };
    const a = fill();
    a.releaseDue(4129 + 10, runSink);
    const oneByOne = collector();
    const b = fill();
    while (b.nextDue() <= 4139) b.releaseNext(oneByOne.sink);
    expect(inRuns.labels).toEqual(oneByOne.labels);
    expect(inRuns.labels.map((l) => l.requestId)).toEqual(
      Array.from({ length: 80 }, (_, k) => 4050 + k),
    );
    expect(runs).toEqual([46, 34]);
    expect(a.length).toBe(10);
    expect(a.nextDue()).toBe(4130 + 10);
  });
});

describe('lean replays', () => {
  it('trace exactly like full replays, investigations and monitoring included', () => {
    const { scenario: library } = loadScenarioFile('scenarios/cents-after-partner-release.yaml');
    const { actions } = referenceActions(library);
    const until = 8 * HOUR;
    for (const monitoring of [true, false]) {
      for (const list of [[], actions]) {
        const full = traceRun(runWithActions(library, 7, list, { monitoring, until }));
        const lean = traceRun(runWithActions(library, 7, list, { monitoring, until, lean: true }));
        expect(lean).toEqual(full);
      }
    }
  });
});
