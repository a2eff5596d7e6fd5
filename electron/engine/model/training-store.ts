import { Rng } from '../rng';
import type { Payload, RequestRecord } from '../pipeline/request-record';
import { payloadOf, type ServedRequest } from '../pipeline/served-request';
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

function example(r: Omit<RequestRecord, 'payload'>, payload: Payload): StoredExample {
  return {
    t: r.t,
    source: r.source,
    payload,
    label: r.label,
    labelAt: r.labelAt,
    version: r.version,
    scored: r.score !== null,
    flagged: r.flagged,
  };
}

/**
 * The feature store retraining reads from: per virtual hour a uniform sample of requests
 * as the service used them (corruption and mapping patches included), kept for `retentionHours`. Bounded memory.
 */
export class TrainingStore {
  private readonly hours = new Map<number, Reservoir<StoredExample>>();
  private readonly rng: Rng;
  /** The hour of the previous request and its bucket: requests come in time order. */
  private lastHour = Number.NaN;
  private lastBucket: Reservoir<StoredExample> | null = null;

  constructor(
    seed: number,
    private readonly perHour = 800,
    readonly retentionHours = 72,
  ) {
    this.rng = Rng.stream(seed, STORE_STREAM);
  }

  add(r: RequestRecord): void {
    const bucket = this.bucketFor(r.t);
    const i = bucket.admit();
    if (i >= 0) bucket.put(i, example(r, r.payload));
  }

  /** Adds a served request; only examples the hour's sample keeps are copied out of it. */
  addServed(s: ServedRequest): void {
    const bucket = this.bucketFor(s.t);
    const i = bucket.admit();
    if (i >= 0) bucket.put(i, example(s, payloadOf(s)));
  }

  private bucketFor(t: number): Reservoir<StoredExample> {
    const hour = Math.floor(t / HOUR);
    if (hour === this.lastHour) return this.lastBucket!;
    let bucket = this.hours.get(hour);
    if (!bucket) {
      bucket = new Reservoir(this.perHour, this.rng);
      this.hours.set(hour, bucket);
      for (const h of this.hours.keys()) if (h <= hour - this.retentionHours) this.hours.delete(h);
    }
    this.lastHour = hour;
    this.lastBucket = bucket;
    return bucket;
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
