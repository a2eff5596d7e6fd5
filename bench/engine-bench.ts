/**
 * Engine benchmarks (`npm run bench`): prints figures, asserts nothing. Targets from the issues:
 * - full pipeline ≥ 1,000,000 simulated requests/s on one core (default scenario);
 * - monitoring on costs ≤ 30% of that rate;
 * - a 7-day run at 50 requests/s keeps the engine heap under 150 MB;
 * - one window's drift for 20 numeric + 10 categorical fields in under 2 ms;
 * - scoring a 24-hour scenario with both replays in under 3 s.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { loadScenario } from '../electron/engine/scenario/load';
import type { Scenario } from '../electron/engine/scenario/schema';
import { Session } from '../electron/engine/session';
import { benchWindowDrift } from './drift-bench';
import { benchScoring } from './scoring-bench';

const DEFAULT = 'scenarios/cents-after-partner-release.yaml';
const HOUR = 3_600_000;
/**
 * Processes timing monitoring off and on, alternated so that a change in the machine's load
 * during the bench weighs on both alike; the best rate of each is reported, as other load on
 * the machine only slows runs down. A process times one mode only (see RATE_ONLY): in one
 * process, code compiled for one mode slows the other.
 */
const PAIRED_RUNS = 3;
/** Timed runs in each of those processes, after a warm-up (the first is often the slowest). */
const RUNS_PER_PROCESS = 3;
/** Arguments of a child process that times one run and prints its rate. */
const RATE_ONLY = '--rate-only';
const SCORING_RUNS = 2;

function load(path: string): Scenario {
  const r = loadScenario(readFileSync(path, 'utf8'), path);
  if (!r.ok) throw new Error(`${path} does not validate`);
  return r.scenario;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Simulated requests per second of one timed run. */
function timedRate(scenario: Scenario, monitoring: boolean, hours: number): number {
  gc();
  const s = new Session(scenario, { monitoring });
  const t0 = performance.now();
  s.advanceTo(hours * HOUR);
  return s.ledger.totals.requests / ((performance.now() - t0) / 1000);
}

/** The best rate of a fresh process of this same bench timing one mode (with RATE_ONLY). */
function rateInChild(monitoring: boolean): number {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1], RATE_ONLY, monitoring ? 'on' : 'off'],
    { encoding: 'utf8' },
  );
  const rate = Number(child.stdout);
  if (child.status !== 0 || !(rate > 0)) {
    throw new Error(`the timed run failed (${child.status}): ${child.stderr || child.stdout}`);
  }
  return rate;
}

/** The best rate with monitoring off and on, from runs of the two alternated. */
function throughputOffAndOn(): { off: number; on: number } {
  let off = 0;
  let on = 0;
  for (let run = 0; run < PAIRED_RUNS; run++) {
    off = Math.max(off, rateInChild(false));
    on = Math.max(on, rateInChild(true));
  }
  return { off, on };
}

/** Best of SCORING_RUNS; each on a fresh copy of the scenario, as scoring caches per scenario. */
function bestScoring(scenario: Scenario): { seconds: number } {
  let best = Infinity;
  for (let run = 0; run < SCORING_RUNS; run++) {
    gc();
    best = Math.min(best, benchScoring(structuredClone(scenario)).seconds);
  }
  return { seconds: best };
}

function heapAfterWeek(base: Scenario): { peakMb: number; endMb: number; requests: number } {
  const week: Scenario = {
    ...base,
    duration: 7 * 24 * HOUR,
    service: { ...base.service, traffic: { ...base.service.traffic, ratePerMinute: 3000 } },
  };
  gc();
  const before = process.memoryUsage().heapUsed;
  const s = new Session(week, {});
  let peak = 0;
  for (let h = 1; h <= 7 * 24; h++) {
    s.advanceTo(h * HOUR);
    if (h % 12 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
  }
  gc();
  const end = process.memoryUsage().heapUsed - before;
  return { peakMb: peak / 2 ** 20, endMb: end / 2 ** 20, requests: s.ledger.totals.requests };
}

function row(name: string, value: string, target: string): void {
  process.stdout.write(`${name.padEnd(52)} ${value.padStart(16)}   ${target}\n`);
}

const scenario = load(DEFAULT);
if (process.argv[2] === RATE_ONLY) {
  const monitoring = process.argv[3] === 'on';
  // Warm up so the JIT has compiled the hot path before timing.
  new Session(scenario, { monitoring }).advanceTo(HOUR);
  let best = 0;
  for (let run = 0; run < RUNS_PER_PROCESS; run++) {
    best = Math.max(best, timedRate(scenario, monitoring, 24));
  }
  process.stdout.write(String(best));
  process.exit(0);
}
const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
// Set by bench/run-bundled.mjs (`npm run bench:engine`), which bundles this file with esbuild.
const bundled = process.env.DRIFTDRILL_BENCH_BUNDLED === '1';
process.stdout.write(
  `Driftdrill engine bench — ${DEFAULT}, Node ${process.version}, throughput best of ` +
    `${PAIRED_RUNS} × ${RUNS_PER_PROCESS} (off and on in alternate processes), scoring best ` +
    `of ${SCORING_RUNS}; load average ${loadAverage()}\n` +
    (bundled
      ? 'Figures are for the engine bundled by esbuild, as the app ships it.\n\n'
      : 'NOT BUNDLED: figures are for unbundled code (e.g. tsx), about a third slower than ' +
        'the app; use `npm run bench:engine`.\n\n'),
);
const { off, on } = throughputOffAndOn();
row(
  'requests/s, full pipeline, monitoring off',
  Math.round(off).toLocaleString('en'),
  'target ≥ 1,000,000',
);
row('requests/s, full pipeline, monitoring on', Math.round(on).toLocaleString('en'), '');
row('monitoring cost (1 − on / off)', `${((1 - on / off) * 100).toFixed(1)}%`, 'target ≤ 30%');
const drift = benchWindowDrift();
row(
  'window drift, 20 numeric + 10 categorical fields',
  `${drift.medianMs.toFixed(3)} ms`,
  'target < 2 ms (median of 200)',
);
const scoring = bestScoring(scenario);
row(
  'debrief of 24 h: both replays, criteria, debrief',
  `${scoring.seconds.toFixed(2)} s`,
  'target < 3 s',
);
if ((globalThis as { gc?: unknown }).gc === undefined) {
  row('7-day heap at 50 req/s', 'skipped', 'run with node --expose-gc');
} else {
  const heap = heapAfterWeek(scenario);
  row(
    `7-day heap at 50 req/s (${(heap.requests / 1e6).toFixed(1)}M requests), peak`,
    `${heap.peakMb.toFixed(1)} MB`,
    'target < 150 MB',
  );
  row('7-day heap at 50 req/s, end', `${heap.endMb.toFixed(1)} MB`, '');
}
process.stdout.write(
  `\nload average at the end ${loadAverage()} (on a busy machine all figures suffer)\n`,
);
