import type { Dispatch, ReactNode } from 'react';
import {
  minutesTo,
  missingTimeReason,
  shortHash,
  type CohortEntry,
  type TimeMetric,
} from '../../../../electron/engine/cohort/cohort';
import type { CohortAction, CohortSort, SortKey } from '../../state/cohort';
import { formatNumber, formatPercent, formatUsd } from '../../lib/format';
import { formatMinutes, nameOf, splitVerdict } from './cohort-view';

interface ComparisonTableProps {
  entries: readonly CohortEntry[];
  sort: CohortSort;
  /** Scenario ids seen with more than one hash: their rows show which version they ran. */
  multiVersion: ReadonlySet<string>;
  dispatch: Dispatch<CohortAction>;
}

/** A column header that sorts the table; screen readers hear the current order from aria-sort. */
function SortHeader({
  label,
  sortKey,
  sort,
  numeric,
  dispatch,
}: {
  label: ReactNode;
  sortKey: SortKey;
  sort: CohortSort;
  numeric?: boolean;
  dispatch: Dispatch<CohortAction>;
}) {
  const active = sort.key === sortKey;
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? sort.direction : undefined}
    >
      <button
        type="button"
        className="sort-button"
        onClick={() => dispatch({ type: 'sorted', key: sortKey })}
      >
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

function TimeCell({ e, metric }: { e: CohortEntry; metric: TimeMetric }) {
  const v = minutesTo(e.result, metric);
  return (
    <td className="num">
      {v !== null ? (
        formatMinutes(v)
      ) : (
        <span className="subtle">{missingTimeReason(e.result, metric)}</span>
      )}
    </td>
  );
}

/** Every imported result side by side; the headers sort it. */
export function ComparisonTable({ entries, sort, multiVersion, dispatch }: ComparisonTableProps) {
  const header = (label: ReactNode, key: SortKey, numeric = false) => (
    <SortHeader label={label} sortKey={key} sort={sort} numeric={numeric} dispatch={dispatch} />
  );
  return (
    <div className="table-scroll">
      <table className="cohort-table" data-testid="cohort-table">
        <caption className="visually-hidden">
          Results, one row per learner or team; the column headers sort the table.
        </caption>
        <thead>
          <tr>
            {header('Learner or team', 'learner')}
            {header('Scenario', 'scenario')}
            {header('Seed', 'seed', true)}
            {header('Score (as reported)', 'score', true)}
            {header('Time to detect', 'detect', true)}
            {header('Time to correct diagnosis', 'diagnose', true)}
            {header('Time to mitigate', 'mitigate', true)}
            {header('Harm after the fault', 'harm', true)}
            {header('Cost per hour', 'cost', true)}
            <th scope="col">Verdict</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const r = e.result;
            const s = r.score;
            const verdict = splitVerdict(s.verdict);
            const harmChange =
              s.harmDoingNothing > 0 ? (s.harm - s.harmDoingNothing) / s.harmDoingNothing : null;
            return (
              <tr key={e.id} data-testid="cohort-row">
                <th scope="row">
                  {r.learner ?? <span className="unknown">no name</span>}
                  <span className="file-name">{e.fileName}</span>
                  {r.roles.length > 0 && (
                    <span className="subtle row-detail">roles: {r.roles.join(', ')}</span>
                  )}
                </th>
                <td className="scenario-cell">
                  {r.scenario.title}
                  {multiVersion.has(r.scenario.id) && (
                    <span className="subtle row-detail">
                      version <span className="mono">{shortHash(r.scenario.hash)}</span>
                    </span>
                  )}
                </td>
                <td className="num mono">{r.seed}</td>
                <td className="num">
                  <b>{formatNumber(s.total)}</b> / {formatNumber(s.max)}
                  <span className="subtle row-detail">
                    {formatPercent(s.max > 0 ? s.total / s.max : null, 0)}
                  </span>
                </td>
                <TimeCell e={e} metric="detect" />
                <TimeCell e={e} metric="diagnose" />
                <TimeCell e={e} metric="mitigate" />
                <td className="num">
                  {formatNumber(s.harm)}
                  {harmChange !== null && (
                    <span className="subtle row-detail">
                      {harmChange === 0
                        ? 'same as doing nothing'
                        : `${harmChange > 0 ? '+' : '−'}${formatPercent(Math.abs(harmChange), 0)} vs doing nothing`}
                    </span>
                  )}
                </td>
                <td className="num">
                  {formatUsd(s.costUsdPerHour)}
                  <span className="subtle row-detail">
                    {s.costBudgetUsdPerHour !== null
                      ? `budget ${formatUsd(s.costBudgetUsdPerHour)}`
                      : 'no budget set'}
                  </span>
                </td>
                <td className="verdict-cell">
                  <b>{verdict.band}</b>
                  {verdict.detail && <span className="subtle row-detail">{verdict.detail}</span>}
                </td>
                <td>
                  <button
                    type="button"
                    className="small"
                    onClick={() => dispatch({ type: 'removed', id: e.id })}
                    aria-label={`Remove the result of ${nameOf(e)}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
