/**
 * Runs a TypeScript bench entry the way the app ships the engine: bundled into one ES module by
 * esbuild (as electron-vite bundles the engine thread), then run by plain Node with
 * `--expose-gc`. Under tsx every cross-module call is a property lookup on a module namespace,
 * which costs the engine about a third of its speed; bundled code calls functions directly.
 *
 *   node bench/run-bundled.mjs bench/engine-bench.ts [args…]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { basename, resolve } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node bench/run-bundled.mjs <entry.ts> [args…]\n');
  process.exit(2);
}
const outfile = resolve('out/bench', basename(entry).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  define: { 'process.env.DRIFTDRILL_BENCH_BUNDLED': '"1"' },
});
const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
