import type { LabelTerm, Scenario } from '../scenario/schema';
import type { Payload } from '../pipeline/request-record';
import type { ActiveFault } from '../faults/active-faults';
import { inScope } from '../faults/active-faults';
import { ROW_BOOLEAN, ROW_NUMBER, ROW_STRING, type PayloadRow } from '../pipeline/payload-row';

/** Logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function termValue(term: LabelTerm, payload: Payload): number {
  const v = payload[term.field];
  switch (term.kind) {
    case 'linear':
      return typeof v === 'number' ? term.weight * (v - term.center) : 0;
    case 'hinge':
      return typeof v === 'number' && v > term.above ? term.weight * (v - term.above) : 0;
    case 'category':
      return typeof v === 'string' ? (term.effects[v] ?? 0) : 0;
    case 'boolean':
      return v === true ? term.weight : 0;
  }
}

/**
 * The real relation between a request's true inputs and its outcome: a logistic model with
 * linear, hinge and category terms, bent by any concept drift acting now.
 * Returns the probability that the outcome is positive.
 */
export function positiveProbability(
  scenario: Scenario,
  payload: Payload,
  source: string,
  conceptDrift: readonly ActiveFault<'concept-drift'>[],
): number {
  const labels = scenario.service.labels;
  let z = labels.intercept;
  const drift =
    conceptDrift.length === 0 ? conceptDrift : conceptDrift.filter((f) => inScope(f.spec, source));
  for (const term of labels.terms) {
    let contribution = termValue(term, payload);
    if (drift.length > 0)
      for (const f of drift) {
        const scale = f.spec.weightScale[term.field];
        if (scale !== undefined && term.kind !== 'category')
          contribution *= 1 + (scale - 1) * f.intensity;
      }
    z += contribution;
  }
  for (const f of drift) {
    z += f.spec.interceptShift * f.intensity;
    for (const [field, effects] of Object.entries(f.spec.categoryEffects)) {
      const v = payload[field];
      if (typeof v === 'string' && effects[v] !== undefined) z += effects[v] * f.intensity;
    }
  }
  return sigmoid(z);
}

const TERM_LINEAR = 0;
const TERM_HINGE = 1;
const TERM_CATEGORY = 2;
const TERM_BOOLEAN = 3;

/**
 * The label model compiled for payload rows: `positiveProbability` without concept drift, term
 * by term in the same order and arithmetic, so it gives the same number to the bit.
 */
export class RowGroundTruth {
  private readonly intercept: number;
  private readonly kinds: Uint8Array;
  /** Row slot each term reads, -1 when its field is not declared (the term then adds 0). */
  private readonly slots: Int32Array;
  private readonly weights: Float64Array;
  /** Centre of linear terms, knee of hinge terms. */
  private readonly pivots: Float64Array;
  /** Category terms: effect by baseline category index; the scenario's effects otherwise. */
  private readonly effects: (Float64Array | null)[];
  private readonly effectMaps: (Record<string, number> | null)[];

  constructor(scenario: Scenario, categoriesOf: (field: string) => readonly string[]) {
    const labels = scenario.service.labels;
    const names = scenario.service.fields.map((f) => f.name);
    this.intercept = labels.intercept;
    const n = labels.terms.length;
    this.kinds = new Uint8Array(n);
    this.slots = new Int32Array(n);
    this.weights = new Float64Array(n);
    this.pivots = new Float64Array(n);
    this.effects = [];
    this.effectMaps = [];
    labels.terms.forEach((term, i) => {
      this.slots[i] = names.indexOf(term.field);
      this.effects.push(null);
      this.effectMaps.push(null);
      switch (term.kind) {
        case 'linear':
          this.kinds[i] = TERM_LINEAR;
          this.weights[i] = term.weight;
          this.pivots[i] = term.center;
          break;
        case 'hinge':
          this.kinds[i] = TERM_HINGE;
          this.weights[i] = term.weight;
          this.pivots[i] = term.above;
          break;
        case 'category':
          this.kinds[i] = TERM_CATEGORY;
          this.effectMaps[i] = term.effects;
          this.effects[i] = Float64Array.from(
            categoriesOf(term.field),
            (c) => term.effects[c] ?? 0,
          );
          break;
        case 'boolean':
          this.kinds[i] = TERM_BOOLEAN;
          this.weights[i] = term.weight;
          break;
      }
    });
  }

  /** Probability that the outcome of a request with these true inputs is positive. */
  probability(row: PayloadRow): number {
    let z = this.intercept;
    const kinds = this.kinds;
    for (let i = 0; i < kinds.length; i++) {
      const slot = this.slots[i];
      if (slot < 0) {
        z += 0;
        continue;
      }
      const kind = row.kind[slot];
      switch (kinds[i]) {
        case TERM_LINEAR:
          z += kind === ROW_NUMBER ? this.weights[i] * (row.num[slot] - this.pivots[i]) : 0;
          break;
        case TERM_HINGE: {
          const v = row.num[slot];
          z +=
            kind === ROW_NUMBER && v > this.pivots[i] ? this.weights[i] * (v - this.pivots[i]) : 0;
          break;
        }
        case TERM_CATEGORY: {
          if (kind !== ROW_STRING) z += 0;
          else {
            const c = row.cat[slot];
            z += c >= 0 ? this.effects[i]![c] : (this.effectMaps[i]![row.str[slot]] ?? 0);
          }
          break;
        }
        default:
          z += kind === ROW_BOOLEAN && row.num[slot] === 1 ? this.weights[i] : 0;
      }
    }
    return sigmoid(z);
  }
}
