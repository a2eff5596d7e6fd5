import type { LabelTerm, Scenario } from '../scenario/schema';
import type { Payload } from '../pipeline/request-record';
import type { ActiveFault } from '../faults/active-faults';
import { inScope } from '../faults/active-faults';

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
