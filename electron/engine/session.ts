import type { Scenario } from './scenario/schema';
import type { Command } from './commands';
import type { Millis } from './units';
import { FaultTimeline, inScope } from './faults/active-faults';
import { faultIntensity } from './faults/intensity';
import { ModelRegistry } from './model/registry';
import { TrainingStore } from './model/training-store';
import { Pipeline } from './pipeline/pipeline';
import type { LabelArrival, RequestRecord } from './pipeline/request-record';
import { initialServingConfig, type ServingConfig } from './pipeline/serving-config';
import { World } from './world/world';
import { OutcomeLedger } from './world/outcome-ledger';
import { RequestLog } from './log/request-log';
import { RingBuffer } from './log/ring-buffer';
import { Monitor } from './monitor/monitor';
import { applyCommand } from './response/apply-command';
import type { CommandResult, DecisionLogEntry, EngineEvent, PendingTask } from './session-types';

const STEP_MS = 1000;
const MAX_PENDING_LABELS = 2_000_000;
const MAX_EVENTS = 5000;

export interface SessionOptions {
  seed?: number;
  /** Monitoring can be switched off to measure its cost in the benchmark. */
  monitoring?: boolean;
  /** Called for every request in time order (the CLI streams these to requests.jsonl). */
  onRecord?: (record: RequestRecord) => void;
  /** Newest requests kept for investigations; replays that nobody reads can keep fewer. */
  logCapacity?: number;
}

/** Trained registries are shared between sessions of the same scenario object. */
const registryCache = new WeakMap<Scenario, ModelRegistry>();

/**
 * One run of a scenario: the world, the service, monitoring and the learner's actions on a
 * virtual clock. Same scenario, seed and decision log → the same run, to the number.
 */
export class Session {
  readonly seed: number;
  readonly world: World;
  readonly faults: FaultTimeline;
  readonly registry: ModelRegistry;
  readonly pipeline: Pipeline;
  readonly monitor: Monitor | null;
  readonly log: RequestLog;
  readonly store: TrainingStore;
  readonly ledger: OutcomeLedger;
  readonly config: ServingConfig;
  readonly decisions: DecisionLogEntry[] = [];
  readonly events = new RingBuffer<EngineEvent>(MAX_EVENTS);
  readonly pending: PendingTask[] = [];
  private readonly labelQueue: LabelArrival[] = [];
  private labelHead = 0;
  private readonly onsetSeen = new Set<string>();
  private readonly changesSeen = new Set<string>();
  private readonly onRecord: ((r: RequestRecord) => void) | undefined;
  private nextId = 0;
  private clock = 0;
  /** Ends of team fixes and other delayed effects, run when the clock passes `readyAt`. */
  private readonly completions = new Map<string, () => string>();

  constructor(
    readonly scenario: Scenario,
    options: SessionOptions = {},
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.world = new World(scenario, this.seed);
    this.faults = new FaultTimeline(scenario.faults);
    let cached = registryCache.get(scenario);
    if (!cached) {
      cached = ModelRegistry.forScenario(scenario);
      registryCache.set(scenario, cached);
    }
    this.registry = new ModelRegistry();
    for (const v of cached.list()) this.registry.add(v);
    this.pipeline = new Pipeline(scenario, this.seed, this.registry);
    this.monitor = options.monitoring === false ? null : new Monitor(scenario);
    this.log = new RequestLog(this.seed, options.logCapacity);
    this.store = new TrainingStore(this.seed);
    this.ledger = new OutcomeLedger(scenario.monitoring.window);
    this.config = initialServingConfig(scenario);
    this.onRecord = options.onRecord;
  }

  /** Current virtual time in ms since the scenario started. */
  get now(): Millis {
    return this.clock as Millis;
  }

  /** Whether the scenario's duration has run out. */
  get finished(): boolean {
    return this.clock >= this.scenario.duration;
  }

  /** Records an event, keeping the newest few thousand. */
  emit(event: EngineEvent): void {
    this.events.push(event);
  }

  /** Schedules `effect` to run once the clock reaches `readyAt`; it returns a message. */
  schedule(task: PendingTask, effect: () => string): void {
    this.pending.push(task);
    this.completions.set(task.id, effect);
  }

  /**
   * Runs the world forward to virtual time `t`, rounded down to a whole step and clamped to the
   * scenario's end. Whole steps keep a run independent of how a host slices time: a live
   * session and its replay draw exactly the same arrivals.
   */
  advanceTo(t: number): void {
    const end = Math.min(Math.floor(t / STEP_MS) * STEP_MS, this.scenario.duration);
    while (this.clock < end) {
      const stepEnd = Math.min(end, Math.floor(this.clock / STEP_MS) * STEP_MS + STEP_MS);
      this.runStep(this.clock, stepEnd - this.clock);
      this.clock = stepEnd;
      this.monitor?.advanceTo(this.clock);
    }
  }

  /** Runs the world forward by `ms`. */
  advanceBy(ms: number): void {
    this.advanceTo(this.clock + ms);
  }

  private runStep(t: number, stepMs: number): void {
    this.runDueTasks(t);
    this.faults.update(t);
    this.noteTimeline(t);
    this.world.prepareStep(this.faults);
    this.releaseLabels(t);

    const n = this.world.traffic.arrivals(t, stepMs);
    this.pipeline.beginStep(t, stepMs, n, this.config, this.faults);
    for (let i = 0; i < n; i++) {
      const at = (t + ((i + 0.5) * stepMs) / n) as Millis;
      const record = this.pipeline.process(
        this.nextId++,
        at,
        this.world.nextRequest(),
        this.config,
        this.faults,
      );
      this.log.append(record);
      this.store.add(record);
      this.ledger.record(record);
      this.monitor?.observe(record);
      // Only monitoring consumes label arrivals; without it the queue would be dead weight.
      if (record.labelAt !== null && this.monitor !== null) this.enqueueLabel(record);
      this.onRecord?.(record);
    }
  }

  private runDueTasks(t: number): void {
    for (let i = 0; i < this.pending.length;) {
      const task = this.pending[i];
      if (task.readyAt > t) {
        i++;
        continue;
      }
      this.pending.splice(i, 1);
      const effect = this.completions.get(task.id);
      this.completions.delete(task.id);
      const message = effect ? effect() : task.description;
      this.emit({ kind: 'task-complete', t: task.readyAt, task: task.kind, message });
    }
  }

  private noteTimeline(t: number): void {
    for (const f of this.faults.all()) {
      if (f.at > t || this.onsetSeen.has(f.id)) continue;
      this.onsetSeen.add(f.id);
      this.emit({
        kind: 'fault-onset',
        t: f.at,
        faultId: f.id,
        faultType: f.type,
        injected: !this.scenario.faults.includes(f),
      });
      if (f.type === 'bad-release') {
        this.config.serving = f.version;
        this.emit({ kind: 'deploy', t: f.at, version: f.version, by: 'scenario' });
      }
    }
    for (const c of this.scenario.changeLog) {
      if (c.at > t || this.changesSeen.has(c.id)) continue;
      this.changesSeen.add(c.id);
      this.emit({ kind: 'change', t: c.at, changeId: c.id, title: c.title, changeKind: c.kind });
    }
  }

  private enqueueLabel(r: RequestRecord): void {
    if (this.labelQueue.length - this.labelHead >= MAX_PENDING_LABELS) return;
    this.labelQueue.push({
      requestId: r.id,
      t: r.labelAt as Millis,
      requestT: r.t,
      source: r.source,
      version: r.version,
      route: r.route,
      score: r.score,
      flagged: r.flagged,
      label: r.label,
    });
  }

  /**
   * Whether the label pipeline delivered a label due at `t` for `source`: not while a label
   * outage acts on that source (shape, scope and any fix included). Monitoring, retraining and
   * investigations all ask this, so they agree on which labels exist.
   */
  labelDelivered(t: number, source: string): boolean {
    for (const f of this.faults.all()) {
      if (f.type !== 'label-outage' || !inScope(f, source)) continue;
      if (faultIntensity(f, t, this.faults.endTime(f.id)) > 0) return false;
    }
    return true;
  }

  private releaseLabels(t: number): void {
    while (this.labelHead < this.labelQueue.length && this.labelQueue[this.labelHead].t <= t) {
      const l = this.labelQueue[this.labelHead++];
      if (this.labelDelivered(l.t, l.source)) this.monitor?.observeLabel(l);
    }
    // Compact occasionally so the queue's memory follows the labels still in flight.
    if (this.labelHead > 65_536 && this.labelHead * 2 > this.labelQueue.length) {
      this.labelQueue.splice(0, this.labelHead);
      this.labelHead = 0;
    }
  }

  /** Applies a command at the current virtual time and appends it to the decision log. */
  apply(command: Command, role?: string): CommandResult {
    // Logged at the time it was issued; investigations then let the clock run on.
    const t = this.clock;
    const result = applyCommand(this, command);
    const seq = this.decisions.length;
    this.decisions.push({ seq, t, command, ...(role ? { role } : {}), result });
    this.emit({
      kind: 'command',
      t,
      seq,
      type: command.type,
      ok: result.ok,
      message: result.ok ? result.message : result.error,
    });
    return result;
  }
}
