import { basename } from 'node:path';
import { loadScenario, formatScenarioError } from '../engine/scenario/load';
import { formatDuration } from '../engine/scenario/duration';
import { expandScenarioPaths, readTextCapped } from './files';

/** `sim check`: validates files and folders; exit code 1 if any file is invalid. */
export function runCheck(paths: readonly string[]): number {
  if (paths.length === 0) {
    process.stderr.write('check: name at least one scenario file or folder\n');
    return 2;
  }
  const files = expandScenarioPaths(paths);
  const rows: string[][] = [];
  const details: string[] = [];
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readTextCapped(file);
    } catch (error) {
      failed++;
      rows.push([basename(file), 'error', '', '', '', '1']);
      details.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    const result = loadScenario(text, file);
    if (result.ok) {
      const s = result.scenario;
      rows.push([
        basename(file),
        'ok',
        s.id,
        s.difficulty,
        formatDuration(s.duration),
        `${s.faults.length} faults`,
      ]);
    } else {
      failed++;
      rows.push([basename(file), 'invalid', '', '', '', `${result.errors.length} errors`]);
      for (const e of result.errors) details.push(formatScenarioError(e));
    }
  }
  const header = ['file', 'status', 'id', 'difficulty', 'duration', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  process.stdout.write(`\n${files.length - failed} valid, ${failed} invalid\n`);
  if (details.length > 0) process.stderr.write(`\n${details.join('\n')}\n`);
  return failed > 0 ? 1 : 0;
}
