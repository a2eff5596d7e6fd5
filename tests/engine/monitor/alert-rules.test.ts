import { describe, expect, it } from 'vitest';
import { Monitor } from '../../../electron/engine/monitor/monitor';
import { monitorScenario } from './fixtures';

const ownRule = {
  id: 'partner-flags',
  metric: 'output.flag_rate' as const,
  op: '>' as const,
  threshold: 0.2,
  for: 2,
  severity: 'warning' as const,
};

const rulesOf = (keepDefaultAlerts: boolean, alerts = [ownRule]) => {
  const scenario = monitorScenario({ alerts });
  return new Monitor({
    ...scenario,
    monitoring: { ...scenario.monitoring, keepDefaultAlerts },
  }).rules();
};

describe('which alert rules a scenario runs with', () => {
  it('uses the defaults when the scenario lists no rules', () => {
    const rules = new Monitor(monitorScenario()).rules();
    expect(rules.length).toBeGreaterThan(5);
    expect(rules.every((r) => r.origin === 'default')).toBe(true);
  });

  it("replaces the defaults with the scenario's own rules unless told to keep them", () => {
    expect(rulesOf(false).map((r) => r.id)).toEqual(['partner-flags']);
  });

  it('keeps the defaults beside its own rules with keepDefaultAlerts', () => {
    const defaults = new Monitor(monitorScenario()).rules();
    const rules = rulesOf(true);
    expect(rules).toHaveLength(defaults.length + 1);
    expect(rules.at(-1)).toMatchObject({ id: 'partner-flags', origin: 'scenario' });
  });

  it('lets a scenario rule replace the default rule with the same id', () => {
    const defaults = new Monitor(monitorScenario()).rules();
    const target = defaults[0];
    const rules = rulesOf(true, [{ ...ownRule, id: target.id }]);
    expect(rules).toHaveLength(defaults.length);
    const replaced = rules.filter((r) => r.id === target.id);
    expect(replaced).toEqual([
      expect.objectContaining({ origin: 'scenario', threshold: { kind: 'fixed', value: 0.2 } }),
    ]);
  });
});
