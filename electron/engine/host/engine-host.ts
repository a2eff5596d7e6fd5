import { z } from 'zod';
import type {
  BriefingView,
  EventChannel,
  Events,
  HandlerChannel,
  Handlers,
  LibraryEntry,
  ProgressEntry,
} from '../../shared/contract';
import { commandSchema } from '../commands';
import { TEAMS } from '../response/apply-command';
import { loadScenario, MAX_SCENARIO_BYTES } from '../scenario/load';
import { ROOT_CAUSES, type Scenario } from '../scenario/schema';
import { buildDebrief } from '../scoring/debrief';
import type { LoggedCommand } from '../scoring/score';
import type { Session } from '../session';
import { serialiseSession } from '../session-file';
import {
  MAX_LABEL_LENGTH,
  reportOfDebrief,
  resultFileName,
  resultFileOf,
  serialiseResult,
} from '../cohort/result-file';
import type { ScoreReport } from '../scoring/score-types';
import { entryFor, indexedEntry, type LibraryIndex, type ScenarioText } from './library-index';
import { SessionController, SPEEDS } from './session-controller';
import { FACILITATOR_REQUEST_SCHEMAS, facilitatorHandlers } from './facilitator';
import { TEAM_ROLES } from '../team-roles';

export type { ScenarioText } from './library-index';

/**
 * The engine behind the contract: the scenario library, one running session and its clock,
 * and saved progress. Pure TypeScript, so the same host serves Electron main (over IPC) and the
 * browser-mode Web Worker (over postMessage); the platform comes in through the constructor.
 */

/** Real time between clock frames, in ms (one display frame at 60 Hz). */
export const FRAME_MS = 16;
/** Compute allowed per frame, in ms: leaves the rest of the frame for IPC and rendering. */
export const BUDGET_MS = 12;
/** Least real time between two throttled snapshots, in ms (at most 10 per second). */
export const SNAPSHOT_INTERVAL_MS = 100;
/** Longest scenario text accepted through `library:open-text`, in UTF-16 code units. */
const MAX_TEXT_LENGTH = MAX_SCENARIO_BYTES;
/** Progress lines kept; older ones are dropped so the file stays small. */
const MAX_PROGRESS = 1000;

/** Where finished sessions are saved: a user-data file, IndexedDB, or memory in tests. */
export interface ProgressStorage {
  readProgress(): Promise<ProgressEntry[]>;
  writeProgress(entries: ProgressEntry[]): Promise<void>;
}

/** Sends an event to the renderer. */
export type Emit = <K extends EventChannel>(event: K, payload: Events[K]) => void;

/** Real time and timers, injected so tests can drive the clock frame by frame. */
export interface Scheduler {
  /** Monotonic real time in ms. */
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What scoring needs: the scenario (and its file, for hosts that score in another thread). */
export interface DebriefInput {
  scenario: Scenario;
  source: ScenarioText;
  seed: number;
  decisions: LoggedCommand[];
  /** The live session; scoring may reuse it once finished instead of replaying the learner. */
  session: Session;
}

/** Returns the session's debrief (a `Debrief`), or throws when it cannot be scored. */
export type DebriefBuilder = (input: DebriefInput) => unknown;

/** Scores where the engine runs: the browser Worker, or Electron main's engine thread. */
export const scoreInThisThread: DebriefBuilder = ({ scenario, seed, decisions, session }) => {
  // The rest of the scenario plays out with the learner's changes in place; finishing the live
  // session here saves replaying the learner's run from the start.
  if (!session.finished) session.advanceTo(scenario.duration);
  return buildDebrief(scenario, seed, decisions, { learner: session });
};

export interface EngineHostOptions {
  builtIns: readonly ScenarioText[];
  /** Entries of the built-ins computed at build time; files whose text changed are validated. */
  builtInIndex?: LibraryIndex;
  storage: ProgressStorage;
  emit: Emit;
  scheduler?: Scheduler;
  /** Makes the controller for a session; tests substitute one that fails on purpose. */
  createController?: (scenario: Scenario, seed: number | undefined) => SessionController;
  /** Builds the debrief for `session:debrief` (default: scoreInThisThread). */
  debrief?: DebriefBuilder;
}

/** The timers of the platform the host runs on (Node, Electron main or a Worker). */
export const realScheduler: Scheduler = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// Request schemas: every payload from the renderer is untrusted until it passes one of these.
const none = z
  .union([z.undefined(), z.null()])
  .transform((): void => undefined)
  .describe('no payload');
const key = z.string().min(1).max(300);
const progressEntrySchema = z.strictObject({
  scenarioId: z.string().min(1).max(200),
  title: z.string().max(200),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  finishedAt: z.iso.datetime({ offset: true }),
  score: z.number().finite(),
  maxScore: z.number().finite().min(0),
});

type RequestSchemas = { [K in HandlerChannel]: z.ZodType<Handlers[K]['request'], unknown> };

/** The schema each request payload must match, by channel (shared by IPC and the Worker). */
export const REQUEST_SCHEMAS: RequestSchemas = {
  'library:list': none,
  'library:open-text': z.strictObject({
    fileName: z.string().min(1).max(255),
    text: z.string().max(MAX_TEXT_LENGTH, 'the scenario file is larger than the 1 MiB limit'),
  }),
  'scenario:briefing': z.strictObject({ key }),
  'session:start': z.strictObject({
    key,
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
  }),
  'session:set-speed': z.strictObject({ speed: z.literal(SPEEDS) }),
  'session:step-window': none,
  // A learner's command, by one of the team roles. Faults are injected only through
  // "facilitator:inject", which checks the fault and records the facilitator's role; session
  // files and replays still hold `inject-fault` decisions.
  'session:command': z.strictObject({
    command: commandSchema.refine((command) => command.type !== 'inject-fault', {
      path: ['type'],
      message: 'faults are injected through "facilitator:inject", not as a learner\'s command',
    }),
    role: z.enum(TEAM_ROLES).optional(),
  }),
  'session:export': none,
  'session:debrief': none,
  'session:result': z.strictObject({
    learner: z.string().max(MAX_LABEL_LENGTH).optional(),
    finishedAt: z.iso.datetime({ offset: true }),
  }),
  'progress:list': none,
  'progress:add': progressEntrySchema,
  ...FACILITATOR_REQUEST_SCHEMAS,
};

/** A request the host refuses, with a message meant for the person at the screen. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
}

/** Returns the payload parsed for `channel`, or throws a RequestError that says what is wrong. */
export function parseRequest<K extends HandlerChannel>(
  channel: K,
  payload: unknown,
): Handlers[K]['request'] {
  const schema: z.ZodType<Handlers[K]['request'], unknown> = REQUEST_SCHEMAS[channel];
  const result = schema.safeParse(payload);
  if (!result.success) {
    throw new RequestError(`Invalid request for "${channel}":\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

type HandlerFns = {
  [K in HandlerChannel]: (request: Handlers[K]['request']) => Promise<Handlers[K]['response']>;
};

interface LibraryItem {
  entry: LibraryEntry;
  /** The parsed scenario; null when the file has errors or has not been validated yet. */
  scenario: Scenario | null;
  /** False for a built-in listed from the build's index and not opened since. */
  validated: boolean;
  source: ScenarioText;
}

/** Returns an error's message and stack for `session:error`. */
function describeFailure(error: unknown): { message: string; detail: string } {
  if (error instanceof Error)
    return { message: error.message || error.name, detail: error.stack ?? String(error) };
  return { message: String(error), detail: String(error) };
}

/** Returns what the briefing screen shows about a scenario. */
function briefingOf(entryKey: string, s: Scenario): BriefingView {
  return {
    key: entryKey,
    id: s.id,
    title: s.title,
    difficulty: s.difficulty,
    durationMs: s.duration,
    service: s.briefing.service.trim(),
    task: s.service.task,
    slo: [...s.briefing.slo],
    runbook: [...s.briefing.runbook],
    goals: [...s.briefing.goals],
    teaches: [...s.teaches],
    latencyBudgetMs: s.service.budgets.latencyMsP95,
    costBudgetUsdPerHour: s.service.budgets.costUsdPerHour,
    sources: s.service.traffic.sources.map((src) => src.name),
    fields: s.service.fields.map((f) => ({ name: f.name, type: f.type, unit: f.unit ?? '' })),
    versions: s.service.models.map((m) => m.version),
    rootCauses: [...ROOT_CAUSES],
    teams: [...TEAMS],
  };
}

/**
 * Implements every request channel of the contract over one engine session, and runs that
 * session's clock in frames that each stay within BUDGET_MS of compute.
 */
export class EngineHost {
  /** One async function per request channel; payloads must already be parsed. */
  readonly handlers: HandlerFns;
  private readonly library = new Map<string, LibraryItem>();
  private readonly builtIns: readonly ScenarioText[];
  private readonly builtInIndex: LibraryIndex;
  private builtInsLoaded = false;
  private readonly storage: ProgressStorage;
  private readonly emit: Emit;
  private readonly scheduler: Scheduler;
  private readonly createController: (
    scenario: Scenario,
    seed: number | undefined,
  ) => SessionController;
  private readonly debrief: DebriefBuilder;
  private controller: SessionController | null = null;
  /** The library item the running session was started from. */
  private activeItem: LibraryItem | null = null;
  private failure: { message: string; detail: string } | null = null;
  /** The last debrief's score, for `session:result`; tied to the session it scored. */
  private scored: { controller: SessionController; report: ScoreReport } | null = null;
  private timer: unknown = null;
  private lastFrameAt = 0;
  private lastSnapshotAt = Number.NEGATIVE_INFINITY;
  /** Running estimate of what one snapshot costs, in ms, so frames that take one still fit. */
  private snapshotCostMs = 0;
  private progressQueue: Promise<unknown> = Promise.resolve();

  constructor(options: EngineHostOptions) {
    this.builtIns = options.builtIns;
    this.builtInIndex = options.builtInIndex ?? {};
    this.storage = options.storage;
    this.emit = options.emit;
    this.scheduler = options.scheduler ?? realScheduler;
    this.createController =
      options.createController ?? ((scenario, seed) => new SessionController(scenario, seed));
    this.debrief = options.debrief ?? scoreInThisThread;
    this.handlers = {
      'library:list': async () => this.listLibrary(),
      'library:open-text': async ({ fileName, text }) => this.openText(fileName, text),
      'scenario:briefing': async ({ key: k }) => briefingOf(k, this.requireScenario(k)),
      'session:start': async ({ key: k, seed }) => this.start(k, seed),
      'session:set-speed': async ({ speed }) => {
        const c = this.requireLive();
        // A finished session stays paused; the clock has nowhere left to go.
        c.setSpeed(c.session.finished ? 0 : speed);
        // Pausing stops the loop now; the snapshot below already shows where the clock stands.
        if (c.speed === 0) this.stopLoop();
        this.emitSnapshot();
        this.ensureLoop();
      },
      'session:step-window': async () => {
        const c = this.requireLive();
        this.guard(() => c.stepWindow(), 'stepping one window');
        return this.emitSnapshot();
      },
      'session:command': async ({ command, role }) => {
        const c = this.requireLive();
        const result = this.guard(() => c.apply(command, role), `applying "${command.type}"`);
        this.emitSnapshot();
        return result;
      },
      'session:export': async () => this.exportSession(),
      'session:debrief': async () => this.buildDebrief(),
      'session:result': async ({ learner, finishedAt }) => this.resultFile(learner, finishedAt),
      'progress:list': async () => this.serialProgress(() => this.storage.readProgress()),
      'progress:add': async (entry) =>
        this.serialProgress(async () => {
          const next = [...(await this.storage.readProgress()), entry].slice(-MAX_PROGRESS);
          await this.storage.writeProgress(next);
          return next;
        }),
      ...facilitatorHandlers({
        session: () => this.requireSession(),
        live: () => this.requireLive(),
        guard: (work, what) => this.guard(work, what),
        pushSnapshot: () => void this.emitSnapshot(),
      }),
    };
  }

  /** Validates an untrusted payload for `channel` and runs its handler; rejects with a RequestError. */
  async invoke<K extends HandlerChannel>(
    channel: K,
    payload: unknown,
  ): Promise<Handlers[K]['response']> {
    const request = parseRequest(channel, payload);
    const handler: (request: Handlers[K]['request']) => Promise<Handlers[K]['response']> =
      this.handlers[channel];
    return handler(request);
  }

  /** Adds (or replaces) an opened scenario file in the library and returns its entry. */
  openText(fileName: string, text: string): LibraryEntry {
    this.loadBuiltIns();
    const result = loadScenario(text, fileName);
    const entry = entryFor('opened', fileName, result);
    this.library.set(entry.key, {
      entry,
      scenario: result.ok ? result.scenario : null,
      validated: true,
      source: { fileName, text },
    });
    return entry;
  }

  /** Adds a file that could not even be read (too large, unreadable) as an entry with one error. */
  rejectFile(fileName: string, message: string): LibraryEntry {
    this.loadBuiltIns();
    const entry: LibraryEntry = {
      key: `opened/${fileName}`,
      origin: 'opened',
      fileName,
      ok: false,
      errors: [{ file: fileName, line: 1, column: 1, path: '', message }],
    };
    this.library.set(entry.key, {
      entry,
      scenario: null,
      validated: true,
      source: { fileName, text: '' },
    });
    return entry;
  }

  /** Stops the clock; the host can be dropped afterwards. */
  dispose(): void {
    this.stopLoop();
    this.controller = null;
  }

  private listLibrary(): LibraryEntry[] {
    this.loadBuiltIns();
    return [...this.library.values()].map((item) => item.entry);
  }

  private loadBuiltIns(): void {
    if (this.builtInsLoaded) return;
    this.builtInsLoaded = true;
    for (const file of this.builtIns) {
      const known = indexedEntry(this.builtInIndex, file);
      if (known) {
        this.library.set(known.key, {
          entry: known,
          scenario: null,
          validated: false,
          source: file,
        });
        continue;
      }
      const result = loadScenario(file.text, file.fileName);
      const entry = entryFor('built-in', file.fileName, result);
      this.library.set(entry.key, {
        entry,
        scenario: result.ok ? result.scenario : null,
        validated: true,
        source: file,
      });
    }
  }

  /** Parses a built-in listed from the index, the first time someone needs its scenario. */
  private validate(item: LibraryItem): void {
    if (item.validated) return;
    const result = loadScenario(item.source.text, item.source.fileName);
    item.validated = true;
    item.scenario = result.ok ? result.scenario : null;
    item.entry = entryFor(item.entry.origin, item.source.fileName, result);
  }

  private requireScenario(entryKey: string): Scenario {
    return this.requireItem(entryKey).scenario;
  }

  private requireItem(entryKey: string): LibraryItem & { scenario: Scenario } {
    this.loadBuiltIns();
    const item = this.library.get(entryKey);
    if (!item) throw new RequestError(`There is no scenario "${entryKey}" in the library.`);
    this.validate(item);
    if (!item.scenario) {
      const count = item.entry.errors?.length ?? 0;
      throw new RequestError(
        `"${item.entry.fileName}" has ${count} error${count === 1 ? '' : 's'}; fix the file and open it again.`,
      );
    }
    return { ...item, scenario: item.scenario };
  }

  private start(
    entryKey: string,
    seed: number | undefined,
  ): ReturnType<SessionController['snapshot']> {
    const item = this.requireItem(entryKey);
    const scenario = item.scenario;
    this.stopLoop();
    this.controller = null;
    this.activeItem = item;
    this.failure = null;
    this.lastSnapshotAt = Number.NEGATIVE_INFINITY;
    try {
      this.controller = this.createController(scenario, seed);
      const snapshot = this.controller.snapshot();
      this.lastSnapshotAt = this.scheduler.now();
      return snapshot;
    } catch (error) {
      this.fail(error);
      throw new RequestError(`The scenario could not start: ${describeFailure(error).message}`);
    }
  }

  /** Returns the controller of a session that can still run, or throws saying why not. */
  private requireLive(): SessionController {
    const c = this.requireSession();
    if (this.failure) {
      throw new RequestError(
        `The engine stopped after an error (${this.failure.message}). Restart the scenario, or export the session so far.`,
      );
    }
    return c;
  }

  private requireSession(): SessionController {
    if (!this.controller) throw new RequestError('No session is running: start a scenario first.');
    return this.controller;
  }

  /** Runs engine work; an exception stops the clock, is pushed as `session:error`, and rethrown. */
  private guard<T>(work: () => T, what: string): T {
    try {
      return work();
    } catch (error) {
      this.fail(error);
      throw new RequestError(`The engine failed while ${what}: ${describeFailure(error).message}`);
    }
  }

  private fail(error: unknown): void {
    this.stopLoop();
    this.failure = describeFailure(error);
    this.emit('session:error', this.failure);
  }

  /** Takes and pushes a snapshot now (after commands and speed changes), returning it. */
  private emitSnapshot(): ReturnType<SessionController['snapshot']> {
    const c = this.requireSession();
    const started = this.scheduler.now();
    const snapshot = this.guard(() => c.snapshot(), 'taking a snapshot');
    const finished = this.scheduler.now();
    this.snapshotCostMs = this.snapshotCostMs * 0.8 + (finished - started) * 0.2;
    this.lastSnapshotAt = finished;
    this.emit('session:snapshot', snapshot);
    return snapshot;
  }

  private ensureLoop(): void {
    const c = this.controller;
    if (this.timer !== null || !c || this.failure || c.speed === 0 || c.session.finished) return;
    this.lastFrameAt = this.scheduler.now();
    this.timer = this.scheduler.setTimeout(() => this.frame(), FRAME_MS);
  }

  private stopLoop(): void {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One clock frame: advance virtual time within the budget, push a snapshot if one is due. */
  private frame(): void {
    this.timer = null;
    const c = this.controller;
    if (!c || this.failure) return;
    const frameStart = this.scheduler.now();
    const elapsed = frameStart - this.lastFrameAt;
    this.lastFrameAt = frameStart;
    const snapshotDue = frameStart - this.lastSnapshotAt >= SNAPSHOT_INTERVAL_MS;
    // A frame that also takes a snapshot leaves room for it, so the whole frame fits the budget.
    const budget = snapshotDue ? Math.max(1, BUDGET_MS - this.snapshotCostMs) : BUDGET_MS;
    try {
      c.tick(elapsed, budget, () => this.scheduler.now());
    } catch (error) {
      this.fail(error);
      return;
    }
    const running = c.speed > 0 && !c.session.finished;
    try {
      // The last frame always reports, so the screen shows where the clock stopped.
      if (snapshotDue || !running) this.emitSnapshot();
    } catch {
      return; // emitSnapshot has already reported the failure and stopped the loop
    }
    if (!running) return;
    const spent = this.scheduler.now() - frameStart;
    this.timer = this.scheduler.setTimeout(() => this.frame(), Math.max(1, FRAME_MS - spent));
  }

  private exportSession(): { fileName: string; json: string } {
    const s = this.requireSession().session;
    // The file carries the scenario's hash, so `sim score` refuses it against a changed file.
    const text = this.activeItem?.source.text ?? '';
    return {
      fileName: `${s.scenario.id}-seed-${s.seed}.session.json`,
      json: serialiseSession(s, text),
    };
  }

  /** Returns the debrief, or `{ ok: false, error }` when scoring failed (the screen says why). */
  private async buildDebrief(): Promise<unknown> {
    const controller = this.requireSession();
    const s = controller.session;
    const source = this.activeItem?.source ?? { fileName: `${s.scenario.id}.yaml`, text: '' };
    const decisions = s.decisions.map((d): LoggedCommand => ({
      t: d.t,
      command: d.command,
      ...(d.role ? { role: d.role } : {}),
    }));
    try {
      const debrief = await this.debrief({
        scenario: s.scenario,
        source,
        seed: s.seed,
        decisions,
        session: s,
      });
      const report = reportOfDebrief(debrief);
      this.scored = report ? { controller, report } : null;
      return debrief;
    } catch (error) {
      return {
        ok: false,
        error: `The session could not be scored: ${describeFailure(error).message}`,
      };
    }
  }

  /** Returns the scored session as a result file, named for its scenario, seed and learner. */
  private resultFile(
    learner: string | undefined,
    finishedAt: string,
  ): { fileName: string; json: string } {
    const controller = this.requireSession();
    if (this.scored?.controller !== controller)
      throw new RequestError(
        'This session has no score yet: finish it and wait for the debrief before saving a result file.',
      );
    const s = controller.session;
    const result = resultFileOf({
      scenario: s.scenario,
      scenarioText: this.activeItem?.source.text ?? '',
      seed: s.seed,
      decisions: s.decisions,
      report: this.scored.report,
      learner: learner ?? null,
      finishedAt,
    });
    return { fileName: resultFileName(result), json: serialiseResult(result) };
  }

  /** Runs progress reads and writes one at a time so two quick saves cannot lose a line. */
  private serialProgress<T>(work: () => Promise<T>): Promise<T> {
    const next = this.progressQueue.then(work, work);
    this.progressQueue = next.catch(() => undefined);
    return next;
  }
}
