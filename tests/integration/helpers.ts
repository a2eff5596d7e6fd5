/**
 * Shared helpers for the monitoring integration tests: scenarios from the built-in library or
 * from tests/fixtures/integration, monitored sessions (run once per scenario and seed, advanced
 * as far as the tests ask), and small accessors over the window metrics.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'yaml';
import type { Monitor } from '../../electron/engine/monitor/monitor';
import type {
  FieldMetrics,
  SourceFieldMetrics,
  SourceMetrics,
  WindowMetrics,
} from '../../electron/engine/monitor/window-metrics';
import { formatScenarioError, loadScenario } from '../../electron/engine/scenario/load';
import type { Scenario } from '../../electron/engine/scenario/schema';
import { Session } from '../../electron/engine/session';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LIBRARY = join(ROOT, 'scenarios');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'integration');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Objects merged key by key; anything else (lists included) replaced. */
function merge(base: Json, over: Json): Json {
  if (!isObject(base) || !isObject(over)) return over;
  const out: { [key: string]: Json } = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? merge(base[k], v) : v;
  return out;
}

function load(text: string, file: string): Scenario {
  const result = loadScenario(text, file);
  if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
  return result.scenario;
}

const scenarios = new Map<string, Scenario>();

/** The absolute path of a built-in scenario file, `scenarios/<id>.yaml`. */
export function libraryPath(id: string): string {
  return join(LIBRARY, `${id}.yaml`);
}

/** A built-in scenario, `scenarios/<id>.yaml`, validated by the real loader (cached). */
export function libraryScenario(id: string): Scenario {
  const key = `library:${id}`;
  let s = scenarios.get(key);
  if (s === undefined) {
    const file = libraryPath(id);
    s = load(readFileSync(file, 'utf8'), file);
    scenarios.set(key, s);
  }
  return s;
}

/**
 * The fixture service `steady-service.yaml`, alone (name '') or with
 * `faults/<name>.yaml` merged over it (cached).
 */
export function fixtureScenario(name = ''): Scenario {
  const key = `fixture:${name}`;
  let s = scenarios.get(key);
  if (s === undefined) {
    const base = yaml.parse(readFileSync(join(FIXTURES, 'steady-service.yaml'), 'utf8')) as Json;
    const merged =
      name === ''
        ? base
        : merge(
            base,
            yaml.parse(readFileSync(join(FIXTURES, 'faults', `${name}.yaml`), 'utf8')) as Json,
          );
    s = load(yaml.stringify(merged), name === '' ? 'steady-service.yaml' : `faults/${name}.yaml`);
    scenarios.set(key, s);
  }
  return s;
}

const sessions = new Map<string, Session>();

/**
 * A monitored session of `scenario` (its own seed unless one is given), advanced to at least
 * `until`. One session per scenario and seed is shared by every test that asks for it, and is
 * only ever advanced, so tests read the windows and alerts of the period they care about.
 */
export function monitoredRun(scenario: Scenario, until: number, seed = scenario.seed): Monitor {
  const key = `${scenario.id}#${seed}`;
  let session = sessions.get(key);
  if (session === undefined || session.scenario !== scenario) {
    session = new Session(scenario, { seed });
    sessions.set(key, session);
  }
  if (session.now < until) session.advanceTo(until);
  const monitor = session.monitor;
  if (monitor === null) throw new Error('monitoring is off');
  return monitor;
}

/** Closed windows lying entirely inside [from, to). */
export function windowsIn(
  history: readonly WindowMetrics[],
  from: number,
  to: number,
): WindowMetrics[] {
  return history.filter((w) => w.start >= from && w.end <= to);
}

/** Mean of the non-null values of `value` over the windows (NaN when there are none). */
export function meanOf(
  windows: readonly WindowMetrics[],
  value: (w: WindowMetrics) => number | null | undefined,
): number {
  let sum = 0;
  let n = 0;
  for (const w of windows) {
    const v = value(w);
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? Number.NaN : sum / n;
}

/** A declared field's metrics in a window. */
export function field(w: WindowMetrics, name: string): FieldMetrics {
  const f = w.input.fields.find((x) => x.field === name);
  if (f === undefined) throw new Error(`no field ${name} in window ${w.index}`);
  return f;
}

/** One source's view of a field in a window (undefined if the source sent nothing). */
export function fieldFrom(
  w: WindowMetrics,
  name: string,
  source: string,
): SourceFieldMetrics | undefined {
  return field(w, name).bySource.find((s) => s.source === source);
}

/** A source's output and system figures in a window (undefined if it sent nothing). */
export function source(w: WindowMetrics, name: string): SourceMetrics | undefined {
  return w.sources.find((s) => s.source === name);
}
