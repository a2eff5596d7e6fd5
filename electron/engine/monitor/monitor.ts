/**
 * The monitoring loop: tumbling windows of virtual time over the request stream, compared with
 * a reference, with alert rules evaluated at every window end. It sees what a real monitoring
 * stack sees — the logged requests and the labels when they arrive — and nothing else.
 */
import { RequestRing } from '../log/request-ring';
import { labelBits, type LabelColumns, type LabelSink } from '../pipeline/label-queue';
import type { LabelArrival, RequestRecord } from '../pipeline/request-record';
import type { Scenario } from '../scenario/schema';
import { AlertBook, checkRules, type Alert, type AlertRule } from './alerts';
import { alertRulesFor } from './default-rules';
import {
  categorySlots,
  DriftScratch,
  planFields,
  type DriftTest,
  type FieldPlan,
} from './field-monitor';
import type { ReferenceView } from './metric-value';
import { LabelBook, PerfCounts, ShadowBook, summarisePerf } from './performance';
import { ReferenceBuilder, type Reference } from './reference';
import { copySample, downSample, SeededRandom, type Sample } from './reservoir';
import { buildSnapshot, type MonitoringSnapshot } from './snapshot';
import {
  chiSquaredTest,
  jensenShannonDistance,
  ksTwoSample,
  normalisedWasserstein,
  psiFromCounts,
} from './stats';
import { MAX_BINS, WindowAccumulator, type WindowCounts } from './window-accumulator';
import { summariseCounts, type SummaryContext, type WindowMetrics } from './window-metrics';

/** Closed windows kept in full history: 7 days of 5-minute windows. */
export const HISTORY_WINDOWS = 2016;
/** Recent windows that keep their per-source breakdown in history (24 h of 5-minute windows). */
export const DETAIL_HISTORY_WINDOWS = 288;
/** Most windows whose counters and samples are kept for rebaselining (fewer for wide schemas). */
export const MAX_RETAINED_WINDOWS = 288;
/** Sample values per numeric field kept for each retained window. */
export const RETAINED_SAMPLE = 256;
/** Memory allowed for retained window counters and samples. */
const RETAINED_BUDGET_BYTES = 32 * 1024 * 1024;
/** Default reference: the first 2 h, or the first quarter of a shorter scenario. */
const DEFAULT_REFERENCE_MS = 2 * 3_600_000;
/** Shadow predictions held for joining with labels. */
const SHADOW_BOOK_SIZE = 65_536;
/** Request records batched before they are counted (see Monitor.observe). */
const OBSERVE_BATCH = 32;

/** What `advanceTo` returns when no window closed (shared: most calls close none). */
const NONE_CLOSED: readonly WindowMetrics[] = Object.freeze([]);

/** Result of a rebaseline request. */
export interface RebaselineResult {
  from: number;
  to: number;
  windows: number;
}

/** What `metrics.json` holds. */
export interface MetricsExport {
  windowMs: number;
  reference: { from: number; to: number; windows: number; rows: number } | null;
  windowsClosed: number;
  windowsDropped: number;
  totals: { requests: number; labels: number; labelsTooOld: number };
  windows: WindowMetrics[];
}

/** What `alerts.json` holds. */
export interface AlertsExport {
  rules: AlertRule[];
  alerts: Alert[];
  warnings: string[];
}

/** A field's distribution now against the reference, with every statistic (on demand). */
export interface FieldComparison {
  field: string;
  source: string | null;
  windowStart: number;
  windowEnd: number;
  referenceFrom: number;
  referenceTo: number;
  /** Bin labels: "[a, b)" ranges for numbers, category names (+ "(unseen)") otherwise. */
  bins: string[];
  referenceShares: number[];
  currentShares: number[];
  psi: number | null;
  ks: { statistic: number; pValue: number } | null;
  wasserstein: number | null;
  chiSquared: { statistic: number; pValue: number } | null;
  jensenShannon: number | null;
  /** The test monitoring uses for this field. */
  test: DriftTest;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Watches one session's request stream. Call order: observe* / observeLabel*, advanceTo. */
export class Monitor implements LabelSink {
  readonly windowMs: number;
  private readonly plans: FieldPlan[];
  private readonly sourceSlots: string[];
  private readonly catSlots: number;
  private readonly ctx: SummaryContext;
  private readonly acc: WindowAccumulator;
  private readonly labels: LabelBook;
  /** Windows whose labels changed, reused by `refreshLabelledWindows`. */
  private readonly dirtyWindows: number[] = [];
  /** One label as columns, for `observeLabel`. */
  private readonly oneLabel: LabelColumns = {
    ids: new Float64Array(1),
    due: new Float64Array(1),
    requestTimes: new Float64Array(1),
    bits: new Uint8Array(1),
    scores: new Float64Array(1),
  };
  private readonly shadows: ShadowBook;
  private readonly alertBook: AlertBook;
  private readonly rng: SeededRandom;
  private readonly warnings: string[] = [];
  private readonly maturityMs: number;
  private readonly retainedLimit: number;
  private readonly overrides: Record<string, DriftTest>;
  private readonly seed: number;

  private current = 0;
  private currentEnd: number;
  private now = 0;
  private readonly windows: WindowMetrics[] = [];
  private readonly retained: WindowCounts[] = [];
  private lastCounts: WindowCounts | null = null;
  private pendingClosed: WindowMetrics[] = [];
  private windowsDropped = 0;
  private totalRequests = 0;
  /** Request records observed but not counted yet (see observe). */
  private readonly batch = new RequestRing(OBSERVE_BATCH);
  private batchSize = 0;
  private batchHasShadow = false;

  private readonly refFirst: number;
  private readonly refLast: number;
  private refBuilder: ReferenceBuilder | null;
  private reference: Reference | null = null;
  private referenceView: ReferenceView | null = null;
  private pendingReference: Reference | null = null;
  private gridVersion = 0;

  constructor(scenario: Scenario) {
    const W = scenario.monitoring.window;
    this.windowMs = W;
    this.seed = scenario.seed;
    this.plans = planFields(scenario);
    this.sourceSlots = [...scenario.service.traffic.sources.map((s) => s.name), '(other)'];
    this.catSlots = categorySlots(this.plans);
    this.ctx = {
      plans: this.plans,
      sources: this.sourceSlots,
      windowMs: W,
      driftShare: scenario.monitoring.driftShare,
      latencyBudgetP95: scenario.service.budgets.latencyMsP95,
      costBudgetPerHour: scenario.service.budgets.costUsdPerHour,
      rng: new SeededRandom(scenario.seed, 40_000),
      scratch: new DriftScratch(),
    };
    // Labels arrive `delay` after their request; one more window absorbs the engine's steps.
    this.maturityMs = scenario.service.labels.delay + W;
    this.shadows = new ShadowBook(SHADOW_BOOK_SIZE, this.maturityMs + W);
    this.labels = new LabelBook(W, this.shadows);
    this.acc = new WindowAccumulator(
      this.plans,
      this.sourceSlots.slice(0, -1),
      this.catSlots,
      scenario.seed,
      this.shadows,
    );
    this.rng = new SeededRandom(scenario.seed, 30_000);
    this.retainedLimit = this.retainedWindowsFor();

    this.overrides = {};
    for (const [field, test] of Object.entries(scenario.monitoring.tests)) {
      if (this.plans.some((p) => p.name === field)) this.overrides[field] = test;
      else
        this.warnings.push(
          `monitoring.tests.${field}: \`${field}\` is not a declared field; ignored.`,
        );
    }

    const ref = scenario.monitoring.reference ?? {
      from: 0,
      to: Math.min(DEFAULT_REFERENCE_MS, scenario.duration / 4),
    };
    // The reference is rounded to whole windows: those starting inside [from, to).
    this.refFirst = Math.ceil(ref.from / W);
    this.refLast = Math.max(this.refFirst, Math.ceil(ref.to / W) - 1);
    this.refBuilder = this.newBuilder();

    const rules = alertRulesFor(scenario, this.plans);
    this.warnings.push(...checkRules(rules, this.plans, this.sourceSlots.slice(0, -1)));
    this.alertBook = new AlertBook(rules, this.plans);

    this.currentEnd = W;
    this.acc.open(0, 0, W);
  }

  /**
   * Counts the `n` newest requests of a request log's ring, in time order, as a log-based
   * monitoring job reads a log: the engine calls this once per step (or per few thousand
   * requests) with the requests it has just logged. Nothing observable depends on when within
   * the open window requests are counted.
   */
  observeLogged(log: RequestRing, n: number): void {
    if (this.batchSize > 0) this.flushBatch();
    const times = log.times;
    const cap = log.capacity;
    let first = log.positionOfNewest(n);
    let left = n;
    while (left > 0) {
      if (times[first] >= this.currentEnd) this.closeUntil(times[first]);
      // The requests before the open window ends: all of them, unless the batch crosses it.
      let m = left;
      if (times[log.positionOfNewest(1)] >= this.currentEnd) {
        m = 1;
        while (m < left && times[(first + m) % cap] < this.currentEnd) m++;
      }
      this.acc.observeLogged(log, first, m);
      this.totalRequests += m;
      const last = times[(first + m - 1) % cap];
      if (last > this.now) this.now = last;
      first = (first + m) % cap;
      left -= m;
    }
  }

  /**
   * Counts one request record (in time order). Records are logged into a small ring of their
   * own and counted from it in batches of up to 32, always before their window closes, before
   * a snapshot and before a label that may need a batched shadow prediction.
   */
  observe(rec: RequestRecord): void {
    if (rec.t >= this.currentEnd) this.closeUntil(rec.t);
    if (rec.t > this.now) this.now = rec.t;
    this.totalRequests++;
    this.batch.push(rec);
    this.batchSize++;
    if (rec.shadow !== null) this.batchHasShadow = true;
    if (this.batchSize === OBSERVE_BATCH) this.flushBatch();
  }

  /** Records a label at its arrival time; it counts for its request's window and for now. */
  observeLabel(l: LabelArrival): void {
    const one = this.oneLabel;
    one.ids[0] = l.requestId;
    one.due[0] = l.t;
    one.requestTimes[0] = l.requestT;
    one.bits[0] = labelBits(l);
    one.scores[0] = l.score ?? 0;
    this.labelsArrived(one, 0, 1);
  }

  /** `observeLabel` for a run of labels, as the engine's label queue delivers them. */
  labelsArrived(labels: LabelColumns, from: number, to: number): void {
    // Labels are joined to shadow predictions: those of batched requests must be in the book.
    if (this.batchHasShadow) this.flushBatch();
    const due = labels.due;
    let i = from;
    while (i < to) {
      if (due[i] >= this.currentEnd) this.closeUntil(due[i]);
      // The labels that arrive before the open window ends: all of them, but at a window end.
      let end = i + 1;
      while (end < to && due[end] < this.currentEnd) end++;
      if (due[end - 1] > this.now) this.now = due[end - 1];
      const oldest = this.windows.length > 0 ? this.windows[0].index : 0;
      this.labels.addRun(labels, i, end, oldest);
      i = end;
    }
  }

  /**
   * Moves monitoring's clock to `t`: closes every window whose end ≤ t (empty ones too) and
   * evaluates alerts on each. Returns the windows closed since the previous call.
   */
  advanceTo(t: number): readonly WindowMetrics[] {
    if (t > this.now) this.now = t;
    if (t >= this.currentEnd) this.closeUntil(t);
    // Called once per engine step: most calls close nothing and must cost nothing.
    if (this.pendingClosed.length === 0) return NONE_CLOSED;
    this.refreshLabelledWindows();
    const closed = this.pendingClosed;
    this.pendingClosed = [];
    return closed;
  }

  /** The compact dashboard view; see MonitoringSnapshot. */
  snapshot(): MonitoringSnapshot {
    if (this.batchSize > 0) this.flushBatch();
    this.refreshLabelledWindows();
    const ref = this.reference;
    return buildSnapshot({
      time: this.now,
      windowMs: this.windowMs,
      windowsClosed: this.current,
      reference: {
        from: ref?.from ?? this.refFirst * this.windowMs,
        to: ref?.to ?? (this.refLast + 1) * this.windowMs,
        ready: ref !== null,
        windows: ref?.windows ?? 0,
        rows: ref?.rows ?? 0,
        pending: this.pendingReference !== null,
      },
      openWindow: {
        start: this.currentEnd - this.windowMs,
        end: this.currentEnd,
        requests: this.acc.requests,
      },
      history: this.windows,
      alerts: this.alertBook.all(),
      warnings: this.warnings,
    });
  }

  /** Closed windows still in memory, oldest first (at most HISTORY_WINDOWS). */
  history(): readonly WindowMetrics[] {
    this.refreshLabelledWindows();
    return this.windows;
  }

  /** Alerts kept (at most MAX_ALERTS), oldest first; states change in place. */
  alerts(): readonly Alert[] {
    return this.alertBook.all();
  }

  /** The rules in force (the scenario's, or the defaults). */
  rules(): readonly AlertRule[] {
    return this.alertBook.rules;
  }

  /** Acknowledges an open alert; false if there is none with that id. */
  acknowledge(alertId: string, t: number): boolean {
    return this.alertBook.acknowledge(alertId, t);
  }

  /** Mutes an alert (and re-firings of the same rule, field and source) until `untilT`. */
  silence(alertId: string, untilT: number, t: number): boolean {
    return this.alertBook.silence(alertId, untilT, t);
  }

  /**
   * Re-fixes the reference on the closed windows that start in [from, to) and are still
   * retained (the last MAX_RETAINED_WINDOWS windows, fewer for very wide schemas). The open
   * window is still compared with the old reference; the new one applies from the next window.
   * Returns null, changing nothing, when no retained window falls in the range.
   */
  rebaseline(from: number, to: number): RebaselineResult | null {
    const chosen = this.retained.filter((c) => c.start >= from && c.start < to);
    if (chosen.length === 0) return null;
    const builder = this.newBuilder();
    for (const c of chosen) builder.add(c);
    this.pendingReference = builder.finish(++this.gridVersion, this.warnings);
    // A rebaseline replaces a reference still being collected.
    this.refBuilder = null;
    return { from: chosen[0].start, to: chosen[chosen.length - 1].end, windows: chosen.length };
  }

  /** Compares a field (optionally one source) in the latest window with the reference. */
  compareField(field: string, source?: string): FieldComparison | null {
    const ref = this.reference;
    const c = this.lastCounts;
    const plan = this.plans.find((p) => p.name === field);
    if (ref === null || c === null || plan === undefined) return null;
    const fr = ref.fields[plan.index];
    if (fr === null || c.gridVersion !== ref.gridVersion) return null;
    const S = this.sourceSlots.length;
    const s = source === undefined ? -1 : this.sourceSlots.indexOf(source);
    if (source !== undefined && s < 0) return null;
    const numeric = plan.type === 'number';
    const len = numeric ? (fr.edges as Float64Array).length + 1 : plan.levels.length + 1;
    const cur = new Float64Array(len);
    for (let src = 0; src < S; src++) {
      if (s >= 0 && src !== s) continue;
      for (let b = 0; b < len; b++) {
        cur[b] += numeric
          ? c.bins[(plan.index * S + src) * MAX_BINS + b]
          : c.cat[(plan.catOffset + b) * S + src];
      }
    }
    const refCounts = s >= 0 ? fr.sourceCounts[s] : fr.counts;
    const shares = (a: ArrayLike<number>): number[] => {
      let t = 0;
      for (let i = 0; i < a.length; i++) t += a[i];
      return Array.from(a, (v) => (t > 0 ? v / t : 0));
    };
    let ks: FieldComparison['ks'] = null;
    let wasserstein: number | null = null;
    if (numeric) {
      const sample = c.samples[plan.index];
      const pick = (values: Float64Array, tags: Uint8Array | null): Float64Array =>
        s < 0 || tags === null ? values : values.filter((_, i) => tags[i] === s);
      const curSample = sample === null ? new Float64Array(0) : pick(sample.values, sample.tags);
      const refSample = pick(fr.sample, fr.sampleTags);
      if (curSample.length > 0 && refSample.length > 0) {
        const r = ksTwoSample(refSample, curSample);
        ks = { statistic: r.statistic, pValue: r.pValue };
        wasserstein = finite(normalisedWasserstein(refSample, curSample));
      }
    }
    const chi = chiSquaredTest(refCounts, cur);
    const edges = fr.edges;
    const bins =
      edges === null
        ? [...plan.levels, '(unseen)']
        : Array.from({ length: len }, (_, b) => {
            const lo = b === 0 ? '-∞' : String(edges[b - 1]);
            const hi = b === len - 1 ? '∞' : String(edges[b]);
            return `[${lo}, ${hi})`;
          });
    return {
      field,
      source: source ?? null,
      windowStart: c.start,
      windowEnd: c.end,
      referenceFrom: ref.from,
      referenceTo: ref.to,
      bins,
      referenceShares: shares(refCounts),
      currentShares: shares(cur),
      psi: finite(psiFromCounts(refCounts, cur)),
      ks,
      wasserstein,
      chiSquared: Number.isFinite(chi.statistic)
        ? { statistic: chi.statistic, pValue: chi.pValue }
        : null,
      jensenShannon: finite(jensenShannonDistance(refCounts, cur)),
      test: fr.test,
    };
  }

  /** The content of `metrics.json`. */
  exportMetrics(): MetricsExport {
    this.refreshLabelledWindows();
    const ref = this.reference;
    return {
      windowMs: this.windowMs,
      reference:
        ref === null ? null : { from: ref.from, to: ref.to, windows: ref.windows, rows: ref.rows },
      windowsClosed: this.current,
      windowsDropped: this.windowsDropped,
      totals: {
        requests: this.totalRequests,
        labels: this.labels.totalLabels,
        labelsTooOld: this.labels.tooOld,
      },
      windows: this.windows.slice(),
    };
  }

  /** The content of `alerts.json`. */
  exportAlerts(): AlertsExport {
    return {
      rules: this.alertBook.rules.slice(),
      alerts: this.alertBook.all().slice(),
      warnings: this.warnings.slice(),
    };
  }

  /** Both exports, so `JSON.stringify(monitor)` gives something useful. */
  toJSON(): { metrics: MetricsExport; alerts: AlertsExport } {
    return { metrics: this.exportMetrics(), alerts: this.exportAlerts() };
  }

  private newBuilder(): ReferenceBuilder {
    return new ReferenceBuilder(
      this.plans,
      this.sourceSlots.length,
      this.catSlots,
      this.seed,
      this.overrides,
    );
  }

  private retainedWindowsFor(): number {
    const F = this.plans.length;
    const S = this.sourceSlots.length;
    const numeric = this.plans.filter((p) => p.type === 'number').length;
    const bytes =
      F * S * (5 * 4 + 2 * 8) +
      F * S * MAX_BINS * 4 +
      this.catSlots * S * 4 +
      (numeric + 1) * RETAINED_SAMPLE * 9 +
      8192;
    return Math.max(12, Math.min(MAX_RETAINED_WINDOWS, Math.floor(RETAINED_BUDGET_BYTES / bytes)));
  }

  /** Closes windows until the open one contains `t`. */
  private closeUntil(t: number): void {
    // Batched requests all belong to the open window: count them before it closes.
    if (this.batchSize > 0) this.flushBatch();
    while (t >= this.currentEnd) this.closeWindow();
  }

  /** Counts the batched request records, in arrival order. */
  private flushBatch(): void {
    const n = this.batchSize;
    this.batchSize = 0;
    this.batchHasShadow = false;
    this.acc.observeLogged(this.batch, this.batch.positionOfNewest(n), n);
  }

  private closeWindow(): void {
    const W = this.windowMs;
    const counts = this.acc.freeze();
    const idx = counts.index;
    const inRef = this.refBuilder !== null && idx >= this.refFirst && idx <= this.refLast;
    if (inRef) (this.refBuilder as ReferenceBuilder).add(counts);

    const metrics = summariseCounts(counts, this.ctx, this.reference, inRef);
    this.fillPerf(metrics, this.labels.takeArrived());
    this.windows.push(metrics);
    this.lastCounts = counts;
    this.retain(counts);

    if (inRef && idx === this.refLast) {
      this.useReference(
        (this.refBuilder as ReferenceBuilder).finish(++this.gridVersion, this.warnings),
      );
      this.refBuilder = null;
    } else if (this.pendingReference !== null) {
      this.useReference(this.pendingReference);
      this.pendingReference = null;
    }
    this.updateReferencePerf(metrics.end);

    this.alertBook.evaluate(metrics, this.referenceView);
    this.pendingClosed.push(metrics);
    // pendingClosed only grows when nobody calls advanceTo; keep it bounded all the same.
    if (this.pendingClosed.length > HISTORY_WINDOWS) this.pendingClosed.shift();

    this.current = idx + 1;
    this.currentEnd = (idx + 2) * W;
    this.acc.open(idx + 1, (idx + 1) * W, (idx + 2) * W);
    this.trimHistory();
  }

  private useReference(ref: Reference): void {
    this.reference = ref;
    this.acc.setGrid(
      ref.fields.map((f) => (f === null ? null : f.edges)),
      ref.gridVersion,
    );
    this.referenceView = {
      summary: summariseCounts(ref.counts, this.ctx, null, true),
      perf: null,
    };
  }

  /**
   * Keeps a retained copy (samples down-sampled) for rebaselining. The window's own samples are
   * views of reservoir buffers that are reused two windows later, so what is kept is a copy.
   */
  private retain(c: WindowCounts): void {
    const keep = (s: Sample | null): Sample | null => {
      if (s === null) return null;
      const d = downSample(s, RETAINED_SAMPLE, this.rng);
      return d === s ? copySample(s) : d;
    };
    const kept: WindowCounts = {
      ...c,
      samples: c.samples.map(keep),
      scoreSample: keep(c.scoreSample),
    };
    this.retained.push(kept);
    if (this.retained.length > this.retainedLimit) this.retained.shift();
  }

  private trimHistory(): void {
    const h = this.windows;
    if (h.length > HISTORY_WINDOWS) {
      h.splice(0, h.length - HISTORY_WINDOWS);
      this.windowsDropped++;
      this.labels.forget(h[0].index);
    }
    // Past a day, windows keep their totals but drop per-source detail (bounded memory).
    const old = h.length - 1 - DETAIL_HISTORY_WINDOWS;
    if (old >= 0) {
      const w = h[old];
      if (w.sources.length > 0) {
        w.sources = [];
        for (const f of w.input.fields) {
          f.bySource = [];
          f.unseenCategories = [];
        }
        w.input.unexpectedFields = w.input.unexpectedFields.slice(0, 5);
      }
    }
  }

  private historyAt(index: number): WindowMetrics | undefined {
    const h = this.windows;
    if (h.length === 0) return undefined;
    const pos = index - h[0].index;
    return pos >= 0 && pos < h.length ? h[pos] : undefined;
  }

  /** Fills the label-based and estimated performance of a window that just closed. */
  private fillPerf(m: WindowMetrics, arrived: PerfCounts): void {
    m.perf.arrived = summarisePerf(arrived);
    this.applyRequestLabels(m);
    const matured = Math.floor((m.end - this.maturityMs) / this.windowMs) - 1;
    const mw = matured === m.index ? m : this.historyAt(matured);
    if (mw !== undefined && mw.requests > 0) {
      m.perf.maturedCoverage = (this.labels.forWindow(matured)?.labels ?? 0) / mw.requests;
      m.perf.maturedWindowStart = mw.start;
    }
    const newest = this.labels.newestLabelledRequestT;
    m.perf.labelLagMs = newest === -Infinity ? null : Math.max(0, m.end - newest);
  }

  /** Labels received so far for a window's own requests: performance and route accuracy. */
  private applyRequestLabels(m: WindowMetrics): void {
    const p = this.labels.forWindow(m.index);
    if (p === undefined) return;
    m.perf.labels = p.labels;
    m.perf.coverage = m.requests > 0 ? p.labels / m.requests : null;
    m.perf.byRequest = summarisePerf(p);
    m.routes.serving.labelled = p.labelled;
    m.routes.serving.accuracy = m.perf.byRequest.accuracy;
    if (m.routes.candidate !== null) {
      m.routes.candidate.labelled = p.candLabelled;
      m.routes.candidate.accuracy = p.candLabelled > 0 ? p.candCorrect / p.candLabelled : null;
    }
    if (m.routes.shadow !== null) {
      m.routes.shadow.labelled = p.shadowLabelled;
      m.routes.shadow.accuracy = p.shadowLabelled > 0 ? p.shadowCorrect / p.shadowLabelled : null;
    }
  }

  /**
   * Updates closed windows whose requests received labels since the last call. Labels arrive at
   * nearly every step, each time for a window hours old, so this runs when windows are read
   * (history, snapshot, exports, windows just closed) rather than at every step.
   */
  private refreshLabelledWindows(): void {
    for (const index of this.labels.drainDirty(this.dirtyWindows)) {
      const m = this.historyAt(index);
      if (m !== undefined) this.applyRequestLabels(m);
    }
  }

  /** Once the reference's labels are all in, fixes its label-based figures. */
  private updateReferencePerf(now: number): void {
    const ref = this.reference;
    const view = this.referenceView;
    if (ref === null || view === null || view.perf !== null) return;
    const last = ref.windowIndexes[ref.windowIndexes.length - 1];
    if ((last + 1) * this.windowMs + this.maturityMs > now) return;
    const total = new PerfCounts();
    for (const i of ref.windowIndexes) {
      const p = this.labels.forWindow(i);
      if (p !== undefined) total.merge(p);
    }
    view.perf = {
      ...summarisePerf(total),
      coverage: ref.rows > 0 ? total.labels / ref.rows : null,
    };
  }
}
