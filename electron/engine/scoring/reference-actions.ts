/**
 * The reference response a run is compared with: the scenario's own, or — when it has none —
 * one built from the default rubric's recommended actions, twenty minutes after each fault.
 */
import type { Scenario } from '../scenario/schema';
import type { ReplayAction } from './replay';
import { defaultRules } from './default-rubric';
import { commandForRule } from './rule-command';
import type { FaultInterval } from './run-trace';

const MINUTE = 60_000;
/** How long after onset the built reference starts acting: a prompt but human response. */
const RESPONSE_DELAY_MS = 20 * MINUTE;

/** Scenario faults as intervals without a run (no early ends): enough to build rules from. */
export function plannedFaults(scenario: Scenario): FaultInterval[] {
  return scenario.faults.map((spec) => ({
    id: spec.id,
    type: spec.type,
    at: spec.at,
    end: spec.until ?? null,
    endedBy: null,
    injected: false,
    source: spec.scope.source ?? null,
    field: 'field' in spec && typeof spec.field === 'string' ? spec.field : null,
    description: spec.description ?? null,
    spec,
  }));
}

/** Recommended default actions for each fault, in a plausible order, with a diagnosis and a note. */
function builtReference(scenario: Scenario): ReplayAction[] {
  const actions: ReplayAction[] = [];
  for (const fault of plannedFaults(scenario)) {
    let at = fault.at + RESPONSE_DELAY_MS;
    const recommended = defaultRules(fault, scenario).filter((r) => r.rating === 'recommended');
    // Investigations first: look before acting.
    recommended.sort(
      (a, b) => Number(b.command === 'investigate') - Number(a.command === 'investigate'),
    );
    for (const rule of recommended) {
      const built = commandForRule(rule, scenario, fault);
      if (built === null || built.command.type === 'retrain') continue;
      actions.push({ at: Math.max(at, built.notBefore), command: built.command });
      at += MINUTE;
    }
    actions.push({ at, command: { type: 'diagnose', rootCause: fault.type } });
    actions.push({
      at: at + MINUTE,
      command: {
        type: 'note',
        assumption: `A ${fault.type} is behind the change in the metrics.`,
        evidence: 'The investigations logged before this note.',
        action: recommended.map((r) => r.command).join(', ') || 'Monitor closely.',
        evidenceLinks: [],
        latencyBudgetKnown: scenario.service.budgets.latencyMsP95 !== null,
        costsMeasured: scenario.service.budgets.costUsdPerHour !== null,
      },
    });
  }
  return actions.filter((a) => a.at <= scenario.duration).sort((a, b) => a.at - b.at);
}

/** The reference actions for a scenario: its own when given, otherwise built from the defaults. */
export function referenceActions(scenario: Scenario): {
  actions: ReplayAction[];
  derived: boolean;
} {
  if (scenario.reference) {
    return {
      actions: scenario.reference.actions.map((a) => ({ at: a.at, command: a.command })),
      derived: false,
    };
  }
  return { actions: builtReference(scenario), derived: true };
}
