/** One problem found in a scenario file, pointing at the offending place. */
export interface ScenarioError {
  file: string;
  /** 1-based line of the offending node. */
  line: number;
  /** 1-based column, in UTF-16 code units as editors using JavaScript count them. */
  column: number;
  /** Where in the scenario, such as `service.fields[2].distribution.sd`; '' for the file itself. */
  path: string;
  message: string;
  /** What was expected, in words. */
  expected?: string;
  /** The closest allowed name, for "did you mean". */
  suggestion?: string;
}

/** Which node of a key–value pair an error points at. */
export type Target = 'value' | 'key';

/** A problem in words at a data path, before it is given a file, line and column. */
export interface Problem {
  path: readonly PropertyKey[];
  target: Target;
  message: string;
  expected?: string;
  suggestion?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Returns a path as `a.b[2].c`, quoting keys that are not identifiers: `bySource["mobile-app"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** Orders errors by position, then path and message, so output is stable and reads top-down. */
export function compareErrors(a: ScenarioError, b: ScenarioError): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Returns one line for the command line: `file:line:column  path  message (expected …) did you mean …?`. */
export function formatScenarioError(e: ScenarioError): string {
  let text = `${e.file}:${e.line}:${e.column}  ${e.path === '' ? '(file)' : e.path}  ${e.message}`;
  if (e.expected !== undefined) text += ` (expected ${e.expected})`;
  if (e.suggestion !== undefined) text += ` did you mean ${JSON.stringify(e.suggestion)}?`;
  // Messages may quote user text; keep the output to one line whatever it holds.
  return text.replace(/[\r\n]+/g, ' ');
}
