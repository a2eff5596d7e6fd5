/**
 * Replays for scoring: a scenario, a seed and timed commands give the same run every time.
 *
 * Which replays run with monitoring: monitoring only observes. No command's effect on the
 * world depends on it (ack-alert, silence-alert and rebaseline touch only the monitor), so
 * harm, cost and fault timelines are identical with it on or off — a test checks this. The
 * learner's replay keeps it on: time to detect compares the learner with the alerts they saw,
 * ack-alert must succeed as it did live, and the debrief shows those alerts. The do-nothing
 * and reference replays feed only harm, cost and curves, so they run with it off, for speed;
 * their alerts would be the learner's anyway until the first command changes the world.
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
}

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
  const session = new Session(scenario, { seed, monitoring: opts.monitoring });
  const end = Math.min(opts.until ?? scenario.duration, scenario.duration);
  // A stable sort keeps same-time actions in log order.
  const ordered = [...actions].sort((a, b) => a.at - b.at);
  for (const a of ordered) {
    if (a.at > end) break;
    session.advanceTo(a.at);
    session.apply(a.command, a.role);
  }
  session.advanceTo(end);
  return session;
}

/** The replay actions of a decision log: each command at the time it was logged. */
export function actionsOfLog(
  decisions: readonly { t: number; command: Command; role?: string }[],
): ReplayAction[] {
  return decisions.map((d) => ({ at: d.t, command: d.command, ...(d.role ? { role: d.role } : {}) }));
}
