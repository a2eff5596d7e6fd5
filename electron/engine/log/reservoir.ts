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
    this.seen++;
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    const j = Math.floor(this.rng.uniform() * this.seen);
    if (j < this.capacity) this.items[j] = item;
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
