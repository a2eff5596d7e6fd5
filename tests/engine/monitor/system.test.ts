import { describe, expect, it } from 'vitest';
import type { Usd } from '../../../electron/engine/units';
import { feed, HOUR, monitorFor, normal, normalPayload, request, stream, WINDOW } from './fixtures';

describe('system health', () => {
  it('gives latency p50/p95/p99 within 1% of the exact quantiles of the window', () => {
    const m = monitorFor();
    const latencies: number[] = [];
    const records = stream(0, WINDOW, 2000, 8, (_t, u) => {
      const total = 40 * Math.exp(0.8 * normal(u));
      latencies.push(total);
      return {
        payload: normalPayload(u),
        latency: { validation: 0, retrieval: 0, model: total, backoff: 0, queue: 0, total },
      };
    });
    const [w] = feed(m, records, WINDOW);
    const sorted = latencies.slice().sort((a, b) => a - b);
    for (const [q, got] of [
      [0.5, w.system.latencyP50],
      [0.95, w.system.latencyP95],
      [0.99, w.system.latencyP99],
    ] as const) {
      const exact = sorted[Math.floor(q * (sorted.length - 1))];
      expect(got).not.toBeNull();
      expect(Math.abs((got as number) - exact) / exact).toBeLessThanOrEqual(0.01);
    }
  });

  it('rates timeouts, errors, retries and fallbacks per request', () => {
    const m = monitorFor();
    m.observe(request(0, 1, { outcome: 'timeout', fallback: 'rule', attempts: 3, score: null }));
    m.observe(request(1, 2, { outcome: 'error', fallback: 'error', score: null }));
    m.observe(request(2, 3, { attempts: 2 }));
    m.observe(request(3, 4, { source: 'partner', fallback: 'fail-open' }));
    const [w] = m.advanceTo(WINDOW);
    expect(w.system).toMatchObject({
      timeoutRate: 0.25,
      errorRate: 0.25,
      retryRate: 0.5,
      fallbackRate: 0.75,
    });
    expect(w.output.fallbackShare).toBe(0.75);
    expect(w.output.fallbackByKind).toEqual({
      none: 1,
      rule: 1,
      'manual-review': 0,
      'fail-open': 1,
      error: 1,
    });
    expect(w.sources.find((s) => s.source === 'partner')).toMatchObject({
      requests: 1,
      fallbackShare: 1,
    });
    expect(w.sources.find((s) => s.source === 'app')).toMatchObject({
      requests: 3,
      timeoutRate: 1 / 3,
    });
  });

  it('reports tokens and cost per request, and cost per hour against the budget', () => {
    const m = monitorFor({ costBudget: 2 });
    for (let i = 0; i < 100; i++)
      m.observe(request(i, i * 100, { tokens: 300, costUsd: 0.002 as Usd }));
    const [w] = m.advanceTo(WINDOW);
    expect(w.system.tokensPerRequest).toBe(300);
    expect(w.system.costPerRequest).toBeCloseTo(0.002, 12);
    // $0.20 in 5 minutes is $2.40 an hour.
    expect(w.system.costPerHour).toBeCloseTo(2.4, 10);
    expect(w.system.costBudgetPerHour).toBe(2);
  });

  it('fires the latency budget rule when p95 stays above it', () => {
    const m = monitorFor({ latencyBudget: 300 });
    const slow = { validation: 0, retrieval: 0, model: 400, backoff: 0, queue: 0, total: 400 };
    const records = stream(0, HOUR + 2 * WINDOW, 30, 9, (t, u) => ({
      payload: normalPayload(u),
      ...(t >= HOUR ? { latency: slow } : {}),
    }));
    feed(m, records, HOUR + 2 * WINDOW);
    const a = m.alerts().find((x) => x.ruleId === 'default.latency-p95-budget');
    expect(a?.severity).toBe('critical');
    expect(Math.abs((a?.value ?? 0) - 400) / 400).toBeLessThanOrEqual(0.01);
    expect(a?.message).toMatch(
      /^Latency p95 was \d+\.?\d? ms in window 01:05–01:10, above the threshold 300 ms/,
    );
  });
});
