import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { loadScenario, formatScenarioError } from '../engine/scenario/load';
import { parseDuration } from '../engine/scenario/duration';
import { Session } from '../engine/session';
import { requestToJsonLine } from '../engine/log/request-log';
import { parseActionsFile } from '../engine/actions-file';
import { summariseSession } from '../engine/summary';
import { readTextCapped } from './files';
import { formatScore } from './score';
import { scoreSession } from '../engine/scoring/score';
import { serialiseSession } from '../engine/session-file';

export interface RunOptions {
  scenarioPath: string;
  seed?: string;
  until?: string;
  actionsPath?: string;
  outDir: string;
  writeRequests: boolean;
}

/** `sim run`: runs a scenario headless, optionally replaying an actions file, and writes its outputs. */
export async function runScenario(o: RunOptions): Promise<number> {
  const scenarioText = readTextCapped(o.scenarioPath);
  const loaded = loadScenario(scenarioText, o.scenarioPath);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(`${formatScenarioError(e)}\n`);
    return 1;
  }
  const scenario = loaded.scenario;
  const seed = o.seed === undefined ? scenario.seed : Number(o.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    process.stderr.write(`--seed must be a whole number ≥ 0, got "${o.seed}"\n`);
    return 2;
  }
  const until = o.until === undefined ? scenario.duration : parseDuration(o.until);
  if (until === null) {
    process.stderr.write(`--until must be a duration such as "6h" or "90m", got "${o.until}"\n`);
    return 2;
  }
  let actions: ReturnType<typeof parseActionsFile> = { ok: true, actions: [] };
  if (o.actionsPath) {
    actions = parseActionsFile(readTextCapped(o.actionsPath), o.actionsPath);
    if (!actions.ok) {
      for (const e of actions.errors) process.stderr.write(`${e}\n`);
      return 1;
    }
  }

  mkdirSync(o.outDir, { recursive: true });
  const requests = o.writeRequests ? createWriteStream(join(o.outDir, 'requests.jsonl')) : null;
  let buffered: string[] = [];
  const end = Math.min(until, scenario.duration);
  const session = new Session(scenario, {
    seed,
    onRecord: requests ? (r) => void buffered.push(requestToJsonLine(r, end)) : undefined,
  });
  const flush = async () => {
    if (!requests || buffered.length === 0) return;
    const chunk = buffered.join('\n') + '\n';
    buffered = [];
    if (!requests.write(chunk)) await once(requests, 'drain');
  };

  const results = [];
  for (const a of actions.ok ? actions.actions : []) {
    if (a.at > end) break;
    session.advanceTo(a.at);
    await flush();
    results.push({ at: a.at, command: a.command, result: session.apply(a.command) });
  }
  const hour = 3_600_000;
  while (session.now < end) {
    session.advanceTo(Math.min(end, session.now + hour));
    await flush();
  }
  await flush();
  if (requests) {
    requests.end();
    await once(requests, 'finish');
  }

  const write = (name: string, value: unknown) =>
    writeFileSync(join(o.outDir, name), `${JSON.stringify(value, null, 2)}\n`);
  write('events.json', { events: session.events.toArray(), actions: results });
  write('metrics.json', { windows: session.monitor?.history() ?? [] });
  write('alerts.json', { alerts: session.monitor?.alerts() ?? [] });
  const summary = summariseSession(session);
  write('summary.json', summary);
  if (o.actionsPath) {
    // The learner's run is this session when it reached the end; otherwise scoring replays it.
    const decisions = session.decisions.map((d) => ({ t: d.t, command: d.command }));
    const report = scoreSession(scenario, seed, decisions, { learner: session });
    write('score.json', report);
    writeFileSync(join(o.outDir, 'session.json'), serialiseSession(session, scenarioText));
    process.stdout.write(`${formatScore(report)}\n`);
  }
  process.stdout.write(
    `${scenario.id} seed ${seed}: ${summary.requests} requests, harm ${summary.harm.toFixed(1)}, ` +
      `cost $${summary.costUsd.toFixed(2)}, ${summary.alertsFired} alerts → ${o.outDir}\n`,
  );
  return 0;
}
