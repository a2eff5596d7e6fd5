/**
 * Replays for scoring: a scenario, a seed and timed commands give the same run every time.
 *
 * Which replays run with monitoring: monitoring only observes. No command's effect on the
 * world depends on it (ack-alert, silence-alert and rebaseline touch only the monitor), so
 * harm, cost and fault timelines are identical with it on or off — a test checks this.
 * - The learner's replay keeps it on: ack-alert must succeed as it did live (alert ids come
 *   from the monitor), and the debrief shows the alerts the learner saw.
 * - The do-nothing replay keeps it on: its alerts are when the incident shows when left alone,
 *   the one clock time to detect and to diagnose are measured against for every run. (The
 *   learner's own alerts would not do: acting early can delay or prevent an alert.)
 * - The reference replay runs with it off, for speed — it feeds harm, cost and curves — unless
 *   it acknowledges, silences or rebaselines: those commands fail without a monitor, and their
 *   results must be what a learner following the reference would get.
 */
import type { Scenario } from '../scenario/schema';
import type { Command } from '../commands';
import { Session } from '../session';

/** A command to replay at a virtual time (ms), with the workshop role that issued it. */
export interface ReplayAction {
  at: number;
  command: Command;
  role?: string;
}

/** How to replay: with or without the monitor, and where to stop. */
export interface ReplayOptions {
  monitoring: boolean;
  /** Stop at this virtual time (ms) instead of the scenario's end. */
  until?: number;
  /**
   * For replays only traced (see run-trace.ts): keep the request log and the feature store only
   * as long as an action still to come reads them (investigations, retraining). Nothing else
   * reads them and they draw from their own random streams, so the run is the same.
   */
  lean?: boolean;
}

/** Commands that read the request log or the feature store. */
const RECORD_COMMANDS: ReadonlySet<Command['type']> = new Set<Command['type']>([
  'investigate',
  'retrain',
]);

/**
 * Runs `scenario` with `seed`, applying each action once the clock reaches its time (actions
 * the clock has already passed, e.g. behind an investigation's duration, apply at once), then
 * runs on to the end. Returns the finished session.
 */
export function runWithActions(
  scenario: Scenario,
  seed: number,
  actions: readonly ReplayAction[],
  opts: ReplayOptions,
): Session {
  const end = Math.min(opts.until ?? scenario.duration, scenario.duration);
  // A stable sort keeps same-time actions in log order.
  const ordered = [...actions].sort((a, b) => a.at - b.at);
  let lastReader = -1;
  if (opts.lean) {
    ordered.forEach((a, i) => {
      if (a.at <= end && RECORD_COMMANDS.has(a.command.type)) lastReader = i;
    });
  }
  const session = new Session(scenario, {
    seed,
    monitoring: opts.monitoring,
    recording: !opts.lean || lastReader >= 0,
  });
  for (let i = 0; i < ordered.length; i++) {
    const a = ordered[i];
    if (a.at > end) break;
    session.advanceTo(a.at);
    session.apply(a.command, a.role);
    if (opts.lean && i === lastReader) session.stopRecording();
  }
  session.advanceTo(end);
  return session;
}

/** Commands that need the monitor to succeed. */
const MONITOR_COMMANDS: ReadonlySet<Command['type']> = new Set<Command['type']>([
  'ack-alert',
  'silence-alert',
  'rebaseline',
]);

/** Whether replaying `actions` needs monitoring on for their results to be faithful. */
export function needsMonitor(actions: readonly ReplayAction[]): boolean {
  return actions.some((a) => MONITOR_COMMANDS.has(a.command.type));
}

/** The replay actions of a decision log: each command at the time it was logged. */
export function actionsOfLog(
  decisions: readonly { t: number; command: Command; role?: string }[],
): ReplayAction[] {
  return decisions.map((d) => ({
    at: d.t,
    command: d.command,
    ...(d.role ? { role: d.role } : {}),
  }));
}
