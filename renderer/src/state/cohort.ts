import { produce } from 'immer';
import { addResult, minutesTo, type CohortEntry } from '../../../electron/engine/cohort/cohort';
import type { ResultFileError, ResultParse } from '../../../electron/engine/cohort/result-file';
import { sha256Hex } from '../../../electron/engine/scoring/scenario-hash';
import { asText } from '../lib/format';

/**
 * The facilitator's cohort: imported results, files that could not be imported, the table's
 * order. Kept in memory only: the result files on disk stay the record, a shared workshop
 * laptop keeps no learner names after the window closes, and several 5 MiB files would not fit
 * the few MiB browsers allow local storage.
 */

export type SortKey =
  'learner' | 'scenario' | 'seed' | 'score' | 'detect' | 'diagnose' | 'mitigate' | 'harm' | 'cost';

export interface CohortSort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

/** A file that was not added, and why. */
export interface CohortProblem {
  id: number;
  /** 'error': the file was refused; 'duplicate': the same result is already imported. */
  kind: 'error' | 'duplicate';
  error: ResultFileError;
  /** The file's identity (see fileSource), or null when its content was never read. */
  source: string | null;
}

/**
 * Identifies one file's content: its name, size and SHA-256. Two files named `result.json`
 * differ; the same file imported again does not, so its new card replaces its old one.
 */
export function fileSource(fileName: string, text: string): string {
  const bytes = new TextEncoder().encode(text);
  return `${fileName}\n${bytes.length}\n${sha256Hex(bytes)}`;
}

export interface CohortState {
  entries: CohortEntry[];
  problems: CohortProblem[];
  sort: CohortSort;
  /** What the last import did, in words, for the status line screen readers announce. */
  announcement: string;
  nextProblemId: number;
}

export type CohortAction =
  /** `source` is fileSource of the text read; without it the file is never taken for another. */
  | { type: 'file-read'; fileName: string; parse: ResultParse; source?: string }
  | { type: 'file-refused'; fileName: string; message: string }
  | { type: 'removed'; id: string }
  | { type: 'problem-dismissed'; id: number }
  | { type: 'problems-cleared' }
  | { type: 'cleared' }
  | { type: 'sorted'; key: SortKey };

export const initialCohort: CohortState = {
  entries: [],
  problems: [],
  sort: { key: 'score', direction: 'descending' },
  announcement: '',
  nextProblemId: 1,
};

/** Text columns read best A to Z first; numbers best from the highest score or the quickest time. */
const FIRST_DIRECTION: Record<SortKey, CohortSort['direction']> = {
  learner: 'ascending',
  scenario: 'ascending',
  seed: 'ascending',
  score: 'descending',
  detect: 'ascending',
  diagnose: 'ascending',
  mitigate: 'ascending',
  harm: 'ascending',
  cost: 'ascending',
};

/** Imported results, files refused, and the comparison table's order. */
export function cohortReducer(state: CohortState, action: CohortAction): CohortState {
  return produce(state, (draft) => {
    // Each import attempt keeps its own card until dismissed: names alone do not tell files
    // apart (every learner may send "result.json"). Only the very same content, imported
    // again, replaces (or, once imported, clears) what was said about it.
    const forget = (source: string | null) => {
      if (source !== null) draft.problems = draft.problems.filter((p) => p.source !== source);
    };
    const problem = (
      kind: CohortProblem['kind'],
      error: ResultFileError,
      source: string | null,
    ) => {
      forget(source);
      draft.problems.push({ id: draft.nextProblemId++, kind, error, source });
    };
    switch (action.type) {
      case 'file-read': {
        const { fileName, parse } = action;
        const source = action.source ?? null;
        if (!parse.ok) {
          problem('error', parse.error, source);
          draft.announcement = `${fileName} could not be imported: ${asText(parse.error.message)}`;
          break;
        }
        const added = addResult(state.entries, fileName, parse.result);
        if (!added.ok) {
          const first = added.duplicateOf.fileName;
          const message = added.scoresDiffer
            ? `This file records the same session as "${first}" but reports a different score: one of the two was edited. Only "${first}" is kept.`
            : `This is the same result as "${first}", already imported (same learner, scenario, seed, decisions and finish time). It was not added again.`;
          problem(
            added.scoresDiffer ? 'error' : 'duplicate',
            { file: fileName, message, problems: [], more: 0 },
            source,
          );
          draft.announcement = `${fileName} was not added: ${message}`;
          break;
        }
        forget(source);
        // Parsed results are replaced, never edited: freezing them spares immer a deep walk.
        draft.entries.push(Object.freeze(added.entry));
        const who = parse.result.learner ?? 'a result without a name';
        draft.announcement = `Imported ${fileName} (${who}). ${draft.entries.length} result${draft.entries.length === 1 ? '' : 's'} in the cohort.`;
        break;
      }
      case 'file-refused':
        problem(
          'error',
          { file: action.fileName, message: action.message, problems: [], more: 0 },
          null,
        );
        draft.announcement = `${action.fileName} could not be imported: ${action.message}`;
        break;
      case 'removed':
        draft.entries = draft.entries.filter((e) => e.id !== action.id);
        draft.announcement = `Removed one result. ${draft.entries.length} left.`;
        break;
      case 'problem-dismissed':
        draft.problems = draft.problems.filter((p) => p.id !== action.id);
        break;
      case 'problems-cleared':
        draft.problems = [];
        break;
      case 'cleared':
        return { ...initialCohort, sort: state.sort, announcement: 'The cohort is empty.' };
      case 'sorted':
        draft.sort =
          draft.sort.key === action.key
            ? {
                key: action.key,
                direction: draft.sort.direction === 'ascending' ? 'descending' : 'ascending',
              }
            : { key: action.key, direction: FIRST_DIRECTION[action.key] };
        break;
    }
  });
}

/** The value an entry is sorted by; null sorts last in either direction. */
function sortValue(e: CohortEntry, key: SortKey): string | number | null {
  const r = e.result;
  switch (key) {
    case 'learner':
      return r.learner?.toLocaleLowerCase() ?? null;
    case 'scenario':
      return `${r.scenario.title.toLocaleLowerCase()} ${r.scenario.hash}`;
    case 'seed':
      return r.seed;
    case 'score':
      // A share of the maximum, so results of scenarios with different maximums line up.
      return r.score.max > 0 ? r.score.total / r.score.max : null;
    case 'detect':
    case 'diagnose':
    case 'mitigate':
      return minutesTo(r, key);
    case 'harm':
      return r.score.harm;
    case 'cost':
      return r.score.costUsdPerHour;
  }
}

/** Returns the entries in the table's order; ties and missing values keep import order. */
export function sortedEntries(entries: readonly CohortEntry[], sort: CohortSort): CohortEntry[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return entries
    .map((entry, index) => ({ entry, index, value: sortValue(entry, sort.key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const c =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : String(a.value).localeCompare(String(b.value));
      return c * sign || a.index - b.index;
    })
    .map((x) => x.entry);
}
