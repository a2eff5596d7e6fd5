import type { Scenario } from '../scenario/schema';
import type { Rng } from '../rng';

const NOISE_BLOCK_MS = 300_000;

/**
 * Request arrivals: a daily cycle around the mean rate, with multiplicative noise that
 * changes every five minutes (real traffic wobbles in blocks, not per second).
 */
export class Traffic {
  private noiseBlock = -1;
  private noiseFactor = 1;

  constructor(
    private readonly traffic: Scenario['service']['traffic'],
    private readonly rng: Rng,
  ) {}

  /** Expected requests per second at virtual time `t` (ms), before noise. */
  meanRatePerSecond(t: number): number {
    const hour = (t / 3_600_000) % 24;
    const phase = ((hour - this.traffic.peakHour) / 24) * 2 * Math.PI;
    return (this.traffic.ratePerMinute / 60) * (1 + this.traffic.dailyAmplitude * Math.cos(phase));
  }

  /** Number of requests arriving in [t, t + stepMs). */
  arrivals(t: number, stepMs: number): number {
    const block = Math.floor(t / NOISE_BLOCK_MS);
    if (block !== this.noiseBlock) {
      this.noiseBlock = block;
      this.noiseFactor = Math.max(0, 1 + this.traffic.noise * this.rng.normal());
    }
    return this.rng.poisson(this.meanRatePerSecond(t) * this.noiseFactor * (stepMs / 1000));
  }
}
