import type { Payload } from '../pipeline/request-record';
import { ROW_NULL, ROW_NUMBER, type PayloadRow } from '../pipeline/payload-row';
import type { MappingPatch } from '../pipeline/serving-config';
import type { Rng } from '../rng';
import { inScope, type ActiveFault } from './active-faults';

/** A number sent as text, the way a partner's serializer change sends it. */
function asText(v: number | string | boolean | null): string | null {
  if (typeof v === 'number') return v.toFixed(2);
  return v === null ? null : String(v);
}

/**
 * Applies schema-change faults to a request on its way in: renamed, dropped, retyped,
 * rescaled or nulled fields. New categories are a world change and happen in `World`.
 * Ramps affect a growing share of requests. Returns the payload as the service receives it.
 */
export function applySchemaFaults(
  truth: Payload,
  source: string,
  faults: readonly ActiveFault<'schema-change'>[],
  rng: Rng,
): Payload {
  let received = truth;
  for (const f of faults) {
    const spec = f.spec;
    if (spec.change === 'new-category' || !inScope(spec, source)) continue;
    if (f.intensity < 1 && rng.uniform() >= f.intensity) continue;
    if (received === truth) received = { ...truth };
    const v = received[spec.field];
    if (v === undefined) continue;
    switch (spec.change) {
      case 'rename':
        delete received[spec.field];
        received[spec.renameTo ?? `${spec.field}_v2`] = v;
        break;
      case 'drop':
        delete received[spec.field];
        break;
      case 'type-change':
        received[spec.field] = asText(v);
        break;
      case 'unit-change':
        if (typeof v === 'number') received[spec.field] = v * (spec.factor ?? 100);
        break;
      case 'null-rate':
        if (rng.uniform() < (spec.nullRate ?? spec.share ?? 0.5)) received[spec.field] = null;
        break;
    }
  }
  return received;
}

/** Applies the learner's mapping patches: a renamed field read from its new name, a unit rescaled. */
export function applyMappingPatches(
  payload: Payload,
  source: string,
  patches: readonly MappingPatch[],
): Payload {
  if (patches.length === 0) return payload;
  const out = { ...payload };
  for (const p of patches) {
    if (p.source !== undefined && p.source !== source) continue;
    if (p.from !== undefined && out[p.field] === undefined && out[p.from] !== undefined) {
      out[p.field] = out[p.from];
      delete out[p.from];
    }
    const v = out[p.field];
    if (p.factor !== undefined && typeof v === 'number') out[p.field] = v * p.factor;
  }
  return out;
}

/**
 * Whether a payload from `source` keeps the row's shape (declared fields, in order) through
 * this step's inbound faults and the learner's patches: unit changes, null rates and patches
 * of declared fields only change values; renamed, dropped and retyped fields change the shape.
 * A patch reading a declared field `from` another name changes nothing while the field is
 * there, which it always is in a row.
 */
export function rowKeepsShape(
  faults: readonly ActiveFault<'schema-change'>[],
  patches: readonly MappingPatch[],
  source: string,
  fields: readonly string[],
): boolean {
  for (const f of faults) {
    if (!inScope(f.spec, source)) continue;
    const change = f.spec.change;
    if (change === 'rename' || change === 'drop' || change === 'type-change') return false;
  }
  for (const p of patches) {
    if (p.source !== undefined && p.source !== source) continue;
    if (!fields.includes(p.field)) return false;
  }
  return true;
}

/**
 * `applySchemaFaults` for a row that keeps its shape (see rowKeepsShape), in place: the same
 * draws from `rng`, in the same order, and the same values.
 */
export function applySchemaFaultsToRow(
  row: PayloadRow,
  source: string,
  faults: readonly ActiveFault<'schema-change'>[],
  rng: Rng,
): void {
  for (const f of faults) {
    const spec = f.spec;
    if (spec.change === 'new-category' || !inScope(spec, source)) continue;
    if (f.intensity < 1 && rng.uniform() >= f.intensity) continue;
    const slot = row.names.indexOf(spec.field);
    if (slot < 0) continue;
    if (spec.change === 'unit-change') {
      if (row.kind[slot] === ROW_NUMBER) row.num[slot] = row.num[slot] * (spec.factor ?? 100);
    } else if (spec.change === 'null-rate') {
      if (rng.uniform() < (spec.nullRate ?? spec.share ?? 0.5)) row.kind[slot] = ROW_NULL;
    }
  }
}

/** `applyMappingPatches` for a row that keeps its shape (see rowKeepsShape), in place. */
export function applyMappingPatchesToRow(
  row: PayloadRow,
  source: string,
  patches: readonly MappingPatch[],
): void {
  for (const p of patches) {
    if (p.source !== undefined && p.source !== source) continue;
    if (p.factor === undefined) continue;
    const slot = row.names.indexOf(p.field);
    if (slot >= 0 && row.kind[slot] === ROW_NUMBER) row.num[slot] = row.num[slot] * p.factor;
  }
}
