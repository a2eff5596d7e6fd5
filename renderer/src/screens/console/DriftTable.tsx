import { memo } from 'react';
import type { MonitoringSnapshot } from '../../../../electron/engine/monitor/snapshot';
import type { DriftTest } from '../../../../electron/engine/monitor/field-monitor';
import { Sparkline } from '../../charts/Sparkline';
import { mostShiftedSource } from '../../lib/monitoring-view';
import { formatNumber, formatPercent } from '../../lib/format';

const TEST_NAMES: Record<DriftTest, string> = {
  psi: 'PSI',
  ks: 'KS p-value',
  wasserstein: 'Wasserstein',
  'chi-squared': 'χ² p-value',
  'jensen-shannon': 'Jensen–Shannon',
};

/** Tests whose number is a p-value: drift when it falls below the threshold, not above. */
const P_VALUE_TESTS: ReadonlySet<DriftTest> = new Set<DriftTest>(['ks', 'chi-squared']);

interface DriftTableProps {
  m: MonitoringSnapshot;
  chartKey: string;
  onCompare: (field: string, source: string) => void;
}

/** Per-field drift against the reference, latest window, with a trend line per field. */
function DriftTableImpl({ m, onCompare }: DriftTableProps) {
  const windows = m.series.windowStart.length;
  return (
    <section className="panel drift-panel" aria-labelledby="drift-title">
      <h2 id="drift-title">Inputs: drift per field</h2>
      <p className="subtle">
        Latest closed window against the reference (
        {m.reference.ready
          ? `${Math.round((m.reference.to - m.reference.from) / 3_600_000)} h from the start`
          : 'still being collected'}
        ). Trend lines show the last {Math.round((windows * m.windowMs) / 3_600_000)} h of the drift
        statistic.
      </p>
      <div className="table-scroll" role="region" aria-label="Drift per field" tabIndex={0}>
        <table className="drift-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col" className="num">
                Drift (threshold)
              </th>
              <th scope="col" className="num">
                PSI
              </th>
              <th scope="col" className="num">
                Missing
              </th>
              <th scope="col" className="num">
                Violations
              </th>
              <th scope="col">Most shifted source</th>
              <th scope="col">Trend</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Investigate</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {m.drift.map((row) => {
              const shifted = mostShiftedSource(m, row.field);
              const value = row.test && P_VALUE_TESTS.has(row.test) ? row.pValue : row.statistic;
              const status = row.drifted === null ? 'no data' : row.drifted ? 'drifted' : 'stable';
              return (
                <tr key={row.field} className={row.drifted ? 'row-alarm' : undefined}>
                  <th scope="row" className="mono">
                    {row.field}
                  </th>
                  <td className="num">
                    {formatNumber(value)}
                    {row.threshold !== null && (
                      <span className="subtle"> ({formatNumber(row.threshold)})</span>
                    )}
                    <span className="test-name">
                      {row.test ? TEST_NAMES[row.test] : 'no test yet'}
                    </span>
                  </td>
                  <td className="num">{formatNumber(row.psi)}</td>
                  <td className="num">{formatPercent(row.missingShare)}</td>
                  <td className="num">{formatPercent(row.violationShare)}</td>
                  <td>
                    {shifted && shifted.psi >= 0.1
                      ? `${shifted.source} (PSI ${formatNumber(shifted.psi)})`
                      : '—'}
                  </td>
                  <td>
                    <Sparkline
                      values={row.sparkline}
                      threshold={
                        row.threshold !== null && !(row.test && P_VALUE_TESTS.has(row.test))
                          ? row.threshold
                          : undefined
                      }
                      alarm={row.drifted === true}
                      label={`${row.field} drift over the last windows, latest ${formatNumber(row.statistic)}`}
                    />
                  </td>
                  <td>
                    <span className={`status status-${status.replace(' ', '-')}`}>{status}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small"
                      onClick={() =>
                        onCompare(row.field, shifted && shifted.psi >= 0.1 ? shifted.source : '')
                      }
                    >
                      Compare<span className="visually-hidden"> {row.field}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
            {m.drift.length === 0 && (
              <tr>
                <td colSpan={9} className="subtle">
                  No window has closed yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export const DriftTable = memo(
  DriftTableImpl,
  (a, b) => a.chartKey === b.chartKey && a.onCompare === b.onCompare,
);
