import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatScenarioError, loadScenario } from '../engine/scenario/load';
import type { Scenario } from '../engine/scenario/schema';
import { scoreSession, type LoggedCommand } from '../engine/scoring/score';
import type { ScoreReport } from '../engine/scoring/score-types';
import { parseSessionFile } from '../engine/session-file';
import { expandScenarioPaths, readTextCapped } from './files';

export interface ScoreOptions {
  sessionPath: string;
  /** The scenario file; without it, the built-in library folder is searched by scenario id. */
  scenarioPath?: string;
  /** Where score.json goes; without it the report's JSON is not written. */
  out?: string;
  libraryDir?: string;
}

/** Returns the criterion table and total of a score report, as printed by `run` and `score`. */
export function formatScore(report: ScoreReport): string {
  const width = Math.max(...report.criteria.map((c) => c.label.length));
  const lines = report.criteria.map(
    (c) =>
      `  ${c.label.padEnd(width)}  ${formatPoints(c.points).padStart(5)} / ${String(c.max).padEnd(3)} ${c.explanation}`,
  );
  return [
    `${report.scenarioId} seed ${report.seed}: ${formatPoints(report.total)} / ${report.max} — ${report.verdict}`,
    ...lines,
  ].join('\n');
}

function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}

/** Finds the scenario file with this id in a folder, by the file name first. */
function findScenario(
  dir: string,
  id: string,
): { path: string; text: string; scenario: Scenario } | null {
  if (!existsSync(dir)) return null;
  const paths = expandScenarioPaths([dir]);
  const byName = paths.filter((p) => /[/\\]([^/\\]+)\.(ya?ml|json)$/i.exec(p)?.[1] === id);
  for (const path of [...byName, ...paths.filter((p) => !byName.includes(p))]) {
    const text = readTextCapped(path);
    const loaded = loadScenario(text, path);
    if (loaded.ok && loaded.scenario.id === id) return { path, text, scenario: loaded.scenario };
  }
  return null;
}

/**
 * `sim score`: re-scores a saved session file by replaying its decision log on its scenario,
 * refusing a file whose scenario id or hash does not match.
 */
export function runScore(o: ScoreOptions): number {
  const sessionText = readTextCapped(o.sessionPath);
  let scenarioId: unknown;
  try {
    scenarioId = (JSON.parse(sessionText) as { scenarioId?: unknown }).scenarioId;
  } catch {
    scenarioId = undefined;
  }
  let source: { path: string; text: string; scenario: Scenario } | null;
  if (o.scenarioPath) {
    const text = readTextCapped(o.scenarioPath);
    const loaded = loadScenario(text, o.scenarioPath);
    if (!loaded.ok) {
      for (const e of loaded.errors) process.stderr.write(`${formatScenarioError(e)}\n`);
      return 1;
    }
    source = { path: o.scenarioPath, text, scenario: loaded.scenario };
  } else {
    const dir = o.libraryDir ?? join(process.cwd(), 'scenarios');
    source = typeof scenarioId === 'string' ? findScenario(dir, scenarioId) : null;
    if (!source) {
      process.stderr.write(
        `${o.sessionPath}: no scenario "${String(scenarioId)}" in ${dir}; name its file with --scenario <file>.\n`,
      );
      return 1;
    }
  }
  const parsed = parseSessionFile(sessionText, source.scenario, source.text);
  if (!parsed.ok) {
    process.stderr.write(`${o.sessionPath}: ${parsed.error}\n`);
    return 1;
  }
  const decisions: LoggedCommand[] = parsed.file.decisions.map((d) => ({
    t: d.t,
    command: d.command,
    ...(d.role ? { role: d.role } : {}),
  }));
  const report = scoreSession(source.scenario, parsed.file.seed, decisions);
  process.stdout.write(`${formatScore(report)}\n`);
  if (o.out) {
    writeFileSync(o.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`→ ${o.out}\n`);
  }
  return 0;
}
