import type { FieldSpec, PipelineSpec } from '../scenario/schema';
import { categoriesOf, distributionCentre } from '../world/field-sampler';
import type { FieldValue, Payload, ViolationKind } from './request-record';
import { ROW_BOOLEAN, ROW_NUMBER, ROW_STRING, type PayloadRow } from './payload-row';

export type ValidationMode = PipelineSpec['validation'];
/** A value the model can consume: numbers may be NaN where pass-through let garbage in. */
export type CleanValue = number | string | boolean;
export type CleanPayload = Record<string, CleanValue>;

export interface FieldRule {
  name: string;
  type: FieldSpec['type'];
  required: boolean;
  min: number;
  max: number;
  categories: ReadonlySet<string>;
  imputeWith: CleanValue;
}

export interface ValidationResult {
  clean: CleanPayload;
  violations: { field: string; kind: ViolationKind }[];
  rejected: boolean;
}

/** Shared by every request without violations (never changed). */
export const NO_VIOLATIONS: ValidationResult['violations'] = [];

/** Compiles the request schema into the checks the validation stage runs per request. */
export function compileFieldRules(fields: readonly FieldSpec[]): FieldRule[] {
  return fields.map((f) => {
    const categories = categoriesOf(f);
    const min = f.range?.[0] ?? -Infinity;
    const max = f.range?.[1] ?? Infinity;
    let imputeWith: CleanValue;
    // The default is the distribution's centre, kept inside the declared range: an imputed
    // value must pass the very check it replaces.
    if (f.type === 'number')
      imputeWith = Math.min(max, Math.max(min, distributionCentre(f.distribution)));
    else if (f.type === 'boolean') imputeWith = false;
    else {
      const w = f.distribution.kind === 'categorical' ? f.distribution.weights : {};
      imputeWith = categories.reduce(
        (best, c) => ((w[c] ?? 0) > (w[best] ?? 0) ? c : best),
        categories[0] ?? '',
      );
    }
    return {
      name: f.name,
      type: f.type,
      required: f.required,
      min,
      max,
      categories: new Set(categories),
      imputeWith,
    };
  });
}

function typeMatches(rule: FieldRule, v: FieldValue): boolean {
  if (rule.type === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (rule.type === 'boolean') return typeof v === 'boolean';
  return typeof v === 'string';
}

/** What pass-through hands the model for a value of the wrong type: a loose coercion. */
function coerce(rule: FieldRule, v: FieldValue): CleanValue {
  // Missing numbers become 0, the classic silent fillna(0) of an unchecked pipeline.
  if (rule.type === 'number') return v === null || v === '' ? 0 : Number(v);
  if (rule.type === 'boolean') return v === true || v === 'true' || v === 1;
  return v === null ? '' : String(v);
}

/** Whether every declared field is present, of its type, in range and a known category. */
function allValid(payload: Payload, rules: readonly FieldRule[]): boolean {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const v = payload[rule.name];
    if (rule.type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < rule.min || v > rule.max)
        return false;
    } else if (rule.type === 'boolean') {
      if (typeof v !== 'boolean') return false;
    } else if (typeof v !== 'string' || !rule.categories.has(v)) return false;
  }
  return true;
}

/** `allValid` for a payload row: its slots are the fields the rules check, in order. */
export function rowAllValid(row: PayloadRow, rules: readonly FieldRule[]): boolean {
  const kind = row.kind;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.type === 'number') {
      const v = row.num[i];
      if (kind[i] !== ROW_NUMBER || !Number.isFinite(v) || v < rule.min || v > rule.max)
        return false;
    } else if (rule.type === 'boolean') {
      if (kind[i] !== ROW_BOOLEAN) return false;
    } else if (kind[i] !== ROW_STRING || !rule.categories.has(row.str[i])) return false;
  }
  return true;
}

/**
 * The validation stage: checks each declared field and, by mode, rejects the request,
 * imputes (missing → default, out of range → clipped) or passes values through untouched.
 */
export function validatePayload(
  payload: Payload,
  rules: readonly FieldRule[],
  mode: ValidationMode,
): ValidationResult {
  // Fast path: a payload that already satisfies every rule is its own clean payload.
  if (allValid(payload, rules))
    return { clean: payload as CleanPayload, violations: NO_VIOLATIONS, rejected: false };
  const clean: CleanPayload = {};
  // Allocated only when something is wrong: this runs for every request.
  let violations: ValidationResult['violations'] | null = null;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const v = payload[rule.name];
    // Only numbers, strings and booleans are values; anything else (`undefined`, null, or a
    // built-in such as `constructor` inherited by every object) means the field is absent.
    if (v === undefined || v === null || typeof v === 'object' || typeof v === 'function') {
      if (rule.required) (violations ??= []).push({ field: rule.name, kind: 'missing' });
      clean[rule.name] = mode === 'pass-through' ? coerce(rule, null) : rule.imputeWith;
      continue;
    }
    if (!typeMatches(rule, v)) {
      (violations ??= []).push({ field: rule.name, kind: 'wrong-type' });
      clean[rule.name] = mode === 'pass-through' ? coerce(rule, v) : rule.imputeWith;
      continue;
    }
    if (rule.type === 'number') {
      const x = v as number;
      if (x < rule.min || x > rule.max) {
        (violations ??= []).push({ field: rule.name, kind: 'out-of-range' });
        clean[rule.name] = mode === 'pass-through' ? x : Math.min(rule.max, Math.max(rule.min, x));
        continue;
      }
    } else if (rule.type === 'category' && !rule.categories.has(v as string)) {
      (violations ??= []).push({ field: rule.name, kind: 'unseen-category' });
    }
    clean[rule.name] = v as CleanValue;
  }
  return {
    clean,
    violations: violations ?? NO_VIOLATIONS,
    rejected: mode === 'reject' && violations !== null,
  };
}
