/**
 * Turns a rubric rule into a concrete command: for the default reference response (scenarios
 * without one) and for policies built from a rubric in tests. Arguments a rule leaves open
 * are filled from the scenario and the fault, the way a competent responder would.
 */
import { commandSchema, type Command } from '../commands';
import type { Scenario } from '../scenario/schema';
import type { RubricRule } from './rubric';
import type { FaultInterval } from './run-trace';

const HOUR = 3_600_000;

/** A command built from a rule, and the earliest virtual time it can succeed (ms). */
export interface RuleCommand {
  command: Command;
  notBefore: number;
}

function otherVersion(scenario: Scenario): string | null {
  return (
    scenario.service.models.find((m) => m.version !== scenario.service.serving)?.version ?? null
  );
}

/** Fills what the rule leaves open for its command type; null when no sensible command exists. */
function fill(
  rule: RubricRule,
  scenario: Scenario,
  fault: FaultInterval | null,
): Record<string, unknown> | null {
  const at = fault?.at ?? 0;
  const spec = fault?.spec;
  const p = scenario.service.pipeline;
  switch (rule.command) {
    case 'investigate':
      return {
        tool: 'distribution',
        ...(fault?.field ? { field: fault.field } : {}),
        ...(fault?.source ? { source: fault.source } : {}),
      };
    case 'rollback': {
      const version = otherVersion(scenario);
      return version ? { version } : null;
    }
    case 'revert-change': {
      const change = scenario.changeLog.find((c) => c.causes === fault?.id && c.revertible);
      return change ? { changeId: change.id } : null;
    }
    case 'set-fallback':
      return { mode: p.fallback.rule ? 'rule' : 'manual-review' };
    case 'pause':
      return { paused: true };
    case 'set-limits':
      return {
        retryMax: 0,
        promptCapTokens: p.model.promptTokens || 1000,
        retrievalK: p.retrieval?.k ?? 0,
        costCapUsdPerHour: scenario.service.budgets.costUsdPerHour ?? 1,
        timeoutMs: p.timeoutMs,
      };
    case 'patch-mapping': {
      if (spec?.type !== 'schema-change')
        return { field: fault?.field ?? scenario.service.fields[0].name, factor: 1 };
      if (spec.change === 'unit-change')
        return {
          field: spec.field,
          factor: 1 / (spec.factor ?? 100),
          ...(fault?.source ? { source: fault.source } : {}),
        };
      if (spec.change === 'rename')
        return {
          field: spec.field,
          from: spec.renameTo ?? `${spec.field}_v2`,
          ...(fault?.source ? { source: fault.source } : {}),
        };
      return null;
    }
    case 'retrain':
      // Two hours of traffic from the onset, so the window holds what the fault did to the data.
      return { from: at, to: at + 2 * HOUR };
    case 'escalate':
      return { team: 'platform', message: '' };
    case 'scale':
      return { replicas: p.capacity.replicas * 2 };
    case 'set-serving-pattern':
      return {
        pattern: p.allowedServingPatterns.find((x) => x !== p.servingPattern) ?? p.servingPattern,
      };
    case 'diagnose':
      return { rootCause: fault?.type ?? 'no-incident' };
    case 'deploy': {
      const version = otherVersion(scenario);
      return version ? { version, mode: 'canary', share: 0.1 } : null;
    }
    case 'silence-alert':
    case 'ack-alert':
      return null;
    default:
      return {};
  }
}

/** Keeps only the keys a command type accepts (set-limits fills all its limits, a rule names one). */
function onlyNamed(rule: RubricRule, args: Record<string, unknown>): Record<string, unknown> {
  if (rule.command !== 'set-limits') return args;
  const named = Object.keys(rule.match);
  if (named.length === 0) return { timeoutMs: args.timeoutMs };
  return Object.fromEntries(Object.entries(args).filter(([k]) => named.includes(k)));
}

/**
 * A command that the rule rates, issued for `fault`, or null when none can be built (an
 * alert id is only known live). Rule arguments win over filled-in ones; `'*'` is filled in.
 */
export function commandForRule(
  rule: RubricRule,
  scenario: Scenario,
  fault: FaultInterval | null,
): RuleCommand | null {
  const filled = fill(rule, scenario, fault);
  if (filled === null) return null;
  const given = Object.fromEntries(Object.entries(rule.match).filter(([, v]) => v !== '*'));
  const args = { ...onlyNamed(rule, filled), ...given, type: rule.command };
  const parsed = commandSchema.safeParse(args);
  if (!parsed.success) return null;
  const at = fault?.at ?? 0;
  const notBefore =
    parsed.data.type === 'retrain'
      ? parsed.data.to + scenario.service.labels.delay + 10 * 60_000
      : at;
  return { command: parsed.data, notBefore };
}
