/**
 * One window's sample of requests for the sample-based statistics (quantiles, KS, Wasserstein):
 * a uniform sample of the window's requests (Vitter's algorithm R over requests), holding for
 * each sampled request its source and the value of every numeric column (the numeric fields and
 * the score), NaN where the request had none. A field's sample is then the values of the sampled
 * requests that had one: a uniform sample of the field's values, as a log-based monitoring job
 * would draw by sampling log lines. One draw per request, not one per field, keeps the cost per
 * request flat however many numeric fields a schema has.
 */
import { seedState, type Sample } from './reservoir';

/** Collects the sample of the open window; `freeze` hands out each column's values. */
export class RequestSample {
  /**
   * The sampled requests' values, slot by slot (`slot * columnCount + column`), plus a scratch
   * slot at `capacity`: a kept request writes one cache line, not one per column.
   */
  readonly values: Float64Array;
  /** Per slot: the sampled request's source index. */
  private readonly tags: Uint8Array;
  /** Requests offered since the last reset. */
  seen = 0;
  private state: number;
  /** Per column, two pairs of output buffers used in turn (see `freeze`). */
  private readonly outValues: Float64Array[][];
  private readonly outTags: Uint8Array[][];
  private turn = 0;

  constructor(
    readonly capacity: number,
    readonly columnCount: number,
    seed: number,
    stream: number,
  ) {
    this.values = new Float64Array((capacity + 1) * columnCount);
    this.tags = new Uint8Array(capacity + 1);
    this.outValues = [0, 1].map(() =>
      Array.from({ length: columnCount }, () => new Float64Array(capacity)),
    );
    this.outTags = [0, 1].map(() =>
      Array.from({ length: columnCount }, () => new Uint8Array(capacity)),
    );
    this.state = seedState(seed, stream);
  }

  /**
   * Offers the next request, from source `tag`. Returns the slot its values go to: a sample
   * slot when it is kept, else `capacity`, a scratch slot written and never read, so callers
   * store without testing. A request that is kept must have every column written (at
   * `values[slot * columnCount + column]`).
   */
  admit(tag: number): number {
    const n = ++this.seen;
    let slot = n - 1;
    if (n > this.capacity) {
      let x = this.state;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.state = x;
      const over = Math.floor(((x >>> 0) / 4294967296) * n) - this.capacity;
      // j < capacity ? j : capacity, without a branch that random j mispredicts.
      slot = this.capacity + (over & (over >> 31));
    }
    this.tags[slot] = tag;
    return slot;
  }

  /** Writes NaN into every column at `slot` (for requests whose columns are not all visited). */
  clear(slot: number): void {
    const base = slot * this.columnCount;
    this.values.fill(NaN, base, base + this.columnCount);
  }

  /** Requests currently held. */
  get size(): number {
    return this.seen < this.capacity ? this.seen : this.capacity;
  }

  /**
   * Column `c`'s values (NaN dropped) with their sources, standing for `rows` values offered.
   * Written into output buffers used in turn by successive `freeze` rounds (see `nextTurn`):
   * a result stays valid until the round after next, so the window just closed can be read
   * while the next one fills.
   */
  freeze(c: number, rows: number): Sample {
    const values = this.outValues[this.turn][c];
    const tags = this.outTags[this.turn][c];
    const all = this.values;
    const stride = this.columnCount;
    const n = this.size;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = all[i * stride + c];
      if (v === v) {
        values[m] = v;
        tags[m] = this.tags[i];
        m++;
      }
    }
    return { values: values.subarray(0, m), tags: tags.subarray(0, m), rows };
  }

  /**
   * Empties the sample for the next window and switches output buffers. The generator state
   * carries on, so runs stay deterministic.
   */
  reset(): void {
    this.seen = 0;
    this.turn ^= 1;
  }
}
