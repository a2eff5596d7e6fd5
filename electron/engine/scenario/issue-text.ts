import { z } from 'zod';
import type { Problem } from './scenario-error';
import { allowedKeysAt, describeSchema, quoteList, schemaAt, valueAt } from './schema-walk';
import { suggest } from './suggest';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
};

/** Returns a short printable form of a user value for messages. */
export function showValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Returns what kind of value the file holds, for "wrong type" messages. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `text ${showValue(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (value === null) return 'nothing (null)';
  return showValue(value);
}

/** Returns the "missing key" message for a path whose value is absent. */
function missing(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `missing required key "${last}"` : 'missing value';
}

/** Returns a custom message worded as an expectation ("a duration such as…"), if it is one. */
function customExpectation(message: string): string | undefined {
  if (message.startsWith('expected ')) return message.slice('expected '.length);
  // Zod's own messages start with a capital ("Invalid…", "Too small…"); schema.ts's do not.
  return /^[a-z]/.test(message) ? message : undefined;
}

class Describer {
  constructor(
    private readonly root: Schema,
    private readonly data: unknown,
  ) {}

  /** Returns words for what the schema at `path` wants, falling back to zod's type name. */
  private expectedAt(path: readonly PropertyKey[], fallback?: string): string | undefined {
    const schema = schemaAt(this.root, path, this.data);
    if (schema !== undefined) return describeSchema(schema);
    return fallback === undefined ? undefined : (TYPE_WORDS[fallback] ?? fallback);
  }

  describe(issue: Issue, base: readonly PropertyKey[] = []): Problem[] {
    const path = [...base, ...issue.path];
    const value = valueAt(this.data, path);
    const at = (message: string, expected?: string, suggestion?: string): Problem[] => [
      { path, target: 'value', message, expected, suggestion },
    ];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(this.root, path, this.data);
        const expected = allowed.length > 0 ? `one of ${quoteList(allowed)}` : undefined;
        return issue.keys.map((key) => ({
          path: [...path, key],
          target: 'key' as const,
          message: `unknown key "${key}"`,
          expected,
          suggestion: suggest(key, allowed),
        }));
      }
      case 'invalid_type':
        if (value === undefined) return at(missing(path), this.expectedAt(path, issue.expected));
        return at(`wrong type: got ${describeValue(value)}`, this.expectedAt(path, issue.expected));
      case 'too_small':
      case 'too_big':
        return this.outOfRange(issue, path, value);
      case 'invalid_format':
        return at(
          `invalid value ${showValue(value)}`,
          customExpectation(issue.message) ?? this.expectedAt(path),
        );
      case 'invalid_value': {
        if (value === undefined) return at(missing(path), this.expectedAt(path));
        const options = issue.values.filter((v): v is string => typeof v === 'string');
        const expected =
          issue.values.length === 1 ? quoteList(issue.values) : `one of ${quoteList(issue.values)}`;
        const suggestion = typeof value === 'string' ? suggest(value, options) : undefined;
        return at(`invalid value ${showValue(value)}`, expected, suggestion);
      }
      case 'invalid_union':
        return this.union(issue, path, value);
      case 'invalid_key': {
        const inner = issue.issues.find((i) => i.code === 'invalid_format');
        const last = path[path.length - 1];
        return [
          {
            path,
            target: 'key',
            message: `invalid key ${showValue(String(last))}`,
            expected: inner ? customExpectation(inner.message) : undefined,
          },
        ];
      }
      case 'not_multiple_of':
        return at(
          `${showValue(value)} is not a multiple of ${issue.divisor}`,
          `a multiple of ${issue.divisor}`,
        );
      case 'custom': {
        const expected = customExpectation(issue.message);
        if (expected !== undefined) return at(`invalid value ${showValue(value)}`, expected);
        return at(issue.message);
      }
      default:
        return at(issue.message);
    }
  }

  private outOfRange(
    issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
    path: PropertyKey[],
    value: unknown,
  ): Problem[] {
    const small = issue.code === 'too_small';
    const bound = Number(small ? issue.minimum : issue.maximum);
    const problem = (message: string, expected?: string): Problem[] => [
      { path, target: 'value', message, expected },
    ];
    if (value === undefined) return problem(missing(path), this.expectedAt(path));
    if (issue.origin === 'array' && Array.isArray(value)) {
      const unit = bound === 1 ? 'item' : 'items';
      return problem(
        `the list has ${value.length} ${value.length === 1 ? 'item' : 'items'}`,
        `${small ? 'at least' : 'at most'} ${bound} ${unit}`,
      );
    }
    if (issue.origin === 'string' && typeof value === 'string') {
      return problem(
        value.length === 0 ? 'the text is empty' : `the text is ${value.length} characters long`,
        `${small ? 'at least' : 'at most'} ${bound} ${bound === 1 ? 'character' : 'characters'}`,
      );
    }
    return problem(
      `${showValue(value)} is too ${small ? 'small' : 'large'}`,
      this.expectedAt(path) ?? `${small ? 'at least' : 'at most'} ${bound}`,
    );
  }

  private union(
    issue: z.core.$ZodIssueInvalidUnion,
    path: PropertyKey[],
    value: unknown,
  ): Problem[] {
    if (issue.discriminator !== undefined) {
      const options = ('options' in issue ? (issue.options ?? []) : []).map(String);
      const expected = `one of ${quoteList(options)}`;
      if (value === undefined) return [{ path, target: 'value', message: missing(path), expected }];
      return [
        {
          path,
          target: 'value',
          message: `unknown ${issue.discriminator} ${showValue(value)}`,
          expected,
          suggestion: typeof value === 'string' ? suggest(value, options) : undefined,
        },
      ];
    }
    // When exactly one branch got past the type check, its issues are the helpful ones.
    const near = issue.errors.filter(
      (branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0),
    );
    if (near.length === 1) return near[0].flatMap((inner) => this.describe(inner, path));
    const message = value === undefined ? missing(path) : `wrong type: got ${describeValue(value)}`;
    return [{ path, target: 'value', message, expected: this.expectedAt(path) }];
  }
}

/** Returns a key identifying a path, for matching problems to each other. */
function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map(String));
}

/**
 * Returns each zod issue as problems in words with a path; unknown keys become one each.
 * A misspelt key shows up twice in zod (unknown key, missing key); only the unknown key, with
 * its suggestion, is kept.
 */
export function describeIssues(issues: readonly Issue[], root: Schema, data: unknown): Problem[] {
  const describer = new Describer(root, data);
  const problems = issues.flatMap((issue) => describer.describe(issue));
  const misspelt = new Set(
    problems.flatMap((p) =>
      p.target === 'key' && p.suggestion !== undefined
        ? [pathKey([...p.path.slice(0, -1), p.suggestion])]
        : [],
    ),
  );
  return problems.filter(
    (p) => !(p.message.startsWith('missing required key') && misspelt.has(pathKey(p.path))),
  );
}
