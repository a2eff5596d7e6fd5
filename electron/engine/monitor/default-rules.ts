/**
 * The alert rules used when a scenario lists none. Each is documented, with its reason, in
 * docs/monitoring.md. Relative thresholds use the reference; floors keep rules useful before
 * the reference exists and stop tiny reference values from making them hair-triggers.
 */
import type { Scenario } from '../scenario/schema';
import type { AlertRule } from './alerts';
import type { FieldPlan } from './field-monitor';

/** Default rules derived from the scenario (fields, budgets, drift share). */
export function defaultRules(scenario: Scenario, plans: readonly FieldPlan[]): AlertRule[] {
  const rules: AlertRule[] = [];
  const add = (r: Omit<AlertRule, 'origin'>): void => {
    rules.push({ ...r, origin: 'default' });
  };
  const ref = (factor: number, offset: number, min: number | null) =>
    ({ kind: 'reference', factor, offset, min }) as const;
  const fixed = (value: number) => ({ kind: 'fixed', value }) as const;

  for (const p of plans) {
    add({
      id: `default.input-drift.${p.name}`,
      metric: 'input.drift',
      field: p.name,
      op: '>=',
      threshold: fixed(1),
      // Small windows make the per-window tests noisy; three in a row is rarely chance.
      for: 3,
      severity: 'warning',
      description:
        'The field’s drift test flags a change against the reference, 3 windows running.',
    });
    add({
      id: `default.missing-share.${p.name}`,
      metric: 'input.missing_share',
      field: p.name,
      op: '>',
      threshold: ref(1.1, 0, 0.02),
      for: 2,
      severity: 'warning',
      description: 'More values missing than in the reference (× 1.1, at least 2%).',
    });
    if (p.type === 'category') {
      add({
        id: `default.unseen-category.${p.name}`,
        metric: 'input.unseen_category_share',
        field: p.name,
        op: '>',
        threshold: ref(2, 0, 0.01),
        for: 2,
        severity: 'warning',
        description:
          'Values outside the declared categories (more than 1%, or twice the reference).',
      });
    }
  }
  add({
    id: 'default.violations.warning',
    metric: 'input.violation_share',
    op: '>',
    threshold: ref(2, 0, 0.01),
    for: 2,
    severity: 'warning',
    description: 'Requests failing schema validation: more than 1% (or twice the reference).',
  });
  add({
    id: 'default.violations.critical',
    metric: 'input.violation_share',
    op: '>',
    threshold: ref(3, 0, 0.05),
    for: 2,
    severity: 'critical',
    description: 'Requests failing schema validation: more than 5% (or three times the reference).',
  });
  add({
    id: 'default.dataset-drift',
    metric: 'input.dataset_drift_share',
    op: '>=',
    threshold: fixed(scenario.monitoring.driftShare),
    for: 2,
    severity: 'warning',
    description: 'A large share of the fields drifted at once.',
  });
  add({
    id: 'default.flag-rate-change',
    metric: 'output.flag_rate',
    op: '>',
    threshold: { kind: 'change', relative: 0.5 },
    for: 2,
    severity: 'warning',
    description: 'The flag rate moved more than 50% from the reference, either way.',
  });
  add({
    id: 'default.score-drift',
    metric: 'output.score_drift',
    op: '>',
    threshold: fixed(0.1),
    for: 2,
    severity: 'warning',
    description: 'The score distribution moved (PSI above 0.1).',
  });
  add({
    id: 'default.fallback-share',
    metric: 'output.fallback_share',
    op: '>',
    threshold: ref(2, 0, 0.05),
    for: 2,
    severity: 'warning',
    description:
      'More requests answered by a fallback than usual (over 5%, or twice the reference).',
  });

  const budgets = scenario.service.budgets;
  if (budgets.latencyMsP95 !== null) {
    add({
      id: 'default.latency-p95-budget',
      metric: 'system.latency_p95',
      op: '>',
      threshold: fixed(budgets.latencyMsP95),
      for: 2,
      severity: 'critical',
      description: 'Latency p95 above the service’s budget.',
    });
  } else {
    add({
      id: 'default.latency-p95-reference',
      metric: 'system.latency_p95',
      op: '>',
      threshold: ref(2, 0, null),
      for: 2,
      severity: 'warning',
      description: 'Latency p95 doubled against the reference (no latency budget is known).',
    });
  }
  add({
    id: 'default.timeout-rate',
    metric: 'system.timeout_rate',
    op: '>',
    threshold: ref(2, 0, 0.02),
    for: 2,
    severity: 'critical',
    description: 'More than 2% of requests time out (or twice the reference rate).',
  });
  add({
    id: 'default.error-rate',
    metric: 'system.error_rate',
    op: '>',
    threshold: ref(2, 0, 0.02),
    for: 2,
    severity: 'critical',
    description: 'More than 2% of requests fail (or twice the reference rate).',
  });
  add({
    id: 'default.retry-rate',
    metric: 'system.retry_rate',
    op: '>',
    threshold: ref(2, 0, 0.05),
    for: 2,
    severity: 'warning',
    description: 'More requests needing retries (over 5%, or twice the reference).',
  });
  add({
    id: 'default.tokens-per-request',
    metric: 'system.tokens_per_request',
    op: '>',
    threshold: ref(1.5, 0, null),
    for: 3,
    severity: 'warning',
    description: 'Tokens per request grew by half against the reference.',
  });
  if (budgets.costUsdPerHour !== null) {
    add({
      id: 'default.cost-budget',
      metric: 'system.cost_per_hour',
      op: '>',
      threshold: fixed(budgets.costUsdPerHour),
      for: 2,
      severity: 'critical',
      description: 'Spending faster than the hourly cost budget.',
    });
  } else {
    add({
      id: 'default.cost-reference',
      metric: 'system.cost_per_hour',
      op: '>',
      threshold: ref(1.5, 0, null),
      for: 3,
      severity: 'warning',
      description: 'Cost per hour up by half against the reference (no cost budget is known).',
    });
  }
  add({
    id: 'default.label-coverage',
    metric: 'perf.label_coverage',
    op: '<',
    threshold: ref(0.5, 0, null),
    for: 2,
    severity: 'warning',
    description: 'Less than half the usual share of requests got labels.',
  });
  add({
    id: 'default.accuracy-drop.warning',
    metric: 'perf.accuracy',
    op: '<',
    threshold: ref(1, -0.05, null),
    for: 3,
    severity: 'warning',
    description: 'Accuracy on arriving labels 5 points below the reference.',
  });
  add({
    id: 'default.accuracy-drop.critical',
    metric: 'perf.accuracy',
    op: '<',
    threshold: ref(1, -0.1, null),
    for: 3,
    severity: 'critical',
    description: 'Accuracy on arriving labels 10 points below the reference.',
  });
  return rules;
}

/** The scenario's own rules in the internal form (fixed thresholds). */
export function scenarioRules(scenario: Scenario): AlertRule[] | null {
  const rules = scenario.monitoring.alerts;
  if (rules === undefined) return null;
  return rules.map((r) => ({
    id: r.id,
    metric: r.metric,
    ...(r.field !== undefined ? { field: r.field } : {}),
    ...(r.source !== undefined ? { source: r.source } : {}),
    op: r.op,
    threshold: { kind: 'fixed', value: r.threshold },
    for: r.for,
    severity: r.severity,
    ...(r.description !== undefined ? { description: r.description } : {}),
    origin: 'scenario',
  }));
}

/**
 * The rules a scenario runs with: its own when it lists any, else the defaults; with
 * `keepDefaultAlerts`, the defaults plus its own, where its rule replaces a default of the same id.
 */
export function alertRulesFor(scenario: Scenario, plans: readonly FieldPlan[]): AlertRule[] {
  const own = scenarioRules(scenario);
  if (own === null) return defaultRules(scenario, plans);
  if (!scenario.monitoring.keepDefaultAlerts) return own;
  const ownIds = new Set(own.map((r) => r.id));
  return [...defaultRules(scenario, plans).filter((r) => !ownIds.has(r.id)), ...own];
}
