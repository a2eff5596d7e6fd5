import type { FieldSpec } from '../scenario/schema';
import type { FieldValue, Payload } from './request-record';

/** Value kinds of a payload row's slot. */
export const ROW_NULL = 0;
export const ROW_NUMBER = 1;
export const ROW_BOOLEAN = 2;
export const ROW_STRING = 3;

/**
 * One payload as typed arrays, one slot per declared field in declaration order: the engine's
 * hot path works on rows so that a request allocates no payload object. A row stands for the
 * payload whose keys are exactly the declared fields, in order, each holding its slot's value;
 * payloads of any other shape (renamed, dropped or retyped fields) travel as objects instead.
 */
export class PayloadRow {
  readonly kind: Uint8Array;
  /** Numbers, and booleans as 1 / 0. */
  readonly num: Float64Array;
  /** Index of a string value among the field's baseline categories, -1 for any other string. */
  readonly cat: Int32Array;
  /** String values (slots of other kinds hold stale values). */
  readonly str: string[];

  constructor(readonly names: readonly string[]) {
    const n = names.length;
    this.kind = new Uint8Array(n);
    this.num = new Float64Array(n);
    this.cat = new Int32Array(n);
    this.str = new Array<string>(n).fill('');
  }

  /** The payload object this row stands for, keys in declaration order. */
  toPayload(): Payload {
    const out: Payload = {};
    const names = this.names;
    for (let i = 0; i < names.length; i++) {
      out[names[i]] = slotValue(this.kind[i], this.num[i], this.str[i]);
    }
    return out;
  }
}

/** The field value a row slot holds. */
export function slotValue(kind: number, num: number, str: string): FieldValue {
  if (kind === ROW_NUMBER) return num;
  if (kind === ROW_BOOLEAN) return num === 1;
  return kind === ROW_STRING ? str : null;
}

/**
 * Whether payloads of these fields can travel as rows: objects give names that exist on
 * `Object.prototype` (`constructor`, `__proto__`, …) special meanings a row does not mimic, so
 * scenarios using such names as fields or categories take the object path throughout.
 */
export function rowsFaithful(fields: readonly FieldSpec[], categories: Iterable<string>): boolean {
  for (const f of fields) if (f.name in Object.prototype) return false;
  for (const c of categories) if (c in Object.prototype) return false;
  return true;
}
