import type { Payload } from '../pipeline/request-record';
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
