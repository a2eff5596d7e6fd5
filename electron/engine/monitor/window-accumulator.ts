/**
 * The hot path: one tumbling window's counters, filled once per request. Everything is a typed
 * array indexed by (field, source) so observing a request allocates nothing; samples are kept
 * in fixed-size reservoirs.
 */
import {
  FALLBACK_KINDS,
  fallbackKindIndex,
  type Payload,
  type RequestRecord,
  type ViolationKind,
} from '../pipeline/request-record';
import {
  ROW_BOOLEAN,
  ROW_NULL,
  ROW_NUMBER,
  ROW_STRING,
  type PayloadRow,
} from '../pipeline/payload-row';
import type { ServedRequest } from '../pipeline/served-request';
import type { FieldPlan } from './field-monitor';
import type { DDSketch } from './latency-sketch';
import { createLatencySketch } from './latency-sketch';
import { Reservoir, viewSample, type Sample } from './reservoir';
import { binIndex } from './stats';

// Bound once: CommonJS transforms (tsx, vitest) turn each call of an imported function into a
// getter lookup, which costs measurably on a path run for every field of every request.
const findBin = binIndex;

/** Numeric fields have at most 10 quantile bins plus an underflow and an overflow bin. */
export const MAX_BINS = 12;
/** Fixed score grid: [0, 0.1), [0.1, 0.2), …, [0.9, 1]. */
export const SCORE_EDGES: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
export const SCORE_BINS = SCORE_EDGES.length + 1;
/** Values kept per field per window; enough for KS/Wasserstein, small enough to sort fast. */
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

/** Length of padded bin edges: 2^4 - 1 ≥ MAX_BINS - 1, searched in four steps. */
const PADDED_EDGES = 15;

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
  private readonly reservoirs: (Reservoir | null)[];
  private readonly scoreReservoir: Reservoir;
  private readonly seen: Int32Array;
  private readonly violSeen: Int32Array;
  private stamp = 0;
  /** The key last seen at each payload position, and its field index (-1: not a field). */
  private readonly keyCache: string[] = new Array<string>(KEY_CACHE).fill('');
  private readonly keyField = new Int32Array(KEY_CACHE).fill(-1);
  private edges: (Float64Array | null)[];
  /** The same edges padded for `binOfPadded`. */
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
    this.reservoirs = plans.map((p) =>
      p.type === 'number' ? new Reservoir(WINDOW_SAMPLE, seed, p.index) : null,
    );
    this.scoreReservoir = new Reservoir(WINDOW_SAMPLE, seed, 10_000);
    this.seen = new Int32Array(plans.length);
    this.violSeen = new Int32Array(plans.length);
    this.edges = plans.map(() => null);
    this.padded = plans.map(() => null);
    this.c = newCounts(this.nFields, this.nSources, catSlots, 0, 0, 0);
  }

  /** Starts a new window (drops nothing: call `freeze()` first to keep the previous one). */
  open(index: number, start: number, end: number): void {
    this.c = newCounts(this.nFields, this.nSources, this.catSlots, index, start, end);
    this.c.gridVersion = this.gridVersion;
    this.latencyCount = 0;
    for (const r of this.reservoirs) r?.reset();
    this.scoreReservoir.reset();
  }

  /** Sets the numeric bin edges used from the next `open()` on (one array per field). */
  setGrid(edges: (Float64Array | null)[], version: number): void {
    this.edges = edges;
    this.padded = edges.map((e) => (e === null ? null : padEdges(e)));
    this.gridVersion = version;
  }

  /** Requests seen in the open window so far. */
  get requests(): number {
    return this.c.requests;
  }

  /**
   * Window counters plus its samples; the accumulator must be `open()`ed again. The samples are
   * views of the reservoirs' buffers, valid until the window after next opens (reservoirs
   * alternate two buffers): the monitor uses them at close and for the latest window only, and
   * keeps down-sampled copies for longer.
   */
  freeze(): WindowCounts {
    const c = this.c;
    this.flushLatencies();
    for (let f = 0; f < this.nFields; f++) {
      const r = this.reservoirs[f];
      c.samples[f] = r === null ? null : viewSample(r);
    }
    c.scoreSample = viewSample(this.scoreReservoir);
    return c;
  }

  /** Counts one request. Hot path: no allocation, typed-array updates only. */
  observe(rec: RequestRecord): void {
    // Monitoring reads only what a log pipeline would see: t, source, payload, route, shadow,
    // score, flagged, fallback, outcome, violations, latency.total, attempts, tokens, costUsd.
    // It never reads rec.label, rec.labelAt or rec.harm: those are the hidden ground truth;
    // labels reach monitoring only through observeLabel, when they arrive.
    const s = this.sourceOf(rec.source);
    this.c.requests++;
    this.c.srcRequests[s]++;
    this.countPayload(rec.payload, s);
    this.countDecision(rec, s);
  }

  /** `observe` for the pipeline's served request (read now, not kept). */
  observeServed(served: ServedRequest): void {
    const s = this.sourceOf(served.source);
    this.c.requests++;
    this.c.srcRequests[s]++;
    if (served.payloadObject !== null) this.countPayload(served.payloadObject, s);
    else this.countRow(served.row, s);
    this.countDecision(served, s);
  }

  /** Counts a payload object's fields: present, missing, wrong type, values and categories. */
  private countPayload(payload: Payload, s: number): void {
    const c = this.c;
    const S = this.nSources;
    let stamp = (this.stamp + 1) | 0;
    if (stamp === 0) {
      // Wrapped after 2^32 requests: clear so no stale stamp can match.
      this.seen.fill(0);
      this.violSeen.fill(0);
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
          (this.reservoirs[f] as Reservoir).add(v, s);
          const e = this.edges[f];
          if (e !== null) c.bins[fs * MAX_BINS + findBin(e, v)]++;
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

  /**
   * `countPayload` for a payload row, which holds every declared field in order (see
   * PayloadRow): no key lookups, and no field is ever absent.
   */
  private countRow(row: PayloadRow, s: number): void {
    const c = this.c;
    const S = this.nSources;
    const kinds = row.kind;
    for (let f = 0; f < this.nFields; f++) {
      const kind = kinds[f];
      const fs = f * S + s;
      if (kind === ROW_NULL) {
        c.nulls[fs]++;
        continue;
      }
      const fieldKind = this.kinds[f];
      if (fieldKind === KIND_NUMBER) {
        const v = row.num[f];
        if (kind === ROW_NUMBER && v - v === 0) {
          c.present[fs]++;
          c.sum[fs] += v;
          c.sumSq[fs] += v * v;
          (this.reservoirs[f] as Reservoir).add(v, s);
          const e = this.padded[f];
          if (e !== null) c.bins[fs * MAX_BINS + binOfPadded(e, v)]++;
        } else c.wrongType[fs]++;
      } else if (fieldKind === KIND_CATEGORY) {
        if (kind === ROW_STRING) {
          // A row's category index follows the same baseline order as the monitor's levels.
          const level = row.cat[f];
          const v = row.str[f];
          if (level >= 0 && this.levels[f][level] === v) {
            c.present[fs]++;
            c.cat[(this.catOffset[f] + level) * S + s]++;
          } else this.countCategory(f, v, fs, s);
        } else c.wrongType[fs]++;
      } else if (kind === ROW_BOOLEAN) {
        c.present[fs]++;
        c.cat[(this.catOffset[f] + (row.num[f] === 1 ? 1 : 0)) * S + s]++;
      } else c.wrongType[fs]++;
    }
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

  /** Counts what the service did with a request: violations, score, fallback, errors, cost. */
  private countDecision(rec: Omit<RequestRecord, 'payload'>, s: number): void {
    const c = this.c;
    const S = this.nSources;
    // Violations come only with payload objects, which `countPayload` stamped.
    const stamp = this.stamp;
    const violations = rec.violations;
    if (violations.length !== 0) {
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

    const score = rec.score;
    const flagged = rec.flagged;
    if (score !== null) {
      c.scored++;
      c.srcScored[s]++;
      c.sumScore += score;
      c.sumConfidence += score >= 0.5 ? score : 1 - score;
      // Probability that the served decision is right if the score is calibrated.
      c.sumExpectedCorrect += flagged ? score : 1 - score;
      c.scoreBins[findBin(SCORE_EDGES, score)]++;
      this.scoreReservoir.add(score, s);
    }
    if (flagged) {
      c.flagged++;
      c.srcFlagged[s]++;
    }
    const fallbackIndex = fallbackKindIndex(rec.fallback);
    c.fallback[fallbackIndex]++;
    if (fallbackIndex !== 0) c.srcFallback[s]++;
    const outcome = rec.outcome;
    if (outcome === 'timeout') {
      c.timeouts++;
      c.srcTimeouts[s]++;
    } else if (outcome === 'error') {
      c.errors++;
      c.srcErrors[s]++;
    } else if (outcome === 'rejected') c.rejected++;
    if (rec.attempts > 1) {
      c.retries++;
      c.srcRetries[s]++;
    }
    c.tokens += rec.tokens;
    c.costUsd += rec.costUsd;
    const latency = rec.latency.total;
    const n = this.latencyCount;
    this.latencies[n] = latency > 0 && latency < Infinity ? latency : 0;
    this.latencyCount = n + 1;
    if (n + 1 === LATENCY_BATCH) this.flushLatencies();

    const routes = c.routes;
    if (rec.route === 'candidate') {
      routes.candRequests++;
      if (flagged) routes.candFlagged++;
      if (score !== null) {
        routes.candScored++;
        routes.candScoreSum += score;
      }
    }
    const shadow = rec.shadow;
    if (shadow !== null) {
      routes.shadowRequests++;
      routes.shadowScoreSum += shadow.score;
      if (shadow.flagged) routes.shadowFlagged++;
      if (this.shadowSink !== null)
        this.shadowSink.add(rec.id, rec.t, shadow.score, shadow.flagged);
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
 * Four fixed steps halve the range whatever the value, so there is no loop to mispredict.
 */
export function binOfPadded(e: Float64Array, x: number): number {
  let b = 0;
  if (e[b + 7] <= x) b += 8;
  if (e[b + 3] <= x) b += 4;
  if (e[b + 1] <= x) b += 2;
  if (e[b] <= x) b += 1;
  return b;
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
