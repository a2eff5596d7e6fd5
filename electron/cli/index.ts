import { parseArgs } from 'node:util';
import { runCheck } from './check';
import { runScenario } from './run';

const USAGE = `Driftdrill headless runner

  npm run sim -- check <file-or-folder...>
      Validate scenario files; prints a summary table and every error with file:line:column.
  npm run sim -- run <scenario> [--seed N] [--until 24h] [--actions <file>] --out <dir>
      Run a scenario and write requests.jsonl, events.json, metrics.json, alerts.json, summary.json.
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
