/**
 * The baseline world of base-service.yaml: traffic at the declared rate and daily shape, inputs
 * drawn from the declared distributions (per source where they differ), outcomes from the
 * declared label relation — and the ground-truth ledger that keeps bounded windows.
 */

import { describe, expect, it } from 'vitest';
import { FaultTimeline } from '../../../electron/engine/faults/active-faults';
import { Rng } from '../../../electron/engine/rng';
import type { Scenario } from '../../../electron/engine/scenario/schema';
import { Traffic } from '../../../electron/engine/world/traffic';
import { World, type WorldRequest } from '../../../electron/engine/world/world';
import { OutcomeLedger } from '../../../electron/engine/world/outcome-ledger';
import { positiveProbability } from '../../../electron/engine/world/ground-truth';
import { makeRecord } from '../../fixtures/engine/records';
import { fixtureScenario, HOUR, mean, median, sd, share } from '../../fixtures/engine/scenarios';

const scenario = fixtureScenario();

function draw(s: Scenario, n: number, seed = 1): WorldRequest[] {
  const world = new World(s, seed);
  world.prepareStep(new FaultTimeline([]));
  return Array.from({ length: n }, () => world.nextRequest());
}

const num = (rs: readonly WorldRequest[], field: string) =>
  rs.map((r) => r.truth[field]).filter((v): v is number => typeof v === 'number');

describe('world inputs', () => {
  const requests = draw(scenario, 40_000);

  it('draws each field from its declared distribution', () => {
    expect(median(num(requests, 'amount'))).toBeGreaterThan(38);
    expect(median(num(requests, 'amount'))).toBeLessThan(42);
    expect(mean(num(requests, 'device_score'))).toBeCloseTo(50, 0);
    expect(sd(num(requests, 'device_score'))).toBeCloseTo(10, 0);
    expect(share(requests, (r) => r.truth.merchant === 'grocery')).toBeCloseTo(0.5, 1);
    expect(share(requests, (r) => r.truth.merchant === 'travel')).toBeCloseTo(0.2, 1);
    expect(share(requests, (r) => r.truth.card_present === true)).toBeCloseTo(0.6, 1);
    expect(share(requests, (r) => r.source === 'partner')).toBeCloseTo(0.3, 1);
  });

  it('uses per-source distributions and null rates where the schema declares them', () => {
    const s = fixtureScenario();
    const fields = s.service.fields.map((f) =>
      f.name === 'card_present'
        ? { ...f, bySource: { partner: { distribution: { kind: 'bernoulli' as const, p: 0.1 } } } }
        : f.name === 'basket_items'
          ? { ...f, nullRate: 0.2 }
          : f,
    );
    const rs = draw({ ...s, service: { ...s.service, fields } }, 40_000);
    const card = (source: string) =>
      share(
        rs.filter((r) => r.source === source),
        (r) => r.truth.card_present === true,
      );
    expect(card('partner')).toBeCloseTo(0.1, 1);
    expect(card('app')).toBeCloseTo(0.6, 1);
    expect(share(rs, (r) => r.truth.basket_items === null)).toBeCloseTo(0.2, 1);
  });

  it('draws outcomes from the declared label relation', () => {
    // Calibration: among requests with a given true probability, that share is positive.
    const bins = new Map<number, { n: number; pos: number; p: number }>();
    for (const r of requests) {
      const p = positiveProbability(scenario, r.truth, r.source, []);
      const b = Math.min(4, Math.floor(p * 5));
      const bin = bins.get(b) ?? { n: 0, pos: 0, p: 0 };
      bin.n++;
      bin.pos += r.label;
      bin.p += p;
      bins.set(b, bin);
    }
    for (const bin of bins.values()) {
      if (bin.n < 500) continue;
      expect(Math.abs(bin.pos / bin.n - bin.p / bin.n)).toBeLessThan(0.03);
    }
  });
});

describe('traffic', () => {
  const spec = (over: Partial<Scenario['service']['traffic']>) => ({
    ...scenario.service.traffic,
    ...over,
  });

  it('arrives at the declared rate per minute', () => {
    const traffic = new Traffic(spec({ ratePerMinute: 600 }), Rng.stream(3, 0));
    let n = 0;
    for (let t = 0; t < HOUR; t += 1000) n += traffic.arrivals(t, 1000);
    expect(n / 60).toBeGreaterThan(600 * 0.97);
    expect(n / 60).toBeLessThan(600 * 1.03);
  });

  it('follows the daily cycle: peak at peakHour, trough twelve hours away, mean over the day', () => {
    const traffic = new Traffic(
      spec({ ratePerMinute: 600, dailyAmplitude: 0.4, peakHour: 15 }),
      Rng.stream(3, 0),
    );
    expect(traffic.meanRatePerSecond(15 * HOUR)).toBeCloseTo(10 * 1.4, 6);
    expect(traffic.meanRatePerSecond(3 * HOUR)).toBeCloseTo(10 * 0.6, 6);
    let sum = 0;
    for (let h = 0; h < 24; h += 0.25) sum += traffic.meanRatePerSecond(h * HOUR);
    expect(sum / 96).toBeCloseTo(10, 6);
  });
});

describe('outcome ledger', () => {
  it('keeps at most its number of windows, and running totals over all of them', () => {
    const ledger = new OutcomeLedger(60_000, 5);
    for (let i = 0; i < 600; i++)
      ledger.record(makeRecord(i, i * 1000, { harm: 1, label: 1, flagged: false }));
    expect(ledger.list()).toHaveLength(5);
    expect(ledger.list()[0].start).toBe(5 * 60_000);
    expect(
      ledger.list().every((w) => w.requests === 60 && w.harm === 60 && w.falseNegatives === 60),
    ).toBe(true);
    expect(ledger.totals).toMatchObject({ requests: 600, harm: 600, falseNegatives: 600 });
  });
});
