import { describe, expect, it } from 'vitest';
import { MAX_ALERTS } from '../../../electron/engine/monitor/alerts';
import type { Monitor } from '../../../electron/engine/monitor/monitor';
import { HOUR, monitorFor, normalPayload, request, rng, stream, WINDOW } from './fixtures';

let nextId = 0;

/** 20 requests in window `index`, a share of them (from `source`) without `amount`. */
function windowWithMissing(m: Monitor, index: number, missingShare: number, source = 'app'): void {
  const u = rng(index + 1);
  for (let i = 0; i < 20; i++) {
    const payload = normalPayload(u);
    if (i < missingShare * 20) delete payload.amount;
    m.observe(request(nextId++, index * WINDOW + i * 1000, { source, payload }));
  }
  m.advanceTo((index + 1) * WINDOW);
}

const missingRule = {
  id: 'amount-missing',
  metric: 'input.missing_share' as const,
  field: 'amount',
  source: 'partner',
  op: '>' as const,
  threshold: 0.2,
  for: 2,
  severity: 'warning' as const,
};

describe('alert lifecycle', () => {
  it('fires after `for` consecutive windows, once per rule, field and source', () => {
    const m = monitorFor({ alerts: [missingRule] });
    windowWithMissing(m, 0, 0.5, 'partner');
    expect(m.alerts()).toHaveLength(0);
    windowWithMissing(m, 1, 0.5, 'partner');
    expect(m.alerts()).toHaveLength(1);
    const [a] = m.alerts();
    expect(a).toMatchObject({
      ruleId: 'amount-missing',
      metric: 'input.missing_share',
      field: 'amount',
      source: 'partner',
      severity: 'warning',
      state: 'firing',
      op: '>',
      threshold: 0.2,
      value: 0.5,
      windowStart: WINDOW,
      windowEnd: 2 * WINDOW,
      firedAt: 2 * WINDOW,
    });
    windowWithMissing(m, 2, 0.6, 'partner');
    windowWithMissing(m, 3, 0.6, 'partner');
    expect(m.alerts()).toHaveLength(1);
    expect(m.alerts()[0]).toMatchObject({ breaches: 3, lastValue: 0.6, lastWindowEnd: 4 * WINDOW });
  });

  it('does not fire when the breach is interrupted before `for` windows', () => {
    const m = monitorFor({ alerts: [missingRule] });
    windowWithMissing(m, 0, 0.5, 'partner');
    windowWithMissing(m, 1, 0, 'partner');
    windowWithMissing(m, 2, 0.5, 'partner');
    expect(m.alerts()).toHaveLength(0);
  });

  it('is acknowledged, resolves at the first clear window, and re-fires with a new id', () => {
    const m = monitorFor({ alerts: [missingRule] });
    windowWithMissing(m, 0, 0.5, 'partner');
    windowWithMissing(m, 1, 0.5, 'partner');
    const first = m.alerts()[0];
    expect(m.acknowledge(first.id, 2 * WINDOW + 10)).toBe(true);
    expect(first).toMatchObject({ state: 'acknowledged', acknowledgedAt: 2 * WINDOW + 10 });
    expect(m.acknowledge('alert-999', 0)).toBe(false);

    windowWithMissing(m, 2, 0, 'partner');
    expect(first).toMatchObject({ state: 'resolved', resolvedAt: 3 * WINDOW });
    expect(m.acknowledge(first.id, 3 * WINDOW)).toBe(false);

    windowWithMissing(m, 3, 0.5, 'partner');
    windowWithMissing(m, 4, 0.5, 'partner');
    expect(m.alerts()).toHaveLength(2);
    const second = m.alerts()[1];
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ state: 'firing', firedAt: 5 * WINDOW });
  });

  it('holds its state through windows without data', () => {
    const m = monitorFor({ alerts: [missingRule] });
    windowWithMissing(m, 0, 0.5, 'partner');
    windowWithMissing(m, 1, 0.5, 'partner');
    m.advanceTo(6 * WINDOW);
    expect(m.alerts()[0].state).toBe('firing');
  });

  it('silences an alert and its re-firings until the given time', () => {
    const m = monitorFor({ alerts: [{ ...missingRule, for: 1 }] });
    windowWithMissing(m, 0, 0.5, 'partner');
    const a = m.alerts()[0];
    const until = 3 * WINDOW + 60_000;
    expect(m.silence(a.id, until, WINDOW)).toBe(true);
    expect(m.silence('nope', until, WINDOW)).toBe(false);
    let snap = m.snapshot();
    expect(snap.alerts.active).toHaveLength(0);
    expect(snap.alerts.silenced.map((x) => x.id)).toEqual([a.id]);

    windowWithMissing(m, 1, 0, 'partner');
    windowWithMissing(m, 2, 0.5, 'partner');
    const again = m.alerts()[1];
    expect(again.silencedUntil).toBe(until);
    expect(m.snapshot().alerts.active).toHaveLength(0);

    windowWithMissing(m, 3, 0.5, 'partner');
    snap = m.snapshot();
    expect(snap.time).toBeGreaterThanOrEqual(until);
    expect(snap.alerts.active.map((x) => x.id)).toEqual([again.id]);
  });

  it('says in plain words which metric crossed what threshold, where and when', () => {
    const m = monitorFor({ alerts: [missingRule] });
    windowWithMissing(m, 72, 0.5, 'partner');
    windowWithMissing(m, 73, 0.5, 'partner');
    const { message } = m.alerts()[0];
    expect(message).toBe(
      'Missing share of `amount` from partner was 0.50 in window 06:05–06:10, above the threshold 0.20 (2 windows in a row).',
    );
  });

  it('keeps at most MAX_ALERTS alert objects, dropping resolved ones first', () => {
    const m = monitorFor({ alerts: [{ ...missingRule, for: 1 }] });
    for (let i = 0; i < 2 * MAX_ALERTS + 40; i++)
      windowWithMissing(m, i, i % 2 === 0 ? 0.5 : 0, 'partner');
    expect(m.alerts()).toHaveLength(MAX_ALERTS);
    expect(new Set(m.alerts().map((a) => a.id)).size).toBe(MAX_ALERTS);
    expect(m.alerts().at(-1)?.id).toBe(`alert-${MAX_ALERTS + 20}`);
  });
});

describe('default rules', () => {
  it('are used when the scenario lists no rules, and none when it lists an empty list', () => {
    expect(monitorFor().rules().length).toBeGreaterThan(10);
    expect(
      monitorFor()
        .rules()
        .every((r) => r.origin === 'default'),
    ).toBe(true);
    expect(monitorFor({ alerts: [] }).rules()).toHaveLength(0);
    expect(
      monitorFor({ alerts: [missingRule] })
        .rules()
        .map((r) => r.id),
    ).toEqual(['amount-missing']);
  });

  it('follow the budgets: latency budget when known, the reference otherwise', () => {
    const ids = (o: Parameters<typeof monitorFor>[0]) =>
      monitorFor(o)
        .rules()
        .map((r) => r.id);
    expect(ids({ latencyBudget: 300 })).toContain('default.latency-p95-budget');
    expect(ids({ latencyBudget: null })).toContain('default.latency-p95-reference');
    expect(ids({ costBudget: 5 })).toContain('default.cost-budget');
    expect(ids({ costBudget: null })).toContain('default.cost-reference');
  });

  it('flag a missing field against the reference, naming the reference in the message', () => {
    const m = monitorFor();
    const normal = stream(0, HOUR, 60, 1);
    const renamed = stream(
      HOUR,
      HOUR + 3 * WINDOW,
      60,
      2,
      (_t, u) => {
        const p = normalPayload(u);
        p.amount_eur = p.amount;
        delete p.amount;
        return { payload: p };
      },
      10_000,
    );
    for (const r of [...normal, ...renamed]) m.observe(r);
    m.advanceTo(HOUR + 3 * WINDOW);
    const a = m.alerts().find((x) => x.ruleId === 'default.missing-share.amount');
    expect(a).toBeDefined();
    expect(a?.message).toBe(
      'Missing share of `amount` was 1.00 in window 01:05–01:10, above the threshold 0.02 (reference 0.00 × 1.1, floor 0.02) (2 windows in a row).',
    );
    expect(m.history().at(-1)?.input.unexpectedFields).toEqual([
      { key: 'amount_eur', requests: 300 },
    ]);
  });

  it('raise a critical alert on an error burst and say which window', () => {
    const m = monitorFor();
    const records = stream(0, HOUR + 2 * WINDOW, 60, 3, (t, u) => ({
      payload: normalPayload(u),
      ...(t >= HOUR && u() < 0.3
        ? { outcome: 'error' as const, score: null, fallback: 'error' as const }
        : {}),
    }));
    for (const r of records) m.observe(r);
    m.advanceTo(HOUR + 2 * WINDOW);
    const a = m.alerts().find((x) => x.ruleId === 'default.error-rate');
    expect(a?.severity).toBe('critical');
    expect(a?.message).toMatch(
      /^Error rate was 0\.\d\d in window 01:05–01:10, above the threshold 0\.02 \(reference 0\.00 × 2, floor 0\.02\)/,
    );
  });

  it('report drift with the test, its statistic and threshold', () => {
    const m = monitorFor();
    const records = stream(0, HOUR + 3 * WINDOW, 300, 4, (t, u) => ({
      payload: normalPayload(u, t >= HOUR ? 20 : 0),
    }));
    for (const r of records) m.observe(r);
    m.advanceTo(HOUR + 3 * WINDOW);
    const a = m.alerts().find((x) => x.ruleId === 'default.input-drift.amount');
    expect(a?.message).toMatch(
      /^Drift of `amount` in window 01:10–01:15: the normalised Wasserstein distance \d\.\d\d is above the threshold 0\.10 \(3 windows in a row\)\.$/,
    );
    expect(a).toMatchObject({ op: '>', threshold: 0.1, field: 'amount' });
  });
});
