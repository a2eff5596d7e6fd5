import {
  minutesTo,
  missingTimeReason,
  TIME_METRICS,
  type CohortEntry,
  type ScenarioVersion,
  type TimeMetric,
} from '../../../../electron/engine/cohort/cohort';
import type { SpreadRowInput } from '../../charts/spread';
import { spreadOf, type Spread } from '../../lib/spread-stats';
import { formatNumber } from '../../lib/format';

/** What each time measure is called on screen. */
export const METRIC_LABELS: Record<TimeMetric, string> = {
  detect: 'Detect',
  diagnose: 'Correct diagnosis',
  mitigate: 'Mitigate',
};

/** Returns minutes with their unit: "25 min", "7.5 min". */
export function formatMinutes(v: number): string {
  return `${formatNumber(v)} min`;
}

/** Returns the name a result is shown under: the learner's label, or its file name. */
export function nameOf(e: CohortEntry): string {
  return e.result.learner ?? e.fileName;
}

/** Splits "Good response (76/100): harm 62% below doing nothing" into its band and its reasons. */
export function splitVerdict(verdict: string): { band: string; detail: string } {
  const m = /^([^(:]+?)\s*\([^)]*\)\s*:\s*(.*)$/.exec(verdict);
  return m ? { band: m[1], detail: m[2] } : { band: verdict, detail: '' };
}

/** The chart rows of one scenario version: one per time measure, one dot per result with a time. */
export function spreadRows(group: ScenarioVersion): SpreadRowInput[] {
  return TIME_METRICS.map((metric) => ({
    id: metric,
    label: METRIC_LABELS[metric],
    points: group.entries.flatMap((e) => {
      const v = minutesTo(e.result, metric);
      return v === null ? [] : [{ key: e.id, label: nameOf(e), value: v }];
    }),
  }));
}

/** Results left off a measure's row, with why: "Team Birch (not mitigated by the end)". */
export function missingTimes(group: ScenarioVersion): { metric: TimeMetric; names: string[] }[] {
  return TIME_METRICS.map((metric) => ({
    metric,
    names: group.entries
      .filter((e) => minutesTo(e.result, metric) === null)
      .map((e) => `${nameOf(e)} (${missingTimeReason(e.result, metric)})`),
  })).filter((m) => m.names.length > 0);
}

/** One row of the summary table: a measure's spread over the results that have it. */
export interface SummaryRow {
  label: string;
  unit: string;
  spread: Spread | null;
  of: number;
}

/** The spread of scores and of each time measure within one scenario version. */
export function summaryRows(group: ScenarioVersion): SummaryRow[] {
  const n = group.entries.length;
  return [
    {
      label: 'Score',
      unit: 'points',
      spread: spreadOf(group.entries.map((e) => e.result.score.total)),
      of: n,
    },
    ...TIME_METRICS.map((metric) => ({
      label: `Time to ${metric === 'diagnose' ? 'correct diagnosis' : metric}`,
      unit: 'min',
      spread: spreadOf(group.entries.map((e) => minutesTo(e.result, metric))),
      of: n,
    })),
  ];
}
