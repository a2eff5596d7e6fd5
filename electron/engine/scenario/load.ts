import { Composer, LineCounter, Parser, visit } from 'yaml';
import type { Document } from 'yaml';
import { crossCheck } from './cross-check';
import { describeIssues } from './issue-text';
import { checkJsonSyntax } from './json-syntax';
import { Locator, positionInText, positionOf } from './node-position';
import type { Position } from './node-position';
import { compareErrors, formatPath } from './scenario-error';
import type { Problem, ScenarioError } from './scenario-error';
import { scenarioSchema } from './schema';
import type { Scenario } from './schema';
import { placeYamlError } from './yaml-errors';
import { SHAPE_LIMITS, checkAliases, checkTokens, findDuplicateKeys } from './yaml-guard';

export type { ScenarioError } from './scenario-error';
export { formatScenarioError } from './scenario-error';

/** Largest scenario file accepted, in bytes of UTF-8. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** Errors reported at most; a broken file can otherwise produce thousands. */
const MAX_ERRORS = 100;

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** Returns the UTF-8 length of `text`, or any number above `cap` once it is known to exceed it. */
function utf8Length(text: string, cap: number): number {
  if (text.length > cap) return text.length;
  if (text.length * 3 <= cap) return text.length; // cannot exceed: at most 3 bytes per unit
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Collects errors for one file and turns offsets and data paths into lines and columns. */
class Report {
  readonly errors: ScenarioError[] = [];

  constructor(readonly file: string) {}

  at(position: Position, message: string, path = ''): void {
    this.errors.push({
      file: this.file,
      line: position.line,
      column: position.column,
      path,
      message,
    });
  }

  problems(problems: readonly Problem[], doc: Document.Parsed, counter: LineCounter): void {
    const locator = new Locator(doc, counter);
    for (const p of problems) {
      const position = locator.locate(p.path, p.target);
      const error: ScenarioError = {
        file: this.file,
        ...position,
        path: formatPath(p.path),
        message: p.message,
      };
      if (p.expected !== undefined) error.expected = p.expected;
      if (p.suggestion !== undefined) error.suggestion = p.suggestion;
      this.errors.push(error);
    }
  }

  /** Returns the errors in position order, capped at MAX_ERRORS with a closing note. */
  result(): { ok: false; errors: ScenarioError[] } {
    const sorted = [...this.errors].sort(compareErrors);
    if (sorted.length <= MAX_ERRORS) return { ok: false, errors: sorted };
    const kept = sorted.slice(0, MAX_ERRORS);
    // The note takes the position of the first dropped error so the list stays sorted.
    const { file, line, column } = sorted[MAX_ERRORS];
    const message = `${sorted.length - MAX_ERRORS} more errors not shown`;
    kept.push({ file, line, column, path: '', message });
    return { ok: false, errors: kept };
  }
}

/** Returns where the first alias of the document starts, for errors about aliases in general. */
function firstAliasStart(doc: Document.Parsed): number {
  let start = doc.contents?.range[0] ?? 0;
  visit(doc, {
    Alias(_key, node) {
      start = node.range?.[0] ?? start;
      return visit.BREAK;
    },
  });
  return start;
}

/** Parses and guards the YAML; returns the document, or null after reporting why not. */
function parseYaml(
  text: string,
  json: boolean,
  report: Report,
  counter: LineCounter,
): Document.Parsed | null {
  const tokens = [...new Parser(counter.addNewLine).parse(text)];
  const shape = checkTokens(tokens);
  if (shape.fatal !== null) {
    report.at(positionOf(counter, shape.fatal.offset), shape.fatal.message);
    return null;
  }
  const composer = new Composer({
    // Repeated keys are found by findDuplicateKeys, in linear time.
    uniqueKeys: false,
    // Core (or JSON) schema only, no custom tags: reading a file never builds anything but data.
    schema: json ? 'json' : 'core',
    customTags: [],
    merge: false,
    version: '1.2',
  });
  const docs = [...composer.compose(tokens, true, text.length)];
  const doc = docs[0];
  if (docs.length > 1) {
    report.at(
      positionOf(counter, docs[1].range[0]),
      'a scenario file holds one YAML document; a second starts here',
    );
  }
  const tagOffsets = new Set(shape.issues.map((i) => i.offset));
  for (const issue of shape.issues) report.at(positionOf(counter, issue.offset), issue.message);
  const yamlErrors = [...doc.errors, ...doc.warnings];
  // A tab in indentation derails the parse of what follows; its knock-on errors only confuse.
  const tabs = yamlErrors.filter((e) => e.code === 'TAB_AS_INDENT');
  for (const e of tabs.length > 0 ? tabs : yamlErrors) {
    // A forbidden tag is already reported, in clearer words, by the token check.
    if (e.code === 'TAG_RESOLVE_FAILED' && tagOffsets.has(e.pos[0])) continue;
    const placed = placeYamlError(e, shape.quotedStarts);
    report.at(positionOf(counter, placed.offset), placed.message);
  }
  for (const issue of findDuplicateKeys(doc))
    report.at(positionOf(counter, issue.offset), issue.message);
  if (report.errors.length > 0) return null;
  const aliasIssue = checkAliases(doc);
  if (aliasIssue !== null) {
    report.at(positionOf(counter, aliasIssue.node.range?.[0] ?? 0), aliasIssue.message);
    return null;
  }
  return doc;
}

/** Returns the document as plain data, or undefined after reporting why it could not be. */
function toData(doc: Document.Parsed, report: Report, counter: LineCounter): unknown {
  try {
    return doc.toJS({ maxAliasCount: SHAPE_LIMITS.maxAliases });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report.at(positionOf(counter, firstAliasStart(doc)), message);
    return undefined;
  }
}

function load(text: string, fileName: string): LoadResult {
  const report = new Report(fileName);
  const start: Position = { line: 1, column: 1 };
  const bytes = utf8Length(text, MAX_SCENARIO_BYTES);
  if (bytes > MAX_SCENARIO_BYTES) {
    const size = (bytes / 1024 / 1024).toFixed(1);
    report.at(
      start,
      `the file is too large (${size} MiB or more); a scenario may be at most 1 MiB`,
    );
    return report.result();
  }
  const json = /\.json$/i.test(fileName);
  if (json) {
    const syntax = checkJsonSyntax(text, SHAPE_LIMITS.maxDepth);
    if (syntax !== null) {
      report.at(positionInText(text, syntax.offset), syntax.message);
      return report.result();
    }
  }
  const counter = new LineCounter();
  const doc = parseYaml(text, json, report, counter);
  if (doc === null) return report.result();
  if (doc.contents === null) {
    report.at(start, 'the file holds no scenario: it is empty');
    return report.result();
  }
  const data = toData(doc, report, counter);
  if (report.errors.length > 0) return report.result();
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    report.problems(describeIssues(parsed.error.issues, scenarioSchema, data), doc, counter);
    return report.result();
  }
  report.problems(crossCheck(parsed.data), doc, counter);
  if (report.errors.length > 0) return report.result();
  return { ok: true, scenario: parsed.data };
}

/**
 * Parses and validates a scenario file (YAML, or JSON when `fileName` ends in `.json`).
 * Returns the scenario (durations in ms, defaults filled in) or every error found, sorted by
 * position. Never throws: hostile or broken input yields errors at a line and column.
 */
export function loadScenario(text: string, fileName: string): LoadResult {
  try {
    return load(text, fileName);
  } catch (error) {
    // Guards above should make this unreachable; a loader that throws would take the app down.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          line: 1,
          column: 1,
          path: '',
          message: `could not read the file: ${message}`,
        },
      ],
    };
  }
}
