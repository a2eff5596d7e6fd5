import type { Command } from './commands';
import type { FaultType } from './scenario/schema';

/** What applying a command did, in words and, for investigations, data. */
export type CommandResult =
  { ok: true; message: string; data?: unknown; readyAt?: number } | { ok: false; error: string };

/** One entry of the decision log: the session is (scenario, seed, these entries). */
export interface DecisionLogEntry {
  seq: number;
  t: number;
  command: Command;
  /** Role of the team member who acted, in workshop mode. */
  role?: string;
  result: CommandResult;
}

/** Something that happened in the session, for the timeline and `events.json`. */
export type EngineEvent =
  | { kind: 'fault-onset'; t: number; faultId: string; faultType: FaultType; injected: boolean }
  | { kind: 'fault-ended'; t: number; faultId: string; by: string }
  | { kind: 'change'; t: number; changeId: string; title: string; changeKind: string }
  | { kind: 'deploy'; t: number; version: string; by: 'scenario' | 'learner' }
  | { kind: 'command'; t: number; seq: number; type: Command['type']; ok: boolean; message: string }
  | { kind: 'task-complete'; t: number; task: string; message: string };

/** A piece of work that finishes later in virtual time (retraining, a team's fix, scaling). */
export interface PendingTask {
  id: string;
  kind: 'retrain' | 'escalation' | 'scale';
  startedAt: number;
  readyAt: number;
  description: string;
}
