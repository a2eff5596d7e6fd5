import type { Rng } from '../rng';

const Z95 = 1.6448536269514722;

/** Lognormal stage latency fitted to a median and a 95th percentile, in ms. */
export interface LatencyModel {
  median: number;
  sigma: number;
}

/** Fits the lognormal whose median and p95 are the given milliseconds. */
export function latencyModel(spec: { median: number; p95: number }): LatencyModel {
  return { median: spec.median, sigma: Math.log(spec.p95 / spec.median) / Z95 };
}

/** One latency draw in ms. */
export function drawLatency(m: LatencyModel, rng: Rng): number {
  return m.sigma > 0 ? m.median * Math.exp(m.sigma * rng.normal()) : m.median;
}

/**
 * Waiting time in the serving queue for utilisation `u` (M/M/1-like u/(1-u) growth, in units
 * of the service time), capped so an overloaded service is slow rather than infinite.
 */
export function queueDelay(serviceMs: number, u: number): number {
  const capped = Math.min(u, 0.98);
  const overload = u > 0.98 ? (u - 0.98) * 200 : 0;
  return serviceMs * (capped / (1 - capped) + overload);
}
