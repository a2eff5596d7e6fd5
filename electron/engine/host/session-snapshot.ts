import type { Session } from '../session';
import type { DecisionLogEntry, EngineEvent, PendingTask } from '../session-types';
import type { ServingConfig } from '../pipeline/serving-config';
import type { MonitoringSnapshot } from '../monitor/snapshot';

/** What the learner's screens show: serialisable, with no hidden truth in it. */
export interface SessionSnapshot {
  scenarioId: string;
  title: string;
  seed: number;
  now: number;
  duration: number;
  finished: boolean;
  speed: number;
  monitoring: MonitoringSnapshot | null;
  config: ServingConfig;
  versions: {
    version: string;
    origin: 'scenario' | 'retrain';
    description: string;
    availableAt: number;
  }[];
  pending: PendingTask[];
  decisions: DecisionLogEntry[];
  changeLog: {
    id: string;
    at: number;
    kind: string;
    title: string;
    detail: string;
    revertible: boolean;
  }[];
  /** Visible events only: fault onsets and live injections stay hidden until the debrief. */
  events: Exclude<EngineEvent, { kind: 'fault-onset' } | { kind: 'fault-ended' }>[];
  reviewQueue: number;
  requestsTotal: number;
}

const RECENT_DECISIONS = 100;
const RECENT_EVENTS = 200;

/** Takes the learner-visible snapshot of a session. */
export function takeSnapshot(s: Session, speed: number): SessionSnapshot {
  const now = s.now;
  const events = s.events
    .toArray()
    .filter(
      (e): e is SessionSnapshot['events'][number] =>
        e.kind !== 'fault-onset' &&
        e.kind !== 'fault-ended' &&
        !(e.kind === 'command' && e.type === 'inject-fault'),
    );
  return {
    scenarioId: s.scenario.id,
    title: s.scenario.title,
    seed: s.seed,
    now,
    duration: s.scenario.duration,
    finished: s.finished,
    speed,
    monitoring: s.monitor ? s.monitor.snapshot() : null,
    config: structuredClone(s.config),
    versions: s.registry.list().map((v) => ({
      version: v.version,
      origin: v.origin,
      description: v.description,
      availableAt: v.availableAt,
    })),
    pending: s.pending.map((p) => ({ ...p })),
    // A facilitator's injections are hidden truth: the learners see only their effects.
    decisions: s.decisions
      .slice(-RECENT_DECISIONS)
      .filter((d) => d.command.type !== 'inject-fault'),
    changeLog: s.scenario.changeLog
      .filter((c) => c.at <= now)
      .map((c) => ({
        id: c.id,
        at: c.at,
        kind: c.kind,
        title: c.title,
        detail: c.detail ?? '',
        revertible: c.revertible,
      })),
    events: events.slice(-RECENT_EVENTS),
    reviewQueue: Math.round(s.pipeline.reviewQueue),
    requestsTotal: s.log.total,
  };
}
