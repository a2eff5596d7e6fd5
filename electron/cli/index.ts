import { parseArgs } from 'node:util';
import { runCheck } from './check';
import { runScenario } from './run';
import { runNew, TEMPLATES } from './new';
import { runPreview } from './preview';
import { runScore } from './score';

const USAGE = `Driftdrill headless runner

  npm run sim -- check <file-or-folder...>
      Validate scenario files; prints a summary table and every error with file:line:column.
  npm run sim -- run <scenario> [--seed N] [--until 24h] [--actions <file>] --out <dir>
      Run a scenario and write requests.jsonl, events.json, metrics.json, alerts.json, summary.json;
      with --actions also score.json (the score against doing nothing and the reference) and
      session.json (a session file that \`score\` can replay).
  npm run sim -- score <session file> [--scenario <file>] [--out score.json]
      Re-score a saved session by replaying its decision log; the scenario is found by id in
      ./scenarios unless --scenario names it. Refuses a session recorded on another version.
  npm run sim -- new <template> [--out <file>] [--force]
      Write a commented starter scenario (templates: ${Object.keys(TEMPLATES).join(', ')});
      prints it when --out is not given.
  npm run sim -- preview <scenario> [--seeds 20] [--json]
      Print the fault timeline, the alerts the reference response meets and the score range of
      the reference and of doing nothing over N seeds (three full replays per seed).
`;

/** Entry point of `npm run sim`; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest);
    case 'run': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          seed: { type: 'string' },
          until: { type: 'string' },
          actions: { type: 'string' },
          out: { type: 'string' },
          'no-requests': { type: 'boolean' },
        },
      });
      if (positionals.length !== 1 || !values.out) {
        process.stderr.write(USAGE);
        return 2;
      }
      return runScenario({
        scenarioPath: positionals[0],
        seed: values.seed,
        until: values.until,
        actionsPath: values.actions,
        outDir: values.out,
        writeRequests: !values['no-requests'],
      });
    }
    case 'new': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { out: { type: 'string' }, force: { type: 'boolean' } },
      });
      if (positionals.length > 1) {
        process.stderr.write(USAGE);
        return 2;
      }
      return runNew({ template: positionals[0], out: values.out, force: values.force });
    }
    case 'preview': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { seeds: { type: 'string' }, json: { type: 'boolean' } },
      });
      if (positionals.length !== 1) {
        process.stderr.write(USAGE);
        return 2;
      }
      return runPreview({ scenarioPath: positionals[0], seeds: values.seeds, json: values.json });
    }
    case 'score': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { scenario: { type: 'string' }, out: { type: 'string' } },
      });
      if (positionals.length !== 1) {
        process.stderr.write(USAGE);
        return 2;
      }
      return runScore({
        sessionPath: positionals[0],
        scenarioPath: values.scenario,
        out: values.out,
      });
    }
    default:
      process.stderr.write(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
