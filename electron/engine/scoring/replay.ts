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
 *   learner's own alerts would not do: acting early can delay or prevent an alert.) Only its
 *   first alert for the first fault is read, so its monitor stops once that has fired
 *   (`monitorUntil`; scoring/score.ts).
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
  /**
   * Once every action is applied, the monitor is frozen (Session.freezeMonitoring) at the first
   * window end where this returns true: for a replay read only for its early alerts. Monitoring
   * only observes, so freezing it changes nothing else in the run.
   */
  monitorUntil?: (session: Session) => boolean;
}

/** Commands that read the request log or the feature store. */
const RECORD_COMMANDS: ReadonlySet<Command['type']> = new Set<Command['type']>([
  'investigate',
  'retrain',
]);

/** Actions in time order; a stable sort keeps same-time actions in log order. */
function ordered(actions: readonly ReplayAction[]): ReplayAction[] {
  return [...actions].sort((a, b) => a.at - b.at);
}

/** Index of the last action up to `end` that reads what recording keeps, or -1 (lean only). */
function lastReaderOf(ordered: readonly ReplayAction[], end: number, opts: ReplayOptions): number {
  let last = -1;
  if (opts.lean) {
    ordered.forEach((a, i) => {
      if (a.at <= end && RECORD_COMMANDS.has(a.command.type)) last = i;
    });
  }
  return last;
}

function endOf(scenario: Scenario, opts: ReplayOptions): number {
  return Math.min(opts.until ?? scenario.duration, scenario.duration);
}

/**
 * Applies `ordered[from…]` to `session`, each once the clock reaches its time (actions the
 * clock has already passed, e.g. behind an investigation's duration, apply at once), then runs
 * on to `end`.
 */
function playFrom(
  session: Session,
  ordered: readonly ReplayAction[],
  from: number,
  lastReader: number,
  end: number,
  opts: ReplayOptions,
): Session {
  for (let i = from; i < ordered.length; i++) {
    const a = ordered[i];
    if (a.at > end) break;
    session.advanceTo(a.at);
    session.apply(a.command, a.role);
    if (opts.lean && i === lastReader) session.stopRecording();
  }
  const until = opts.monitorUntil;
  if (until !== undefined) {
    const windowMs = session.scenario.monitoring.window;
    while (session.monitor !== null && !until(session)) {
      const before = session.now;
      session.advanceTo(Math.min(end, (Math.floor(before / windowMs) + 1) * windowMs));
      // The clock moves in whole steps: a window end inside the current step waits for the next.
      if (session.now === before) session.advanceTo(Math.min(end, before + windowMs));
      if (session.now === before) break;
    }
    session.freezeMonitoring();
  }
  session.advanceTo(end);
  return session;
}

/**
 * Runs `scenario` with `seed`, applying each action once the clock reaches its time, then runs
 * on to the end. Returns the finished session.
 */
export function runWithActions(
  scenario: Scenario,
  seed: number,
  actions: readonly ReplayAction[],
  opts: ReplayOptions,
): Session {
  const end = endOf(scenario, opts);
  const list = ordered(actions);
  const lastReader = lastReaderOf(list, end, opts);
  const session = new Session(scenario, {
    seed,
    monitoring: opts.monitoring,
    recording: !opts.lean || lastReader >= 0,
  });
  return playFrom(session, list, 0, lastReader, end, opts);
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
