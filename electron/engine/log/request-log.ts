import { Rng } from '../rng';
import type { RequestRecord } from '../pipeline/request-record';
import { toRecord, type ServedRequest } from '../pipeline/served-request';
import { RequestRing } from './request-ring';
import { Reservoir } from './reservoir';

const LOG_STREAM = 7;

/**
 * The service's request log, bounded however long the run: the newest requests in a ring
 * buffer plus a uniform reservoir sample over the whole run.
 */
export class RequestLog {
  readonly recent: RequestRing;
  readonly sampled: Reservoir<RequestRecord>;

  /** `fields` are the declared fields: the slots of the payload rows served requests carry. */
  constructor(
    seed: number,
    recentCapacity = 20_000,
    sampleCapacity = 2_000,
    fields: readonly string[] = [],
  ) {
    this.recent = new RequestRing(recentCapacity, fields);
    this.sampled = new Reservoir(sampleCapacity, Rng.stream(seed, LOG_STREAM));
  }

  append(record: RequestRecord): void {
    this.recent.push(record);
    this.sampled.offer(record);
  }

  /** Appends a served request; only what the sample keeps becomes a record object. */
  appendServed(served: ServedRequest): void {
    this.recent.pushServed(served);
    const i = this.sampled.admit();
    if (i >= 0) this.sampled.put(i, toRecord(served));
  }

  /** Requests logged in all. */
  get total(): number {
    return this.sampled.count;
  }
}

/**
 * One JSONL line for a request as the log stores it. The label is included only if it had
 * arrived by `asOf`; `labelAt` says when it did or will.
 */
export function requestToJsonLine(r: RequestRecord, asOf: number): string {
  const arrived = r.labelAt !== null && r.labelAt <= asOf;
  return JSON.stringify({
    id: r.id,
    t: r.t,
    source: r.source,
    payload: r.payload,
    version: r.version,
    route: r.route,
    shadow: r.shadow,
    score: r.score,
    flagged: r.flagged,
    fallback: r.fallback,
    outcome: r.outcome,
    violations: r.violations,
    latency: r.latency,
    attempts: r.attempts,
    tokens: r.tokens,
    costUsd: r.costUsd,
    label: arrived ? r.label : null,
    labelAt: r.labelAt,
  });
}
