/**
 * The rubric scoring applies: the scenario's rated actions, or defaults derived from its
 * fault types, and how a logged command is matched against them.
 */
import type { Command } from '../commands';
import type { Scenario } from '../scenario/schema';
import { defaultRootCauses, defaultRules } from './default-rubric';
import { activeAt, type FaultInterval } from './run-trace';

export type Rating = 'recommended' | 'acceptable' | 'harmful';
export type MatchValue = string | number | boolean;

/**
 * One rated action. `match` compares command arguments by their text; the value `'*'` means
 * "given, any value" (defaults use it, e.g. any retry cap). A rule with `whileFault` applies
 * only while that fault acts.
 */
export interface RubricRule {
  command: string;
  match: Record<string, MatchValue>;
  rating: Rating;
  why: string;
  whileFault?: string;
  origin: 'scenario' | 'default';
}

/** The rubric of one run: rules and the root causes a diagnosis may name. */
export interface EffectiveRubric {
  rules: RubricRule[];
  rootCauses: string[];
  /** Whether the rules came from the fault types because the scenario had none. */
  derived: boolean;
}

/** Arguments a rule implies when it does not say: a bare `pause` rule means pausing, not resuming. */
const IMPLIED: Record<string, Record<string, MatchValue>> = { pause: { paused: true } };

const SEVERITY: Record<Rating, number> = { harmful: 2, recommended: 1, acceptable: 0 };

/**
 * The scenario's rubric when it rates actions; otherwise defaults from its fault types.
 * Faults injected live always add their default rules, and their types as accepted root
 * causes (a benign change excepted): the author could not rate them.
 */
export function effectiveRubric(
  scenario: Scenario,
  faults: readonly FaultInterval[],
): EffectiveRubric {
  const authored = scenario.rubric.actions.map((a): RubricRule => ({ ...a, origin: 'scenario' }));
  const derived = authored.length === 0;
  const sources = derived ? faults : faults.filter((f) => f.injected);
  const rules = [...authored, ...sources.flatMap((f) => defaultRules(f, scenario))];
  const named =
    scenario.rubric.rootCauses ?? (scenario.rubric.rootCause ? [scenario.rubric.rootCause] : []);
  const causes = named.length > 0 ? [...named] : defaultRootCauses(faults);
  for (const f of faults)
    if (f.injected && f.type !== 'benign-change' && !causes.includes(f.type)) causes.push(f.type);
  return { rules, rootCauses: causes, derived };
}

function matchesArgs(rule: RubricRule, command: Command): boolean {
  const args = command as unknown as Record<string, unknown>;
  const wanted = { ...(IMPLIED[rule.command] ?? {}), ...rule.match };
  for (const [key, value] of Object.entries(wanted)) {
    const actual = args[key];
    if (value === '*') {
      if (actual === undefined || actual === null) return false;
    } else if (actual === undefined || String(actual) !== String(value)) {
      return false;
    }
  }
  return true;
}

/**
 * The rule that rates `command` issued at `t`, or null. The most specific matching rule
 * wins (most arguments matched); among equally specific ones, harmful before recommended.
 */
export function rateCommand(
  command: Command,
  t: number,
  rules: readonly RubricRule[],
  faults: readonly FaultInterval[],
): RubricRule | null {
  let best: RubricRule | null = null;
  for (const rule of rules) {
    if (rule.command !== command.type || !matchesArgs(rule, command)) continue;
    if (rule.whileFault !== undefined) {
      const f = faults.find((x) => x.id === rule.whileFault);
      if (!f || !activeAt(f, t)) continue;
    }
    if (best === null) {
      best = rule;
      continue;
    }
    const a = Object.keys(rule.match).length;
    const b = Object.keys(best.match).length;
    if (a > b || (a === b && SEVERITY[rule.rating] > SEVERITY[best.rating])) best = rule;
  }
  return best;
}

/** A stable key for a rule, so repeated commands count once per rule. */
export function ruleKey(rule: RubricRule): string {
  const args = Object.entries(rule.match)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
  return `${rule.command}(${args})${rule.whileFault ? `@${rule.whileFault}` : ''}`;
}
