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

/** Whether two actions are the same command at the same time by the same role. */
function sameAction(a: ReplayAction, b: ReplayAction): boolean {
  return (
    a.at === b.at && a.role === b.role && JSON.stringify(a.command) === JSON.stringify(b.command)
  );
}

/**
 * `runWithActions` for two replays of the same scenario and seed, sharing the work they have in
 * common: both run as one session while their actions agree (with monitoring and recording if
 * either needs them), until the first action only one of them takes; there the session is
 * forked (`Session.fork`) and each copy runs on as its replay would have — a replay without
 * monitoring or recording stops them at the fork, which changes nothing else in a run. The
 * results are identical to two separate `runWithActions` calls (a test checks traces).
 */
export function runTwoWithActions(
  scenario: Scenario,
  seed: number,
  a: { actions: readonly ReplayAction[]; opts: ReplayOptions },
  b: { actions: readonly ReplayAction[]; opts: ReplayOptions },
): [Session, Session] {
  const end = endOf(scenario, a.opts);
  if (endOf(scenario, b.opts) !== end || a.opts.lean !== b.opts.lean)
    return [
      runWithActions(scenario, seed, a.actions, a.opts),
      runWithActions(scenario, seed, b.actions, b.opts),
    ];
  const listA = ordered(a.actions);
  const listB = ordered(b.actions);
  const readerA = lastReaderOf(listA, end, a.opts);
  const readerB = lastReaderOf(listB, end, b.opts);
  const recordsA = !a.opts.lean || readerA >= 0;
  const recordsB = !b.opts.lean || readerB >= 0;
  // The common prefix: actions both take, in the same order, before either's end.
  let k = 0;
  while (
    k < listA.length &&
    k < listB.length &&
    listA[k].at <= end &&
    sameAction(listA[k], listB[k]) &&
    k !== readerA &&
    k !== readerB
  )
    k++;
  const forkAt = Math.min(listA[k]?.at ?? end, listB[k]?.at ?? end, end);
  const shared = new Session(scenario, {
    seed,
    monitoring: a.opts.monitoring || b.opts.monitoring,
    recording: recordsA || recordsB,
  });
  for (let i = 0; i < k; i++) {
    shared.advanceTo(listA[i].at);
    shared.apply(listA[i].command, listA[i].role);
  }
  shared.advanceTo(forkAt);
  const sessionB = shared.fork({ monitoring: b.opts.monitoring });
  const branches: [Session, typeof a, ReplayAction[], number, boolean][] = [
    [shared, a, listA, readerA, recordsA],
    [sessionB, b, listB, readerB, recordsB],
  ];
  for (const [session, replay, , , records] of branches) {
    if (!replay.opts.monitoring) session.stopMonitoring();
    if (!records) session.stopRecording();
  }
  for (const [session, replay, list, reader] of branches)
    playFrom(session, list, k, reader, end, replay.opts);
  return [shared, sessionB];
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
