/**
 * The hot path: one tumbling window's counters, filled from the request log batch by batch.
 * Everything is a typed array indexed by (field, source) so counting allocates nothing; the
 * sample-based statistics read a fixed-size sample of the window's requests.
 */
import {
  CANDIDATE_ROUTE,
  fallbackOfCode,
  FLAGGED,
  HAS_SCORE,
  LATENCY_STRIDE,
  OUTCOME_ERROR,
  OUTCOME_REJECTED,
  OUTCOME_TIMEOUT,
  outcomeOfCode,
  TOTAL_LATENCY,
  UNKNOWN_SOURCE,
  type RequestRing,
} from '../log/request-ring';
import { ROW_BOOLEAN, ROW_NULL, ROW_NUMBER, ROW_STRING } from '../pipeline/payload-row';
import {
  FALLBACK_KINDS,
  type Payload,
  type RequestRecord,
  type ViolationKind,
} from '../pipeline/request-record';
import type { FieldPlan } from './field-monitor';
import type { DDSketch } from './latency-sketch';
import { createLatencySketch } from './latency-sketch';
import type { Sample } from './reservoir';
import { RequestSample } from './request-sample';

/** Numeric fields have at most 10 quantile bins plus an underflow and an overflow bin. */
export const MAX_BINS = 12;
/** Fixed score grid: [0, 0.1), [0.1, 0.2), …, [0.9, 1]. */
export const SCORE_EDGES: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
export const SCORE_BINS = SCORE_EDGES.length + 1;
/** Requests sampled per window; enough for KS/Wasserstein, small enough to sort fast. */
export const WINDOW_SAMPLE = 1000;

export const VIOLATION_KINDS: readonly ViolationKind[] = [
  'missing',
  'wrong-type',
  'out-of-range',
  'unseen-category',
];
/** Distinct unexpected keys / unseen category names remembered per window (the rest counted). */
export const MAX_NAMES_PER_WINDOW = 32;

/** Latencies buffered before they go into the window's sketch. */
const LATENCY_BATCH = 256;

/** Length of padded bin edges: the most a grid has (see binOfPadded). */
const PADDED_EDGES = MAX_BINS - 1;

/** The score grid padded for `binOfPadded`. */
const SCORE_PADDED = padEdges(SCORE_EDGES);

/** Payload positions whose key → field lookup is cached (wider payloads look up the rest). */
const KEY_CACHE = 64;

const KIND_NUMBER = 0;
const KIND_CATEGORY = 1;
const KIND_BOOLEAN = 2;

/** Route counters: serving is the total minus the candidate. */
export interface RouteCounts {
  candRequests: number;
  candScored: number;
  candFlagged: number;
  candScoreSum: number;
  shadowRequests: number;
  shadowFlagged: number;
  shadowScoreSum: number;
}

/**
 * Additive counters of one window (or of several windows summed, for the reference).
 * Per-(field, source) arrays are indexed `field * sources + source`; the last source slot
 * collects sources the scenario does not declare.
 */
export interface WindowCounts {
  index: number;
  start: number;
  end: number;
  windows: number;
  requests: number;
  srcRequests: Int32Array;
  present: Int32Array;
  absent: Int32Array;
  nulls: Int32Array;
  wrongType: Int32Array;
  violReq: Int32Array;
  sum: Float64Array;
  sumSq: Float64Array;
  /** Violations reported by the pipeline, by field and kind (`field * 4 + kind`). */
  violKinds: Int32Array;
  anyViolation: number;
  srcAnyViolation: Int32Array;
  violUnknownField: number;
  /** Numeric bin counts on the reference grid `gridVersion` (-1: no grid yet). */
  bins: Int32Array;
  gridVersion: number;
  /** Category counts per (slot, source): `(catOffset + level) * sources + source`. */
  cat: Int32Array;
  unseen: Map<string, number>[];
  unexpected: Map<string, number>;
  unexpectedOther: number;
  samples: (Sample | null)[];
  scored: number;
  flagged: number;
  sumScore: number;
  sumConfidence: number;
  sumExpectedCorrect: number;
  srcScored: Int32Array;
  srcFlagged: Int32Array;
  scoreBins: Int32Array;
  scoreSample: Sample | null;
  fallback: Int32Array;
  srcFallback: Int32Array;
  timeouts: number;
  errors: number;
  rejected: number;
  retries: number;
  srcTimeouts: Int32Array;
  srcErrors: Int32Array;
  srcRetries: Int32Array;
  tokens: number;
  costUsd: number;
  latency: DDSketch;
  routes: RouteCounts;
}

/** Empty counters for a window of `fields` fields, `sources` source slots and `catSlots`. */
export function newCounts(
  fields: number,
  sources: number,
  catSlots: number,
  index: number,
  start: number,
  end: number,
): WindowCounts {
  const fs = fields * sources;
  return {
    index,
    start,
    end,
    windows: 1,
    requests: 0,
    srcRequests: new Int32Array(sources),
    present: new Int32Array(fs),
    absent: new Int32Array(fs),
    nulls: new Int32Array(fs),
    wrongType: new Int32Array(fs),
    violReq: new Int32Array(fs),
    sum: new Float64Array(fs),
    sumSq: new Float64Array(fs),
    violKinds: new Int32Array(fields * VIOLATION_KINDS.length),
    anyViolation: 0,
    srcAnyViolation: new Int32Array(sources),
    violUnknownField: 0,
    bins: new Int32Array(fs * MAX_BINS),
    gridVersion: -1,
    cat: new Int32Array(catSlots * sources),
    unseen: Array.from({ length: fields }, () => new Map<string, number>()),
    unexpected: new Map(),
    unexpectedOther: 0,
    samples: new Array<Sample | null>(fields).fill(null),
    scored: 0,
    flagged: 0,
    sumScore: 0,
    sumConfidence: 0,
    sumExpectedCorrect: 0,
    srcScored: new Int32Array(sources),
    srcFlagged: new Int32Array(sources),
    scoreBins: new Int32Array(SCORE_BINS),
    scoreSample: null,
    fallback: new Int32Array(FALLBACK_KINDS.length),
    srcFallback: new Int32Array(sources),
    timeouts: 0,
    errors: 0,
    rejected: 0,
    retries: 0,
    srcTimeouts: new Int32Array(sources),
    srcErrors: new Int32Array(sources),
    srcRetries: new Int32Array(sources),
    tokens: 0,
    costUsd: 0,
    latency: createLatencySketch(),
    routes: {
      candRequests: 0,
      candScored: 0,
      candFlagged: 0,
      candScoreSum: 0,
      shadowRequests: 0,
      shadowFlagged: 0,
      shadowScoreSum: 0,
    },
  };
}

function addInto(target: Int32Array | Float64Array, src: Int32Array | Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] += src[i];
}

function addNames(target: Map<string, number>, src: Map<string, number>): void {
  for (const [k, v] of src) {
    if (target.has(k) || target.size < MAX_NAMES_PER_WINDOW)
      target.set(k, (target.get(k) ?? 0) + v);
  }
}

/**
 * Adds `src` into `target` (every additive counter; bins only when both are on the same grid).
 * Samples and the latency sketch are not merged here: the reference builder merges those.
 */
export function addCounts(target: WindowCounts, src: WindowCounts): void {
  target.windows += src.windows;
  target.end = Math.max(target.end, src.end);
  target.start = Math.min(target.start, src.start);
  target.requests += src.requests;
  for (const key of [
    'srcRequests',
    'present',
    'absent',
    'nulls',
    'wrongType',
    'violReq',
    'sum',
    'sumSq',
    'violKinds',
    'srcAnyViolation',
    'cat',
    'srcScored',
    'srcFlagged',
    'scoreBins',
    'fallback',
    'srcFallback',
    'srcTimeouts',
    'srcErrors',
    'srcRetries',
  ] as const) {
    addInto(target[key], src[key]);
  }
  if (target.gridVersion === src.gridVersion) addInto(target.bins, src.bins);
  target.anyViolation += src.anyViolation;
  target.violUnknownField += src.violUnknownField;
  for (let f = 0; f < target.unseen.length; f++) addNames(target.unseen[f], src.unseen[f]);
  addNames(target.unexpected, src.unexpected);
  target.unexpectedOther += src.unexpectedOther;
  target.scored += src.scored;
  target.flagged += src.flagged;
  target.sumScore += src.sumScore;
  target.sumConfidence += src.sumConfidence;
  target.sumExpectedCorrect += src.sumExpectedCorrect;
  target.timeouts += src.timeouts;
  target.errors += src.errors;
  target.rejected += src.rejected;
  target.retries += src.retries;
  target.tokens += src.tokens;
  target.costUsd += src.costUsd;
  const r = target.routes;
  const o = src.routes;
  r.candRequests += o.candRequests;
  r.candScored += o.candScored;
  r.candFlagged += o.candFlagged;
  r.candScoreSum += o.candScoreSum;
  r.shadowRequests += o.shadowRequests;
  r.shadowFlagged += o.shadowFlagged;
  r.shadowScoreSum += o.shadowScoreSum;
}

/** Told of each shadow prediction so labels can later be joined to it. */
export interface ShadowSink {
  add(requestId: number, t: number, score: number, flagged: boolean): void;
}

/** Fills one window's counters from requests; hands them over with `freeze()` at window end. */
export class WindowAccumulator {
  private c: WindowCounts;
  private readonly fieldIndex: Map<string, number>;
  private readonly kinds: Uint8Array;
  private readonly levelIndex: (Map<string, number> | null)[];
  private readonly levels: (readonly string[])[];
  private readonly catOffset: Int32Array;
  private readonly unseenSlot: Int32Array;
  private readonly sample: RequestSample;
  /** The sample's values (see RequestSample.values) and its columns per slot. */
  private readonly sampleValues: Float64Array;
  private readonly sampleStride: number;
  /** Per field: its column in the request sample, -1 for non-numeric fields. */
  private readonly columnOf: Int32Array;
  private readonly scoreColumn: number;
  private readonly seen: Int32Array;
  private readonly violSeen: Int32Array;
  /** Per-request stamps marking the fields seen in a payload object / named by a violation. */
  private stamp = 0;
  private violStamp = 0;
  /** Per request of the batch being counted: its source index and its sample slot. */
  private batchSources = new Int32Array(0);
  private batchSlots = new Int32Array(0);
  /** The key last seen at each payload position, and its field index (-1: not a field). */
  private readonly keyCache: string[] = new Array<string>(KEY_CACHE).fill('');
  private readonly keyField = new Int32Array(KEY_CACHE).fill(-1);
  /** Per numeric field: its bin edges on the reference grid, padded for `binOfPadded`. */
  private padded: (Float64Array | null)[];
  private gridVersion = -1;
  private lastSource: string | null = null;
  private lastSourceIndex = 0;
  private readonly nFields: number;
  private readonly nSources: number;
  /**
   * Latencies of the open window not yet in its sketch: added to it in order, LATENCY_BATCH at
   * a time and at `freeze()` (the only way the sketch is read), so the sketch is exactly as if
   * fed one by one, from one tight loop instead of a call per request.
   */
  private readonly latencies = new Float64Array(LATENCY_BATCH);
  private latencyCount = 0;

  constructor(
    private readonly plans: readonly FieldPlan[],
    private readonly sourceNames: readonly string[],
    private readonly catSlots: number,
    seed: number,
    private readonly shadowSink: ShadowSink | null,
  ) {
    this.nFields = plans.length;
    // One extra slot collects sources the scenario does not declare.
    this.nSources = sourceNames.length + 1;
    this.fieldIndex = new Map(plans.map((p) => [p.name, p.index]));
    this.kinds = Uint8Array.from(plans, (p) =>
      p.type === 'number' ? KIND_NUMBER : p.type === 'category' ? KIND_CATEGORY : KIND_BOOLEAN,
    );
    this.levelIndex = plans.map((p) => (p.type === 'category' ? p.levelIndex : null));
    this.levels = plans.map((p) => p.levels);
    this.catOffset = Int32Array.from(plans, (p) => p.catOffset);
    this.unseenSlot = Int32Array.from(plans, (p) => p.levels.length);
    // Columns: the numeric fields in order, then the score.
    let columns = 0;
    this.columnOf = Int32Array.from(plans, (p) => (p.type === 'number' ? columns++ : -1));
    this.scoreColumn = columns;
    this.sample = new RequestSample(WINDOW_SAMPLE, columns + 1, seed, 10_000);
    this.sampleValues = this.sample.values;
    this.sampleStride = columns + 1;
    this.seen = new Int32Array(plans.length);
    this.violSeen = new Int32Array(plans.length);
    this.padded = plans.map(() => null);
    this.c = newCounts(this.nFields, this.nSources, catSlots, 0, 0, 0);
  }

  /** Starts a new window (drops nothing: call `freeze()` first to keep the previous one). */
  open(index: number, start: number, end: number): void {
    this.c = newCounts(this.nFields, this.nSources, this.catSlots, index, start, end);
    this.c.gridVersion = this.gridVersion;
    this.latencyCount = 0;
    this.sample.reset();
  }

  /** Sets the numeric bin edges used from the next `open()` on (one array per field). */
  setGrid(edges: (Float64Array | null)[], version: number): void {
    this.padded = edges.map((e) => (e === null ? null : padEdges(e)));
    this.gridVersion = version;
  }

  /** Requests seen in the open window so far. */
  get requests(): number {
    return this.c.requests;
  }

  /**
   * Window counters plus its samples; the accumulator must be `open()`ed again. The samples are
   * views of buffers reused two windows later (see RequestSample.freeze): the monitor uses them
   * at close and for the latest window only, and keeps down-sampled copies for longer.
   */
  freeze(): WindowCounts {
    const c = this.c;
    const S = this.nSources;
    this.flushLatencies();
    for (let f = 0; f < this.nFields; f++) {
      const column = this.columnOf[f];
      if (column < 0) continue;
      let rows = 0;
      for (let s = 0; s < S; s++) rows += c.present[f * S + s];
      c.samples[f] = this.sample.freeze(column, rows);
    }
    c.scoreSample = this.sample.freeze(this.scoreColumn, c.scored);
    return c;
  }

  /**
   * Counts `n` requests of a request log's ring, oldest first from ring position `first`
   * (wrapping), all inside the open window. Monitoring reads only what a log pipeline would
   * see: time, source, payload, route, shadow, score, flagged, fallback, outcome, violations,
   * total latency, attempts, tokens and cost. It never reads the label columns or harm: those
   * are the hidden ground truth; labels reach monitoring only from the label queue, when they
   * arrive. Hot path, allocating nothing: runs of row payloads are counted field by field, so
   * each field's kind, grid and counters are looked up once per run; every counter still sees
   * the requests in their order, so sums come out to the same bit as one by one.
   */
  observeLogged(log: RequestRing, first: number, n: number): void {
    if (this.batchSources.length < n) {
      this.batchSources = new Int32Array(n);
      this.batchSlots = new Int32Array(n);
    }
    this.countRequests(log, first, n);
    const cap = log.capacity;
    const objects = log.objects;
    let k = 0;
    let i = first;
    while (k < n) {
      const payload = objects[i];
      if (payload !== null) {
        // A payload object may lack fields: its sample slot starts empty.
        const slot = this.batchSlots[k];
        this.sample.clear(slot);
        this.countPayload(payload, this.batchSources[k], slot);
        k++;
        i = i + 1 === cap ? 0 : i + 1;
        continue;
      }
      let end = k + 1;
      let next = i + 1 === cap ? 0 : i + 1;
      while (end < n && objects[next] === null) {
        end++;
        next = next + 1 === cap ? 0 : next + 1;
      }
      this.countRowFields(log, i, k, end);
      k = end;
      i = next;
    }
    this.countDecisions(log, first, n);
  }

  /** Per request: its source, its sample slot and its violations if any. */
  private countRequests(log: RequestRing, first: number, n: number): void {
    const c = this.c;
    const cap = log.capacity;
    const sources = log.sources;
    const sourceIndexes = log.sourceIndexes;
    const violations = log.violations;
    const batchSources = this.batchSources;
    const batchSlots = this.batchSlots;
    c.requests += n;
    for (let k = 0, i = first; k < n; k++, i = i + 1 === cap ? 0 : i + 1) {
      // The engine logs the scenario's index of the source, which is the monitor's slot.
      const logged = sourceIndexes[i];
      const s = logged !== UNKNOWN_SOURCE ? logged : this.sourceOf(sources[i]);
      c.srcRequests[s]++;
      batchSources[k] = s;
      batchSlots[k] = this.sample.admit(s);
      // Violations come with payload objects only, but are counted from the log all the same.
      if (violations[i].length !== 0) this.countViolations(violations[i], s);
    }
  }

  /**
   * Batch requests `from` to `to` (exclusive), starting at ring position `first`, all with row
   * payloads, field by field. A row holds every declared field in order (see PayloadRow): no
   * key lookups, no field ever absent, so every numeric field's sample slot is written here.
   */
  private countRowFields(log: RequestRing, first: number, from: number, to: number): void {
    const c = this.c;
    const S = this.nSources;
    const W = this.nFields;
    const cap = log.capacity;
    const kinds = log.rowKinds;
    const nums = log.rowNums;
    const batchSources = this.batchSources;
    const batchSlots = this.batchSlots;
    const sample = this.sampleValues;
    const stride = this.sampleStride;
    for (let f = 0; f < W; f++) {
      const fieldKind = this.kinds[f];
      const column = this.columnOf[f];
      const edges = this.padded[f];
      const catOffset = this.catOffset[f];
      const levels = this.levels[f];
      for (let k = from, i = first; k < to; k++, i = i + 1 === cap ? 0 : i + 1) {
        const s = batchSources[k];
        const fs = f * S + s;
        const kind = kinds[i * W + f];
        const v = nums[i * W + f];
        if (fieldKind === KIND_NUMBER) {
          const at = batchSlots[k] * stride + column;
          if (kind === ROW_NUMBER && v - v === 0) {
            c.present[fs]++;
            c.sum[fs] += v;
            c.sumSq[fs] += v * v;
            sample[at] = v;
            if (edges !== null) c.bins[fs * MAX_BINS + binOfPadded(edges, v)]++;
          } else {
            sample[at] = NaN;
            if (kind === ROW_NULL) c.nulls[fs]++;
            else c.wrongType[fs]++;
          }
        } else if (kind === ROW_NULL) c.nulls[fs]++;
        else if (fieldKind === KIND_CATEGORY) {
          if (kind === ROW_STRING) {
            // The log keeps the category index the row carried, in the monitor's level order.
            const value = log.rowStrs[i * W + f];
            if (v >= 0 && levels[v] === value) {
              c.present[fs]++;
              c.cat[(catOffset + v) * S + s]++;
            } else this.countCategory(f, value, fs, s);
          } else c.wrongType[fs]++;
        } else if (kind === ROW_BOOLEAN) {
          c.present[fs]++;
          // Booleans are 1 / 0: the level index without a branch on a random value.
          c.cat[(catOffset + +(v === 1)) * S + s]++;
        } else c.wrongType[fs]++;
      }
    }
  }

  /**
   * Counts a payload object's fields: present, missing, wrong type, values and categories.
   * Numbers go to sample slot `slot`, which the caller has cleared.
   */
  private countPayload(payload: Payload, s: number, slot: number): void {
    const c = this.c;
    const S = this.nSources;
    let stamp = (this.stamp + 1) | 0;
    if (stamp === 0) {
      // Wrapped after 2^32 requests: clear so no stale stamp can match.
      this.seen.fill(0);
      stamp = 1;
    }
    this.stamp = stamp;

    const keyCache = this.keyCache;
    const keyField = this.keyField;
    let pos = 0;
    for (const key in payload) {
      // Payloads nearly always list the same keys in the same order: remember which field the
      // key at each position was last time, so a pointer comparison replaces a hash lookup.
      let f: number;
      if (pos < KEY_CACHE && keyCache[pos] === key) f = keyField[pos];
      else {
        f = this.fieldIndex.get(key) ?? -1;
        if (pos < KEY_CACHE) {
          keyCache[pos] = key;
          keyField[pos] = f;
        }
      }
      pos++;
      if (f < 0) {
        this.noteUnexpected(key);
        continue;
      }
      this.seen[f] = stamp;
      const v = payload[key];
      const fs = f * S + s;
      if (v === null || v === undefined) {
        c.nulls[fs]++;
        continue;
      }
      const kind = this.kinds[f];
      if (kind === KIND_NUMBER) {
        // v - v is 0 only for finite numbers: NaN and ±Infinity count as wrong type.
        if (typeof v === 'number' && v - v === 0) {
          c.present[fs]++;
          c.sum[fs] += v;
          c.sumSq[fs] += v * v;
          this.sampleValues[slot * this.sampleStride + this.columnOf[f]] = v;
          const e = this.padded[f];
          if (e !== null) c.bins[fs * MAX_BINS + binOfPadded(e, v)]++;
        } else c.wrongType[fs]++;
      } else if (kind === KIND_CATEGORY) {
        if (typeof v === 'string') this.countCategory(f, v, fs, s);
        else c.wrongType[fs]++;
      } else if (typeof v === 'boolean') {
        c.present[fs]++;
        c.cat[(this.catOffset[f] + (v ? 1 : 0)) * S + s]++;
      } else c.wrongType[fs]++;
    }
    for (let f = 0; f < this.nFields; f++) if (this.seen[f] !== stamp) c.absent[f * S + s]++;
  }

  private countCategory(f: number, v: string, fs: number, s: number): void {
    const c = this.c;
    const S = this.nSources;
    c.present[fs]++;
    let level = (this.levelIndex[f] as Map<string, number>).get(v);
    if (level === undefined) {
      level = this.unseenSlot[f];
      const names = c.unseen[f];
      const n = names.get(v);
      if (n !== undefined) names.set(v, n + 1);
      else if (names.size < MAX_NAMES_PER_WINDOW) names.set(v, 1);
    }
    c.cat[(this.catOffset[f] + level) * S + s]++;
  }

  /** Counts a request's violations reported by the pipeline, by field and kind. */
  private countViolations(violations: RequestRecord['violations'], s: number): void {
    const c = this.c;
    const S = this.nSources;
    let stamp = (this.violStamp + 1) | 0;
    if (stamp === 0) {
      // Wrapped after 2^32 requests: clear so no stale stamp can match.
      this.violSeen.fill(0);
      stamp = 1;
    }
    this.violStamp = stamp;
    c.anyViolation++;
    c.srcAnyViolation[s]++;
    for (let i = 0; i < violations.length; i++) {
      const vf = this.fieldIndex.get(violations[i].field);
      if (vf === undefined) {
        c.violUnknownField++;
        continue;
      }
      c.violKinds[vf * 4 + violationKindIndex(violations[i].kind)]++;
      if (this.violSeen[vf] !== stamp) {
        this.violSeen[vf] = stamp;
        c.violReq[vf * S + s]++;
      }
    }
  }

  /** Counts what the service did with each request: score, fallback, errors, cost, routes. */
  private countDecisions(log: RequestRing, first: number, n: number): void {
    const c = this.c;
    const routes = c.routes;
    const cap = log.capacity;
    const flags = log.flags;
    const scores = log.scores;
    const codes = log.codes;
    const latencies = log.latencies;
    const attempts = log.attempts;
    const tokens = log.tokens;
    const costs = log.costs;
    const shadows = log.shadows;
    const batchSources = this.batchSources;
    const batchSlots = this.batchSlots;
    const sample = this.sampleValues;
    const stride = this.sampleStride;
    const scoreColumn = this.scoreColumn;
    for (let k = 0, i = first; k < n; k++, i = i + 1 === cap ? 0 : i + 1) {
      const s = batchSources[k];
      const bits = flags[i];
      const code = codes[i];
      const flagged = (bits & FLAGGED) !== 0;
      const candidate = (code & CANDIDATE_ROUTE) !== 0;
      const at = batchSlots[k] * stride + scoreColumn;
      if ((bits & HAS_SCORE) !== 0) {
        const score = scores[i];
        c.scored++;
        c.srcScored[s]++;
        c.sumScore += score;
        c.sumConfidence += score >= 0.5 ? score : 1 - score;
        // Probability that the served decision is right if the score is calibrated.
        c.sumExpectedCorrect += flagged ? score : 1 - score;
        c.scoreBins[binOfPadded(SCORE_PADDED, score)]++;
        sample[at] = score;
        if (candidate) {
          routes.candScored++;
          routes.candScoreSum += score;
        }
      } else sample[at] = NaN;
      if (flagged) {
        c.flagged++;
        c.srcFlagged[s]++;
      }
      const fallback = fallbackOfCode(code);
      c.fallback[fallback]++;
      if (fallback !== 0) c.srcFallback[s]++;
      const outcome = outcomeOfCode(code);
      if (outcome === OUTCOME_TIMEOUT) {
        c.timeouts++;
        c.srcTimeouts[s]++;
      } else if (outcome === OUTCOME_ERROR) {
        c.errors++;
        c.srcErrors[s]++;
      } else if (outcome === OUTCOME_REJECTED) c.rejected++;
      if (attempts[i] > 1) {
        c.retries++;
        c.srcRetries[s]++;
      }
      c.tokens += tokens[i];
      c.costUsd += costs[i];
      const latency = latencies[i * LATENCY_STRIDE + TOTAL_LATENCY];
      const m = this.latencyCount;
      this.latencies[m] = latency > 0 && latency < Infinity ? latency : 0;
      this.latencyCount = m + 1;
      if (m + 1 === LATENCY_BATCH) this.flushLatencies();
      if (candidate) {
        routes.candRequests++;
        if (flagged) routes.candFlagged++;
      }
      const shadow = shadows[i];
      if (shadow !== null) {
        routes.shadowRequests++;
        routes.shadowScoreSum += shadow.score;
        if (shadow.flagged) routes.shadowFlagged++;
        if (this.shadowSink !== null)
          this.shadowSink.add(log.ids[i], log.times[i], shadow.score, shadow.flagged);
      }
    }
  }

  private flushLatencies(): void {
    const sketch = this.c.latency;
    const values = this.latencies;
    const n = this.latencyCount;
    for (let i = 0; i < n; i++) sketch.accept(values[i]);
    this.latencyCount = 0;
  }

  private sourceOf(name: string): number {
    if (name === this.lastSource) return this.lastSourceIndex;
    const names = this.sourceNames;
    let i = 0;
    while (i < names.length && names[i] !== name) i++;
    this.lastSource = name;
    this.lastSourceIndex = i;
    return i;
  }

  private noteUnexpected(key: string): void {
    const m = this.c.unexpected;
    const n = m.get(key);
    if (n !== undefined) m.set(key, n + 1);
    else if (m.size < MAX_NAMES_PER_WINDOW) m.set(key, 1);
    else this.c.unexpectedOther++;
  }
}

/** Edges padded with +Infinity to PADDED_EDGES entries (a grid has at most MAX_BINS - 1). */
export function padEdges(edges: ArrayLike<number>): Float64Array {
  const out = new Float64Array(PADDED_EDGES).fill(Infinity);
  out.set(edges);
  return out;
}

/**
 * `binIndex` of a finite value on padded increasing edges: the number of edges at or below it.
 * The middle edge picks a half, then five independent comparisons are summed: no branch to
 * mispredict on random values and one short chain of dependent loads. Measured faster than a
 * four-step binary search and than eleven comparisons summed.
 */
export function binOfPadded(e: Float64Array, x: number): number {
  const h = +(e[5] <= x) * 6;
  return (
    h + +(e[h] <= x) + +(e[h + 1] <= x) + +(e[h + 2] <= x) + +(e[h + 3] <= x) + +(e[h + 4] <= x)
  );
}

/** Index of a violation kind in VIOLATION_KINDS. */
export function violationKindIndex(kind: ViolationKind): number {
  switch (kind) {
    case 'missing':
      return 0;
    case 'wrong-type':
      return 1;
    case 'out-of-range':
      return 2;
    default:
      return 3;
  }
}
