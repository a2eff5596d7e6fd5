import type { Rng } from '../rng';

/** Uniform sample of a stream of unknown length (Vitter's algorithm R), bounded in size. */
export class Reservoir<T> {
  private readonly items: T[] = [];
  private seen = 0;

  constructor(
    readonly capacity: number,
    private readonly rng: Rng,
  ) {}

  offer(item: T): void {
    const i = this.admit();
    if (i >= 0) this.put(i, item);
  }

  /**
   * Counts one more item offered and returns the place it takes in the sample, or -1 when the
   * sample passes it over: callers build the item only when it is kept.
   */
  admit(): number {
    this.seen++;
    if (this.items.length < this.capacity) return this.items.length;
    const j = Math.floor(this.rng.uniform() * this.seen);
    return j < this.capacity ? j : -1;
  }

  /** Puts an item at the place `admit` returned. */
  put(i: number, item: T): void {
    this.items[i] = item;
  }

  /** How many items were offered in all. */
  get count(): number {
    return this.seen;
  }

  /** The sample, in no particular order. */
  sample(): readonly T[] {
    return this.items;
  }
}
