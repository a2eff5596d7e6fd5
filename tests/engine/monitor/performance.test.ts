import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../electron/engine/pipeline/request-record';
import type { Monitor } from '../../../electron/engine/monitor/monitor';
import {
  HOUR,
  labelFor,
  MINUTE,
  monitorFor,
  normalPayload,
  request,
  rng,
  stream,
  WINDOW,
} from './fixtures';

/** Feeds requests and their labels in time order (labels at request time + delay). */
function play(
  m: Monitor,
  records: RequestRecord[],
  truth: (r: RequestRecord) => 0 | 1 | null,
  delay: number,
  until: number,
): void {
  const labels = records
    .map((r) => ({ r, y: truth(r) }))
    .filter((x): x is { r: RequestRecord; y: 0 | 1 } => x.y !== null)
    .map(({ r, y }) => labelFor(r, y, delay));
  let li = 0;
  for (const r of records) {
    while (li < labels.length && labels[li].t <= r.t) m.observeLabel(labels[li++]);
    m.observe(r);
    if (r.id % 50 === 0) m.advanceTo(r.t);
  }
  while (li < labels.length && labels[li].t <= until) m.observeLabel(labels[li++]);
  m.advanceTo(until);
}

describe('label-based performance', () => {
  it('attributes each label to the window of its request, and to the window it arrived in', () => {
    const m = monitorFor();
    const a = request(1, 10, { score: 0.9, flagged: true });
    const b = request(2, WINDOW + 10, { score: 0.2, flagged: false });
    m.observe(a);
    m.observe(b);
    m.advanceTo(3 * WINDOW);
    m.observeLabel(labelFor(a, 1, 3 * WINDOW));
    m.observeLabel(labelFor(b, 1, 2 * WINDOW));
    m.advanceTo(4 * WINDOW);
    const h = m.history();
    expect(h[0].perf.byRequest).toMatchObject({
      labelled: 1,
      accuracy: 1,
      precision: 1,
      recall: 1,
    });
    expect(h[0].perf.coverage).toBe(1);
    expect(h[1].perf.byRequest).toMatchObject({ labelled: 1, accuracy: 0, recall: 0 });
    expect(h[2].perf.byRequest.labelled).toBe(0);
    // Both labels arrived during window 3.
    expect(h[3].perf.arrived).toMatchObject({
      labels: 2,
      labelled: 2,
      accuracy: 0.5,
      precision: 1,
      recall: 0.5,
    });
    expect(h[3].perf.labelLagMs).toBe(4 * WINDOW - (WINDOW + 10));
  });

  it('computes the expected calibration error over 10 score bins', () => {
    const m = monitorFor();
    // Bin 0.9–1.0: scores 0.95, labels 1,1,1,0 (rate 0.75); bin 0.1–0.2: scores 0.15, labels all 0.
    const recs = [0.95, 0.95, 0.95, 0.95, 0.15, 0.15, 0.15, 0.15].map((score, i) =>
      request(i, i, { score, flagged: score > 0.5 }),
    );
    recs.forEach((r) => m.observe(r));
    [1, 1, 1, 0, 0, 0, 0, 0].forEach((y, i) => m.observeLabel(labelFor(recs[i], y as 0 | 1, 100)));
    const [w] = m.advanceTo(WINDOW);
    // (4/8) |0.95 − 0.75| + (4/8) |0.15 − 0| = 0.1 + 0.075
    expect(w.perf.byRequest.calibrationError).toBeCloseTo(0.175, 12);
    expect(w.perf.byRequest.accuracy).toBeCloseTo(7 / 8, 12);
  });

  it('shows the confidence-based estimate and the truth diverge under concept drift', () => {
    const m = monitorFor({ labelDelay: '10m' });
    const u = rng(5);
    const records = stream(0, 3 * HOUR, 60, 6, (_t, v) => {
      const score = v();
      return { payload: normalPayload(v), score, flagged: score >= 0.5 };
    });
    // Calibrated labels for 2 h, then the relation between inputs and outcome flips.
    const truth = (r: RequestRecord): 0 | 1 => {
      const p = r.t < 2 * HOUR ? (r.score as number) : 1 - (r.score as number);
      return u() < p ? 1 : 0;
    };
    play(m, records, truth, 10 * MINUTE, 3 * HOUR + HOUR);
    const h = m.history();
    const before = h.slice(12, 24);
    const after = h.slice(26, 36);
    const mean = (xs: (number | null)[]) =>
      xs.reduce<number>((s, x) => s + (x ?? 0), 0) / xs.length;
    const estBefore = mean(before.map((w) => w.perf.estimatedAccuracy));
    const estAfter = mean(after.map((w) => w.perf.estimatedAccuracy));
    const trueBefore = mean(before.map((w) => w.perf.byRequest.accuracy));
    const trueAfter = mean(after.map((w) => w.perf.byRequest.accuracy));
    expect(estBefore).toBeCloseTo(0.75, 1);
    expect(estAfter).toBeCloseTo(0.75, 1);
    expect(trueBefore).toBeCloseTo(0.75, 1);
    expect(trueAfter).toBeCloseTo(0.25, 1);
  });

  it('measures label coverage on windows old enough and the label lag', () => {
    const m = monitorFor({ labelDelay: '30m' });
    const records = stream(0, 4 * HOUR, 60, 7);
    // Half the requests get a label; after 2 h the label pipeline stops delivering.
    const truth = (r: RequestRecord): 0 | 1 | null => (r.id % 2 === 0 && r.t < 2 * HOUR ? 0 : null);
    play(m, records, truth, 30 * MINUTE, 4 * HOUR);
    const h = m.history();
    // At 1:30 the newest complete window is 0:50–0:55 (30 min delay + one window of margin).
    const w = h.find((x) => x.end === 1.5 * HOUR);
    expect(w?.perf.maturedWindowStart).toBe(50 * MINUTE);
    expect(w?.perf.maturedCoverage).toBeCloseTo(0.5, 2);
    expect(w?.perf.labelLagMs).toBeLessThanOrEqual(30 * MINUTE + 2 * MINUTE);
    const late = h.at(-1);
    expect(late?.perf.maturedCoverage).toBe(0);
    expect(late?.perf.labelLagMs).toBeGreaterThan(2 * HOUR - 5 * MINUTE);
    const alert = m.alerts().find((a) => a.ruleId === 'default.label-coverage');
    expect(alert?.message).toMatch(
      /^Label coverage was 0\.00 in window .*, below the threshold 0\.25 \(reference 0\.50 × 0\.5\)/,
    );
  });

  it('keeps the canary candidate and the shadow model apart from the serving model', () => {
    const m = monitorFor();
    const recs: RequestRecord[] = [];
    for (let i = 0; i < 40; i++) {
      const candidate = i % 4 === 0;
      recs.push(
        request(i, i * 1000, {
          route: candidate ? 'candidate' : 'serving',
          version: candidate ? 'v2' : 'v1',
          score: candidate ? 0.8 : 0.2,
          flagged: candidate,
          shadow: { version: 'v3', score: 0.6, flagged: true },
        }),
      );
    }
    recs.forEach((r) => m.observe(r));
    // Truth: every request was negative. Serving right, candidate and shadow wrong.
    recs.forEach((r) => m.observeLabel(labelFor(r, 0, 100)));
    const [w] = m.advanceTo(WINDOW);
    expect(w.routes.serving).toMatchObject({
      requests: 30,
      flagRate: 0,
      labelled: 30,
      accuracy: 1,
    });
    expect(w.routes.candidate).toMatchObject({
      requests: 10,
      flagRate: 1,
      labelled: 10,
      accuracy: 0,
    });
    expect(w.routes.shadow).toMatchObject({ requests: 40, flagRate: 1, accuracy: 0 });
    expect(w.routes.shadow?.meanScore).toBeCloseTo(0.6, 12);
    expect(w.routes.shadow?.labelled).toBe(40);
    const routes = m.snapshot().routes;
    expect(routes.map((r) => r.route)).toEqual(['serving', 'candidate', 'shadow']);
  });
});
