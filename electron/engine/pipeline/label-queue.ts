import {
  CANDIDATE_ROUTE,
  FLAGGED,
  HAS_LABEL_AT,
  HAS_SCORE,
  LABEL,
  type RequestRing,
} from '../log/request-ring';
import type { Millis } from '../units';
import type { LabelArrival } from './request-record';

/** A power of two, as every capacity after it: ring positions wrap with a mask, not a division. */
const INITIAL_CAPACITY = 4096;

/** A blank arrival for `LabelQueue.shift` to fill (callers reuse one). */
export function emptyLabelArrival(): LabelArrival {
  return {
    requestId: 0,
    t: 0 as Millis,
    requestT: 0 as Millis,
    source: '',
    version: '',
    route: 'serving',
    score: null,
    flagged: false,
    label: 0,
  };
}

/** Bits of the queue's `flags` column. */
const CANDIDATE = 1;
const SCORED = 2;
const FLAGGED_LABEL = 4;
const POSITIVE = 8;

/**
 * Labels on their way through the label pipeline, in the order they fall due, as columns of
 * typed arrays in a ring that grows as needed: hours of labels in flight are hundreds of
 * thousands, and an object each would keep the garbage collector busy copying them.
 */
export class LabelQueue {
  private capacity = INITIAL_CAPACITY;
  private head = 0;
  private size = 0;
  private ids = new Float64Array(INITIAL_CAPACITY);
  private due = new Float64Array(INITIAL_CAPACITY);
  private requestTimes = new Float64Array(INITIAL_CAPACITY);
  private scores = new Float64Array(INITIAL_CAPACITY);
  private sourceIndexes = new Uint16Array(INITIAL_CAPACITY);
  private versionIndexes = new Uint16Array(INITIAL_CAPACITY);
  private flags = new Uint8Array(INITIAL_CAPACITY);
  private readonly versions: string[] = [];
  private readonly versionIndex = new Map<string, number>();
  private lastVersion = '';
  private lastVersionIndex = -1;

  /** `sources` name the requests' source indexes; at most `maxPending` labels wait at once. */
  constructor(
    private readonly sources: readonly string[],
    private readonly maxPending: number,
  ) {}

  /** Labels waiting. */
  get length(): number {
    return this.size;
  }

  /** When the oldest waiting label falls due; Infinity when none waits. */
  nextDue(): number {
    return this.size > 0 ? this.due[this.head] : Infinity;
  }

  /**
   * Queues the labels to come of `n` logged requests, from ring position `first` (wrapping):
   * those with a label time. Labels that would exceed the bound are dropped.
   */
  pushLogged(log: RequestRing, first: number, n: number): void {
    const cap = log.capacity;
    const logFlags = log.flags;
    for (let k = 0, j = first; k < n; k++, j = j + 1 === cap ? 0 : j + 1) {
      const bits = logFlags[j];
      if ((bits & HAS_LABEL_AT) === 0) continue;
      if (this.size >= this.maxPending) return;
      if (this.size === this.capacity) this.grow();
      const i = (this.head + this.size) & (this.capacity - 1);
      this.ids[i] = log.ids[j];
      this.due[i] = log.labelAts[j];
      this.requestTimes[i] = log.times[j];
      this.scores[i] = log.scores[j];
      this.sourceIndexes[i] = log.sourceIndexes[j];
      this.versionIndexes[i] = this.indexOfVersion(log.versions[j]);
      this.flags[i] =
        (log.codes[j] & CANDIDATE_ROUTE ? CANDIDATE : 0) |
        (bits & HAS_SCORE ? SCORED : 0) |
        (bits & FLAGGED ? FLAGGED_LABEL : 0) |
        (bits & LABEL ? POSITIVE : 0);
      this.size++;
    }
  }

  /** Takes the oldest label out of the queue, writing it into `out` (reused by the caller). */
  shift(out: LabelArrival): void {
    const i = this.head;
    const flags = this.flags[i];
    out.requestId = this.ids[i];
    out.t = this.due[i] as Millis;
    out.requestT = this.requestTimes[i] as Millis;
    out.source = this.sources[this.sourceIndexes[i]];
    out.version = this.versions[this.versionIndexes[i]];
    out.route = flags & CANDIDATE ? 'candidate' : 'serving';
    out.score = flags & SCORED ? this.scores[i] : null;
    out.flagged = (flags & FLAGGED_LABEL) !== 0;
    out.label = flags & POSITIVE ? 1 : 0;
    this.head = (i + 1) & (this.capacity - 1);
    this.size--;
  }

  private indexOfVersion(version: string): number {
    if (version === this.lastVersion) return this.lastVersionIndex;
    let i = this.versionIndex.get(version);
    if (i === undefined) {
      i = this.versions.length;
      this.versions.push(version);
      this.versionIndex.set(version, i);
    }
    this.lastVersion = version;
    this.lastVersionIndex = i;
    return i;
  }

  /** Doubles the ring, unwrapping it so the oldest label sits at 0. */
  private grow(): void {
    const n = this.capacity * 2;
    this.ids = unwrap(this.ids, new Float64Array(n), this.head, this.size);
    this.due = unwrap(this.due, new Float64Array(n), this.head, this.size);
    this.requestTimes = unwrap(this.requestTimes, new Float64Array(n), this.head, this.size);
    this.scores = unwrap(this.scores, new Float64Array(n), this.head, this.size);
    this.sourceIndexes = unwrap(this.sourceIndexes, new Uint16Array(n), this.head, this.size);
    this.versionIndexes = unwrap(this.versionIndexes, new Uint16Array(n), this.head, this.size);
    this.flags = unwrap(this.flags, new Uint8Array(n), this.head, this.size);
    this.capacity = n;
    this.head = 0;
  }
}

type Column = Float64Array | Uint16Array | Uint8Array;

/** Copies the `size` entries of ring `from` starting at `head` to the start of `to`. */
function unwrap<T extends Column>(from: T, to: T, head: number, size: number): T {
  const first = Math.min(size, from.length - head);
  to.set(from.subarray(head, head + first), 0);
  to.set(from.subarray(0, size - first), first);
  return to;
}
