import type { FaultSpec } from '../scenario/schema';

/** The timing part of a fault: when it starts, how it develops, when it ends. */
export type FaultTiming = Pick<
  FaultSpec,
  'at' | 'until' | 'shape' | 'rampOver' | 'period' | 'duty'
>;

/**
 * How strongly a fault acts at virtual time `t`, from 0 (not at all) to 1 (fully).
 * `endedAt` is when a mitigation (revert, escalation fix) stopped it, if one did.
 */
export function faultIntensity(
  fault: FaultTiming,
  t: number,
  endedAt: number | null = null,
): number {
  if (t < fault.at) return 0;
  if (fault.until !== undefined && t >= fault.until) return 0;
  if (endedAt !== null && t >= endedAt) return 0;
  const since = t - fault.at;
  switch (fault.shape) {
    case 'sudden':
      return 1;
    case 'ramp':
      return Math.min(1, since / fault.rampOver);
    case 'intermittent':
      return since % fault.period < fault.duty * fault.period ? 1 : 0;
  }
}
