/**
 * Label-based performance. Labels are the only ground truth monitoring may see, and only when
 * they arrive. Each label counts twice: for the window of its request (so the truth for a
 * window fills in over time) and for the window in which it arrived (a view that is current).
 */
import {
  LABEL_CANDIDATE,
  LABEL_FLAGGED,
  LABEL_POSITIVE,
  LABEL_SCORED,
  type LabelColumns,
} from '../pipeline/label-queue';

export const CALIBRATION_BINS = 10;
/** Labels needed before accuracy, precision and recall are used for alerts. */
export const MIN_LABELS_FOR_ALERTS = 100;

/** Additive confusion counts and calibration bins for one set of labels. */
export class PerfCounts {
  /** Every label received, whatever the route or whether the model scored the request. */
  labels = 0;
  /** Labels of serving-route requests the model scored: the model's own decisions. */
  labelled = 0;
  tp = 0;
  fp = 0;
  tn = 0;
  fn = 0;
  /** Per calibration bin: count, sum of scores, sum of labels. */
  readonly calibration = new Float64Array(CALIBRATION_BINS * 3);
  candLabelled = 0;
  candCorrect = 0;
  shadowLabelled = 0;
  shadowCorrect = 0;

  /** Adds one label: `bits` are LABEL_* flags, `score` the served score if LABEL_SCORED. */
  add(bits: number, score: number, shadow: { score: number; flagged: boolean } | null): void {
    this.labels++;
    const positive = (bits & LABEL_POSITIVE) !== 0;
    if (shadow !== null) {
      this.shadowLabelled++;
      if (shadow.flagged === positive) this.shadowCorrect++;
    }
    if ((bits & LABEL_SCORED) === 0) return;
    const flagged = (bits & LABEL_FLAGGED) !== 0;
    if ((bits & LABEL_CANDIDATE) !== 0) {
      this.candLabelled++;
      if (flagged === positive) this.candCorrect++;
      return;
    }
    this.labelled++;
    if (flagged) {
      if (positive) this.tp++;
      else this.fp++;
    } else if (positive) this.fn++;
    else this.tn++;
    // Math.min(9, Math.max(0, Math.floor(10 * score))), without three calls on every label.
    const x = score * CALIBRATION_BINS;
    const bin = x >= CALIBRATION_BINS - 1 ? CALIBRATION_BINS - 1 : x > 0 ? Math.trunc(x) : 0;
    this.calibration[bin * 3]++;
    this.calibration[bin * 3 + 1] += score;
    if (positive) this.calibration[bin * 3 + 2]++;
  }

  /** Adds another set of counts into this one. */
  merge(o: PerfCounts): void {
    this.labels += o.labels;
    this.labelled += o.labelled;
    this.tp += o.tp;
    this.fp += o.fp;
    this.tn += o.tn;
    this.fn += o.fn;
    for (let i = 0; i < this.calibration.length; i++) this.calibration[i] += o.calibration[i];
    this.candLabelled += o.candLabelled;
    this.candCorrect += o.candCorrect;
    this.shadowLabelled += o.shadowLabelled;
    this.shadowCorrect += o.shadowCorrect;
  }
}

/** Label-based metrics of a set of labels (serving route, model-scored requests). */
export interface PerfSummary {
  labels: number;
  labelled: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  /** Expected calibration error over 10 equal-width score bins. */
  calibrationError: number | null;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** Accuracy, precision, recall and expected calibration error of a set of labels. */
export function summarisePerf(p: PerfCounts | undefined): PerfSummary {
  if (p === undefined || p.labels === 0) {
    return {
      labels: 0,
      labelled: 0,
      accuracy: null,
      precision: null,
      recall: null,
      calibrationError: null,
    };
  }
  let ece: number | null = null;
  if (p.labelled > 0) {
    ece = 0;
    for (let b = 0; b < CALIBRATION_BINS; b++) {
      const n = p.calibration[b * 3];
      if (n === 0) continue;
      ece +=
        (n / p.labelled) * Math.abs(p.calibration[b * 3 + 1] / n - p.calibration[b * 3 + 2] / n);
    }
  }
  return {
    labels: p.labels,
    labelled: p.labelled,
    accuracy: ratio(p.tp + p.tn, p.labelled),
    precision: ratio(p.tp, p.tp + p.fp),
    recall: ratio(p.tp, p.tp + p.fn),
    calibrationError: ece,
  };
}

/**
 * Shadow predictions kept for a deterministic sample of requests so that arriving labels can
 * be joined to them (labels carry the served decision, not the shadow's). A ring of fixed size;
 * when it would overwrite entries younger than `horizon`, the sampling rate halves.
 */
export class ShadowBook {
  private readonly ids: Float64Array;
  private readonly times: Float64Array;
  private readonly scores: Float64Array;
  private head = 0;
  private size = 0;
  private mask = 0;

  constructor(
    private readonly capacity: number,
    private readonly horizon: number,
  ) {
    this.ids = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  /** Records a shadow prediction if the request falls in the current sample. */
  add(requestId: number, t: number, score: number, flagged: boolean): void {
    if (requestId % (this.mask + 1) !== 0) return;
    if (this.size === this.capacity) {
      // The oldest entry is about to go: if it is still young enough to get a label, sample less.
      if (this.times[this.head] > t - this.horizon) this.mask = this.mask * 2 + 1;
      if (requestId % (this.mask + 1) !== 0) return;
    }
    this.ids[this.head] = requestId;
    this.times[this.head] = t;
    // Flagged predictions are stored as score + 2 so one number carries both.
    this.scores[this.head] = flagged ? score + 2 : score;
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** The sampled shadow prediction for a request, or null when it was not sampled. */
  lookup(requestId: number): { score: number; flagged: boolean } | null {
    if (this.size === 0) return null;
    // Ids grow with time, so the ring is sorted from its oldest entry: binary search.
    let lo = 0;
    let hi = this.size;
    const oldest = (this.head - this.size + this.capacity) % this.capacity;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const id = this.ids[(oldest + mid) % this.capacity];
      if (id < requestId) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.size) return null;
    const slot = (oldest + lo) % this.capacity;
    if (this.ids[slot] !== requestId) return null;
    const v = this.scores[slot];
    return v >= 2 ? { score: v - 2, flagged: true } : { score: v, flagged: false };
  }
}

/** Labels bucketed by the window of their request, plus the labels arrived in the open window. */
export class LabelBook {
  private readonly byWindow = new Map<number, PerfCounts>();
  private arrived = new PerfCounts();
  /** Request windows that received labels since the last `drainDirty()`. */
  private readonly dirty = new Set<number>();
  /** Newest request time among labels received (ms), -Infinity before the first. */
  newestLabelledRequestT = -Infinity;
  totalLabels = 0;
  /** Labels whose request window was already dropped from memory. */
  tooOld = 0;
  /** The request window of the previous label and its counts; the last window marked dirty. */
  private lastWindow = Number.NaN;
  private lastCounts: PerfCounts | undefined = undefined;
  private lastDirty = Number.NaN;

  constructor(
    private readonly windowMs: number,
    private readonly shadows: ShadowBook,
  ) {}

  /**
   * Records labels `from` to `to` (exclusive) of `labels`; `oldestKept` is the oldest request
   * window still held.
   */
  addRun(labels: LabelColumns, from: number, to: number, oldestKept: number): void {
    const { ids, requestTimes, bits, scores } = labels;
    const arrived = this.arrived;
    for (let i = from; i < to; i++) {
      const requestT = requestTimes[i];
      const b = bits[i];
      const score = scores[i];
      const shadow = this.shadows.lookup(ids[i]);
      this.totalLabels++;
      if (requestT > this.newestLabelledRequestT) this.newestLabelledRequestT = requestT;
      arrived.add(b, score, shadow);
      const w = Math.floor(requestT / this.windowMs);
      if (w < oldestKept) {
        this.tooOld++;
        continue;
      }
      // Labels come roughly in request order, so most land in the same window as the previous
      // one: remember it rather than look it up (and mark it dirty) for every label.
      let p = w === this.lastWindow ? this.lastCounts : undefined;
      if (p === undefined) {
        p = this.byWindow.get(w);
        if (p === undefined) {
          p = new PerfCounts();
          this.byWindow.set(w, p);
        }
        this.lastWindow = w;
        this.lastCounts = p;
      }
      p.add(b, score, shadow);
      if (w !== this.lastDirty) {
        this.dirty.add(w);
        this.lastDirty = w;
      }
    }
  }

  /** The counts for request window `index` (labels so far), if any. */
  forWindow(index: number): PerfCounts | undefined {
    return this.byWindow.get(index);
  }

  /** Returns the labels arrived since the last call and starts a new arrival bucket. */
  takeArrived(): PerfCounts {
    const a = this.arrived;
    this.arrived = new PerfCounts();
    return a;
  }

  /**
   * The request windows that got labels since the last call, in `out` (cleared first, reused
   * by the caller so nothing is allocated).
   */
  drainDirty(out: number[]): number[] {
    out.length = 0;
    if (this.dirty.size === 0) return out;
    for (const index of this.dirty) out.push(index);
    this.dirty.clear();
    this.lastDirty = Number.NaN;
    return out;
  }

  /** Drops windows older than `oldestKept` (memory stays bounded by the windows kept). */
  forget(oldestKept: number): void {
    for (const k of this.byWindow.keys()) if (k < oldestKept) this.byWindow.delete(k);
    if (this.lastWindow < oldestKept) {
      this.lastWindow = Number.NaN;
      this.lastCounts = undefined;
    }
  }
}
