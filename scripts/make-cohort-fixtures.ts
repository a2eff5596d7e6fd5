/**
 * Writes the cohort test fixtures in tests/fixtures/cohort/: result files made the way the app
 * makes them — the engine host runs a built-in scenario, applies each team's decisions at their
 * times, scores the session (`session:debrief`) and exports it (`session:result`). Scores are
 * never typed in by hand. One more file is a real export with a comma deleted, as a hand edit
 * might leave it, for the "malformed file" cases.
 *
 *   npx tsx scripts/make-cohort-fixtures.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from '../electron/engine/commands';
import { EngineHost, type Scheduler } from '../electron/engine/host/engine-host';
import type { ProgressEntry } from '../electron/shared/contract';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'tests/fixtures/cohort');
const SCENARIO_FILE = 'router-cost-doubles.yaml';
const KEY = `built-in/${SCENARIO_FILE}`;
const MIN = 60_000;
const H = 60 * MIN;

interface Step {
  at: number;
  command: Command;
  role?: string;
}

interface Team {
  learner: string;
  finishedAt: string;
  steps: Step[];
}

const NOTE: Command = {
  type: 'note',
  assumption: 'Spend is measured per request; the $60 an hour budget is the limit that matters.',
  evidence:
    'Tokens per request doubled at 01:45, right after the retrieval experiment set k to 12.',
  action: 'Revert the experiment and the gateway deadline; cap retries at 1.',
  evidenceLinks: [],
  latencyBudgetKnown: true,
  costsMeasured: true,
};

/** Three teams: close to the reference, slower, and one that caps cost and names the wrong cause. */
const TEAMS: Team[] = [
  {
    learner: 'Team Atlas',
    finishedAt: '2026-11-24T10:42:00Z',
    steps: [
      { at: 2 * H + 10 * MIN, command: { type: 'investigate', tool: 'cost' }, role: 'ml-on-call' },
      {
        at: 2 * H + 15 * MIN,
        command: { type: 'investigate', tool: 'change-log' },
        role: 'ml-on-call',
      },
      {
        at: 2 * H + 20 * MIN,
        command: { type: 'revert-change', changeId: 'retrieval-k-experiment' },
        role: 'incident-commander',
      },
      {
        at: 2 * H + 25 * MIN,
        command: { type: 'diagnose', rootCause: 'cost-creep' },
        role: 'incident-commander',
      },
      { at: 2 * H + 30 * MIN, command: NOTE, role: 'scribe' },
      {
        at: 3 * H + 35 * MIN,
        command: { type: 'investigate', tool: 'traces' },
        role: 'ml-on-call',
      },
      {
        at: 3 * H + 40 * MIN,
        command: { type: 'revert-change', changeId: 'gateway-deadline' },
        role: 'incident-commander',
      },
      {
        at: 3 * H + 45 * MIN,
        command: { type: 'set-limits', retryMax: 1 },
        role: 'incident-commander',
      },
      { at: 5 * H, command: { type: 'resolve' }, role: 'incident-commander' },
    ],
  },
  {
    learner: 'Team Birch',
    finishedAt: '2026-11-24T10:47:30Z',
    steps: [
      { at: 3 * H, command: { type: 'investigate', tool: 'cost' } },
      {
        at: 3 * H + 30 * MIN,
        command: { type: 'revert-change', changeId: 'retrieval-k-experiment' },
      },
      { at: 3 * H + 40 * MIN, command: { type: 'diagnose', rootCause: 'cost-creep' } },
      { at: 4 * H + 30 * MIN, command: { type: 'set-limits', retryMax: 1 } },
      { at: 6 * H, command: { type: 'resolve' } },
    ],
  },
  {
    learner: 'Team Cedar',
    finishedAt: '2026-11-24T10:51:10Z',
    steps: [
      { at: 4 * H, command: { type: 'set-limits', costCapUsdPerHour: 60 } },
      { at: 4 * H + 10 * MIN, command: { type: 'diagnose', rootCause: 'covariate-drift' } },
      { at: 5 * H, command: { type: 'resolve' } },
    ],
  },
  {
    learner: 'Team Delta',
    finishedAt: '2026-11-24T10:55:00Z',
    steps: [
      { at: 2 * H + 50 * MIN, command: { type: 'investigate', tool: 'change-log' } },
      { at: 3 * H, command: { type: 'revert-change', changeId: 'retrieval-k-experiment' } },
      { at: 4 * H, command: { type: 'resolve' } },
    ],
  },
];

/** Timers that never fire: the script moves the clock itself, window by window. */
const stoppedClock: Scheduler = {
  now: () => 0,
  setTimeout: () => 0,
  clearTimeout: () => undefined,
};

/** Plays one team's session through the host and returns its exported result file. */
async function play(host: EngineHost, team: Team): Promise<{ fileName: string; json: string }> {
  let snapshot = await host.invoke('session:start', { key: KEY });
  for (const step of team.steps) {
    while (snapshot.now < step.at) snapshot = await host.invoke('session:step-window', undefined);
    const result = await host.invoke('session:command', {
      command: step.command,
      ...(step.role ? { role: step.role } : {}),
    });
    if (!result.ok)
      throw new Error(`${team.learner}: ${step.command.type} failed: ${result.error}`);
  }
  await host.invoke('session:debrief', undefined);
  return host.invoke('session:result', { learner: team.learner, finishedAt: team.finishedAt });
}

async function main(): Promise<void> {
  let progress: ProgressEntry[] = [];
  const host = new EngineHost({
    builtIns: [
      {
        fileName: SCENARIO_FILE,
        text: readFileSync(join(ROOT, 'scenarios', SCENARIO_FILE), 'utf8'),
      },
    ],
    storage: {
      readProgress: async () => progress,
      writeProgress: async (entries) => {
        progress = entries;
      },
    },
    emit: () => undefined,
    scheduler: stoppedClock,
  });
  mkdirSync(OUT, { recursive: true });
  for (const team of TEAMS) {
    const { fileName, json } = await play(host, team);
    if (team.learner === 'Team Delta') {
      // A hand edit gone wrong: the comma after the seed is gone.
      const broken = json.replace(/("seed": \d+),\n/, '$1\n');
      if (broken === json) throw new Error('Could not break the Team Delta file.');
      writeFileSync(join(OUT, fileName), broken);
    } else writeFileSync(join(OUT, fileName), json);
    const score = (JSON.parse(json) as { score: { total: number; max: number } }).score;
    console.log(`${fileName}  ${score.total} / ${score.max}`);
  }
  host.dispose();
}

void main();
