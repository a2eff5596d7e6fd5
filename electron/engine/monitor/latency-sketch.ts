import { DDSketch } from '@datadog/sketches-js';

/** DDSketch's guarantee: every quantile is within 1% of a value really seen at that rank. */
export const LATENCY_RELATIVE_ACCURACY = 0.01;

/** A new empty latency sketch (values in virtual milliseconds). */
export function createLatencySketch(): DDSketch {
  return new DDSketch({ relativeAccuracy: LATENCY_RELATIVE_ACCURACY });
}

/** The q-quantile (0..1) in ms, or null for an empty sketch. */
export function sketchQuantile(sketch: DDSketch, q: number): number | null {
  if (sketch.count === 0) return null;
  const v = sketch.getValueAtQuantile(q);
  return Number.isFinite(v) ? v : null;
}

/** A new sketch holding the union of the given sketches. */
export function mergeSketches(sketches: readonly DDSketch[]): DDSketch {
  const merged = createLatencySketch();
  for (const s of sketches) if (s.count > 0) merged.merge(s);
  return merged;
}

export type { DDSketch };
