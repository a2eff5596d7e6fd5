/**
 * What one closed window looked like: plain, JSON-safe numbers derived from its counters. This
 * is what `metrics.json` holds and what alert rules read.
 */
import type { FallbackUsed, ViolationKind } from '../pipeline/request-record';
import { psiFromCounts } from './stats';
import {
  runDriftTest,
  type DriftScratch,
  type FieldDrift,
  type FieldPlan,
  type FieldType,
} from './field-monitor';
import { sketchQuantile } from './latency-sketch';
import type { PerfSummary } from './performance';
import type { SeededRandom } from './reservoir';
import type { FieldReference, Reference } from './reference';
import { MAX_BINS, VIOLATION_KINDS, type WindowCounts } from './window-accumulator';
import { FALLBACK_KINDS } from '../pipeline/request-record';

/** Fewest values in a window (per field or source) before a drift statistic is computed. */
export const MIN_DRIFT_ROWS = 30;

/** One field from one source in one window. */
export interface SourceFieldMetrics {
  source: string;
  present: number;
  missing: number;
  missingShare: number | null;
  violationShare: number | null;
  mean: number | null;
  /** PSI of this source's values against the same source in the reference. */
  psi: number | null;
}

/** One declared field in one window. */
export interface FieldMetrics {
  field: string;
  type: FieldType;
  /** Values of the declared type. */
  present: number;
  /** Key not in the payload (dropped or renamed field). */
  absent: number;
  /** Key present with a null value. */
  nulls: number;
  /** Value of another type (e.g. a number sent as a string). */
  wrongType: number;
  /** (absent + nulls) / requests. */
  missingShare: number | null;
  wrongTypeShare: number | null;
  /** Violations the pipeline's validation reported for this field, by kind. */
  violations: Record<ViolationKind, number>;
  /** Requests with at least one violation on this field / requests. */
  violationShare: number | null;
  mean: number | null;
  sd: number | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
  /** Values outside the declared categories / values of the field's declared type. */
  unseenCategoryShare: number | null;
  unseenCategories: string[];
  drift: FieldDrift | null;
  bySource: SourceFieldMetrics[];
}

/** Output, system and violation figures for one source. */
export interface SourceMetrics {
  source: string;
  requests: number;
  requestRate: number;
  flagRate: number | null;
  fallbackShare: number | null;
  timeoutRate: number | null;
  errorRate: number | null;
  retryRate: number | null;
  violationShare: number | null;
}

/** Decisions of one route (serving, canary candidate or shadow candidate). */
export interface RouteMetrics {
  requests: number;
  scored: number;
  flagRate: number | null;
  meanScore: number | null;
  /** Labels received so far for this window's requests on this route. */
  labelled: number;
  accuracy: number | null;
}

/** Label-based and estimated performance for one window. */
export interface PerfMetrics {
  /** Labels received so far for this window's requests (fills in as labels arrive). */
  labels: number;
  /** labels / requests of this window, so far. */
  coverage: number | null;
  /** Accuracy etc. of this window's served model decisions, on the labels received so far. */
  byRequest: PerfSummary;
  /** Mean probability that each served decision is right, from the model's own scores. */
  estimatedAccuracy: number | null;
  /** Labels that arrived during this window, whatever their request time. */
  arrived: PerfSummary;
  /** Label coverage of the newest window old enough to be complete, as seen at window end. */
  maturedCoverage: number | null;
  maturedWindowStart: number | null;
  /** Window end minus the request time of the newest label received (ms). */
  labelLagMs: number | null;
}

/** Everything monitoring computed for one closed window. */
export interface WindowMetrics {
  index: number;
  start: number;
  end: number;
  inReference: boolean;
  referenceReady: boolean;
  requests: number;
  input: {
    fields: FieldMetrics[];
    /** Requests with at least one pipeline violation / requests. */
    violationShare: number | null;
    violationsOnUnknownFields: number;
    testedFields: number;
    driftedFields: number;
    /** driftedFields / testedFields. */
    datasetDriftShare: number | null;
    /** datasetDriftShare ≥ the scenario's driftShare. */
    datasetDrift: boolean | null;
    /** Payload keys that are not declared fields (e.g. a renamed field's new name). */
    unexpectedFields: { key: string; requests: number }[];
    unexpectedFieldsOther: number;
    unknownSourceRequests: number;
  };
  output: {
    scored: number;
    flagged: number;
    flagRate: number | null;
    meanScore: number | null;
    /** Mean of max(p, 1 − p) over scored requests. */
    meanConfidence: number | null;
    scoreDrift: FieldDrift | null;
    /** Requests that did not get a model decision (any fallback) / requests. */
    fallbackShare: number | null;
    fallbackByKind: Record<FallbackUsed, number>;
  };
  perf: PerfMetrics;
  system: {
    /** Requests per second. */
    requestRate: number;
    latencyP50: number | null;
    latencyP95: number | null;
    latencyP99: number | null;
    latencyBudgetP95: number | null;
    timeoutRate: number | null;
    errorRate: number | null;
    rejectedRate: number | null;
    retryRate: number | null;
    fallbackRate: number | null;
    tokensPerRequest: number | null;
    costPerRequest: number | null;
    costUsd: number;
    /** Window cost scaled to one hour (USD/h). */
    costPerHour: number;
    costBudgetPerHour: number | null;
  };
  sources: SourceMetrics[];
  routes: { serving: RouteMetrics; candidate: RouteMetrics | null; shadow: RouteMetrics | null };
}

/** Fixed context for summarising windows. */
export interface SummaryContext {
  plans: readonly FieldPlan[];
  /** Source names per slot; the last slot is "(other)". */
  sources: readonly string[];
  windowMs: number;
  driftShare: number;
  latencyBudgetP95: number | null;
  costBudgetPerHour: number | null;
  /** Picks the reference slices the sample tests use (deterministic per run). */
  rng: SeededRandom;
  /** Buffers reused by every window's drift tests. */
  scratch: DriftScratch;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function share(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/**
 * Quantiles (numpy's default 'linear' method) of a sample sorted ascending: the window's
 * sample is sorted once at close, for these and for the drift test.
 */
function sortedQuantiles(sorted: Float64Array, qs: readonly number[]): (number | null)[] {
  const n = sorted.length;
  if (n === 0) return qs.map(() => null);
  return qs.map((q) => {
    const pos = (n - 1) * q;
    const k = Math.floor(pos);
    const low = sorted[k];
    if (k + 1 >= n || pos === k) return low;
    const high = sorted[k + 1];
    return low + (high - low) * (pos - k);
  });
}

const EMPTY = new Float64Array(0);
const QUANTILES = [0.05, 0.5, 0.95];

function emptyPerf(): PerfSummary {
  return {
    labels: 0,
    labelled: 0,
    accuracy: null,
    precision: null,
    recall: null,
    calibrationError: null,
  };
}

/** A field's window counts on its reference grid, in total and per source slot. */
function fieldCounts(
  c: WindowCounts,
  plan: FieldPlan,
  ref: FieldReference,
  S: number,
): { total: Float64Array; bySource: Float64Array[] } {
  const f = plan.index;
  const numeric = plan.type === 'number';
  const len = numeric ? (ref.edges as Float64Array).length + 1 : plan.levels.length + 1;
  const total = new Float64Array(len);
  const bySource: Float64Array[] = [];
  for (let s = 0; s < S; s++) {
    const row = new Float64Array(len);
    for (let b = 0; b < len; b++) {
      const v = numeric ? c.bins[(f * S + s) * MAX_BINS + b] : c.cat[(plan.catOffset + b) * S + s];
      row[b] = v;
      total[b] += v;
    }
    bySource.push(row);
  }
  return { total, bySource };
}

/**
 * Summarises a window's (or the reference's) counters. Drift is computed only when a reference
 * is given and the counters were binned on its grid.
 */
export function summariseCounts(
  c: WindowCounts,
  ctx: SummaryContext,
  reference: Reference | null,
  inReference: boolean,
): WindowMetrics {
  const S = ctx.sources.length;
  const n = c.requests;
  const seconds = (c.windows * ctx.windowMs) / 1000;
  const hours = (c.windows * ctx.windowMs) / 3_600_000;
  const compare = reference !== null && reference.gridVersion === c.gridVersion && !inReference;

  let tested = 0;
  let drifted = 0;
  const fields = ctx.plans.map((plan): FieldMetrics => {
    const f = plan.index;
    let present = 0;
    let absent = 0;
    let nulls = 0;
    let wrongType = 0;
    let violReq = 0;
    let sum = 0;
    let sumSq = 0;
    for (let s = 0; s < S; s++) {
      const i = f * S + s;
      present += c.present[i];
      absent += c.absent[i];
      nulls += c.nulls[i];
      wrongType += c.wrongType[i];
      violReq += c.violReq[i];
      sum += c.sum[i];
      sumSq += c.sumSq[i];
    }
    const violations = {} as Record<ViolationKind, number>;
    VIOLATION_KINDS.forEach((k, i) => (violations[k] = c.violKinds[f * 4 + i]));

    const isNumber = plan.type === 'number';
    const sample = c.samples[f];
    // Sorted once into a reused buffer: quantiles and the drift test below both read it.
    const sorted =
      isNumber && sample !== null && sample.values.length > 0
        ? ctx.scratch.sortedWindow(sample.values)
        : EMPTY;
    const [p5, p50, p95] = sortedQuantiles(sorted, QUANTILES);
    const mean = isNumber && present > 0 ? sum / present : null;
    const sd = mean !== null ? Math.sqrt(Math.max(0, sumSq / present - mean * mean)) : null;

    let unseen = 0;
    if (plan.type === 'category') {
      const slot = plan.catOffset + plan.levels.length;
      for (let s = 0; s < S; s++) unseen += c.cat[slot * S + s];
    }

    let drift: FieldDrift | null = null;
    let perSourceCounts: Float64Array[] | null = null;
    const fr = compare ? (reference as Reference).fields[f] : null;
    if (fr !== null && present >= MIN_DRIFT_ROWS) {
      const counts = fieldCounts(c, plan, fr, S);
      perSourceCounts = counts.bySource;
      drift = runDriftTest(
        fr.test,
        fr.counts,
        counts.total,
        fr.prepared,
        sorted,
        ctx.rng,
        ctx.scratch,
      );
      tested++;
      if (drift.drifted) drifted++;
    }

    const bySource: SourceFieldMetrics[] = [];
    for (let s = 0; s < S; s++) {
      const i = f * S + s;
      const req = c.srcRequests[s];
      if (req === 0) continue;
      const missing = c.absent[i] + c.nulls[i];
      let psi: number | null = null;
      if (fr !== null && perSourceCounts !== null && c.present[i] >= MIN_DRIFT_ROWS) {
        const refRow = fr.sourceCounts[s];
        let refTotal = 0;
        for (let b = 0; b < refRow.length; b++) refTotal += refRow[b];
        if (refTotal > 0) psi = finiteOrNull(psiFromCounts(refRow, perSourceCounts[s]));
      }
      bySource.push({
        source: ctx.sources[s],
        present: c.present[i],
        missing,
        missingShare: share(missing, req),
        violationShare: share(c.violReq[i], req),
        mean: isNumber && c.present[i] > 0 ? c.sum[i] / c.present[i] : null,
        psi,
      });
    }

    return {
      field: plan.name,
      type: plan.type,
      present,
      absent,
      nulls,
      wrongType,
      missingShare: share(absent + nulls, n),
      wrongTypeShare: share(wrongType, n),
      violations,
      violationShare: share(violReq, n),
      mean,
      sd,
      p5,
      p50,
      p95,
      unseenCategoryShare: plan.type === 'category' ? share(unseen, present) : null,
      unseenCategories: [...c.unseen[f].keys()],
      drift,
      bySource,
    };
  });

  let scoreDrift: FieldDrift | null = null;
  const scoreRef = compare ? (reference as Reference).score : null;
  if (scoreRef !== null && c.scored >= MIN_DRIFT_ROWS && c.scoreSample !== null) {
    const values = c.scoreSample.values;
    scoreDrift = runDriftTest(
      scoreRef.test,
      scoreRef.counts,
      c.scoreBins,
      scoreRef.prepared,
      values.length > 0 ? ctx.scratch.sortedWindow(values) : EMPTY,
      ctx.rng,
      ctx.scratch,
    );
  }

  const fallbackByKind = {} as Record<FallbackUsed, number>;
  FALLBACK_KINDS.forEach((k, i) => (fallbackByKind[k] = c.fallback[i]));
  const fallbacks = n - c.fallback[0];

  const sources: SourceMetrics[] = [];
  for (let s = 0; s < S; s++) {
    const req = c.srcRequests[s];
    if (req === 0 && s === S - 1) continue;
    sources.push({
      source: ctx.sources[s],
      requests: req,
      requestRate: seconds > 0 ? req / seconds : 0,
      flagRate: share(c.srcFlagged[s], req),
      fallbackShare: share(c.srcFallback[s], req),
      timeoutRate: share(c.srcTimeouts[s], req),
      errorRate: share(c.srcErrors[s], req),
      retryRate: share(c.srcRetries[s], req),
      violationShare: share(c.srcAnyViolation[s], req),
    });
  }

  const r = c.routes;
  const servingRequests = n - r.candRequests;
  const servingScored = c.scored - r.candScored;
  const unexpectedFields = [...c.unexpected]
    .map(([key, requests]) => ({ key, requests }))
    .sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : 1));

  return {
    index: c.index,
    start: c.start,
    end: c.end,
    inReference,
    referenceReady: reference !== null,
    requests: n,
    input: {
      fields,
      violationShare: share(c.anyViolation, n),
      violationsOnUnknownFields: c.violUnknownField,
      testedFields: tested,
      driftedFields: drifted,
      datasetDriftShare: tested > 0 ? drifted / tested : null,
      datasetDrift: tested > 0 ? drifted / tested >= ctx.driftShare : null,
      unexpectedFields,
      unexpectedFieldsOther: c.unexpectedOther,
      unknownSourceRequests: c.srcRequests[S - 1],
    },
    output: {
      scored: c.scored,
      flagged: c.flagged,
      flagRate: share(c.flagged, n),
      meanScore: share(c.sumScore, c.scored),
      meanConfidence: share(c.sumConfidence, c.scored),
      scoreDrift,
      fallbackShare: share(fallbacks, n),
      fallbackByKind,
    },
    perf: {
      labels: 0,
      coverage: null,
      byRequest: emptyPerf(),
      estimatedAccuracy: share(c.sumExpectedCorrect, c.scored),
      arrived: emptyPerf(),
      maturedCoverage: null,
      maturedWindowStart: null,
      labelLagMs: null,
    },
    system: {
      requestRate: seconds > 0 ? n / seconds : 0,
      latencyP50: sketchQuantile(c.latency, 0.5),
      latencyP95: sketchQuantile(c.latency, 0.95),
      latencyP99: sketchQuantile(c.latency, 0.99),
      latencyBudgetP95: ctx.latencyBudgetP95,
      timeoutRate: share(c.timeouts, n),
      errorRate: share(c.errors, n),
      rejectedRate: share(c.rejected, n),
      retryRate: share(c.retries, n),
      fallbackRate: share(fallbacks, n),
      tokensPerRequest: share(c.tokens, n),
      costPerRequest: share(c.costUsd, n),
      costUsd: c.costUsd,
      costPerHour: hours > 0 ? c.costUsd / hours : 0,
      costBudgetPerHour: ctx.costBudgetPerHour,
    },
    sources,
    routes: {
      serving: {
        requests: servingRequests,
        scored: servingScored,
        flagRate: share(c.flagged - r.candFlagged, servingRequests),
        meanScore: share(c.sumScore - r.candScoreSum, servingScored),
        labelled: 0,
        accuracy: null,
      },
      candidate:
        r.candRequests > 0
          ? {
              requests: r.candRequests,
              scored: r.candScored,
              flagRate: share(r.candFlagged, r.candRequests),
              meanScore: share(r.candScoreSum, r.candScored),
              labelled: 0,
              accuracy: null,
            }
          : null,
      shadow:
        r.shadowRequests > 0
          ? {
              requests: r.shadowRequests,
              scored: r.shadowRequests,
              flagRate: share(r.shadowFlagged, r.shadowRequests),
              meanScore: share(r.shadowScoreSum, r.shadowRequests),
              labelled: 0,
              accuracy: null,
            }
          : null,
    },
  };
}
