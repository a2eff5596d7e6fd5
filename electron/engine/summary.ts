import type { Session } from './session';

/** The headline figures of a run, for summary.json and golden files. */
export interface RunSummary {
  scenarioId: string;
  seed: number;
  endedAt: number;
  requests: number;
  harm: number;
  harmPerRequest: number;
  costUsd: number;
  falseNegatives: number;
  falsePositives: number;
  errors: number;
  fallbacks: number;
  alertsFired: number;
  alertsByMetric: Record<string, number>;
  servingAtEnd: string;
  decisions: number;
}

/** Summarises a session as it stands. */
export function summariseSession(s: Session): RunSummary {
  const t = s.ledger.totals;
  const alerts = s.monitor?.alerts() ?? [];
  const byMetric: Record<string, number> = {};
  for (const a of alerts) byMetric[a.metric] = (byMetric[a.metric] ?? 0) + 1;
  return {
    scenarioId: s.scenario.id,
    seed: s.seed,
    endedAt: s.now,
    requests: t.requests,
    harm: t.harm,
    harmPerRequest: t.requests > 0 ? t.harm / t.requests : 0,
    costUsd: t.costUsd,
    falseNegatives: t.falseNegatives,
    falsePositives: t.falsePositives,
    errors: t.errors,
    fallbacks: t.fallbacks,
    alertsFired: alerts.length,
    alertsByMetric: Object.fromEntries(
      Object.entries(byMetric).sort(([a], [b]) => a.localeCompare(b)),
    ),
    servingAtEnd: s.config.serving,
    decisions: s.decisions.length,
  };
}
