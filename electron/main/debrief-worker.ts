import { parentPort } from 'node:worker_threads';
import { loadScenario } from '../engine/scenario/load';
import type { Scenario } from '../engine/scenario/schema';
import { buildDebrief } from '../engine/scoring/debrief';
import type { LoggedCommand } from '../engine/scoring/score';

/**
 * A worker thread for scoring. A debrief replays the session and two baselines over the whole
 * scenario, seconds of work that would freeze the main process; here it runs beside it.
 */

/** One scoring job: the scenario file, the seed and the decision log. */
export interface DebriefJob {
  id: number;
  fileName: string;
  text: string;
  seed: number;
  decisions: LoggedCommand[];
}

/** The answer to one job. */
export type DebriefReply =
  { id: number; ok: true; debrief: unknown } | { id: number; ok: false; error: string };

/** Parsed scenarios by text: scoring caches baselines per Scenario object, so keep them stable. */
const scenarios = new Map<string, Scenario>();
const MAX_SCENARIOS = 4;

/** Returns the scenario for a file's text, parsing it once. */
function scenarioFor(fileName: string, text: string): Scenario {
  const hit = scenarios.get(text);
  if (hit) return hit;
  const result = loadScenario(text, fileName);
  if (!result.ok)
    throw new Error(`${fileName} no longer loads: ${result.errors[0]?.message ?? 'unknown error'}`);
  if (scenarios.size >= MAX_SCENARIOS) scenarios.delete(scenarios.keys().next().value!);
  scenarios.set(text, result.scenario);
  return result.scenario;
}

/** Runs one job and returns its reply (never throws). */
export function runDebriefJob(job: DebriefJob): DebriefReply {
  try {
    const scenario = scenarioFor(job.fileName, job.text);
    return { id: job.id, ok: true, debrief: buildDebrief(scenario, job.seed, job.decisions) };
  } catch (error) {
    return { id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (job: DebriefJob) => parentPort!.postMessage(runDebriefJob(job)));
