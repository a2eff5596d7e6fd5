/** The engine thread for bench/main-loop-bench.ts: the app's engine service, built-ins from disk. */
import { parentPort, workerData } from 'node:worker_threads';
import { readBuiltInScenarios } from '../electron/main/built-in-scenarios';
import { serveEngine } from '../electron/main/engine-service';

const { scenarioDir } = workerData as { scenarioDir: string };
if (parentPort) serveEngine(parentPort, { builtIns: readBuiltInScenarios(scenarioDir) });
