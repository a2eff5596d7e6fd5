import {
  CANDIDATE_ROUTE,
  FLAGGED,
  HAS_LABEL_AT,
  HAS_SCORE,
  LABEL,
  type RequestRing,
} from '../log/request-ring';
import type { LabelArrival } from './request-record';

/** A power of two, as every capacity after it: ring positions wrap with a mask, not a division. */
const INITIAL_CAPACITY = 4096;

/** Bits describing a label (the `bits` column of LabelColumns). */
export const LABEL_CANDIDATE = 1;
export const LABEL_SCORED = 2;
export const LABEL_FLAGGED = 4;
export const LABEL_POSITIVE = 8;

/** The bits of a label arrival. */
export function labelBits(l: LabelArrival): number {
  return (
    (l.route === 'candidate' ? LABEL_CANDIDATE : 0) |
    (l.score !== null ? LABEL_SCORED : 0) |
    (l.flagged ? LABEL_FLAGGED : 0) |
    (l.label === 1 ? LABEL_POSITIVE : 0)
  );
}

/**
 * Labels as columns: the request's id and time, when the label arrives (`due`), LABEL_* `bits`
 * and the served score (when LABEL_SCORED is set).
 */
export interface LabelColumns {
  readonly ids: Float64Array;
  readonly due: Float64Array;
  readonly requestTimes: Float64Array;
  readonly bits: Uint8Array;
  readonly scores: Float64Array;
}

/**
 * Takes labels as they arrive, a run of columns at a time: an arrival object per label would
 * box its numbers on every write, and a call per label costs more than the counting.
 */
export interface LabelSink {
  /** Labels `from` to `to` (exclusive) of `labels` arrived, in the order they fell due. */
  labelsArrived(labels: LabelColumns, from: number, to: number): void;
}

/**
 * Labels on their way through the label pipeline, in the order they fall due, as columns of
 * typed arrays in a ring that grows as needed: hours of labels in flight are hundreds of
 * thousands, and an object each would keep the garbage collector busy copying them.
 */
export class LabelQueue implements LabelColumns {
  private capacity = INITIAL_CAPACITY;
  private head = 0;
  private size = 0;
  // The columns, read by sinks during `release*`; replaced when the ring grows.
  ids = new Float64Array(INITIAL_CAPACITY);
  due = new Float64Array(INITIAL_CAPACITY);
  requestTimes = new Float64Array(INITIAL_CAPACITY);
  scores = new Float64Array(INITIAL_CAPACITY);
  bits = new Uint8Array(INITIAL_CAPACITY);
  private sourceIndexes = new Uint16Array(INITIAL_CAPACITY);

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

  /** The source of the oldest waiting label (the queue must not be empty). */
  nextSource(): string {
    return this.sources[this.sourceIndexes[this.head]];
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
      this.bits[i] =
        (log.codes[j] & CANDIDATE_ROUTE ? LABEL_CANDIDATE : 0) |
        (bits & HAS_SCORE ? LABEL_SCORED : 0) |
        (bits & FLAGGED ? LABEL_FLAGGED : 0) |
        (bits & LABEL ? LABEL_POSITIVE : 0);
      this.size++;
    }
  }

  /** Takes the oldest label out of the queue and hands it to `sink` (null: it is lost). */
  releaseNext(sink: LabelSink | null): void {
    const i = this.head;
    if (sink !== null) sink.labelsArrived(this, i, i + 1);
    this.head = (i + 1) & (this.capacity - 1);
    this.size--;
  }

  /**
   * Takes out every label due by `t` and hands them to `sink`, a run of the ring at a time
   * (null: they are lost).
   */
  releaseDue(t: number, sink: LabelSink | null): void {
    let n = 0;
    const mask = this.capacity - 1;
    while (n < this.size && this.due[(this.head + n) & mask] <= t) n++;
    const first = Math.min(n, this.capacity - this.head);
    // The sink may read the columns only while it runs: take the labels out first.
    const head = this.head;
    this.head = (head + n) & mask;
    this.size -= n;
    if (sink === null) return;
    if (first > 0) sink.labelsArrived(this, head, head + first);
    if (n > first) sink.labelsArrived(this, 0, n - first);
  }

  /** Doubles the ring, unwrapping it so the oldest label sits at 0. */
  private grow(): void {
    const n = this.capacity * 2;
    this.ids = unwrap(this.ids, new Float64Array(n), this.head, this.size);
    this.due = unwrap(this.due, new Float64Array(n), this.head, this.size);
    this.requestTimes = unwrap(this.requestTimes, new Float64Array(n), this.head, this.size);
    this.scores = unwrap(this.scores, new Float64Array(n), this.head, this.size);
    this.sourceIndexes = unwrap(this.sourceIndexes, new Uint16Array(n), this.head, this.size);
    this.bits = unwrap(this.bits, new Uint8Array(n), this.head, this.size);
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
