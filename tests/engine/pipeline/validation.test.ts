/**
 * The validation stage, as documented in electron/engine/pipeline/validation.ts: every declared
 * field is checked; `reject` refuses a request with any violation, `impute` fills missing and
 * wrong-typed values with the field's default and clips out-of-range numbers, `pass-through`
 * lets values in untouched (wrong types loosely coerced, missing numbers as 0).
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldSchema, type FieldSpec } from '../../../electron/engine/scenario/schema';
import {
  compileFieldRules,
  validatePayload,
  type CleanValue,
  type FieldRule,
  type ValidationMode,
} from '../../../electron/engine/pipeline/validation';
import type {
  FieldValue,
  Payload,
  ViolationKind,
} from '../../../electron/engine/pipeline/request-record';
import { fixtureScenario } from '../../fixtures/engine/scenarios';

const MODES: readonly ValidationMode[] = ['reject', 'impute', 'pass-through'];

/** The violation a value should raise under a rule, by the rules as documented. */
function expectedViolation(rule: FieldRule, v: FieldValue | undefined): ViolationKind | null {
  if (v === undefined || v === null) return rule.required ? 'missing' : null;
  if (rule.type === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return 'wrong-type';
    return v < rule.min || v > rule.max ? 'out-of-range' : null;
  }
  if (rule.type === 'boolean') return typeof v === 'boolean' ? null : 'wrong-type';
  if (typeof v !== 'string') return 'wrong-type';
  return rule.categories.has(v) ? null : 'unseen-category';
}

const TYPE_OF: Record<FieldRule['type'], string> = {
  number: 'number',
  boolean: 'boolean',
  category: 'string',
};

/** Checks one validation result against the documented behaviour, field by field. */
function checkResult(rules: readonly FieldRule[], payload: Payload, mode: ValidationMode): void {
  const copy = structuredClone(payload);
  const result = validatePayload(payload, rules, mode);
  expect(payload).toEqual(copy); // the request itself is never modified

  const expected: { field: string; kind: ViolationKind }[] = [];
  for (const rule of rules) {
    const v = Object.hasOwn(payload, rule.name) ? payload[rule.name] : undefined;
    const violation = expectedViolation(rule, v);
    if (violation !== null) expected.push({ field: rule.name, kind: violation });
    const clean: CleanValue = result.clean[rule.name];

    expect(Object.hasOwn(result.clean, rule.name)).toBe(true);
    expect(typeof clean).toBe(TYPE_OF[rule.type]);

    const missing = v === undefined || v === null;
    if (mode === 'pass-through') {
      if (violation === null && !missing) expect(clean).toBe(v);
      else if (violation === 'out-of-range' || violation === 'unseen-category')
        expect(clean).toBe(v);
      else if (missing)
        expect(clean).toBe(rule.type === 'number' ? 0 : rule.type === 'boolean' ? false : '');
    } else {
      if (violation === null && !missing) expect(clean).toBe(v);
      else if (violation === 'out-of-range')
        expect(clean).toBe(Math.min(rule.max, Math.max(rule.min, v as number)));
      else if (violation === 'unseen-category') expect(clean).toBe(v);
      else expect(clean).toBe(rule.imputeWith);
      if (rule.type === 'number') {
        // Whatever came in, the model sees a finite number inside the declared range.
        expect(Number.isFinite(clean)).toBe(true);
        expect(clean as number).toBeGreaterThanOrEqual(rule.min);
        expect(clean as number).toBeLessThanOrEqual(rule.max);
      }
    }
  }
  // A fully valid payload is reused as its own clean payload, so undeclared keys may ride
  // along; they are never invented or altered (the model reads declared features only).
  const declared = new Set(rules.map((r) => r.name));
  for (const key of Object.keys(result.clean)) {
    if (!declared.has(key)) expect(result.clean[key]).toBe(payload[key]);
  }
  expect(result.violations).toEqual(expected);
  expect(result.rejected).toBe(mode === 'reject' && expected.length > 0);
}

// ---- arbitraries ----

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

/** A declared field of any type, with optional range and any generating distribution. */
const fieldArb = (name: string): fc.Arbitrary<FieldSpec> =>
  fc
    .oneof(
      fc.record({
        type: fc.constant('number' as const),
        distribution: fc.oneof(
          fc.record({
            kind: fc.constant('normal' as const),
            mean: finite,
            sd: fc.double({ min: 0.01, max: 1e3, noNaN: true }),
          }),
          fc.record({
            kind: fc.constant('lognormal' as const),
            median: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
            sigma: fc.double({ min: 0.01, max: 3, noNaN: true }),
          }),
          fc.tuple(finite, finite).map(([a, b]) => ({
            kind: 'uniform' as const,
            min: Math.min(a, b),
            max: Math.max(a, b),
          })),
        ),
        range: fc.option(
          fc
            .tuple(finite, finite)
            .map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]),
          { nil: undefined },
        ),
      }),
      fc.record({
        type: fc.constant('category' as const),
        distribution: fc
          .uniqueArray(fc.constantFrom('a', 'b', 'grocery', 'online', 'travel'), {
            minLength: 1,
            maxLength: 4,
          })
          .chain((cats) =>
            fc
              .tuple(...cats.map(() => fc.double({ min: 0.01, max: 1, noNaN: true })))
              .map((ws) => ({
                kind: 'categorical' as const,
                weights: Object.fromEntries(cats.map((c, i) => [c, ws[i]])),
              })),
          ),
      }),
      fc.record({
        type: fc.constant('boolean' as const),
        distribution: fc
          .double({ min: 0, max: 1, noNaN: true })
          .map((p) => ({ kind: 'bernoulli' as const, p })),
      }),
    )
    .chain((shape) =>
      fc.boolean().map((required) => fieldSchema.parse({ name, required, ...shape })),
    );

/** Any value a request could carry for a field, valid or not, or the field left out. */
function valueArb(rule: FieldRule): fc.Arbitrary<FieldValue | undefined> {
  const lo = Number.isFinite(rule.min) ? rule.min : -1e6;
  const hi = Number.isFinite(rule.max) ? rule.max : 1e6;
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.double({ min: lo, max: hi, noNaN: true }),
    fc.double(), // NaN, ±Infinity, -0 and everything else
    fc.integer(),
    fc.boolean(),
    fc.string({ maxLength: 8 }),
    fc.constantFrom('', 'true', '12.50', 'NaN', 'grocery', 'crypto', ...[...rule.categories]),
  );
}

/** A payload for `rules`, with undeclared extra fields thrown in. */
function payloadArb(rules: readonly FieldRule[]): fc.Arbitrary<Payload> {
  return fc
    .tuple(
      fc.tuple(...rules.map(valueArb)),
      fc.dictionary(
        fc.constantFrom('extra', 'amount_usd', 'x'),
        fc.oneof(fc.double(), fc.string(), fc.constant(null)),
      ),
    )
    .map(([values, extra]) => {
      const p: Payload = { ...extra };
      rules.forEach((r, i) => {
        const v = values[i];
        if (v !== undefined) p[r.name] = v;
      });
      return p;
    });
}

const NAMES = ['f0', 'f1', 'f2', 'f3', 'f4'];
const rulesArb = fc
  .integer({ min: 1, max: NAMES.length })
  .chain((n) => fc.tuple(...NAMES.slice(0, n).map(fieldArb)))
  .map((fields) => compileFieldRules(fields));

describe('validatePayload', () => {
  it('on arbitrary payloads for the fixture schema: never throws, one clean value per field, exact violations', () => {
    const rules = compileFieldRules(fixtureScenario().service.fields);
    fc.assert(
      fc.property(payloadArb(rules), fc.constantFrom(...MODES), (payload, mode) => {
        checkResult(rules, payload, mode);
      }),
      { numRuns: 1000 },
    );
  });

  it('on arbitrary schemas and payloads: the same guarantees in every mode', () => {
    fc.assert(
      fc.property(
        rulesArb.chain((rules) =>
          fc.tuple(fc.constant(rules), payloadArb(rules), fc.constantFrom(...MODES)),
        ),
        ([rules, payload, mode]) => {
          checkResult(rules, payload, mode);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('examples: reject refuses, impute repairs, pass-through lets garbage reach the model', () => {
    const rules = compileFieldRules(fixtureScenario().service.fields);
    const payload: Payload = {
      amount: '12.50',
      device_score: 140,
      merchant: 'crypto',
      card_present: null,
      // basket_items is optional and absent
    };
    const reject = validatePayload(payload, rules, 'reject');
    const impute = validatePayload(payload, rules, 'impute');
    const pass = validatePayload(payload, rules, 'pass-through');

    const violations = [
      { field: 'amount', kind: 'wrong-type' },
      { field: 'device_score', kind: 'out-of-range' },
      { field: 'merchant', kind: 'unseen-category' },
      { field: 'card_present', kind: 'missing' },
    ];
    for (const r of [reject, impute, pass]) expect(r.violations).toEqual(violations);
    expect([reject.rejected, impute.rejected, pass.rejected]).toEqual([true, false, false]);

    // Defaults: the lognormal median, the clipped maximum, the most common category.
    expect(impute.clean).toEqual({
      amount: 40,
      device_score: 100,
      merchant: 'crypto',
      card_present: false,
      basket_items: 20,
    });
    expect(pass.clean).toEqual({
      amount: 12.5,
      device_score: 140,
      merchant: 'crypto',
      card_present: false,
      basket_items: 0,
    });
    expect(validatePayload({ amount: 'abc' }, rules, 'pass-through').clean.amount).toBeNaN();
  });

  it('imputes a default that passes the range check, even when the distribution centre lies outside', () => {
    const field = fieldSchema.parse({
      name: 'fee',
      type: 'number',
      range: [100, 200],
      distribution: { kind: 'lognormal', median: 40, sigma: 0.5 },
    });
    const rules = compileFieldRules([field]);
    expect(validatePayload({}, rules, 'impute').clean.fee).toBe(100);
    expect(validatePayload({ fee: 'x' }, rules, 'reject').clean.fee).toBe(100);
  });

  it('treats a field named like a built-in object property as absent when the request lacks it', () => {
    const fields = ['constructor', 'toString', 'valueOf'].map((name) =>
      fieldSchema.parse({ name, type: 'number', distribution: { kind: 'normal', mean: 5, sd: 1 } }),
    );
    const rules = compileFieldRules(fields);
    const r = validatePayload({ valueOf: 3 }, rules, 'impute');
    expect(r.violations).toEqual([
      { field: 'constructor', kind: 'missing' },
      { field: 'toString', kind: 'missing' },
    ]);
    expect(r.clean).toEqual({ constructor: 5, toString: 5, valueOf: 3 });
  });

  it('reports nothing and passes values through when a request is clean', () => {
    const rules = compileFieldRules(fixtureScenario().service.fields);
    const payload: Payload = {
      amount: 35.2,
      device_score: 61,
      merchant: 'online',
      card_present: true,
      basket_items: 18,
    };
    for (const mode of MODES) {
      const r = validatePayload(payload, rules, mode);
      expect(r).toEqual({ clean: payload, violations: [], rejected: false });
    }
  });
});
