import { useRef, type ChangeEvent } from 'react';
import type { LibraryEntry } from '../../../electron/shared/contract';
import type { ScenarioError } from '../../../electron/engine/scenario/scenario-error';
import { bestScores, type LibraryState } from '../state/library';
import type { AppActions } from '../app/use-app-state';
import { MAX_FILE_BYTES, readFilesInTurn, TOO_LARGE_SCENARIO } from '../app/use-file-drop';
import { formatDuration, formatPercent } from '../lib/format';
import { hasLearningDoc } from '../lib/learning-docs';

interface LibraryScreenProps {
  library: LibraryState;
  actions: AppActions;
}

const DIFFICULTY_ORDER: Record<string, number> = { beginner: 0, intermediate: 1, advanced: 2 };

/** Easiest first, then by title: a newcomer finds a first scenario at the top. */
function byDifficulty(a: LibraryEntry, b: LibraryEntry): number {
  const d =
    (DIFFICULTY_ORDER[a.difficulty ?? ''] ?? 3) - (DIFFICULTY_ORDER[b.difficulty ?? ''] ?? 3);
  return d || (a.title ?? a.fileName).localeCompare(b.title ?? b.fileName);
}

const DIFFICULTY_LABEL: Record<string, string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};

/** Built-in and opened scenarios, the file picker, and every error of files that did not load. */
export function LibraryScreen({ library, actions }: LibraryScreenProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const best = bestScores(library.progress);
  const builtIn = library.entries.filter((e) => e.ok && e.origin === 'built-in').sort(byDifficulty);
  const opened = library.entries.filter((e) => e.ok && e.origin === 'opened');
  const invalid = library.entries.filter((e) => !e.ok);

  const onPick = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    // Reset so picking the same file again (after fixing it) fires another change.
    e.target.value = '';
    await readFilesInTurn(files, MAX_FILE_BYTES, {
      onFile: actions.openFileText,
      onTooLarge: (fileName) => actions.rejectFile(fileName, TOO_LARGE_SCENARIO),
      onUnreadable: actions.rejectFile,
    });
  };

  return (
    <section className="library" aria-labelledby="library-title">
      <div className="screen-head">
        <div>
          <h1 id="library-title">Scenario library</h1>
          <p className="lede">
            Pick an incident to practise. Each run is seeded: the same choices give the same
            outcome.
          </p>
        </div>
        <div className="open-file">
          <button
            type="button"
            className="primary"
            onClick={() => inputRef.current?.click()}
            id="open-scenario-file"
          >
            Open scenario file…
          </button>
          <input
            ref={inputRef}
            type="file"
            accept=".yaml,.yml,.json"
            multiple
            hidden
            onChange={(e) => void onPick(e)}
            data-testid="scenario-file-input"
          />
          <span className="hint">or drop a .yaml or .json file anywhere on the window</span>
        </div>
      </div>

      {invalid.length > 0 && (
        <section aria-labelledby="invalid-title" className="invalid-files">
          <h2 id="invalid-title">Files that could not be loaded</h2>
          {invalid.map((entry) => (
            <InvalidFile
              key={entry.key}
              entry={entry}
              highlight={entry.key === library.lastOpened}
            />
          ))}
        </section>
      )}

      {!library.loaded && library.loadError === null && (
        <p role="status">Loading the scenario library…</p>
      )}
      {!library.loaded && library.loadError !== null && (
        <div className="button-row">
          <span>
            The built-in scenarios could not be listed. You can still open a scenario file.
          </span>
          <button type="button" onClick={() => void actions.refreshLibrary()}>
            Try listing them again
          </button>
        </div>
      )}

      {library.loaded && (
        <ScenarioList
          title="Built-in scenarios"
          id="built-in"
          entries={builtIn}
          best={best}
          actions={actions}
          lastOpened={library.lastOpened}
        />
      )}
      {opened.length > 0 && (
        <ScenarioList
          title="Opened files"
          id="opened"
          entries={opened}
          best={best}
          actions={actions}
          lastOpened={library.lastOpened}
        />
      )}
    </section>
  );
}

function ScenarioList(props: {
  title: string;
  id: string;
  entries: LibraryEntry[];
  best: ReturnType<typeof bestScores>;
  actions: AppActions;
  lastOpened: string | null;
}) {
  if (props.entries.length === 0 && props.id === 'built-in') {
    return (
      <section aria-labelledby={`${props.id}-title`}>
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <p>No built-in scenarios were found.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <ul className="cards">
        {props.entries.map((entry) => {
          const best = entry.id ? props.best.get(entry.id) : undefined;
          const titleId = `card-${entry.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
          return (
            <li
              key={entry.key}
              className={entry.key === props.lastOpened ? 'card highlight' : 'card'}
              aria-labelledby={titleId}
            >
              <h3 id={titleId}>{entry.title}</h3>
              <p className="meta">
                <span className={`badge difficulty-${entry.difficulty ?? 'unknown'}`}>
                  {DIFFICULTY_LABEL[entry.difficulty ?? ''] ?? 'Unrated'}
                </span>
                <span>
                  {entry.durationMs
                    ? `${formatDuration(entry.durationMs)} of service time`
                    : 'duration unknown'}
                </span>
                <span>
                  Best score:{' '}
                  {best ? (
                    <b>
                      {best.score} / {best.maxScore} (
                      {formatPercent(best.maxScore > 0 ? best.score / best.maxScore : 0, 0)})
                    </b>
                  ) : (
                    'not played yet'
                  )}
                </span>
                {entry.id && hasLearningDoc(entry.id) && (
                  <span>Reading and quick check after the debrief</span>
                )}
              </p>
              {entry.teaches && entry.teaches.length > 0 && (
                <>
                  <p className="subtle">Learning goals</p>
                  <ul className="teaches">
                    {entry.teaches.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ul>
                </>
              )}
              <div className="card-foot">
                <span className="file-name">{entry.fileName}</span>
                <button
                  type="button"
                  className="primary"
                  onClick={() => void props.actions.openBriefing(entry.key)}
                  aria-describedby={titleId}
                >
                  Read the briefing
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function errorLocation(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.column}`;
}

function InvalidFile({ entry, highlight }: { entry: LibraryEntry; highlight: boolean }) {
  const errors = entry.errors ?? [];
  const titleId = `invalid-${entry.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <article
      className={highlight ? 'invalid-file highlight' : 'invalid-file'}
      aria-labelledby={titleId}
      data-testid="invalid-file"
    >
      <h3 id={titleId}>
        {entry.fileName}: {errors.length} {errors.length === 1 ? 'error' : 'errors'}
      </h3>
      <p>Fix these in the file and open it again. Lines and columns count from 1.</p>
      <div
        className="table-scroll"
        role="region"
        aria-label={`Errors in ${entry.fileName}`}
        tabIndex={0}
      >
        <table className="errors">
          <thead>
            <tr>
              <th scope="col">File, line, column</th>
              <th scope="col">Path</th>
              <th scope="col">Problem</th>
              <th scope="col">Expected</th>
              <th scope="col">Did you mean</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i}>
                <td className="mono">
                  {errorLocation(e)}
                  <span className="visually-hidden">
                    {' '}
                    (line {e.line}, column {e.column})
                  </span>
                </td>
                <td className="mono">{e.path === '' ? '(whole file)' : e.path}</td>
                <td>{e.message}</td>
                <td>{e.expected ?? '—'}</td>
                <td className="mono">{e.suggestion ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
