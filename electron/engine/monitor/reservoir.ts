/**
 * Bounded, seeded samples. Monitoring keeps a fixed number of values per field and window
 * however heavy the traffic (see RequestSample), and draws its randomness from tiny seeded
 * generators so that the same scenario and seed always give the same metrics (never
 * Math.random): xorshift32 on the hot path, mulberry32 on the cold paths. Here: the cold paths
 * (down-sampling and merging window samples).
 */

/** A non-zero 32-bit generator state derived from a seed and a stream number (murmur3 finaliser). */
export function seedState(seed: number, stream: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 0x6d2b79f5 : h | 0;
}

/**
 * A seeded generator for the cold paths (window close, reference building): mulberry32, whose
 * outputs are better mixed than xorshift32's. Weighted merging draws thousands of keys in a
 * row, and xorshift32's linear structure measurably skewed the merged sample.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number, stream = 0) {
    this.state = seedState(seed, stream);
  }

  /** A uniform float in (0, 1): never exactly 0, so log() of it is finite. */
  float(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }
}

/** A sample of values with their source tags, and how many rows it stands for. */
export interface Sample {
  values: Float64Array;
  tags: Uint8Array;
  /** Rows the sample represents (all non-missing values offered, not just those kept). */
  rows: number;
}

/** A copy of a sample that owns its arrays. */
export function copySample(s: Sample): Sample {
  return { values: s.values.slice(), tags: s.tags.slice(), rows: s.rows };
}

// Positions permuted by downSample, reused from call to call (window close runs it per field).
let positions = new Int32Array(1024);

/**
 * A uniform random subset of at most `max` values of a sample (partial Fisher–Yates); returns
 * the sample itself when it is already small enough. The shuffle permutes positions in a reused
 * buffer rather than copies of the values; the result is the same as shuffling the values.
 */
export function downSample(s: Sample, max: number, rng: SeededRandom): Sample {
  const n = s.values.length;
  if (n <= max) return s;
  if (positions.length < n) positions = new Int32Array(n);
  const pos = positions;
  for (let i = 0; i < n; i++) pos[i] = i;
  const values = new Float64Array(max);
  const tags = new Uint8Array(max);
  for (let i = 0; i < max; i++) {
    const j = i + rng.below(n - i);
    const p = pos[j];
    pos[j] = pos[i];
    values[i] = s.values[p];
    tags[i] = s.tags[p];
  }
  return { values, tags, rows: s.rows };
}

/**
 * Merges samples from several windows into one sample of at most `capacity` values, each
 * window weighted by the rows it stands for (Efraimidis–Spirakis weighted sampling without
 * replacement: each value gets the key u^(1/w) and the largest keys win), so a busy window
 * counts for more than a quiet one. A min-heap of the best keys keeps this O(n log capacity)
 * with no per-value allocation. The result is shuffled: any slice of it is a uniform subsample.
 */
export class SampleMerger {
  private readonly keys: Float64Array;
  private readonly values: Float64Array;
  private readonly tags: Uint8Array;
  private size = 0;
  private rows = 0;

  constructor(
    private readonly capacity: number,
    private readonly rng: SeededRandom,
  ) {
    this.keys = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.tags = new Uint8Array(capacity);
  }

  /** Adds one window's sample. */
  add(s: Sample): void {
    const n = s.values.length;
    this.rows += s.rows;
    if (n === 0) return;
    const weight = s.rows / n;
    for (let i = 0; i < n; i++) {
      // log(u) / w orders exactly like u^(1/w) and stays finite for tiny u.
      const key = Math.log(this.rng.float()) / weight;
      if (this.size < this.capacity) {
        this.siftUp(this.size++, key, s.values[i], s.tags[i]);
      } else if (key > this.keys[0]) {
        this.siftDown(key, s.values[i], s.tags[i]);
      }
    }
  }

  /** The merged, shuffled sample. */
  finish(): Sample {
    const n = this.size;
    const values = this.values.slice(0, n);
    const tags = this.tags.slice(0, n);
    for (let i = n - 1; i > 0; i--) {
      const j = this.rng.below(i + 1);
      const v = values[i];
      values[i] = values[j];
      values[j] = v;
      const t = tags[i];
      tags[i] = tags[j];
      tags[j] = t;
    }
    return { values, tags, rows: this.rows };
  }

  private siftUp(at: number, key: number, value: number, tag: number): void {
    let i = at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.values[i] = this.values[parent];
      this.tags[i] = this.tags[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
    this.tags[i] = tag;
  }

  /** Replaces the smallest key (the root) and restores the heap. */
  private siftDown(key: number, value: number, tag: number): void {
    const n = this.size;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.keys[right] < this.keys[left] ? right : left;
      if (this.keys[child] >= key) break;
      this.keys[i] = this.keys[child];
      this.values[i] = this.values[child];
      this.tags[i] = this.tags[child];
      i = child;
    }
    this.keys[i] = key;
    this.values[i] = value;
    this.tags[i] = tag;
  }
}
