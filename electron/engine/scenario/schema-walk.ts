import { z } from 'zod';

/**
 * Reading a zod schema as data: which schema applies at a path, which keys an object allows and
 * what a schema expects, in words. Used to explain validation errors, never to validate.
 */

type Schema = z.core.$ZodType;

/** Wrappers are at most a few deep; the bound only guards against a pathological schema. */
const MAX_WRAPPERS = 32;

/** Returns the schema one wrapper (optional, default, pipe…) down, or undefined if not a wrapper. */
function peel(s: Schema): Schema | undefined {
  if (
    s instanceof z.core.$ZodOptional ||
    s instanceof z.core.$ZodNullable ||
    s instanceof z.core.$ZodDefault ||
    s instanceof z.core.$ZodPrefault ||
    s instanceof z.core.$ZodNonOptional ||
    s instanceof z.core.$ZodReadonly ||
    s instanceof z.core.$ZodCatch
  ) {
    return s._zod.def.innerType;
  }
  // A transform's input side is what the file must contain.
  if (s instanceof z.core.$ZodPipe) return s._zod.def.in;
  if (s instanceof z.core.$ZodLazy) return s._zod.def.getter();
  return undefined;
}

/** Returns the schema under optional, default, prefault, pipe and similar wrappers. */
export function unwrap(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < MAX_WRAPPERS; i++) {
    const inner = peel(s);
    if (inner === undefined) return s;
    s = inner;
  }
  return s;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the values a discriminator schema (literal or enum) accepts. */
function acceptedValues(schema: Schema | undefined): unknown[] {
  if (schema === undefined) return [];
  const s = unwrap(schema);
  if (s instanceof z.core.$ZodLiteral) return [...s._zod.def.values];
  if (s instanceof z.core.$ZodEnum) return Object.values(s._zod.def.entries);
  return [];
}

/** Returns the discriminator values of a discriminated union, in schema order. */
export function discriminatorValues(union: z.core.$ZodDiscriminatedUnion): unknown[] {
  const key = union._zod.def.discriminator;
  return union._zod.def.options.flatMap((option) => {
    const s = unwrap(option);
    return s instanceof z.core.$ZodObject ? acceptedValues(s._zod.def.shape[key]) : [];
  });
}

/** Returns the branch of a discriminated union that `value` selects, or the schema itself. */
export function resolveVariant(schema: Schema, value: unknown): Schema {
  const s = unwrap(schema);
  if (s instanceof z.core.$ZodDiscriminatedUnion && isRecord(value)) {
    const key = s._zod.def.discriminator;
    const tag = value[key];
    for (const option of s._zod.def.options) {
      const o = unwrap(option);
      if (o instanceof z.core.$ZodObject && acceptedValues(o._zod.def.shape[key]).includes(tag)) {
        return o;
      }
    }
  }
  return s;
}

/** Returns the schema of one child (key or index) of a value of `schema`. */
function childSchema(schema: Schema, segment: PropertyKey, value: unknown): Schema | undefined {
  const s = resolveVariant(schema, value);
  if (s instanceof z.core.$ZodObject) {
    const shape = s._zod.def.shape;
    return typeof segment === 'string' && Object.hasOwn(shape, segment)
      ? shape[segment]
      : undefined;
  }
  if (s instanceof z.core.$ZodArray)
    return typeof segment === 'number' ? s._zod.def.element : undefined;
  if (s instanceof z.core.$ZodTuple) {
    if (typeof segment !== 'number') return undefined;
    return s._zod.def.items[segment] ?? s._zod.def.rest ?? undefined;
  }
  if (s instanceof z.core.$ZodRecord) return s._zod.def.valueType;
  if (s instanceof z.core.$ZodUnion) {
    for (const option of s._zod.def.options) {
      const child = childSchema(option, segment, value);
      if (child !== undefined) return child;
    }
  }
  return undefined;
}

/** Returns the value at `path` inside `data`, or undefined when the path does not exist. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value) && typeof segment === 'string' && Object.hasOwn(value, segment)) {
      value = value[segment];
    } else return undefined;
  }
  return value;
}

/** Returns the schema that applies at `path`, following the data through unions, or undefined. */
export function schemaAt(
  root: Schema,
  path: readonly PropertyKey[],
  data: unknown,
): Schema | undefined {
  let schema: Schema | undefined = root;
  let value = data;
  for (const segment of path) {
    schema = childSchema(schema, segment, value);
    if (schema === undefined) return undefined;
    value = valueAt(value, [segment]);
  }
  return schema;
}

/** Returns the keys an object schema at `path` allows (for a union, the selected branch). */
export function allowedKeysAt(root: Schema, path: readonly PropertyKey[], data: unknown): string[] {
  const schema = schemaAt(root, path, data);
  if (schema === undefined) return [];
  const s = resolveVariant(schema, valueAt(data, path));
  if (s instanceof z.core.$ZodObject) return Object.keys(s._zod.def.shape);
  if (s instanceof z.core.$ZodUnion) {
    const keys = new Set<string>();
    for (const option of s._zod.def.options) {
      const o = unwrap(option);
      if (o instanceof z.core.$ZodObject) Object.keys(o._zod.def.shape).forEach((k) => keys.add(k));
    }
    return [...keys];
  }
  return [];
}

/** Returns values as `"a", "b", "c"` for messages. */
export function quoteList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ');
}

/** Returns "a number ≥ 0 and ≤ 1" style words for a number schema. */
function describeNumber(s: z.core.$ZodNumber): string {
  const bounds: string[] = [];
  let whole = false;
  for (const check of s._zod.def.checks ?? []) {
    if (check instanceof z.core.$ZodCheckGreaterThan) {
      bounds.push(`${check._zod.def.inclusive ? '≥' : '>'} ${String(check._zod.def.value)}`);
    } else if (check instanceof z.core.$ZodCheckLessThan) {
      bounds.push(`${check._zod.def.inclusive ? '≤' : '<'} ${String(check._zod.def.value)}`);
    } else if (check instanceof z.core.$ZodCheckNumberFormat) {
      whole ||= check._zod.def.format.includes('int');
    }
  }
  const description = z.globalRegistry.get(s)?.description;
  const base = whole ? 'a whole number' : 'a number';
  const ranged = bounds.length > 0 ? `${base} ${bounds.join(' and ')}` : base;
  return description ? `${ranged} (${description})` : ranged;
}

/** Returns the custom message of a string schema's pattern check, by letting it fail once. */
function formatMessage(s: z.core.$ZodString): string | undefined {
  const regex = (s._zod.def.checks ?? []).find((c) => c instanceof z.core.$ZodCheckRegex);
  if (regex === undefined) return undefined;
  // Zod keeps a custom message as a function of the issue; running the check is the public way.
  const result = z.safeParse(s, '\u0000');
  const issue = result.error?.issues.find((i) => i.code === 'invalid_format');
  if (issue === undefined) return undefined;
  return issue.message.startsWith('Invalid')
    ? `text matching ${String(regex._zod.def.pattern)}`
    : issue.message;
}

/** Returns words for a string schema: its pattern message or its length bounds. */
function describeString(s: z.core.$ZodString): string {
  const format = formatMessage(s);
  if (format !== undefined) return format;
  let min = 0;
  let max = Infinity;
  for (const check of s._zod.def.checks ?? []) {
    if (check instanceof z.core.$ZodCheckMinLength) min = check._zod.def.minimum;
    else if (check instanceof z.core.$ZodCheckMaxLength) max = check._zod.def.maximum;
  }
  const base = min >= 1 ? 'non-empty text' : 'text';
  return max < Infinity ? `${base} of at most ${max} characters` : base;
}

/** Returns, in words, what a value must be to satisfy `schema` ("a number > 0", "a list"). */
export function describeSchema(schema: Schema, depth = 0): string {
  if (depth > 12) return 'a value';
  const next = depth + 1;
  const s = schema;
  if (s instanceof z.core.$ZodNullable)
    return `${describeSchema(s._zod.def.innerType, next)} or null`;
  const inner = peel(s);
  if (inner !== undefined) return describeSchema(inner, next);
  if (s instanceof z.core.$ZodNumber) return describeNumber(s);
  if (s instanceof z.core.$ZodString) return describeString(s);
  if (s instanceof z.core.$ZodBoolean) return 'true or false';
  if (s instanceof z.core.$ZodNull) return 'null';
  if (s instanceof z.core.$ZodLiteral)
    return [...s._zod.def.values].map((v) => quoteList([v])).join(' or ');
  if (s instanceof z.core.$ZodEnum) return `one of ${quoteList(Object.values(s._zod.def.entries))}`;
  if (s instanceof z.core.$ZodTuple) return `a list of exactly ${s._zod.def.items.length} items`;
  if (s instanceof z.core.$ZodArray) return 'a list';
  if (s instanceof z.core.$ZodDiscriminatedUnion) {
    const key = s._zod.def.discriminator;
    return `a mapping whose "${key}" is one of ${quoteList(discriminatorValues(s))}`;
  }
  if (s instanceof z.core.$ZodUnion) {
    return [...new Set(s._zod.def.options.map((o) => describeSchema(o, next)))].join(' or ');
  }
  if (s instanceof z.core.$ZodObject || s instanceof z.core.$ZodRecord) return 'a mapping';
  return 'a value';
}
