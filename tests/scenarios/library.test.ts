/**
 * The built-in scenario library: every file loads and matches the JSON Schema, the library
 * covers every fault family, and for each scenario over SEEDS seeds the faults make the
 * expected alerts fire (the benign one stays harmless), the reference response beats doing
 * nothing, and a rounded golden summary catches unintended engine changes.
 *
 * Runs stop at each scenario's `until` (onset, mitigation and a settle period), not at the
 * scenario's end: the first windows hold everything these checks look at.
 * UPDATE_GOLDEN=1 rewrites tests/golden/<id>.json; SCENARIO_SEEDS=N runs fewer seeds locally.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parse } from 'yaml';
import { loadScenario } from '../../electron/engine/scenario/load';
import { parseDuration, formatDuration } from '../../electron/engine/scenario/duration';
import { FAULT_TYPES, type Scenario } from '../../electron/engine/scenario/schema';

const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const TEMPLATE_DIR = fileURLToPath(new URL('../../scenarios/templates/', import.meta.url));
const GOLDEN_DIR = fileURLToPath(new URL('../golden/', import.meta.url));
const LEARNING_DIR = fileURLToPath(new URL('../../docs/learning/', import.meta.url));
const SEEDS = Number(process.env.SCENARIO_SEEDS ?? 20);
/**
 * The scoring check replays the whole scenario three times (learner, do nothing, reference);
 * above this many expected requests per replay it is left to `sim preview` to keep the suite fast
 * (only the 24-hour default scenario, about 1.3 million requests per replay, is over it).
 */
const SCORE_MAX_REQUESTS = 400_000;

function expectedRequests(s: Scenario): number {
  return (s.service.traffic.ratePerMinute * s.duration) / 60_000;
}
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/**
 * What each built-in scenario must show. `fires`: alerts (metric, or metric:field) that must
 * fire in the do-nothing run no later than `within` after the first fault, in every seed.
 * `compare`: what the reference response must lower against doing nothing, in every seed.
 */
interface Expectation {
  fires: string[];
  within: string;
  until: string;
  compare: 'harm' | 'cost' | 'benign';
}

const EXPECTATIONS: Record<string, Expectation> = {
  'cents-after-partner-release': {
    fires: ['output.flag_rate', 'input.violation_share', 'input.drift:amount'],
    within: '30m',
    until: '7h',
    compare: 'harm',
  },
  'claims-broker-renames-field': {
    fires: [
      'input.missing_share:claim_amount',
      'input.violation_share',
      'input.drift:claim_amount',
    ],
    within: '45m',
    until: '3h30m',
    compare: 'harm',
  },
  'credit-applicant-mix-shift': {
    fires: ['input.drift:debt_to_income', 'output.flag_rate'],
    within: '45m',
    until: '4h',
    compare: 'harm',
  },
  'fraud-patterns-shift-quietly': {
    fires: ['perf.recall'],
    within: '3h15m',
    until: '8h30m',
    compare: 'harm',
  },
  'router-retrieval-slowdown': {
    fires: ['system.timeout_rate', 'output.fallback_share', 'system.latency_p95'],
    within: '30m',
    until: '3h30m',
    compare: 'harm',
  },
  'router-cost-doubles': {
    fires: ['system.tokens_per_request', 'system.retry_rate', 'system.cost_per_hour'],
    within: '2h15m',
    until: '4h30m',
    compare: 'cost',
  },
  'moderation-outage-with-fallback': {
    fires: ['system.error_rate', 'output.fallback_share'],
    within: '20m',
    until: '3h30m',
    compare: 'harm',
  },
  'search-ranking-outage-no-fallback': {
    fires: ['system.error_rate', 'output.fallback_share'],
    within: '20m',
    until: '3h',
    compare: 'harm',
  },
  'holiday-mix-benign': {
    fires: ['input.drift:days_since_purchase', 'input.drift:gift_order'],
    within: '1h',
    until: '3h30m',
    compare: 'benign',
  },
  'labels-stop-arriving': {
    fires: ['perf.label_coverage'],
    within: '30m',
    until: '8h',
    compare: 'harm',
  },
  'seller-check-bad-release': {
    fires: ['output.score_drift'],
    within: '30m',
    until: '3h',
    compare: 'harm',
  },
  'phishing-wave-prior-shift': {
    fires: ['output.flag_rate'],
    within: '1h',
    until: '6h30m',
    compare: 'harm',
  },
  'bnpl-two-faults-red-herring': {
    fires: ['input.violation_share', 'system.timeout_rate', 'output.fallback_share'],
    within: '45m',
    until: '4h',
    compare: 'harm',
  },
};

/** Metrics that would show harm; a benign change must not fire them. */
const HARM_METRICS = [
  'output.flag_rate',
  'output.fallback_share',
  'perf.accuracy',
  'perf.precision',
  'perf.recall',
  'system.error_rate',
  'system.timeout_rate',
];

function ms(text: string): number {
  const v = parseDuration(text);
  if (v === null) throw new Error(`bad duration ${text}`);
  return v;
}

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `${dir}${f}`);
}

function load(file: string): Scenario {
  const result = loadScenario(readFileSync(file, 'utf8'), file);
  if (!result.ok)
    throw new Error(`${file} does not load: ${JSON.stringify(result.errors, null, 2)}`);
  return result.scenario;
}

const files = scenarioFiles(SCENARIO_DIR);
const library = files.map((file) => ({ file, scenario: load(file) }));

describe('the built-in library', () => {
  it('loads every scenario and template without errors (sim check)', () => {
    for (const file of [...files, ...scenarioFiles(TEMPLATE_DIR)]) {
      const result = loadScenario(readFileSync(file, 'utf8'), file);
      expect(result.ok ? [] : result.errors, file).toEqual([]);
    }
  });

  it('validates every scenario and template against scenarios/scenario.schema.json', async () => {
    // ajv is not a direct dependency yet (see the report); without it this test says so and skips.
    type Validator = ((data: unknown) => boolean) & { errors?: unknown };
    type AjvClass = new (options: object) => { compile: (schema: object) => Validator };
    const specifier = 'ajv/dist/2020';
    let Ajv2020: AjvClass;
    try {
      Ajv2020 = ((await import(specifier)) as { default: AjvClass }).default;
    } catch {
      console.warn(
        'JSON Schema check skipped: ajv is not installed (npm i -D ajv) so scenario.schema.json cannot be applied.',
      );
      return;
    }
    const schema = JSON.parse(
      readFileSync(`${SCENARIO_DIR}scenario.schema.json`, 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    for (const file of [...files, ...scenarioFiles(TEMPLATE_DIR)]) {
      const ok = validate(parse(readFileSync(file, 'utf8')));
      expect(ok ? [] : validate.errors, file).toEqual([]);
    }
  });

  it('has at least ten scenarios besides the default, each with an expectation row', () => {
    const ids = library.map((l) => l.scenario.id);
    expect(ids).toContain('cents-after-partner-release');
    expect(ids.length).toBeGreaterThanOrEqual(11);
    expect([...ids].sort()).toEqual(Object.keys(EXPECTATIONS).sort());
    for (const { file, scenario } of library)
      expect(file.endsWith(`/${scenario.id}.yaml`), file).toBe(true);
  });

  it('covers every fault family and all three difficulty levels', () => {
    const types = new Set(library.flatMap((l) => l.scenario.faults.map((f) => f.type)));
    for (const t of FAULT_TYPES) expect(types, `no scenario has a ${t} fault`).toContain(t);
    const levels = new Set(library.map((l) => l.scenario.difficulty));
    expect([...levels].sort()).toEqual(['advanced', 'beginner', 'intermediate']);
    const outages = library.filter((l) =>
      l.scenario.faults.some((f) => f.type === 'dependency-outage'),
    );
    const modes = new Set(outages.map((l) => l.scenario.service.pipeline.fallback.mode));
    expect(modes.has('error'), 'a dependency outage without a fallback').toBe(true);
    expect(
      [...modes].some((m) => m !== 'error'),
      'a dependency outage with a fallback',
    ).toBe(true);
    expect(
      library.some(
        (l) =>
          l.scenario.faults.length >= 2 &&
          l.scenario.changeLog.some((c) => c.causes === undefined && c.kind === 'deploy'),
      ),
    ).toBe(true);
  });

  it.each(library.map((l) => [l.scenario.id, l.scenario] as const))(
    '%s is complete and small enough for tests',
    (_id, s) => {
      expect(s.teaches.length).toBeGreaterThan(0);
      expect(s.briefing.slo.length).toBeGreaterThan(0);
      expect(s.briefing.runbook.length).toBeGreaterThan(0);
      expect(s.rubric.lessons.length).toBeGreaterThan(0);
      const ratings = new Set(s.rubric.actions.map((a) => a.rating));
      expect(ratings.has('recommended') && ratings.has('harmful')).toBe(true);
      for (const a of s.rubric.actions) expect(a.why.length).toBeGreaterThan(10);
      const commands = (s.reference?.actions ?? []).map((a) => a.command.type);
      expect(commands).toContain('diagnose');
      expect(commands).toContain('note');
      expect(s.duration).toBeLessThanOrEqual(ms('24h'));
      expect(s.service.traffic.ratePerMinute).toBeLessThanOrEqual(1200);
    },
  );

  it.each(library.map((l) => [l.scenario.id] as const))(
    '%s has a learning page with ten quick-check questions',
    (id) => {
      const file = `${LEARNING_DIR}${id}.md`;
      expect(existsSync(file), file).toBe(true);
      const text = readFileSync(file, 'utf8');
      const questions = text.slice(0, text.indexOf('<details>')).match(/^\d+\. /gm) ?? [];
      const answers = text.slice(text.indexOf('<details>')).match(/^\d+\. /gm) ?? [];
      expect(questions.length).toBe(10);
      expect(answers.length).toBe(10);
    },
  );
});

/** One seed of one scenario, as the worker reports it. */
interface SeedRun {
  seed: number;
  doNothing: Totals;
  reference: Totals;
  clean: Totals | null;
  /** First alert firing at or after onset, per metric and per metric:field (ms). */
  fired: Record<string, number>;
  golden: unknown;
}
/** Scoring engine totals on the full scenario, for the scenario's own seed. */
interface Score {
  max: number;
  reference: number;
  doNothing: number;
}
interface Totals {
  harm: number;
  cost: number;
  requests: number;
}
interface Task {
  id: string;
  file: string;
  seed: number;
  until: number;
  clean: boolean;
  golden: boolean;
  score: boolean;
}

/**
 * The runs, in CommonJS for a worker thread: each worker trains a scenario's models once and
 * then runs seeds (do nothing with monitoring, the reference without: monitoring only observes,
 * so harm and cost are the same either way — see scoring/replay.ts).
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
require('tsx/cjs');
const { readFileSync } = require('node:fs');
const engine = workerData.engine;
const { loadScenario } = require(engine + '/scenario/load.ts');
const { runWithActions } = require(engine + '/scoring/replay.ts');
const { referenceActions } = require(engine + '/scoring/reference-actions.ts');
const { summariseSession } = require(engine + '/summary.ts');
const { scoreSession } = require(engine + '/scoring/score.ts');
const scenarios = new Map();
function scenarioOf(file) {
  if (!scenarios.has(file)) {
    const r = loadScenario(readFileSync(file, 'utf8'), file);
    if (!r.ok) throw new Error(file + ' does not load');
    scenarios.set(file, { s: r.scenario, clean: { ...r.scenario, faults: [] } });
  }
  return scenarios.get(file);
}
// An investigation can carry the clock past the stop time; count only windows in [from, until).
function totalsAfter(session, from, until) {
  let harm = 0, cost = 0, requests = 0;
  for (const w of session.ledger.list()) {
    if (w.start < from || w.start >= until) continue;
    harm += w.harm; cost += w.costUsd; requests += w.requests;
  }
  return { harm, cost, requests };
}
function firstFirings(session, from) {
  const first = {};
  for (const a of session.monitor.alerts()) {
    if (a.firedAt < from) continue;
    for (const key of [a.metric, a.field ? a.metric + ':' + a.field : null]) {
      if (key !== null && (first[key] === undefined || a.firedAt < first[key])) first[key] = a.firedAt;
    }
  }
  return first;
}
parentPort.on('message', (task) => {
  try {
    const { s, clean } = scenarioOf(task.file);
    const onset = Math.min(...s.faults.map((f) => f.at));
    const dn = runWithActions(s, task.seed, [], { monitoring: true, until: task.until });
    const ref = runWithActions(s, task.seed, referenceActions(s).actions, { monitoring: false, until: task.until });
    const cleanRun = task.clean ? runWithActions(clean, task.seed, [], { monitoring: false, until: task.until }) : null;
    const fired = firstFirings(dn, onset);
    // The scoring engine on the full scenario: reference and do-nothing replays, one seed.
    const score = task.score
      ? scoreSession(s, task.seed, referenceActions(s).actions.map((a) => ({ t: a.at, command: a.command })))
      : null;
    parentPort.postMessage({
      ok: true,
      id: task.id,
      run: {
        seed: task.seed,
        doNothing: totalsAfter(dn, onset, task.until),
        reference: totalsAfter(ref, onset, task.until),
        clean: cleanRun ? totalsAfter(cleanRun, onset, task.until) : null,
        fired,
        golden: task.golden
          ? {
              doNothing: { ...summariseSession(dn), harmAfterOnset: totalsAfter(dn, onset, task.until).harm },
              reference: { ...summariseSession(ref), harmAfterOnset: totalsAfter(ref, onset, task.until).harm },
              fired,
              score: score
                ? { max: score.max, reference: score.runs.reference.total, doNothing: score.runs.doNothing.total }
                : null,
            }
          : null,
      },
    });
  } catch (error) {
    parentPort.postMessage({ ok: false, id: task.id, error: String(error && error.stack || error) });
  }
});
`;

const ENGINE_DIR = fileURLToPath(new URL('../../electron/engine', import.meta.url));
const WORKERS = Math.max(
  1,
  Number(process.env.SCENARIO_WORKERS ?? Math.min(4, availableParallelism())),
);

/** Runs every (scenario, seed) task on a small pool of worker threads; resolves with runs by id. */
function runAll(tasks: readonly Task[]): Promise<Map<string, SeedRun[]>> {
  return new Promise((resolve, reject) => {
    const results = new Map<string, SeedRun[]>();
    const queue = [...tasks];
    const workers: Worker[] = [];
    let pending = tasks.length;
    const finish = (error?: Error) => {
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else {
        for (const runs of results.values()) runs.sort((a, b) => a.seed - b.seed);
        resolve(results);
      }
    };
    const feed = (w: Worker) => {
      const task = queue.shift();
      if (task) w.postMessage(task);
    };
    for (let i = 0; i < Math.min(WORKERS, tasks.length); i++) {
      const w = new Worker(WORKER_CODE, { eval: true, workerData: { engine: ENGINE_DIR } });
      workers.push(w);
      w.on(
        'message',
        (m: { ok: true; id: string; run: SeedRun } | { ok: false; id: string; error: string }) => {
          if (!m.ok) return finish(new Error(`${m.id}: ${m.error}`));
          if (!results.has(m.id)) results.set(m.id, []);
          results.get(m.id)!.push(m.run);
          if (--pending === 0) finish();
          else feed(w);
        },
      );
      w.on('error', (e) => finish(e));
      feed(w);
    }
  });
}

let allRuns: Promise<Map<string, SeedRun[]>> | null = null;

/** Starts every scenario's seeds at once (so the pool stays busy), on first use. */
function runsFor(id: string): Promise<SeedRun[]> {
  if (allRuns === null) {
    const tasks: Task[] = [];
    for (const [sid, e] of Object.entries(EXPECTATIONS)) {
      const entry = library.find((l) => l.scenario.id === sid);
      if (!entry) continue;
      for (let i = 0; i < SEEDS; i++) {
        tasks.push({
          id: sid,
          file: entry.file,
          seed: entry.scenario.seed + i,
          until: ms(e.until),
          clean: e.compare === 'benign',
          golden: i === 0,
          score: i === 0 && expectedRequests(entry.scenario) <= SCORE_MAX_REQUESTS,
        });
      }
    }
    // Longest first, so the pool does not end waiting on one slow scenario.
    const weight = (t: Task) => {
      const s = library.find((l) => l.scenario.id === t.id)!.scenario;
      return s.service.traffic.ratePerMinute * (t.until + (t.score ? 3 * s.duration : 0));
    };
    tasks.sort((a, b) => weight(b) - weight(a));
    allRuns = runAll(tasks);
  }
  return allRuns.then((m) => m.get(id) ?? []);
}

/** Rounds every number to three significant figures, recursively. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(3)) : value;
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, rounded(v)]),
    );
  }
  return value;
}

describe.each(Object.entries(EXPECTATIONS))('%s over the seeds', (id, expectation) => {
  const entry = library.find((l) => l.scenario.id === id);
  let runs: SeedRun[] = [];
  let golden: unknown = null;
  let score: Score | null = null;
  let onset = 0;

  beforeAll(async () => {
    if (!entry) throw new Error(`no scenario ${id}`);
    const s = entry.scenario;
    onset = Math.min(...s.faults.map((f) => f.at));
    runs = await runsFor(id);
    const first = runs.find((r) => r.seed === s.seed);
    const g = first?.golden as
      | {
          doNothing: unknown;
          reference: unknown;
          fired: Record<string, number>;
          score: Score | null;
        }
      | undefined;
    score = g?.score ?? null;
    golden = g
      ? rounded({
          scenarioId: s.id,
          seed: s.seed,
          until: expectation.until,
          doNothing: g.doNothing,
          reference: g.reference,
          score: g.score,
          firstAlertsAfterOnset: Object.fromEntries(
            Object.entries(g.fired)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, t]) => [k, formatDuration(t)]),
          ),
        })
      : null;
  }, 1_800_000);

  it.each(expectation.fires)(
    `fires %s within ${expectation.within} of the first fault in every seed`,
    (key) => {
      const late = runs.filter((r) => {
        const t = r.fired[key];
        return t === undefined || t > onset + ms(expectation.within);
      });
      expect(
        late.map(
          (r) => `seed ${r.seed}: ${key in r.fired ? formatDuration(r.fired[key]) : 'never'}`,
        ),
      ).toEqual([]);
    },
  );

  if (expectation.compare === 'benign') {
    it('keeps harm per request within 5% of the same seeds without the change, and fires no harm alert', () => {
      for (const r of runs) {
        const withChange = r.doNothing.harm / r.doNothing.requests;
        const without = r.clean!.harm / r.clean!.requests;
        expect(Math.abs(withChange / without - 1), `seed ${r.seed}`).toBeLessThan(0.05);
        const harmAlerts = Object.keys(r.fired).filter((k) => HARM_METRICS.includes(k));
        expect(harmAlerts, `seed ${r.seed}`).toEqual([]);
      }
    });
    it('is answered without disruption: the reference leaves harm exactly as doing nothing', () => {
      for (const r of runs) expect(r.reference.harm, `seed ${r.seed}`).toBe(r.doNothing.harm);
    });
  } else {
    const what = expectation.compare;
    it(`the reference response has lower ${what} than doing nothing after onset in every seed`, () => {
      const worse = runs.filter((r) => r.reference[what] >= r.doNothing[what]);
      expect(
        worse.map((r) => `seed ${r.seed}: ${r.reference[what]} vs ${r.doNothing[what]}`),
      ).toEqual([]);
      const ratio =
        runs.reduce((a, r) => a + r.reference[what], 0) /
        runs.reduce((a, r) => a + r.doNothing[what], 0);
      expect(ratio).toBeLessThan(0.97);
    });
  }

  const scored = entry !== undefined && expectedRequests(entry.scenario) <= SCORE_MAX_REQUESTS;
  it.skipIf(!scored)(
    'the scoring engine rates the reference well above doing nothing on the scenario seed',
    () => {
      expect(score).not.toBeNull();
      expect(score!.reference).toBeGreaterThanOrEqual(0.8 * score!.max);
      expect(score!.reference - score!.doNothing).toBeGreaterThanOrEqual(0.3 * score!.max);
    },
  );

  it('matches its golden summary (UPDATE_GOLDEN=1 rewrites it)', () => {
    const file = `${GOLDEN_DIR}${id}.json`;
    const changed = `${GOLDEN_DIR}${id}-changed.json`;
    const text = `${JSON.stringify(golden, null, 2)}\n`;
    if (UPDATE_GOLDEN) {
      writeFileSync(file, text);
      rmSync(changed, { force: true });
      return;
    }
    const stored = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (stored === text) {
      rmSync(changed, { force: true });
      return;
    }
    writeFileSync(changed, text);
    expect.fail(
      stored === null
        ? `${file} is missing; wrote ${changed}. Run UPDATE_GOLDEN=1 npx vitest run tests/scenarios to create it.`
        : `the run no longer matches ${file}; compare it with ${changed}, then rerun with UPDATE_GOLDEN=1 if the change is intended.`,
    );
  });
});
