import { parentPort, workerData } from 'node:worker_threads';
import builtInIndex from 'virtual:library-index';
import { readBuiltInScenarios } from './built-in-scenarios';
import { serveEngine } from './engine-service';

/** The engine thread's entry: the built-in library from the folder main names, served to main. */
const data = workerData as { scenarioDir?: unknown } | null;
// Only inside the worker main starts; importing this module elsewhere (tests) does nothing.
if (parentPort && typeof data?.scenarioDir === 'string') {
  serveEngine(parentPort, { builtIns: readBuiltInScenarios(data.scenarioDir), builtInIndex });
}
