import type { ProgressEntry } from '../../../electron/shared/contract';
import type { AppActions } from '../app/use-app-state';
import { ScoreHistoryChart } from '../charts/ScoreHistoryChart';
import { formatPercent } from '../lib/format';

/** Completed scenarios and how the scores moved over time. */
export function ProgressScreen({
  progress,
  actions,
}: {
  progress: ProgressEntry[];
  actions: AppActions;
}) {
  const rows = [...progress].sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
  return (
    <section className="progress" aria-labelledby="progress-title">
      <div className="screen-head">
        <div>
          <h1 id="progress-title">Your progress</h1>
          <p className="lede">
            Every finished session, newest first. Scores are shares of each scenario’s maximum.
          </p>
        </div>
        <button type="button" onClick={() => actions.navigate('library')}>
          Back to the library
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="empty">No sessions finished yet. Resolve a scenario and it appears here.</p>
      ) : (
        <>
          <section className="panel">
            <ScoreHistoryChart entries={progress} />
          </section>
          <section className="panel" aria-labelledby="progress-table-title">
            <h2 id="progress-table-title">Completed sessions</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Finished</th>
                  <th scope="col">Scenario</th>
                  <th scope="col">Seed</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p, i) => (
                  <tr key={`${p.finishedAt}-${i}`}>
                    <td>{new Date(p.finishedAt).toLocaleString()}</td>
                    <td>{p.title}</td>
                    <td className="mono">{p.seed}</td>
                    <td className="num">
                      {p.score} / {p.maxScore}
                    </td>
                    <td className="num">
                      {formatPercent(p.maxScore > 0 ? p.score / p.maxScore : 0, 0)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}
