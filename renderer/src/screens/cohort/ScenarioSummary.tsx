import { useMemo } from 'react';
import { shortHash, type ScenarioVersion } from '../../../../electron/engine/cohort/cohort';
import { SpreadChart } from '../../charts/SpreadChart';
import { formatNumber } from '../../lib/format';
import { METRIC_LABELS, formatMinutes, missingTimes, spreadRows, summaryRows } from './cohort-view';

/** The spread of times and scores within one scenario version: a chart and a table. */
export function ScenarioSummary({ group }: { group: ScenarioVersion }) {
  const rows = useMemo(() => spreadRows(group), [group]);
  const missing = useMemo(() => missingTimes(group), [group]);
  const summary = useMemo(() => summaryRows(group), [group]);
  const seeds = [...new Set(group.entries.map((e) => e.result.seed))].sort((a, b) => a - b);
  const n = group.entries.length;
  const titleId = `cohort-group-${group.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <section className="panel" aria-labelledby={titleId} data-testid="cohort-group">
      <h2 id={titleId}>
        {group.title}
        {group.versions > 1 && (
          <span className="subtle">
            {' '}
            — version {group.version} of {group.versions} (
            <span className="mono">{shortHash(group.hash)}</span>)
          </span>
        )}
      </h2>
      <p className="subtle">
        {n} result{n === 1 ? '' : 's'} · seed{seeds.length === 1 ? '' : 's'} {seeds.join(', ')}.
        {seeds.length > 1 &&
          ' Different seeds give different traffic and noise: compare times with care.'}
      </p>
      <div>
        <SpreadChart
          title="How long teams took"
          unit="minutes after the first fault began"
          rows={rows}
          formatValue={formatMinutes}
        />
        {missing.length > 0 && (
          <ul className="not-plotted">
            {missing.map((m) => (
              <li key={m.metric}>
                <b>Not on the {METRIC_LABELS[m.metric].toLowerCase()} row:</b> {m.names.join('; ')}
              </li>
            ))}
          </ul>
        )}
        <table className="compact spread-table">
          <caption>Spread within this scenario version</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="num">
                Results
              </th>
              <th scope="col" className="num">
                Lowest
              </th>
              <th scope="col" className="num">
                First quartile
              </th>
              <th scope="col" className="num">
                Median
              </th>
              <th scope="col" className="num">
                Third quartile
              </th>
              <th scope="col" className="num">
                Highest
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.map((row) => {
              const s = row.spread;
              return (
                <tr key={row.label}>
                  <th scope="row">
                    {row.label} <span className="subtle">({row.unit})</span>
                  </th>
                  <td className="num">
                    {s?.count ?? 0} of {row.of}
                  </td>
                  {s ? (
                    [s.min, s.q1, s.median, s.q3, s.max].map((v, i) => (
                      <td key={i} className="num">
                        {formatNumber(v)}
                      </td>
                    ))
                  ) : (
                    <td colSpan={5} className="subtle">
                      no result has this time
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
