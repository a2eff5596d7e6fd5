/** Questions scoring asks of a decision log. */
import type { Command, CommandType } from '../commands';
import type { DecisionLogEntry } from '../session-types';

/** Commands that change the world (what the team would call "acting"). */
const ACTIONS: ReadonlySet<CommandType> = new Set<CommandType>([
  'rollback',
  'revert-change',
  'set-fallback',
  'pause',
  'set-limits',
  'patch-mapping',
  'retrain',
  'deploy',
  'promote',
  'abort-release',
  'scale',
  'set-serving-pattern',
  'escalate',
]);

/** Whether a decision succeeded. */
export function succeeded(d: DecisionLogEntry): boolean {
  return d.result.ok;
}

/** The learner's own decisions: facilitator fault injections are part of the world, not choices. */
export function learnerDecisions(decisions: readonly DecisionLogEntry[]): DecisionLogEntry[] {
  return decisions.filter((d) => d.command.type !== 'inject-fault');
}

/** Whether a decision changed the world (a mitigation, release or escalation) and succeeded. */
export function isAction(d: DecisionLogEntry): boolean {
  if (!d.result.ok || !ACTIONS.has(d.command.type)) return false;
  return !(d.command.type === 'pause' && !d.command.paused);
}

/** Whether a decision is a successful investigation with one of `tools` (any tool if omitted). */
export function isInvestigation(d: DecisionLogEntry, tools?: readonly string[]): boolean {
  return (
    d.result.ok &&
    d.command.type === 'investigate' &&
    (tools === undefined || tools.includes(d.command.tool))
  );
}

/** The command narrowed to one type, or null. */
export function commandOf<T extends CommandType>(
  d: DecisionLogEntry,
  type: T,
): Extract<Command, { type: T }> | null {
  return d.command.type === type ? (d.command as Extract<Command, { type: T }>) : null;
}

/** First decision at or after `from` that satisfies `test`, or null. */
export function firstFrom(
  decisions: readonly DecisionLogEntry[],
  from: number,
  test: (d: DecisionLogEntry) => boolean,
): DecisionLogEntry | null {
  return decisions.find((d) => d.t >= from && test(d)) ?? null;
}
