import { memo, useMemo } from 'react';
import type { MonitoringSnapshot } from '../../../../electron/engine/monitor/snapshot';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';
import type { SeriesSpec, ThresholdSpec } from '../../charts/time-series';
import { alertBands, alertThresholds, chartDomain, seriesPoints } from '../../lib/monitoring-view';
import { formatNumber, formatPercent, formatUsd } from '../../lib/format';

const pct = (v: number): string => formatPercent(v, v !== 0 && Math.abs(v) < 0.1 ? 1 : 0);
const ms = (v: number): string => `${formatNumber(v)}`;
const usd = (v: number): string => formatUsd(v);
const num = (v: number): string => formatNumber(v);

interface PanelsProps {
  m: MonitoringSnapshot;
  /** Changes only when a window closes or an alert moves; the panels skip every other snapshot. */
  chartKey: string;
}

/** The three monitoring panels: Inputs, Outputs, System health. */
function MonitoringPanelsImpl({ m }: PanelsProps) {
  const charts = useMemo(() => {
    const domain = chartDomain(m);
    const s = (name: Parameters<typeof seriesPoints>[1]) => seriesPoints(m, name);
    const latest = m.latest;
    const latencyBudget = latest?.system.latencyBudgetP95 ?? null;
    const costBudget = latest?.system.costBudgetPerHour ?? null;
    const withDefault = (
      metric: Parameters<typeof alertThresholds>[1][number],
      defaults: ThresholdSpec[],
    ) => {
      const fromAlerts = alertThresholds(m, [metric]);
      return fromAlerts.length > 0 ? fromAlerts : defaults;
    };
    const series = (
      list: [string, string, Parameters<typeof seriesPoints>[1], string, boolean?][],
    ): SeriesSpec[] =>
      list.map(([id, label, name, color, dashed]) => ({
        id,
        label,
        points: s(name),
        color,
        dashed,
      }));
    return {
      domain,
      violations: {
        series: series([
          ['viol', 'failing validation', 'input.violation_share', 'var(--series-1)'],
        ]),
        thresholds: withDefault('input.violation_share', [
          { value: 0.01, label: 'warning', severity: 'warning' },
          { value: 0.05, label: 'critical', severity: 'critical' },
        ]),
        bands: alertBands(m, [
          'input.violation_share',
          'input.missing_share',
          'input.unseen_category_share',
        ]),
      },
      fieldDrift: fieldDriftSeries(m),
      drifted: {
        series: series([
          ['drift', 'fields drifted', 'input.dataset_drift_share', 'var(--series-2)'],
        ]),
        thresholds: withDefault('input.dataset_drift_share', [
          { value: 0.5, label: 'warning', severity: 'warning' },
        ]),
        bands: alertBands(m, ['input.drift', 'input.psi', 'input.dataset_drift_share']),
      },
      flags: {
        series: series([
          ['flag', 'flag rate', 'output.flag_rate', 'var(--series-1)'],
          ['fallback', 'fallback share', 'output.fallback_share', 'var(--series-3)', true],
        ]),
        thresholds: alertThresholds(m, ['output.flag_rate', 'output.fallback_share']),
        bands: alertBands(m, ['output.flag_rate', 'output.fallback_share']),
      },
      scoreDrift: {
        series: series([['psi', 'score PSI', 'output.score_drift', 'var(--series-2)']]),
        thresholds: withDefault('output.score_drift', [
          { value: 0.1, label: 'watch', severity: 'warning' },
          { value: 0.25, label: 'act', severity: 'critical' },
        ]),
        bands: alertBands(m, ['output.score_drift']),
      },
      accuracy: {
        series: series([
          ['est', 'estimated from scores', 'perf.estimated_accuracy', 'var(--series-4)', true],
          ['acc', 'on labels received', 'perf.accuracy', 'var(--series-1)'],
          ['cov', 'label coverage', 'perf.label_coverage', 'var(--series-5)', true],
        ]),
        thresholds: alertThresholds(m, [
          'perf.accuracy',
          'perf.estimated_accuracy',
          'perf.label_coverage',
        ]),
        bands: alertBands(m, [
          'perf.accuracy',
          'perf.precision',
          'perf.recall',
          'perf.estimated_accuracy',
          'perf.label_coverage',
          'perf.calibration_error',
        ]),
      },
      latency: {
        series: series([
          ['p50', 'p50', 'system.latency_p50', 'var(--series-5)'],
          ['p95', 'p95', 'system.latency_p95', 'var(--series-1)'],
          ['p99', 'p99', 'system.latency_p99', 'var(--series-2)', true],
        ]),
        thresholds: alertThresholds(
          m,
          ['system.latency_p95', 'system.latency_p99', 'system.latency_p50'],
          latencyBudget !== null
            ? [{ value: latencyBudget, label: 'p95 budget', severity: 'critical' }]
            : [],
        ),
        bands: alertBands(m, ['system.latency_p50', 'system.latency_p95', 'system.latency_p99']),
      },
      failures: {
        series: series([
          ['timeout', 'timeouts', 'system.timeout_rate', 'var(--series-2)'],
          ['error', 'errors', 'system.error_rate', 'var(--series-1)'],
          ['retry', 'retries', 'system.retry_rate', 'var(--series-3)', true],
        ]),
        thresholds: alertThresholds(m, [
          'system.timeout_rate',
          'system.error_rate',
          'system.retry_rate',
        ]),
        bands: alertBands(m, ['system.timeout_rate', 'system.error_rate', 'system.retry_rate']),
      },
      cost: {
        series: series([['cost', 'cost per hour', 'system.cost_per_hour', 'var(--series-4)']]),
        thresholds: alertThresholds(
          m,
          ['system.cost_per_hour'],
          costBudget !== null ? [{ value: costBudget, label: 'budget', severity: 'critical' }] : [],
        ),
        bands: alertBands(m, [
          'system.cost_per_hour',
          'system.cost_per_request',
          'system.tokens_per_request',
        ]),
      },
    };
  }, [m]);

  const { domain } = charts;
  const noData = m.windowsClosed === 0;
  return (
    <div className="panels">
      <section className="panel monitor-panel" aria-labelledby="panel-inputs">
        <h2 id="panel-inputs">Inputs</h2>
        {noData && <NoDataYet m={m} />}
        <TimeSeriesChart
          title="Schema violations"
          unit="share of requests"
          formatValue={pct}
          tickSpecifier="%"
          xDomain={domain}
          {...charts.violations}
        />
        <TimeSeriesChart
          title="Drift, most-changed fields"
          unit={charts.fieldDrift.unit}
          formatValue={num}
          xDomain={domain}
          {...charts.fieldDrift.chart}
        />
        <TimeSeriesChart
          title="Drifted fields"
          unit="share of fields"
          formatValue={pct}
          tickSpecifier="%"
          xDomain={domain}
          yDomain={[0, 1]}
          {...charts.drifted}
        />
      </section>
      <section className="panel monitor-panel" aria-labelledby="panel-outputs">
        <h2 id="panel-outputs">Outputs</h2>
        <TimeSeriesChart
          title="Flags and fallbacks"
          unit="share of requests"
          formatValue={pct}
          tickSpecifier="%"
          xDomain={domain}
          {...charts.flags}
        />
        <TimeSeriesChart
          title="Score distribution drift"
          unit="PSI against the reference"
          formatValue={num}
          xDomain={domain}
          {...charts.scoreDrift}
        />
        <TimeSeriesChart
          title="Accuracy"
          unit="share of decisions"
          formatValue={pct}
          tickSpecifier="%"
          xDomain={domain}
          yDomain={[0, 1]}
          {...charts.accuracy}
        />
      </section>
      <section className="panel monitor-panel" aria-labelledby="panel-system">
        <h2 id="panel-system">System health</h2>
        <TimeSeriesChart
          title="Latency"
          unit="ms"
          formatValue={ms}
          xDomain={domain}
          {...charts.latency}
        />
        <TimeSeriesChart
          title="Timeouts, errors, retries"
          unit="share of requests"
          formatValue={pct}
          tickSpecifier="%"
          xDomain={domain}
          {...charts.failures}
        />
        <TimeSeriesChart
          title="Cost"
          unit="USD per hour"
          formatValue={usd}
          tickSpecifier="$,"
          xDomain={domain}
          {...charts.cost}
        />
      </section>
    </div>
  );
}

const FIELD_COLOURS = ['var(--series-2)', 'var(--series-1)', 'var(--series-3)', 'var(--series-4)'];
/** Tests whose statistic is a p-value: lower means more drift, so they cannot share an axis. */
const P_VALUE_TESTS = new Set(['ks', 'chi-squared']);

/**
 * The drift statistic over time for the fields that moved most (distance tests only, so one
 * axis and one threshold fit them all), with drift alerts shaded.
 */
function fieldDriftSeries(m: MonitoringSnapshot) {
  const rows = m.drift.filter((r) => r.test === null || !P_VALUE_TESTS.has(r.test));
  const peak = (r: (typeof rows)[number]) =>
    Math.max(0, ...r.sparkline.filter((v): v is number => v !== null));
  const top = [...rows].sort((a, b) => peak(b) - peak(a)).slice(0, FIELD_COLOURS.length);
  const times = m.series.windowStart.map((s) => s + m.windowMs);
  const thresholds = [
    ...new Set(top.map((r) => r.threshold).filter((t): t is number => t !== null)),
  ];
  const tests = [...new Set(top.map((r) => r.test).filter((t) => t !== null))];
  return {
    unit:
      tests.length === 1
        ? `${tests[0] === 'jensen-shannon' ? 'Jensen–Shannon distance' : tests[0] === 'wasserstein' ? 'normalised Wasserstein' : 'PSI'}`
        : 'distance from the reference',
    chart: {
      series: top.map((r, i) => ({
        id: r.field,
        label: r.field,
        color: FIELD_COLOURS[i],
        points: times.map((t, j) => ({ t, v: r.sparkline[j] ?? null })),
      })),
      thresholds: thresholds.map((value) => ({
        value,
        label: 'drift at',
        severity: 'warning' as const,
      })),
      bands: alertBands(m, ['input.drift', 'input.psi']),
    },
  };
}

function NoDataYet({ m }: { m: MonitoringSnapshot }) {
  return (
    <p className="subtle" role="note">
      The first monitoring window closes at {Math.round(m.windowMs / 60_000)} minutes of service
      time. Start the clock (Space).
    </p>
  );
}

export const MonitoringPanels = memo(MonitoringPanelsImpl, (a, b) => a.chartKey === b.chartKey);
