import { Rng } from '../rng';
import type { Payload, RequestRecord } from '../pipeline/request-record';
import { Reservoir } from '../log/reservoir';

const HOUR = 3_600_000;
const STORE_STREAM = 8;

/** What the feature store keeps of a request for later retraining. */
export interface StoredExample {
  t: number;
  source: string;
  payload: Payload;
  label: 0 | 1;
  labelAt: number | null;
  /** What the service decided, for label-based performance over hours (not only the newest log). */
  version: string;
  scored: boolean;
  flagged: boolean;
}

/**
 * The feature store retraining reads from: per virtual hour a uniform sample of requests
 * as the service used them (corruption and mapping patches included), kept for `retentionHours`. Bounded memory.
 */
export class TrainingStore {
  private readonly hours = new Map<number, Reservoir<StoredExample>>();
  private readonly rng: Rng;

  constructor(
    seed: number,
    private readonly perHour = 800,
    readonly retentionHours = 72,
  ) {
    this.rng = Rng.stream(seed, STORE_STREAM);
  }

  add(r: RequestRecord): void {
    const hour = Math.floor(r.t / HOUR);
    let bucket = this.hours.get(hour);
    if (!bucket) {
      bucket = new Reservoir(this.perHour, this.rng);
      this.hours.set(hour, bucket);
      for (const h of this.hours.keys()) if (h <= hour - this.retentionHours) this.hours.delete(h);
    }
    bucket.offer({
      t: r.t,
      source: r.source,
      payload: r.payload,
      label: r.label,
      labelAt: r.labelAt,
      version: r.version,
      scored: r.score !== null,
      flagged: r.flagged,
    });
  }

  /** Earliest virtual time still held. */
  get oldest(): number {
    let min = Infinity;
    for (const h of this.hours.keys()) min = Math.min(min, h * HOUR);
    return min;
  }

  /** Examples from [from, to) whose labels had arrived by `now`, oldest hour first. */
  labelled(from: number, to: number, now: number): StoredExample[] {
    const out: StoredExample[] = [];
    const hours = [...this.hours.keys()].sort((a, b) => a - b);
    for (const h of hours) {
      if ((h + 1) * HOUR <= from || h * HOUR >= to) continue;
      for (const e of this.hours.get(h)!.sample()) {
        if (e.t >= from && e.t < to && e.labelAt !== null && e.labelAt <= now) out.push(e);
      }
    }
    return out.sort((a, b) => a.t - b.t);
  }
}
