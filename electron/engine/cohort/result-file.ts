/**
 * Result files: what a learner hands the facilitator after a session, so a workshop can compare
 * its teams. A result is the session (scenario hash, seed, decision log) plus the score summary
 * the learner's app computed, and an optional name or team label typed in at export:
 *
 * {format: 'driftdrill-result', version: 1,
 *  scenario: {id, title, hash}, seed, learner, roles,
 *  decisions: [{seq, t, command, role?}],
 *  score: {total, max, verdict, criteria: [{id, label, points, max}], firstFaultAtMs,
 *          timeToDetectMs, timeToDiagnoseMs, timeToMitigateMs, mitigation,
 *          harm, harmDoingNothing, costUsdPerHour, costBudgetUsdPerHour},
 *  finishedAt}
 *
 * Times in the file are virtual milliseconds; "time to" values count from the first fault's
 * onset. Reading a file never runs anything from it: strict JSON syntax first, then a strict
 * schema, then checks that its parts agree (points add up to the total, the log is in order).
 * A refusal names the file, the field, what was expected, and the line and column.
 */
import { z } from 'zod';
import type { Scenario } from '../scenario/schema';
import type { CriterionId, ScoreReport } from '../scoring/score-types';
import { scenarioHash } from '../scoring/scenario-hash';
import { decisionSchema, type SessionDecision } from '../session-file';
import { checkJsonSyntax } from '../scenario/json-syntax';
import { positionInText, type Position } from '../scenario/node-position';
import { formatPath } from '../scenario/scenario-error';
import { jsonOffsetOf } from './json-locate';

export const RESULT_FORMAT = 'driftdrill-result';
export const RESULT_VERSION = 1;
/** File-name ending the app writes and the import picker suggests. */
export const RESULT_EXTENSION = '.driftdrill-result.json';
/** Largest result file read, in bytes (UTF-8): a long session's log is well under 1 MiB. */
export const MAX_RESULT_BYTES = 5 * 1024 * 1024;
/** Longest learner or team label kept, in characters. */
export const MAX_LABEL_LENGTH = 80;
/** Decisions a file may hold, as for session files. */
const MAX_DECISIONS = 100_000;
/** Nesting deeper than this is not a result file; refusing it keeps the syntax check bounded. */
const MAX_DEPTH = 64;
/** Problems listed per file; the rest are counted. */
const MAX_PROBLEMS = 8;
/** Points are rounded to 0.1 when totalled: sums may differ from the total by half of that. */
const POINT_TOLERANCE = 0.05 + 1e-9;

/** How the learner's run ended relative to the incident signal (harm or cost per request). */
export const MITIGATION_STATES = [
  /** The signal crossed its threshold and came back under it: `timeToMitigateMs` is set. */
  'recovered',
  /** The signal crossed its threshold and was still over it at the end. */
  'not-recovered',
  /** The signal never crossed its threshold in this run (acted early, or a benign change). */
  'never-exceeded',
  /** The scenario had no fault: nothing to detect, diagnose or mitigate. */
  'no-incident',
] as const;
export type MitigationState = (typeof MITIGATION_STATES)[number];

/** One criterion's points as the learner's app scored it. */
export interface ResultCriterion {
  id: string;
  label: string;
  points: number;
  max: number;
}

/** The score summary a result file carries; every time is virtual ms. */
export interface ResultScore {
  total: number;
  max: number;
  /** The one-sentence verdict of the debrief. */
  verdict: string;
  criteria: ResultCriterion[];
  /** When the first fault began (virtual ms); null for a scenario without faults. */
  firstFaultAtMs: number | null;
  /** From the first fault to the first decision that engaged with it (ms); null if none did. */
  timeToDetectMs: number | null;
  /** From the first fault to naming an accepted root cause (ms); null if never named. */
  timeToDiagnoseMs: number | null;
  /** From the first fault until harm or cost came back under its threshold (ms). */
  timeToMitigateMs: number | null;
  mitigation: MitigationState;
  /** Harm after the first fault's onset, in the scenario's harm units. */
  harm: number;
  /** Harm after onset had nobody acted, on the same seed: the scale for `harm`. */
  harmDoingNothing: number;
  /** Cost per hour after the first fault's onset, in US dollars. */
  costUsdPerHour: number;
  costBudgetUsdPerHour: number | null;
}

/** A parsed result file. */
export interface ResultFile {
  format: typeof RESULT_FORMAT;
  version: typeof RESULT_VERSION;
  scenario: { id: string; title: string; hash: string };
  seed: number;
  /** Learner or team name typed in at export; null when left empty. */
  learner: string | null;
  /** Team roles that acted, in the order they first appear in the log. */
  roles: string[];
  decisions: SessionDecision[];
  score: ResultScore;
  /** When the session was scored (ISO 8601, from the learner's computer). */
  finishedAt: string;
}

/** One thing wrong with a result file, where it is. */
export interface ResultProblem {
  /** Field path such as `score.criteria[2].points`; '' for the file as a whole. */
  path: string;
  message: string;
  line: number;
  column: number;
}

/** Why a file was refused: a headline, and every problem found (up to a limit). */
export interface ResultFileError {
  file: string;
  message: string;
  problems: ResultProblem[];
  /** Problems found beyond those listed. */
  more: number;
}

export type ResultParse = { ok: true; result: ResultFile } | { ok: false; error: ResultFileError };

const HASH = /^sha256:[0-9a-f]{64}$/;
const time = z.number().finite().min(0);
const label = (max: number) => z.string().max(max);

const criterionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'expected a criterion id such as "detect"'),
  label: label(120).min(1),
  points: z.number().finite(),
  max: z.number().finite().min(0),
});

const scoreSchema = z.strictObject({
  total: z.number().finite(),
  max: z.number().finite().min(0),
  verdict: label(500),
  criteria: z.array(criterionSchema).min(1).max(50),
  firstFaultAtMs: time.nullable(),
  timeToDetectMs: time.nullable(),
  timeToDiagnoseMs: time.nullable(),
  timeToMitigateMs: time.nullable(),
  mitigation: z.enum(MITIGATION_STATES),
  harm: z.number().finite().min(0),
  harmDoingNothing: z.number().finite().min(0),
  costUsdPerHour: z.number().finite().min(0),
  costBudgetUsdPerHour: z.number().finite().positive().nullable(),
});

const resultFileSchema = z.strictObject({
  format: z.literal(RESULT_FORMAT),
  version: z.literal(RESULT_VERSION),
  scenario: z.strictObject({
    id: z.string().min(1).max(80),
    title: label(200),
    hash: z.string().regex(HASH, 'expected "sha256:" and 64 hex digits'),
  }),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  // Cleaned as at export: a hand-edited file may hold control or bidi-override characters.
  learner: label(MAX_LABEL_LENGTH)
    .nullable()
    .transform((text) => normaliseLabel(text)),
  roles: z.array(z.string().min(1).max(80)).max(20),
  decisions: z.array(decisionSchema).max(MAX_DECISIONS),
  score: scoreSchema,
  finishedAt: z.iso.datetime({ offset: true }),
});

// The schema's output must be a ResultFile: a field added to one and not the other fails here.
const asResultFile = (parsed: z.output<typeof resultFileSchema>): ResultFile => parsed;

/**
 * Returns a label with control and format characters (bidi overrides, zero-width marks) removed
 * and spaces collapsed; null when empty.
 */
export function normaliseLabel(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const clean = text
    .replace(/\p{Cc}/gu, ' ')
    // Invisible: removed rather than spaced, so "Team\u200BAtlas" reads as it looks.
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean === '' ? null : clean.slice(0, MAX_LABEL_LENGTH).trim();
}

/** The time (ms) of the decision a criterion rests on first, or null when it rests on none. */
function decisionTimeOf(
  report: ScoreReport,
  id: CriterionId,
  decisions: readonly SessionDecision[],
): number | null {
  const seq = report.criteria.find((c) => c.id === id)?.evidence.seqs[0];
  if (seq === undefined) return null;
  return decisions.find((d) => d.seq === seq)?.t ?? null;
}

/**
 * The score summary of a scored session. Detection and correct diagnosis are the decisions the
 * timing criteria rest on (their first evidence seq); mitigation is when the learner's run came
 * back under the incident threshold. Times count from the first fault's onset, in ms.
 */
export function scoreSummaryOf(
  report: ScoreReport,
  decisions: readonly SessionDecision[],
  costBudgetUsdPerHour: number | null,
): ResultScore {
  const onset = report.onset;
  const since = (t: number | null) =>
    onset === null || t === null ? null : Math.max(0, t - onset);
  const learner = report.runs.learner;
  let mitigation: MitigationState;
  if (onset === null) mitigation = 'no-incident';
  else if (!learner.exceeded) mitigation = 'never-exceeded';
  else if (learner.recoveredAt === null) mitigation = 'not-recovered';
  else mitigation = 'recovered';
  return {
    total: report.total,
    max: report.max,
    verdict: report.verdict,
    criteria: report.criteria.map((c) => ({
      id: c.id,
      label: c.label,
      points: c.points,
      max: c.max,
    })),
    firstFaultAtMs: onset,
    timeToDetectMs: since(decisionTimeOf(report, 'detect', decisions)),
    timeToDiagnoseMs: since(decisionTimeOf(report, 'diagnose-time', decisions)),
    timeToMitigateMs: mitigation === 'recovered' ? since(learner.recoveredAt) : null,
    mitigation,
    harm: learner.harmAfterOnset,
    harmDoingNothing: report.runs.doNothing.harmAfterOnset,
    costUsdPerHour: learner.costPerHourAfterOnset,
    costBudgetUsdPerHour,
  };
}

/**
 * Returns the score report inside a debrief a host built (it may come from another thread as
 * plain data), or null when the value is not a debrief — for instance a scoring failure.
 */
export function reportOfDebrief(debrief: unknown): ScoreReport | null {
  if (typeof debrief !== 'object' || debrief === null) return null;
  const d = debrief as { format?: unknown; score?: unknown };
  if (d.format !== 'driftdrill-debrief' || typeof d.score !== 'object' || d.score === null)
    return null;
  const score = d.score as Partial<ScoreReport>;
  const ok =
    typeof score.total === 'number' &&
    typeof score.max === 'number' &&
    Array.isArray(score.criteria) &&
    typeof score.runs === 'object' &&
    score.runs !== null;
  return ok ? (score as ScoreReport) : null;
}

/** What a result file is made from: the scored session and the label typed at export. */
export interface ResultInput {
  scenario: Scenario;
  /** The scenario file's text, hashed so results of different scenario versions are told apart. */
  scenarioText: string;
  seed: number;
  decisions: readonly SessionDecision[];
  report: ScoreReport;
  learner?: string | null;
  /** ISO 8601 time the session was scored, from the learner's clock. */
  finishedAt: string;
}

/** Returns the result file of a scored session. */
export function resultFileOf(input: ResultInput): ResultFile {
  const decisions = input.decisions.map((d) => ({
    seq: d.seq,
    t: d.t,
    command: d.command,
    ...(d.role ? { role: d.role } : {}),
  }));
  const roles: string[] = [];
  for (const d of decisions) if (d.role && !roles.includes(d.role)) roles.push(d.role);
  return {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    scenario: {
      id: input.scenario.id,
      title: input.scenario.title,
      hash: scenarioHash(input.scenarioText),
    },
    seed: input.seed,
    learner: normaliseLabel(input.learner),
    roles,
    decisions,
    score: scoreSummaryOf(
      input.report,
      decisions,
      input.scenario.service.budgets.costUsdPerHour ?? null,
    ),
    finishedAt: input.finishedAt,
  };
}

/** Returns a result file as JSON text (two-space indent, final newline). */
export function serialiseResult(result: ResultFile): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Returns the name to save a result as: `<scenario-id>-<seed>-<name>.driftdrill-result.json`. */
export function resultFileName(result: ResultFile): string {
  const name = (result.learner ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${result.scenario.id}-${result.seed}${name ? `-${name}` : ''}${RESULT_EXTENSION}`;
}

/** Returns the number of UTF-8 bytes in `text`, stopping early once past `cap`. */
function utf8Bytes(text: string, cap: number): number {
  if (text.length > cap) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= cap; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Describes a JSON value in words, for "found …". */
function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'number':
      return `the number ${v}`;
    case 'string':
      return v.length > 40 ? `text ("${v.slice(0, 37)}…")` : `text (${JSON.stringify(v)})`;
    case 'boolean':
      return String(v);
    default:
      return 'an object';
  }
}

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

/** Returns the value at a data path, or undefined when the path does not exist. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function bound(
  kind: 'at most' | 'at least',
  origin: string,
  limit: number | bigint,
  inclusive: boolean,
): string {
  const n = Number(limit);
  if (origin === 'string') return `expected ${kind} ${n} characters`;
  if (origin === 'array') return `expected ${kind} ${n} item${n === 1 ? '' : 's'}`;
  if (inclusive) return `expected a number ${kind} ${n}`;
  return `expected a number ${kind === 'at most' ? 'below' : 'above'} ${n}`;
}

/** One schema issue in words, with the path it points at. */
function describeIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
): { path: PropertyKey[]; message: string } {
  const path = [...issue.path];
  const found = valueAt(data, path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      if (found === undefined) return { path, message: `missing: expected ${expected}` };
      return { path, message: `expected ${expected}, found ${describeValue(found)}` };
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      const list =
        values.length === 1
          ? values[0]
          : `one of ${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
      return { path, message: `expected ${list}, found ${describeValue(found)}` };
    }
    case 'too_big':
      return {
        path,
        message: bound('at most', issue.origin, issue.maximum, issue.inclusive ?? true),
      };
    case 'too_small':
      return {
        path,
        message: bound('at least', issue.origin, issue.minimum, issue.inclusive ?? true),
      };
    case 'invalid_format':
      if (issue.format === 'datetime')
        return {
          path,
          message: `expected a date and time such as "2026-11-25T14:30:00Z", found ${describeValue(found)}`,
        };
      return { path, message: `${issue.message}, found ${describeValue(found)}` };
    case 'unrecognized_keys':
      return {
        path: [...path, issue.keys[0]],
        message:
          issue.keys.length === 1
            ? `unknown field "${issue.keys[0]}"`
            : `unknown fields ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      };
    case 'invalid_union': {
      const u = issue as z.core.$ZodIssueInvalidUnion & {
        discriminator?: string;
        options?: unknown[];
      };
      if (u.discriminator !== undefined && u.options !== undefined) {
        const examples = u.options
          .slice(0, 3)
          .map((o) => JSON.stringify(o))
          .join(', ');
        return {
          path,
          message: `unknown ${u.discriminator} ${describeValue(found)}; expected one of ${u.options.length} known kinds, such as ${examples}`,
        };
      }
      return { path, message: issue.message };
    }
    default:
      return { path, message: issue.message };
  }
}

/** Places problems in the (valid JSON) text by their data paths. */
function locate(
  text: string,
  found: readonly { path: PropertyKey[]; message: string }[],
): ResultProblem[] {
  return found.map((p) => {
    const at = positionInText(text, jsonOffsetOf(text, p.path));
    return { path: formatPath(p.path), message: p.message, line: at.line, column: at.column };
  });
}

/** Checks that the parts of a well-formed file agree with each other. */
function consistencyProblems(r: ResultFile): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  r.decisions.forEach((d, i) => {
    if (d.seq !== i)
      out.push({
        path: ['decisions', i, 'seq'],
        message: `expected seq ${i}: decisions must be numbered 0, 1, 2… in order`,
      });
    else if (i > 0 && d.t < r.decisions[i - 1].t)
      out.push({
        path: ['decisions', i, 't'],
        message: `decision ${i} is at ${d.t} ms, before decision ${i - 1} at ${r.decisions[i - 1].t} ms`,
      });
  });
  const s = r.score;
  const ids = new Set<string>();
  let points = 0;
  let max = 0;
  s.criteria.forEach((c, i) => {
    if (ids.has(c.id))
      out.push({
        path: ['score', 'criteria', i, 'id'],
        message: `criterion "${c.id}" appears twice`,
      });
    ids.add(c.id);
    if (c.points > c.max + POINT_TOLERANCE)
      out.push({
        path: ['score', 'criteria', i, 'points'],
        message: `${c.points} points is more than the criterion's maximum of ${c.max}`,
      });
    points += c.points;
    max += c.max;
  });
  if (Math.abs(points - s.total) > POINT_TOLERANCE)
    out.push({
      path: ['score', 'total'],
      message: `the total is ${s.total} but the criteria add up to ${Math.round(points * 100) / 100}`,
    });
  if (Math.abs(max - s.max) > POINT_TOLERANCE)
    out.push({
      path: ['score', 'max'],
      message: `the maximum is ${s.max} but the criteria's maximums add up to ${Math.round(max * 100) / 100}`,
    });
  if ((s.mitigation === 'recovered') !== (s.timeToMitigateMs !== null))
    out.push({
      path: ['score', 'timeToMitigateMs'],
      message:
        s.mitigation === 'recovered'
          ? 'expected a time to mitigate: mitigation is "recovered"'
          : `expected null: mitigation is "${s.mitigation}"`,
    });
  if ((s.mitigation === 'no-incident') !== (s.firstFaultAtMs === null))
    out.push({
      path: ['score', 'firstFaultAtMs'],
      message:
        s.mitigation === 'no-incident'
          ? 'expected null: mitigation says there was no incident'
          : 'expected the time the first fault began',
    });
  return out;
}

function refuse(
  file: string,
  message: string,
  problems: ResultProblem[] = [],
  more = 0,
): ResultParse {
  return { ok: false, error: { file, message, problems, more } };
}

/** Refuses a file with one problem about the whole file, at a position. */
function refuseAt(file: string, message: string, at: Position): ResultParse {
  return refuse(file, message, [{ path: '', message, line: at.line, column: at.column }]);
}

const UNEXPECTED_QUOTE = 'unexpected "\\""';

/**
 * Rephrases a JSON syntax error for people editing by hand: names the text found where a quote
 * was unexpected, and when a comma is expected on a new line, points at the line that lacks it.
 */
function syntaxMessage(text: string, offset: number, message: string): string {
  let m = message;
  if (m.startsWith(UNEXPECTED_QUOTE)) {
    const token = /^"(?:[^"\\\n]|\\.){0,40}"/.exec(text.slice(offset, offset + 90))?.[0];
    m = `unexpected ${token ? `text ${token}` : 'a double quote'}${m.slice(UNEXPECTED_QUOTE.length)}`;
  }
  let hint = '';
  if (/expected "," or/.test(m)) {
    let i = offset - 1;
    while (i >= 0 && /\s/.test(text[i])) i--;
    const before = positionInText(text, i).line;
    if (i >= 0 && before < positionInText(text, offset).line)
      hint = ` Is a comma missing at the end of line ${before}?`;
  }
  return `${m}.${hint}`;
}

const OTHER_FORMATS: Record<string, string> = {
  'driftdrill-session':
    'This is a session file, not a result file: save a result file from the debrief screen ("Save result file").',
  'driftdrill-debrief':
    'This is a debrief report, not a result file: save a result file from the debrief screen ("Save result file").',
};

/**
 * Parses a result file's text. Returns the result, or an error naming what is wrong, where
 * (field path, line and column) and what was expected. Never throws on any input.
 */
export function parseResultFile(text: string, fileName: string): ResultParse {
  const start: Position = { line: 1, column: 1 };
  const bytes = utf8Bytes(text, MAX_RESULT_BYTES);
  if (bytes > MAX_RESULT_BYTES)
    return refuseAt(
      fileName,
      `The file is larger than ${MAX_RESULT_BYTES / 1024 / 1024} MiB, the limit for a result file.`,
      start,
    );
  if (text.trim() === '') return refuseAt(fileName, 'The file is empty.', start);
  const syntax = checkJsonSyntax(text, MAX_DEPTH);
  if (syntax !== null)
    return refuseAt(
      fileName,
      `This is not valid JSON: ${syntaxMessage(text, syntax.offset, syntax.message)}`,
      positionInText(text, syntax.offset),
    );
  // JSON.parse refuses the byte-order mark the syntax check allows.
  const data: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return refuseAt(
      fileName,
      `This is not a Driftdrill result file: it holds ${describeValue(data)}, not an object.`,
      start,
    );
  const format = (data as { format?: unknown }).format;
  if (format !== RESULT_FORMAT) {
    const message =
      // Own keys only: `in` would match "toString" or "__proto__" and make the message a function.
      typeof format === 'string' && Object.hasOwn(OTHER_FORMATS, format)
        ? OTHER_FORMATS[format]
        : format === undefined
          ? `This is not a Driftdrill result file: it has no "format" field (expected "${RESULT_FORMAT}").`
          : `This is not a Driftdrill result file: "format" is ${describeValue(format)}, expected "${RESULT_FORMAT}".`;
    const [where] = locate(text, [{ path: format === undefined ? [] : ['format'], message }]);
    return refuse(fileName, message, [where]);
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > RESULT_VERSION) {
    const message = `This result file was written by a newer Driftdrill (format version ${version}); this app reads version ${RESULT_VERSION}.`;
    return refuse(fileName, message, locate(text, [{ path: ['version'], message }]));
  }
  const parsed = resultFileSchema.safeParse(data);
  const found = parsed.success
    ? consistencyProblems(asResultFile(parsed.data))
    : parsed.error.issues.map((issue) => describeIssue(issue, data));
  if (found.length === 0 && parsed.success) return { ok: true, result: asResultFile(parsed.data) };
  const problems = locate(text, found.slice(0, MAX_PROBLEMS));
  const count = found.length;
  const what = parsed.success
    ? 'Its parts do not agree'
    : 'It does not match the result file format';
  const first = problems[0];
  return refuse(
    fileName,
    `${what}: ${count === 1 ? 'one problem' : `${count} problems, the first`} at ${first.path || 'the top level'} (${first.message}).`,
    problems,
    Math.max(0, count - MAX_PROBLEMS),
  );
}
