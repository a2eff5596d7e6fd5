import type { Scenario } from './scenario/schema';
import type { Command } from './commands';
import type { Millis } from './units';
import { FaultTimeline, inScope } from './faults/active-faults';
import { faultIntensity } from './faults/intensity';
import type { FaultSpec } from './scenario/schema';
import { ModelRegistry } from './model/registry';
import { TrainingStore } from './model/training-store';
import { Pipeline } from './pipeline/pipeline';
import type { RequestRecord } from './pipeline/request-record';
import { LabelQueue } from './pipeline/label-queue';
import { toRecord } from './pipeline/served-request';
import { initialServingConfig, type ServingConfig } from './pipeline/serving-config';
import { World } from './world/world';
import { OutcomeLedger } from './world/outcome-ledger';
import { RequestLog } from './log/request-log';
import { RingBuffer } from './log/ring-buffer';
import { Monitor } from './monitor/monitor';
import { applyCommand } from './response/apply-command';
import { internStrings } from './intern';
import type { CommandResult, DecisionLogEntry, EngineEvent, PendingTask } from './session-types';

const STEP_MS = 1000;
/** Most requests logged before monitoring counts them (a step's worth, unless it is huge). */
const MONITOR_BATCH = 4096;
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
  /**
   * Whether requests go to the request log and the feature store (default true). Only
   * investigations and retraining read those, so replays without them can skip both; see also
   * `stopRecording`.
   */
  recording?: boolean;
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
  private monitoring: Monitor | null;
  /** A monitor no longer fed (see freezeMonitoring), still read for what it saw. */
  private frozenMonitor: Monitor | null = null;
  readonly log: RequestLog;
  readonly store: TrainingStore;
  readonly ledger: OutcomeLedger;
  readonly config: ServingConfig;
  readonly decisions: DecisionLogEntry[] = [];
  readonly events = new RingBuffer<EngineEvent>(MAX_EVENTS);
  readonly pending: PendingTask[] = [];
  private labelQueue: LabelQueue;
  /** Label outages that may act on the labels released in this step (reused list). */
  private readonly outages: FaultSpec[] = [];
  private recording: boolean;
  private readonly onsetSeen = new Set<string>();
  private readonly changesSeen = new Set<string>();
  /** Earliest onset or change not yet noted, and how many faults there were then. */
  private nextTimelineAt = -Infinity;
  private timelineFaults = -1;
  private readonly onRecord: ((r: RequestRecord) => void) | undefined;
  private nextId = 0;
  private clock = 0;
  /** Ends of team fixes and other delayed effects, run when the clock passes `readyAt`. */
  private readonly completions = new Map<string, () => string>();

  constructor(
    readonly scenario: Scenario,
    options: SessionOptions = {},
  ) {
    internStrings(scenario);
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
    this.monitoring = options.monitoring === false ? null : new Monitor(scenario);
    const fields = scenario.service.fields.map((f) => f.name);
    this.log = new RequestLog(this.seed, options.logCapacity, undefined, fields);
    this.recording = options.recording ?? true;
    this.labelQueue = new LabelQueue(
      scenario.service.traffic.sources.map((src) => src.name),
      MAX_PENDING_LABELS,
    );
    this.store = new TrainingStore(this.seed);
    this.ledger = new OutcomeLedger(scenario.monitoring.window);
    this.config = initialServingConfig(scenario);
    this.onRecord = options.onRecord;
  }

  /** The monitor, or null when monitoring is off. */
  get monitor(): Monitor | null {
    return this.monitoring ?? this.frozenMonitor;
  }

  /**
   * Stops feeding the monitor for the rest of the run: what it saw up to now (alerts, windows)
   * stays readable, nothing later reaches it. For replays that need only their early alerts;
   * commands that act on the monitor (ack, silence, rebaseline) must not follow.
   */
  freezeMonitoring(): void {
    if (this.monitoring === null) return;
    this.frozenMonitor = this.monitoring;
    this.monitoring = null;
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
      this.monitoring?.advanceTo(this.clock);
    }
  }

  /**
   * Stops adding requests to the request log and the feature store, for replays whose remaining
   * actions read neither: nothing else in the run changes. Monitoring reads requests from the
   * log's recent ring, which keeps turning while it does; the log's sample and total stop.
   */
  stopRecording(): void {
    this.recording = false;
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
    const config = this.config;
    const faults = this.faults;
    const world = this.world;
    const pipeline = this.pipeline;
    const monitor = this.monitoring;
    const onRecord = this.onRecord;
    const recording = this.recording;
    // Read once per step rather than after every call in the loop.
    const log = this.log;
    const store = this.store;
    const ledger = this.ledger;
    const firstId = this.nextId;
    this.nextId = firstId + n;
    // Monitoring counts what was logged, a batch at a time, before the ring can wrap.
    const recent = log.recent;
    const batch = Math.min(MONITOR_BATCH, recent.capacity);
    let unmonitored = 0;
    pipeline.beginStep(t, stepMs, n, config, faults);
    for (let i = 0; i < n; i++) {
      const at = (t + ((i + 0.5) * stepMs) / n) as Millis;
      const served = pipeline.serve(firstId + i, at, world.nextDraw(), config);
      if (recording) {
        log.appendServed(served);
        store.addServed(served);
      } else if (monitor !== null) recent.pushServed(served);
      ledger.record(served);
      if (monitor !== null && ++unmonitored === batch) {
        this.monitorLogged(monitor, unmonitored);
        unmonitored = 0;
      }
      if (onRecord !== undefined) onRecord(toRecord(served));
    }
    if (unmonitored > 0) this.monitorLogged(monitor as Monitor, unmonitored);
  }

  /** Hands monitoring the `n` requests just logged, and queues their labels to come. */
  private monitorLogged(monitor: Monitor, n: number): void {
    const recent = this.log.recent;
    monitor.observeLogged(recent, n);
    // Only monitoring consumes label arrivals; without it the queue would be dead weight.
    this.labelQueue.pushLogged(recent, recent.positionOfNewest(n), n);
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
    // Nothing new can be due before the earliest unseen onset or change (faults injected
    // since the last look are checked at once).
    const faults = this.faults.all();
    if (t < this.nextTimelineAt && faults.length === this.timelineFaults) return;
    this.timelineFaults = faults.length;
    let next = Infinity;
    for (const f of faults) if (!this.onsetSeen.has(f.id) && f.at > t) next = Math.min(next, f.at);
    for (const c of this.scenario.changeLog)
      if (!this.changesSeen.has(c.id) && c.at > t) next = Math.min(next, c.at);
    this.nextTimelineAt = next;
    for (const f of faults) {
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
    const queue = this.labelQueue;
    const first = queue.nextDue();
    if (first > t) return;
    // Outages are looked up once per step: only those that may act between the first label
    // due and now are checked label by label.
    const outages = this.outages;
    outages.length = 0;
    for (const f of this.faults.all()) {
      if (f.type !== 'label-outage' || f.at > t) continue;
      if (f.until !== undefined && f.until <= first) continue;
      const ended = this.faults.endTime(f.id);
      if (ended !== null && ended <= first) continue;
      outages.push(f);
    }
    const monitor = this.monitoring;
    if (outages.length === 0) {
      queue.releaseDue(t, monitor);
      return;
    }
    while (queue.nextDue() <= t) {
      const delivered = this.deliveredDespite(outages, queue.nextDue(), queue.nextSource());
      queue.releaseNext(delivered ? monitor : null);
    }
  }

  /** Whether none of the label outages `outages` acts at `t` on `source`. */
  private deliveredDespite(outages: readonly FaultSpec[], t: number, source: string): boolean {
    for (const f of outages) {
      if (!inScope(f, source)) continue;
      if (faultIntensity(f, t, this.faults.endTime(f.id)) > 0) return false;
    }
    return true;
  }

  /** Applies a command at the current virtual time and appends it to the decision log. */
  apply(command: Command, role?: string): CommandResult {
    // Logged at the time it was issued; investigations then let the clock run on.
    const t = this.clock;
    const result = applyCommand(this, internStrings(command));
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
