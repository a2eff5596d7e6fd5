import { ROW_STRING, slotValue } from '../pipeline/payload-row';
import {
  FALLBACK_KINDS,
  fallbackKindIndex,
  type Outcome,
  type Payload,
  type RequestRecord,
} from '../pipeline/request-record';
import type { ServedRequest } from '../pipeline/served-request';
import { NO_VIOLATIONS } from '../pipeline/validation';
import type { Millis, Usd } from '../units';

const ROUTES: readonly RequestRecord['route'][] = ['serving', 'candidate'];
const OUTCOMES: readonly Outcome[] = ['ok', 'timeout', 'error', 'rejected'];

/** Outcome codes: indexes in OUTCOMES. */
export const OUTCOME_TIMEOUT = 1;
export const OUTCOME_ERROR = 2;
export const OUTCOME_REJECTED = 3;

/** Index of `outcome` in OUTCOMES. */
function outcomeCode(outcome: Outcome): number {
  switch (outcome) {
    case 'ok':
      return 0;
    case 'timeout':
      return OUTCOME_TIMEOUT;
    case 'error':
      return OUTCOME_ERROR;
    default:
      return OUTCOME_REJECTED;
  }
}

/** Bits of the `flags` column. */
export const FLAGGED = 1;
export const HAS_SCORE = 2;
export const HAS_LABEL_AT = 4;
export const LABEL = 8;

/** The `sourceIndexes` entry of a request whose writer gave no source index (a record). */
export const UNKNOWN_SOURCE = 255;

/** The `latencies` column: six per request, the total last. */
export const LATENCY_STRIDE = 6;
export const TOTAL_LATENCY = 5;

/** The `codes` column: bit 0 the candidate route, bits 1–3 the fallback, bits 4–5 the outcome. */
export const CANDIDATE_ROUTE = 1;
export function fallbackOfCode(code: number): number {
  return (code >> 1) & 7;
}
export function outcomeOfCode(code: number): number {
  return code >> 4;
}

/**
 * The newest requests of the log, column by column in typed arrays: a ring that holds tens of
 * thousands of requests without keeping an object per request alive, which would make every
 * garbage collection copy them. Payloads that travelled as rows are stored slot by slot; the
 * rest keep their objects. Reading a request builds its record afresh; monitoring reads the
 * columns themselves (positions from `positionOfNewest`), as a log-based monitoring job would.
 */
export class RequestRing {
  private start = 0;
  private size = 0;
  readonly ids: Float64Array;
  readonly times: Float64Array;
  readonly sources: string[];
  /** The source's index in the scenario's sources (pushServed), or UNKNOWN_SOURCE. */
  readonly sourceIndexes: Uint8Array;
  readonly versions: string[];
  /** Route, fallback and outcome (see CANDIDATE_ROUTE, fallbackOfCode, outcomeOfCode). */
  readonly codes: Uint8Array;
  /** FLAGGED, HAS_SCORE and label bits. */
  readonly flags: Uint8Array;
  readonly scores: Float64Array;
  /** When the label arrives, if the HAS_LABEL_AT flag is set (hidden truth: not for monitoring). */
  readonly labelAts: Float64Array;
  /** validation, retrieval, model, backoff, queue, total: six per request. */
  readonly latencies: Float64Array;
  readonly attempts: Float64Array;
  readonly tokens: Float64Array;
  readonly costs: Float64Array;
  private readonly harms: Float64Array;
  readonly shadows: RequestRecord['shadow'][];
  readonly violations: RequestRecord['violations'][];
  /** The payload object, or null when the payload is in the row columns. */
  readonly objects: (Payload | null)[];
  /** Row slots, `position * fields + field`: kinds (ROW_*), numbers, strings. */
  readonly rowKinds: Uint8Array;
  /** Numbers and booleans as 1 / 0; for strings, the category index the row carried. */
  readonly rowNums: Float64Array;
  readonly rowStrs: string[];

  /** `fields` are the declared fields, the slots of payload rows. */
  constructor(
    readonly capacity: number,
    private readonly fields: readonly string[] = [],
  ) {
    const n = capacity;
    const width = fields.length;
    this.ids = new Float64Array(n);
    this.times = new Float64Array(n);
    this.sources = new Array<string>(n).fill('');
    this.sourceIndexes = new Uint8Array(n);
    this.versions = new Array<string>(n).fill('');
    this.codes = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.scores = new Float64Array(n);
    this.labelAts = new Float64Array(n);
    this.latencies = new Float64Array(n * LATENCY_STRIDE);
    this.attempts = new Float64Array(n);
    this.tokens = new Float64Array(n);
    this.costs = new Float64Array(n);
    this.harms = new Float64Array(n);
    this.shadows = new Array<RequestRecord['shadow']>(n).fill(null);
    this.violations = new Array<RequestRecord['violations']>(n).fill(NO_VIOLATIONS);
    this.objects = new Array<Payload | null>(n).fill(null);
    this.rowKinds = new Uint8Array(n * width);
    this.rowNums = new Float64Array(n * width);
    this.rowStrs = new Array<string>(n * width).fill('');
  }

  get length(): number {
    return this.size;
  }

  /** Appends a record (its payload object is kept as it is). */
  push(r: RequestRecord): void {
    const i = this.slot();
    this.write(i, r);
    this.sourceIndexes[i] = UNKNOWN_SOURCE;
    this.objects[i] = r.payload;
  }

  /** Appends a served request, copying what it holds (the pipeline reuses it). */
  pushServed(s: ServedRequest): void {
    const i = this.slot();
    this.write(i, s);
    this.sourceIndexes[i] = s.sourceIndex;
    const object = s.payloadObject;
    this.objects[i] = object;
    if (object !== null) return;
    const row = s.row;
    const width = this.fields.length;
    const base = i * width;
    for (let f = 0; f < width; f++) {
      const kind = row.kind[f];
      this.rowKinds[base + f] = kind;
      if (kind === ROW_STRING) {
        this.rowStrs[base + f] = row.str[f];
        this.rowNums[base + f] = row.cat[f];
      } else this.rowNums[base + f] = row.num[f];
    }
  }

  /** The ring position of the `n`-th newest request (1: the newest); n ≤ length. */
  positionOfNewest(n: number): number {
    let i = this.start + this.size - n;
    if (i >= this.capacity) i -= this.capacity;
    return i;
  }

  /** Request `i` counted from the oldest kept, as a record of its own. */
  at(i: number): RequestRecord {
    return this.read((this.start + i) % this.capacity);
  }

  /** Requests oldest first. */
  toArray(): RequestRecord[] {
    const out: RequestRecord[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.at(i));
    return out;
  }

  /** The slot the next request goes to; drops the oldest when full. */
  private slot(): number {
    // Compare and subtract rather than `%`: an integer division per request is measurable.
    const capacity = this.capacity;
    let end = this.start + this.size;
    if (end >= capacity) end -= capacity;
    if (this.size < capacity) this.size++;
    else if (++this.start === capacity) this.start = 0;
    return end;
  }

  private write(i: number, r: Omit<RequestRecord, 'payload'>): void {
    this.ids[i] = r.id;
    this.times[i] = r.t;
    this.sources[i] = r.source;
    this.versions[i] = r.version;
    this.codes[i] =
      (r.route === 'candidate' ? CANDIDATE_ROUTE : 0) |
      (fallbackKindIndex(r.fallback) << 1) |
      (outcomeCode(r.outcome) << 4);
    this.flags[i] =
      (r.flagged ? FLAGGED : 0) |
      (r.score !== null ? HAS_SCORE : 0) |
      (r.labelAt !== null ? HAS_LABEL_AT : 0) |
      (r.label === 1 ? LABEL : 0);
    this.scores[i] = r.score ?? 0;
    this.labelAts[i] = r.labelAt ?? 0;
    const l = r.latency;
    const at = i * LATENCY_STRIDE;
    this.latencies[at] = l.validation;
    this.latencies[at + 1] = l.retrieval;
    this.latencies[at + 2] = l.model;
    this.latencies[at + 3] = l.backoff;
    this.latencies[at + 4] = l.queue;
    this.latencies[at + TOTAL_LATENCY] = l.total;
    this.attempts[i] = r.attempts;
    this.tokens[i] = r.tokens;
    this.costs[i] = r.costUsd;
    this.harms[i] = r.harm;
    this.shadows[i] = r.shadow;
    this.violations[i] = r.violations;
  }

  private read(i: number): RequestRecord {
    const code = this.codes[i];
    const flags = this.flags[i];
    const at = i * LATENCY_STRIDE;
    const lat = this.latencies;
    return {
      id: this.ids[i],
      t: this.times[i] as Millis,
      source: this.sources[i],
      payload: this.objects[i] ?? this.rowPayload(i),
      version: this.versions[i],
      route: ROUTES[code & CANDIDATE_ROUTE],
      shadow: this.shadows[i],
      score: flags & HAS_SCORE ? this.scores[i] : null,
      flagged: (flags & FLAGGED) !== 0,
      fallback: FALLBACK_KINDS[fallbackOfCode(code)],
      outcome: OUTCOMES[outcomeOfCode(code)],
      violations: this.violations[i],
      latency: {
        validation: lat[at],
        retrieval: lat[at + 1],
        model: lat[at + 2],
        backoff: lat[at + 3],
        queue: lat[at + 4],
        total: lat[at + TOTAL_LATENCY],
      },
      attempts: this.attempts[i],
      tokens: this.tokens[i],
      costUsd: this.costs[i] as Usd,
      label: flags & LABEL ? 1 : 0,
      labelAt: flags & HAS_LABEL_AT ? (this.labelAts[i] as Millis) : null,
      harm: this.harms[i],
    };
  }

  private rowPayload(i: number): Payload {
    const out: Payload = {};
    const fields = this.fields;
    const base = i * fields.length;
    for (let f = 0; f < fields.length; f++) {
      out[fields[f]] = slotValue(
        this.rowKinds[base + f],
        this.rowNums[base + f],
        this.rowStrs[base + f],
      );
    }
    return out;
  }
}
