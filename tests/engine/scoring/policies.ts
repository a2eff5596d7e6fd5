/** Decision logs built from a scenario, for the scoring properties. */
import type { Scenario } from '../../../electron/engine/scenario/schema';
import type { LoggedCommand } from '../../../electron/engine/scoring/score';
import { effectiveRubric } from '../../../electron/engine/scoring/rubric';
import { plannedFaults } from '../../../electron/engine/scoring/reference-actions';
import { commandForRule } from '../../../electron/engine/scoring/rule-command';

const MINUTE = 60_000;

/** The scenario's reference response as a decision log (what a learner following it would log). */
export function referencePolicy(scenario: Scenario): LoggedCommand[] {
  return (scenario.reference?.actions ?? []).map((a) => ({ t: a.at, command: a.command }));
}

/**
 * Every harmful action of the scenario's rubric (or of the default rubric), issued half an
 * hour after the fault it concerns (later when it needs labels first), one minute apart.
 */
export function harmfulPolicy(scenario: Scenario): LoggedCommand[] {
  const faults = plannedFaults(scenario);
  const first = [...faults].sort((a, b) => a.at - b.at)[0] ?? null;
  const rubric = effectiveRubric(scenario, faults);
  const out: LoggedCommand[] = [];
  let step = 0;
  for (const rule of rubric.rules.filter((r) => r.rating === 'harmful')) {
    const fault = faults.find((f) => f.id === rule.whileFault) ?? first;
    const built = commandForRule(rule, scenario, fault);
    if (built === null) continue;
    const at = Math.max((fault?.at ?? 0) + 30 * MINUTE + step++ * MINUTE, built.notBefore);
    if (at <= scenario.duration) out.push({ t: at, command: built.command });
  }
  return out.sort((a, b) => a.t - b.t);
}
