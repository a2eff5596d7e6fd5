import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

const TWO_POW_26 = 67_108_864;
const TWO_POW_53_INV = 1 / 9_007_199_254_740_992;
/** Uniform draws generated at a time. */
const UNIFORM_BUFFER = 128;

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
  // pure-rand's xoroshiro128+ state, stepped here rather than through its generator object:
  // the step is small enough to inline into every draw, which the engine makes millions of.
  private s01: number;
  private s00: number;
  private s11: number;
  private s10: number;
  private readonly uniforms = new Float64Array(UNIFORM_BUFFER);
  /** Next unread place in `uniforms`; UNIFORM_BUFFER when all are read. */
  private ahead = UNIFORM_BUFFER;

  private constructor(gen: JumpableRandomGenerator) {
    const [s01, s00, s11, s10] = gen.getState();
    this.s01 = s01;
    this.s00 = s00;
    this.s11 = s11;
    this.s10 = s10;
  }

  /** A generator for `seed`, advanced by `streamIndex` jumps (2^64 draws apart each). */
  static stream(seed: number, streamIndex: number): Rng {
    const gen = xoroshiro128plus(mixSeed(seed));
    for (let i = 0; i < streamIndex; i++) gen.jump();
    return new Rng(gen);
  }

  /** The generator's next 32-bit output (pure-rand's xoroshiro128+ `next`, to the bit). */
  private next(): number {
    const s00 = this.s00;
    const s01 = this.s01;
    const out = (s00 + this.s10) | 0;
    const a0 = this.s10 ^ s00;
    const a1 = this.s11 ^ s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    // Served from a buffer filled ahead: this stays small enough to inline at every call
    // site, so a draw returns no boxed number. Same values, in the same order.
    if (this.ahead === UNIFORM_BUFFER) this.refill();
    return this.uniforms[this.ahead++];
  }

  private refill(): void {
    const out = this.uniforms;
    for (let i = 0; i < UNIFORM_BUFFER; i++) {
      const hi = this.next() & 0x3ffffff;
      const lo = this.next() & 0x7ffffff;
      out[i] = (hi * TWO_POW_26 * 2 + lo) * TWO_POW_53_INV;
    }
    this.ahead = 0;
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
