/**
 * A cohort: the result files a facilitator has imported, and what the workshop compares them
 * by. Pure functions over plain data, so the renderer's reducer, the tests and any future
 * command line share one set of rules:
 * - one result counts once (importing a file twice, or a copy under another name, is refused);
 * - results are compared only within one scenario version (same id and same hash);
 * - the CSV export has one row per result, with the columns listed in CSV_COLUMNS.
 *
 * Scores are as reported by each learner's app: a result file is checked for shape and for
 * agreement between its parts, not replayed.
 */
import { canonicalJson, sha256Hex } from '../scoring/scenario-hash';
import type { MitigationState, ResultFile } from './result-file';

/** One imported result. */
export interface CohortEntry {
  /** The result's fingerprint (see resultFingerprint); unique within a cohort. */
  id: string;
  /** The name of the file it was imported from. */
  fileName: string;
  result: ResultFile;
}

/**
 * Returns a result's identity: SHA-256 of the session it records (scenario hash, seed, label,
 * finish time and decision log). A re-export or a renamed copy of one session shares it.
 */
export function resultFingerprint(r: ResultFile): string {
  const identity = {
    hash: r.scenario.hash,
    seed: r.seed,
    learner: r.learner,
    finishedAt: r.finishedAt,
    decisions: r.decisions,
  };
  return sha256Hex(new TextEncoder().encode(canonicalJson(identity)));
}

/** Adding a result: the new entry, or the entry it duplicates. */
export type AddOutcome =
  | { ok: true; entry: CohortEntry }
  | {
      ok: false;
      duplicateOf: CohortEntry;
      /** The two files record one session but report different scores: one was edited. */
      scoresDiffer: boolean;
    };

/** Returns the entry for a newly parsed result, or the existing entry it duplicates. */
export function addResult(
  entries: readonly CohortEntry[],
  fileName: string,
  result: ResultFile,
): AddOutcome {
  const id = resultFingerprint(result);
  const existing = entries.find((e) => e.id === id);
  if (existing)
    return {
      ok: false,
      duplicateOf: existing,
      scoresDiffer: canonicalJson(existing.result.score) !== canonicalJson(result.score),
    };
  return { ok: true, entry: { id, fileName, result } };
}

/** The results of one scenario version: only these are compared with each other. */
export interface ScenarioVersion {
  /** `<scenario id>@<first 12 hex digits of its hash>`. */
  key: string;
  scenarioId: string;
  title: string;
  hash: string;
  /** 1-based position among the versions of this scenario id seen, in import order. */
  version: number;
  /** How many versions of this scenario id the cohort holds. */
  versions: number;
  entries: CohortEntry[];
}

/** Results of one scenario id recorded on different versions of the scenario. */
export interface VersionWarning {
  scenarioId: string;
  title: string;
  counts: { hash: string; results: number }[];
  message: string;
}

/** Returns the short hash shown to people: its first 12 hex digits. */
export function shortHash(hash: string): string {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}

/** Returns the comparison-group key of a result: scenario id and short hash. */
export function versionKey(r: ResultFile): string {
  return `${r.scenario.id}@${shortHash(r.scenario.hash)}`;
}

/**
 * Groups results by scenario version, in the order each version was first imported, and warns
 * for each scenario id seen with more than one hash: a changed scenario changes the scores.
 */
export function groupByScenario(entries: readonly CohortEntry[]): {
  groups: ScenarioVersion[];
  warnings: VersionWarning[];
} {
  const groups = new Map<string, ScenarioVersion>();
  const versionsById = new Map<string, ScenarioVersion[]>();
  for (const entry of entries) {
    const r = entry.result;
    const key = versionKey(r);
    let group = groups.get(key);
    if (!group) {
      const siblings = versionsById.get(r.scenario.id) ?? [];
      group = {
        key,
        scenarioId: r.scenario.id,
        title: r.scenario.title,
        hash: r.scenario.hash,
        version: siblings.length + 1,
        versions: 0,
        entries: [],
      };
      siblings.push(group);
      versionsById.set(r.scenario.id, siblings);
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  const warnings: VersionWarning[] = [];
  for (const [scenarioId, versions] of versionsById) {
    for (const g of versions) g.versions = versions.length;
    if (versions.length < 2) continue;
    const counts = versions.map((g) => ({ hash: g.hash, results: g.entries.length }));
    warnings.push({
      scenarioId,
      title: versions[0].title,
      counts,
      message: `Results for "${versions[0].title}" come from ${versions.length} different versions of the scenario (${counts
        .map((c) => `${shortHash(c.hash)}…: ${c.results}`)
        .join(', ')}). Scores and times are compared only within one version.`,
    });
  }
  return { groups: [...groups.values()], warnings };
}

/** The times a workshop compares, each counted from the first fault's onset. */
export const TIME_METRICS = ['detect', 'diagnose', 'mitigate'] as const;
export type TimeMetric = (typeof TIME_METRICS)[number];

const MINUTE_MS = 60_000;

/** Returns a result's time to detect, diagnose correctly or mitigate, in minutes; null if none. */
export function minutesTo(r: ResultFile, metric: TimeMetric): number | null {
  const ms =
    metric === 'detect'
      ? r.score.timeToDetectMs
      : metric === 'diagnose'
        ? r.score.timeToDiagnoseMs
        : r.score.timeToMitigateMs;
  return ms === null ? null : ms / MINUTE_MS;
}

/** Why a result has no time for a metric, in a few words. */
export function missingTimeReason(r: ResultFile, metric: TimeMetric): string {
  if (r.score.mitigation === 'no-incident') return 'no incident';
  if (metric === 'detect') return 'not detected';
  if (metric === 'diagnose') return 'no correct diagnosis';
  const reasons: Record<MitigationState, string> = {
    recovered: 'recovered',
    'not-recovered': 'not mitigated by the end',
    'never-exceeded': 'never crossed the threshold',
    'no-incident': 'no incident',
  };
  return reasons[r.score.mitigation];
}

// CSV (RFC 4180): fields separated by commas, records by CRLF; a field holding a comma, a
// double quote, CR or LF is enclosed in double quotes, and quotes inside it are doubled.

/** Returns one CSV record (without its line break). */
export function csvRecord(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

/** Returns CSV text: every record ended by CRLF. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => `${csvRecord(r)}\r\n`).join('');
}

/**
 * Returns text safe to open in a spreadsheet: a cell starting with =, +, -, @, tab or CR would
 * be run as a formula, so it is prefixed with an apostrophe (text typed by learners ends up here).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Returns a number for a CSV cell, rounded to `digits` decimals; '' for null. */
function num(v: number | null, digits: number): string {
  if (v === null || !Number.isFinite(v)) return '';
  const f = 10 ** digits;
  return String(Math.round(v * f) / f);
}

const minutes = (ms: number | null) => num(ms === null ? null : ms / MINUTE_MS, 2);

/** One documented CSV column. */
export interface CsvColumn {
  name: string;
  description: string;
  /** Text cells may hold what a learner typed, so they are neutralised against formulas. */
  kind: 'text' | 'number';
  cell: (e: CohortEntry) => string;
}

/** The fixed columns of the cohort CSV, in order; per-criterion `points_<id>` columns follow. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    name: 'file',
    kind: 'text',
    description: 'File the result was imported from',
    cell: (e) => e.fileName,
  },
  {
    name: 'learner',
    kind: 'text',
    description: 'Learner or team name typed at export (empty if none)',
    cell: (e) => e.result.learner ?? '',
  },
  {
    name: 'scenario_id',
    kind: 'text',
    description: 'Scenario id',
    cell: (e) => e.result.scenario.id,
  },
  {
    name: 'scenario_title',
    kind: 'text',
    description: 'Scenario title',
    cell: (e) => e.result.scenario.title,
  },
  {
    name: 'scenario_hash',
    kind: 'text',
    description: 'SHA-256 of the scenario file: equal hashes mean the same scenario',
    cell: (e) => e.result.scenario.hash,
  },
  {
    name: 'comparable_group',
    kind: 'text',
    description: 'Scenario id and short hash: compare scores only within one group',
    cell: (e) => versionKey(e.result),
  },
  {
    name: 'seed',
    kind: 'number',
    description: 'Random seed of the run',
    cell: (e) => String(e.result.seed),
  },
  {
    name: 'score',
    kind: 'number',
    description: "Total points, as reported by the learner's app",
    cell: (e) => num(e.result.score.total, 1),
  },
  {
    name: 'max_score',
    kind: 'number',
    description: 'Points available',
    cell: (e) => num(e.result.score.max, 1),
  },
  {
    name: 'score_percent',
    kind: 'number',
    description: 'Score as a percentage of the points available',
    cell: (e) =>
      num(e.result.score.max > 0 ? (100 * e.result.score.total) / e.result.score.max : null, 1),
  },
  {
    name: 'verdict',
    kind: 'text',
    description: 'The debrief verdict',
    cell: (e) => e.result.score.verdict,
  },
  {
    name: 'first_fault_at_min',
    kind: 'number',
    description: 'When the first fault began, minutes of virtual time from the start',
    cell: (e) => minutes(e.result.score.firstFaultAtMs),
  },
  {
    name: 'time_to_detect_min',
    kind: 'number',
    description: 'Minutes from the first fault to the first decision that engaged with it',
    cell: (e) => minutes(e.result.score.timeToDetectMs),
  },
  {
    name: 'time_to_diagnose_min',
    kind: 'number',
    description: 'Minutes from the first fault to naming an accepted root cause',
    cell: (e) => minutes(e.result.score.timeToDiagnoseMs),
  },
  {
    name: 'time_to_mitigate_min',
    kind: 'number',
    description: 'Minutes from the first fault until harm or cost came back under its threshold',
    cell: (e) => minutes(e.result.score.timeToMitigateMs),
  },
  {
    name: 'mitigation',
    kind: 'text',
    description: 'recovered, not-recovered, never-exceeded or no-incident',
    cell: (e) => e.result.score.mitigation,
  },
  {
    name: 'harm',
    kind: 'number',
    description: "Harm after the first fault, in the scenario's harm units",
    cell: (e) => num(e.result.score.harm, 2),
  },
  {
    name: 'harm_doing_nothing',
    kind: 'number',
    description: 'Harm after the first fault had nobody acted, same seed',
    cell: (e) => num(e.result.score.harmDoingNothing, 2),
  },
  {
    name: 'cost_usd_per_hour',
    kind: 'number',
    description: 'Cost per hour after the first fault, US dollars',
    cell: (e) => num(e.result.score.costUsdPerHour, 4),
  },
  {
    name: 'cost_budget_usd_per_hour',
    kind: 'number',
    description: "The scenario's cost budget per hour, US dollars (empty if none)",
    cell: (e) => num(e.result.score.costBudgetUsdPerHour, 4),
  },
  {
    name: 'decisions',
    kind: 'number',
    description: 'Number of decisions in the log',
    cell: (e) => String(e.result.decisions.length),
  },
  {
    name: 'roles',
    kind: 'text',
    description: 'Team roles that acted, separated by "; "',
    cell: (e) => e.result.roles.join('; '),
  },
  {
    name: 'finished_at',
    kind: 'text',
    description: "When the session was scored (ISO 8601, learner's clock)",
    cell: (e) => e.result.finishedAt,
  },
];

/** Returns the criterion ids of all results, in the order they first appear. */
export function criterionIds(entries: readonly CohortEntry[]): string[] {
  const ids: string[] = [];
  for (const e of entries)
    for (const c of e.result.score.criteria) if (!ids.includes(c.id)) ids.push(c.id);
  return ids;
}

/**
 * Returns the cohort as CSV: a header row, then one row per result in the given order. Text
 * cells are neutralised against spreadsheet formulas; numbers use a dot for decimals; an
 * unknown value is an empty cell.
 */
export function cohortCsv(entries: readonly CohortEntry[]): string {
  const ids = criterionIds(entries);
  const header = [...CSV_COLUMNS.map((c) => c.name), ...ids.map((id) => `points_${id}`)];
  const rows = entries.map((e) => [
    ...CSV_COLUMNS.map((c) => (c.kind === 'text' ? neutraliseFormula(c.cell(e)) : c.cell(e))),
    ...ids.map((id) => num(e.result.score.criteria.find((c) => c.id === id)?.points ?? null, 2)),
  ]);
  return csvText([header, ...rows]);
}
