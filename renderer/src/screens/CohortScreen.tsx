import { useMemo, useRef, useState, type ChangeEvent, type Dispatch } from 'react';
import { cohortCsv, groupByScenario } from '../../../electron/engine/cohort/cohort';
import { MAX_RESULT_BYTES, RESULT_EXTENSION } from '../../../electron/engine/cohort/result-file';
import { sortedEntries, type CohortAction, type CohortState } from '../state/cohort';
import type { AppActions } from '../app/use-app-state';
import { downloadText } from '../app/download';
import { readFilesInTurn } from '../app/use-file-drop';
import { ImportProblems } from './cohort/ImportProblems';
import { ComparisonTable } from './cohort/ComparisonTable';
import { ScenarioSummary } from './cohort/ScenarioSummary';

interface CohortScreenProps {
  cohort: CohortState;
  dispatch: Dispatch<CohortAction>;
  actions: AppActions;
}

/** The message for a file too large to read. */
export const TOO_LARGE_RESULT = `The file is larger than ${MAX_RESULT_BYTES / 1024 / 1024} MiB, the limit for a result file.`;

/**
 * The facilitator's view of a workshop: learners' result files side by side, the spread of
 * their times to detect, diagnose and mitigate, and a CSV export.
 */
export function CohortScreen({ cohort, dispatch, actions }: CohortScreenProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const { groups, warnings } = useMemo(() => groupByScenario(cohort.entries), [cohort.entries]);
  const rows = useMemo(
    () => sortedEntries(cohort.entries, cohort.sort),
    [cohort.entries, cohort.sort],
  );
  const multiVersion = useMemo(
    () => new Set(groups.filter((g) => g.versions > 1).map((g) => g.scenarioId)),
    [groups],
  );
  const n = cohort.entries.length;

  const onPick = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    // Reset so picking the same file again (after fixing it) fires another change.
    e.target.value = '';
    const refuse = (fileName: string, message: string) =>
      dispatch({ type: 'file-refused', fileName, message });
    await readFilesInTurn(files, MAX_RESULT_BYTES, {
      onFile: actions.importResultText,
      onTooLarge: (fileName) => refuse(fileName, TOO_LARGE_RESULT),
      onUnreadable: refuse,
    });
  };

  const exportCsv = () => {
    const ids = new Set(cohort.entries.map((e) => e.result.scenario.id));
    const stem = ids.size === 1 ? `${[...ids][0]}-cohort` : 'driftdrill-cohort';
    // The byte-order mark makes spreadsheet programs read the file as UTF-8 (names with accents).
    downloadText(`${stem}.csv`, `\uFEFF${cohortCsv(rows)}`, 'text/csv;charset=utf-8');
  };

  return (
    <section className="cohort" aria-labelledby="cohort-title">
      <div className="screen-head">
        <div>
          <h1 id="cohort-title">Cohort results</h1>
          <p className="lede">
            Compare a workshop’s results: each learner or team saves a result file from their
            debrief, and you import them here.
          </p>
        </div>
        <div className="open-file">
          <button
            type="button"
            className="primary"
            onClick={() => inputRef.current?.click()}
            id="import-result-files"
          >
            Import result files…
          </button>
          <input
            ref={inputRef}
            type="file"
            accept={`${RESULT_EXTENSION},.json,application/json`}
            multiple
            hidden
            onChange={(e) => void onPick(e)}
            data-testid="result-file-input"
          />
          <span className="hint">or drop them anywhere on this window</span>
        </div>
      </div>

      <p role="status" className="visually-hidden">
        {cohort.announcement}
      </p>

      <ImportProblems problems={cohort.problems} dispatch={dispatch} />

      {warnings.map((w) => (
        <div key={w.scenarioId} className="version-warning" role="note">
          <b>Different scenario versions.</b> {w.message}
        </div>
      ))}

      {n === 0 ? (
        <div className="empty">
          <p>
            <b>No results yet.</b>
          </p>
          <p>
            Ask each learner or team to press “Save result file” on their debrief screen and send
            you the file ({RESULT_EXTENSION}). Import several at once with the button above, or drop
            them on this window.
          </p>
        </div>
      ) : (
        <>
          {groups.map((g) => (
            <ScenarioSummary key={g.key} group={g} />
          ))}
          <section className="panel" aria-labelledby="cohort-table-title">
            <div className="section-head">
              <h2 id="cohort-table-title">All results ({n})</h2>
              <div className="button-row">
                <button type="button" onClick={exportCsv}>
                  Export CSV
                </button>
                {confirmClear ? (
                  <>
                    <span>
                      Remove all {n} result{n === 1 ? '' : 's'} from this view?
                    </span>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        dispatch({ type: 'cleared' });
                        setConfirmClear(false);
                      }}
                    >
                      Remove all
                    </button>
                    <button type="button" onClick={() => setConfirmClear(false)}>
                      Keep them
                    </button>
                  </>
                ) : (
                  <button type="button" onClick={() => setConfirmClear(true)}>
                    Clear the cohort…
                  </button>
                )}
              </div>
            </div>
            <p className="subtle">
              Scores are as reported by each learner’s app. Driftdrill checks that every file is
              well formed and that its points add up; it does not replay the decisions. Times count
              from the first fault’s onset, in minutes of simulated time. The files stay the record:
              this view is kept only until the window closes.
            </p>
            <ComparisonTable
              entries={rows}
              sort={cohort.sort}
              multiVersion={multiVersion}
              dispatch={dispatch}
            />
          </section>
        </>
      )}
    </section>
  );
}
