import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

const TWO_POW_26 = 67_108_864;
const TWO_POW_53_INV = 1 / 9_007_199_254_740_992;

/** Mixes a small integer seed so nearby seeds give unrelated streams (splitmix32 finaliser). */
function mixSeed(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/**
 * Seeded random source over pure-rand's xoroshiro128+. Each world concern draws from its own
 * stream (see `Rng.stream`) so a learner's actions never change which requests arrive.
 */
export class Rng {
  private spare = 0;
  private hasSpare = false;

  private constructor(private readonly gen: JumpableRandomGenerator) {}

  /** A generator for `seed`, advanced by `streamIndex` jumps (2^64 draws apart each). */
  static stream(seed: number, streamIndex: number): Rng {
    const gen = xoroshiro128plus(mixSeed(seed));
    for (let i = 0; i < streamIndex; i++) gen.jump();
    return new Rng(gen);
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.gen.next() & 0x3ffffff;
    const lo = this.gen.next() & 0x7ffffff;
    return (hi * TWO_POW_26 * 2 + lo) * TWO_POW_53_INV;
  }

  /** Standard normal draw; the polar method, keeping the second value for the next call. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.uniform() * 2 - 1;
      v = this.uniform() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    this.hasSpare = true;
    return u * m;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && (p >= 1 || this.uniform() < p);
  }

  /** Poisson count with mean `lambda`; normal approximation above 60 where it is accurate enough. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** Index drawn from cumulative weights (last entry = total). */
  pickCumulative(cumulative: ArrayLike<number>): number {
    const total = cumulative[cumulative.length - 1];
    const x = this.uniform() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Stream indices: one per concern so they never share draws. */
export const STREAM = {
  traffic: 0,
  payload: 1,
  labels: 2,
  pipeline: 3,
  training: 4,
  review: 5,
  monitor: 6,
  // 7 and 8 are the request log's and the training store's reservoirs.
  /** Corruption of requests on their way in (schema faults): part of the world, not the service. */
  ingest: 9,
} as const;
