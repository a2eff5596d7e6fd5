import type { Dispatch } from 'react';
import type { CohortAction, CohortProblem } from '../../state/cohort';
import { asText } from '../../lib/format';

/** Whether the one problem is the headline itself (a syntax error): then only its place is new. */
function isWholeFile(p: CohortProblem): boolean {
  const [only] = p.error.problems;
  return p.error.problems.length === 1 && only.message === p.error.message;
}

/** One card per file that was not added: what is wrong, and where in the file. */
export function ImportProblems({
  problems,
  dispatch,
}: {
  problems: readonly CohortProblem[];
  dispatch: Dispatch<CohortAction>;
}) {
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.kind === 'error').length;
  return (
    <section aria-labelledby="cohort-problems-title" className="cohort-problems">
      <div className="section-head">
        <h2 id="cohort-problems-title">
          {errors > 0
            ? `${errors} file${errors === 1 ? '' : 's'} could not be imported`
            : 'Files not added again'}
        </h2>
        <button type="button" onClick={() => dispatch({ type: 'problems-cleared' })}>
          Dismiss all
        </button>
      </div>
      <p className="subtle">The other results are unaffected. Fix a file and import it again.</p>
      {problems.map((p) => (
        <article
          key={p.id}
          className={`import-problem ${p.kind === 'duplicate' ? 'is-duplicate' : 'is-error'}`}
          aria-labelledby={`import-problem-${p.id}`}
          data-testid="import-problem"
        >
          <div className="section-head">
            <h3 id={`import-problem-${p.id}`} className="file-title">
              {asText(p.error.file)}
            </h3>
            <button
              type="button"
              onClick={() => dispatch({ type: 'problem-dismissed', id: p.id })}
              aria-label={`Dismiss the message about ${asText(p.error.file)}`}
            >
              Dismiss
            </button>
          </div>
          <p className="problem-message">{asText(p.error.message)}</p>
          {isWholeFile(p) && (
            <p>
              At line <b>{p.error.problems[0].line}</b>, column <b>{p.error.problems[0].column}</b>.
            </p>
          )}
          {p.error.problems.length > 0 && !isWholeFile(p) && (
            <table className="compact errors">
              <thead>
                <tr>
                  <th scope="col">Line:column</th>
                  <th scope="col">Field</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {p.error.problems.map((q, i) => (
                  <tr key={i}>
                    <td className="mono">
                      {q.line}:{q.column}
                    </td>
                    <td className="mono">{asText(q.path) || '(the file)'}</td>
                    <td>{asText(q.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.error.more > 0 && (
            <p className="subtle">
              and {p.error.more} more problem{p.error.more === 1 ? '' : 's'}
            </p>
          )}
        </article>
      ))}
    </section>
  );
}
