import type { Distribution, FieldSpec } from '../scenario/schema';
import type { Rng } from '../rng';
import {
  ROW_BOOLEAN,
  ROW_NULL,
  ROW_NUMBER,
  ROW_STRING,
  type PayloadRow,
} from '../pipeline/payload-row';

/** Shift applied to a numeric distribution by drift faults at the current step. */
export interface NumericDrift {
  meanShift: number;
  sdScale: number;
}

/** The centre a spread scale acts around: mean, median or midpoint. */
export function distributionCentre(d: Distribution): number {
  switch (d.kind) {
    case 'normal':
      return d.mean;
    case 'lognormal':
      return d.median;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'bernoulli':
      return d.p;
    case 'categorical':
      return 0;
  }
}

/** Category names a field can take in the baseline world, in declaration order. */
export function categoriesOf(field: FieldSpec): string[] {
  const seen = new Set<string>();
  const collect = (d: Distribution | undefined) => {
    if (d?.kind === 'categorical') for (const k of Object.keys(d.weights)) seen.add(k);
  };
  collect(field.distribution);
  for (const s of Object.values(field.bySource)) collect(s.distribution);
  return [...seen];
}

/** Cumulative weights over `categories` for a categorical distribution (missing = weight 0). */
export function cumulativeWeights(
  categories: readonly string[],
  weights: Record<string, number>,
): Float64Array {
  const out = new Float64Array(categories.length);
  let total = 0;
  categories.forEach((c, i) => {
    total += weights[c] ?? 0;
    out[i] = total;
  });
  return out;
}

/** What the sampler needs to know of a field at the current step (see World's plans). */
export interface FieldDraw {
  field: FieldSpec;
  distribution: Distribution;
  nullRate: number;
  drift: NumericDrift | null;
  categories: readonly string[];
  cumulative: Float64Array | null;
}

/**
 * Draws one numeric value into `out[i]`, with drift applied around the distribution's centre.
 * Written into the row rather than returned: where the engine does not inline this, a returned
 * double would be boxed, millions of times a run.
 */
function sampleNumberInto(
  out: Float64Array,
  i: number,
  d: Distribution,
  rng: Rng,
  drift: NumericDrift | null,
): void {
  let x: number;
  switch (d.kind) {
    case 'normal':
      x = d.mean + d.sd * rng.normal();
      break;
    case 'lognormal':
      x = d.median * Math.exp(d.sigma * rng.normal());
      break;
    case 'uniform':
      x = d.min + (d.max - d.min) * rng.uniform();
      break;
    default:
      x = 0;
  }
  if (drift === null) out[i] = x;
  else {
    const centre = distributionCentre(d);
    out[i] = centre + (x - centre) * drift.sdScale + drift.meanShift;
  }
}

/**
 * Draws a field's value in the world (before any pipeline fault) into `row` slot `i`. Takes the
 * plan whole: its numbers passed one by one would be boxed on every call the engine does not
 * inline.
 */
export function sampleFieldInto(row: PayloadRow, i: number, plan: FieldDraw, rng: Rng): void {
  const nullRate = plan.nullRate;
  const field = plan.field;
  const d = plan.distribution;
  if (nullRate > 0 && rng.uniform() < nullRate) {
    row.kind[i] = ROW_NULL;
  } else if (field.type === 'number') {
    row.kind[i] = ROW_NUMBER;
    sampleNumberInto(row.num, i, d, rng, plan.drift);
  } else if (field.type === 'boolean') {
    const p = d.kind === 'bernoulli' ? d.p : 0.5;
    const drift = plan.drift;
    const shifted = drift === null ? p : Math.min(1, Math.max(0, p + drift.meanShift));
    row.kind[i] = ROW_BOOLEAN;
    row.num[i] = rng.uniform() < shifted ? 1 : 0;
  } else if (plan.cumulative === null || plan.cumulative.length === 0) {
    row.kind[i] = ROW_NULL;
  } else {
    const c = rng.pickCumulative(plan.cumulative);
    row.kind[i] = ROW_STRING;
    row.cat[i] = c;
    row.str[i] = plan.categories[c];
  }
}
