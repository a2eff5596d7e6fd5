/**
 * `metrics.json` agrees with `requests.jsonl` from the same headless run
 * (`sim run scenarios/claims-broker-renames-field.yaml --until 8h --out <tmp>`, called through
 * runScenario): recomputing each window's request count, the missing share of `claim_amount`
 * (the field the broker renames at 2h, so the share is 0 before and about 0.25 after), the flag
 * rate and the latency p95 from the log gives the monitor's figures: exactly for counts and
 * shares, and within the latency sketch's 1% relative error for p95.
 *
 * The p95 is compared with the exact quantile of the window's logged latencies. DDSketch reports
 * the order statistic at rank floor(0.95 (n − 1)) (0-based) within 1%; numpy's default would
 * interpolate towards the next one, so the check allows anything from 1% below the lower to 1%
 * above the upper order statistic, and separately checks the sketch's own definition.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runScenario } from '../../electron/cli/run';
import { LATENCY_RELATIVE_ACCURACY } from '../../electron/engine/monitor/latency-sketch';
import type { WindowMetrics } from '../../electron/engine/monitor/window-metrics';
import { libraryPath, libraryScenario } from './helpers';

const SCENARIO = 'claims-broker-renames-field';
const FIELD = 'claim_amount';

/** What the log says about one window. */
interface LoggedWindow {
  requests: number;
  missing: number;
  flagged: number;
  latencies: number[];
}

interface LoggedRequest {
  t: number;
  payload: Record<string, unknown>;
  flagged: boolean;
  latency: { total: number | null };
}

let dir = '';
let metrics: WindowMetrics[] = [];
const logged = new Map<number, LoggedWindow>();
const windowMs = libraryScenario(SCENARIO).monitoring.window;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftdrill-consistency-'));
  const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const code = await runScenario({
    scenarioPath: libraryPath(SCENARIO),
    until: '8h',
    outDir: dir,
    writeRequests: true,
  });
  quiet.mockRestore();
  expect(code).toBe(0);
  metrics = (
    JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as { windows: WindowMetrics[] }
  ).windows;
  for (const line of readFileSync(join(dir, 'requests.jsonl'), 'utf8').split('\n')) {
    if (line === '') continue;
    const r = JSON.parse(line) as LoggedRequest;
    const index = Math.floor(r.t / windowMs);
    let w = logged.get(index);
    if (w === undefined) {
      w = { requests: 0, missing: 0, flagged: 0, latencies: [] };
      logged.set(index, w);
    }
    w.requests++;
    // An absent key and a null count alike (JSON drops undefined values, so both read as null).
    if ((r.payload[FIELD] ?? null) === null) w.missing++;
    if (r.flagged) w.flagged++;
    // The monitor records non-finite or negative latencies as 0 (JSON writes Infinity as null).
    const total = r.latency.total;
    w.latencies.push(total !== null && total > 0 && Number.isFinite(total) ? total : 0);
  }
}, 120_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe(`metrics.json against requests.jsonl (${SCENARIO}, 8 h)`, () => {
  it('has every window of the run, each with its logged requests', () => {
    expect(metrics.length).toBe(96);
    for (const m of metrics) {
      expect(m.start).toBe(m.index * windowMs);
      expect(m.requests, `window ${m.index}`).toBe(logged.get(m.index)?.requests ?? 0);
    }
  });

  it(`gives the missing share of ${FIELD} exactly`, () => {
    let windowsWithMissing = 0;
    for (const m of metrics) {
      const w = logged.get(m.index);
      if (w === undefined) continue;
      const fm = m.input.fields.find((f) => f.field === FIELD);
      expect(fm?.missingShare, `window ${m.index}`).toBe(w.missing / w.requests);
      if (w.missing > 0) windowsWithMissing++;
    }
    // The rename makes the comparison meaningful: most windows after 2h miss the field.
    expect(windowsWithMissing).toBeGreaterThan(60);
  });

  it('gives the flag rate exactly', () => {
    for (const m of metrics) {
      const w = logged.get(m.index);
      if (w === undefined) continue;
      expect(m.output.flagged, `window ${m.index}`).toBe(w.flagged);
      expect(m.output.flagRate, `window ${m.index}`).toBe(w.flagged / w.requests);
    }
  });

  it('gives the latency p95 within the sketch’s 1% relative error', () => {
    const alpha = LATENCY_RELATIVE_ACCURACY;
    const slack = 1e-12;
    let checked = 0;
    for (const m of metrics) {
      const w = logged.get(m.index);
      if (w === undefined || w.latencies.length === 0) continue;
      const sorted = Float64Array.from(w.latencies).sort();
      const rank = 0.95 * (sorted.length - 1);
      const lower = sorted[Math.floor(rank)];
      const upper = sorted[Math.ceil(rank)];
      const p95 = m.system.latencyP95;
      expect(p95, `window ${m.index}`).not.toBeNull();
      if (p95 === null) continue;
      const note = `window ${m.index}: sketch ${p95}, exact ${lower}..${upper}`;
      expect(p95, note).toBeGreaterThanOrEqual(lower * (1 - alpha) - slack);
      expect(p95, note).toBeLessThanOrEqual(upper * (1 + alpha) + slack);
      // DDSketch's own definition: the order statistic at the lower rank, within 1%.
      expect(Math.abs(p95 - lower), note).toBeLessThanOrEqual(alpha * lower + slack);
      checked++;
    }
    expect(checked).toBe(96);
  });
});
