import type { Scenario } from '../scenario/schema';
import { Rng, STREAM } from '../rng';
import type { FaultTimeline } from '../faults/active-faults';
import { inScope, type ActiveFault } from '../faults/active-faults';
import {
  applyMappingPatches,
  applyMappingPatchesToRow,
  applySchemaFaults,
  applySchemaFaultsToRow,
  rowKeepsShape,
} from '../faults/schema-change';
import type { ModelRegistry, ModelVersion } from '../model/registry';
import { scoreRowWith, scoreWith } from '../model/registry';
import type { WorldDraw } from '../world/world';
import type { Usd, Millis } from '../units';
import { drawLatency, latencyModel, queueDelay, type LatencyModel } from './latency';
import { PayloadRow, ROW_NUMBER, rowsFaithful } from './payload-row';
import type { Outcome, Payload, RequestRecord } from './request-record';
import { newServedRequest, type ServedRequest } from './served-request';
import type { ServingConfig } from './serving-config';
import {
  compileFieldRules,
  NO_VIOLATIONS,
  rowAllValid,
  validatePayload,
  type CleanPayload,
  type FieldRule,
} from './validation';
import { categoriesOf } from '../world/field-sampler';

const VALIDATION_MS = 1;
const FALLBACK_RULE_MS = 2;
const CACHE_HIT_RATE = 0.35;
const BATCH_COST_SHARE = 0.2;
const REVIEW_BACKLOG_HOURS = 2;

/** A latency fault's effect on one stage: time × factor + addMs. */
interface Slowdown {
  factor: number;
  addMs: number;
}

/**
 * What every request from one source shares within a step: fault effects, prompt size and
 * call costs. Computed once per step with the same arithmetic the per-request path used.
 */
interface SourcePlan {
  errorRate: number;
  retrievalErrorRate: number;
  k: number;
  /** Tokens of a model call, and its cost. */
  tokens: number;
  callCost: number;
  /** Model latency multiplier from the prompt's size. */
  tokenLatency: number;
  /** Retrieval latency multiplier from documents beyond the configured k. */
  retrievalKLatency: number;
  retrievalCost: number;
  retrievalSlow: Slowdown | undefined;
  modelSlow: Slowdown | undefined;
  /** Whether this source's payloads leave the row's shape this step (see rowKeepsShape). */
  objectPath: boolean;
}

const NO_SLOWDOWNS: ReadonlyMap<string, Slowdown> = new Map();

/** Reason a request could not be served by the model. */
type Failure = Exclude<Outcome, 'ok'> | 'paused' | 'cost-cap';

/**
 * The service's request path: faults on the way in, mapping patches, validation, routing
 * (serving / canary / shadow), retrieval and model call with latency, errors, retries and a
 * deadline, the fallback, cost, and harm against ground truth.
 */
export class Pipeline {
  private readonly rng: Rng;
  private readonly reviewRng: Rng;
  /** Draws of inbound corruption: its own stream, so serving choices never change what arrives. */
  private readonly ingestRng: Rng;
  private readonly rules: FieldRule[];
  private readonly retrievalLatency: LatencyModel | null;
  private readonly modelLatency: LatencyModel;
  private readonly lastScoreBySource = new Map<string, number>();
  private readonly sources: readonly string[];
  private readonly fieldNames: readonly string[];
  /** Whether payloads may travel as rows at all (see rowsFaithful). */
  private readonly rowsOk: boolean;
  /** Row slot of the fallback rule's field, -1 when there is none. */
  private readonly ruleSlot: number;
  private spendHour = -1;
  private spendThisHour = 0;
  private reviewBacklog = 0;
  private utilisation = 0;
  private queueMs = 0;
  private infraUsdPerRequest = 0;
  private readonly plans: SourcePlan[];
  /** Schema faults acting this step. */
  private stepSchema: readonly ActiveFault<'schema-change'>[] = [];
  /** Model versions of this step, looked up on first use (null: not yet). */
  private stepServing: ModelVersion | null = null;
  private stepCandidate: ModelVersion | null = null;
  private stepShadow: ModelVersion | null | undefined = null;
  private readonly out: ServedRequest;

  constructor(
    private readonly scenario: Scenario,
    seed: number,
    private readonly registry: ModelRegistry,
  ) {
    this.rng = Rng.stream(seed, STREAM.pipeline);
    this.reviewRng = Rng.stream(seed, STREAM.review);
    this.ingestRng = Rng.stream(seed, STREAM.ingest);
    this.rules = compileFieldRules(scenario.service.fields);
    const p = scenario.service.pipeline;
    this.retrievalLatency = p.retrieval ? latencyModel(p.retrieval.latencyMs) : null;
    this.modelLatency = latencyModel(p.model.latencyMs);
    this.sources = scenario.service.traffic.sources.map((s) => s.name);
    const fields = scenario.service.fields;
    this.fieldNames = fields.map((f) => f.name);
    this.rowsOk = rowsFaithful(
      fields,
      fields.flatMap((f) => categoriesOf(f)),
    );
    const rule = p.fallback.rule;
    this.ruleSlot = rule ? fields.findIndex((f) => f.name === rule.field) : -1;
    this.out = newServedRequest(new PayloadRow(this.fieldNames));
    this.plans = this.sources.map(() => ({
      errorRate: 0,
      retrievalErrorRate: 0,
      k: 0,
      tokens: 0,
      callCost: 0,
      tokenLatency: 1,
      retrievalKLatency: 1,
      retrievalCost: 0,
      retrievalSlow: undefined,
      modelSlow: undefined,
      objectPath: true,
    }));
  }

  /** Field checks the validation stage runs, compiled from the scenario's schema. */
  get fieldRules(): readonly FieldRule[] {
    return this.rules;
  }

  /** Current manual-review queue length, in cases. */
  get reviewQueue(): number {
    return this.reviewBacklog;
  }

  /** Sets what all requests of a step share: load, latency faults, infrastructure cost. */
  beginStep(
    t: number,
    stepMs: number,
    arrivals: number,
    config: ServingConfig,
    faults: FaultTimeline,
  ): void {
    const cap = this.scenario.service.pipeline.capacity;
    const perSecond = arrivals / (stepMs / 1000);
    const regressions = faults.ofType('latency-regression');
    let retrievalFactor: ReadonlyMap<string, Slowdown> = NO_SLOWDOWNS;
    let modelFactor: ReadonlyMap<string, Slowdown> = NO_SLOWDOWNS;
    let loadFactor = 1;
    if (regressions.length > 0) {
      const retrieval = new Map<string, Slowdown>();
      const model = new Map<string, Slowdown>();
      for (const f of regressions) {
        const target = f.spec.stage === 'retrieval' ? retrieval : model;
        const key = f.spec.scope.source ?? '*';
        const prev = target.get(key) ?? { factor: 1, addMs: 0 };
        const own = 1 + (f.spec.factor - 1) * f.intensity;
        target.set(key, {
          factor: prev.factor * own,
          addMs: prev.addMs + f.spec.addMs * f.intensity,
        });
        // Each all-traffic slowdown of the model adds its own factor of load, once.
        if (f.spec.stage === 'model' && f.spec.scope.source === undefined) loadFactor *= own;
      }
      // A source-scoped regression compounds with any all-traffic one rather than hiding it.
      for (const target of [retrieval, model]) {
        const all = target.get('*');
        if (all === undefined) continue;
        for (const [key, v] of target) {
          if (key !== '*')
            target.set(key, { factor: v.factor * all.factor, addMs: v.addMs + all.addMs });
        }
      }
      retrievalFactor = retrieval;
      modelFactor = model;
    }
    const capacity = config.replicas * cap.requestsPerSecondPerReplica;
    this.utilisation = (perSecond * loadFactor) / capacity;
    this.queueMs = queueDelay(this.modelLatency.median, this.utilisation);
    this.infraUsdPerRequest =
      arrivals > 0
        ? (config.replicas * cap.usdPerReplicaHour * (stepMs / 3_600_000)) / arrivals
        : 0;
    this.stepSchema = faults.ofType('schema-change');
    for (let i = 0; i < this.sources.length; i++) {
      this.planSource(this.plans[i], this.sources[i], config, faults, retrievalFactor, modelFactor);
    }
    this.stepServing = null;
    this.stepCandidate = null;
    this.stepShadow = null;
    const drained =
      (this.scenario.service.pipeline.fallback.reviewCapacityPerHour * stepMs) / 3_600_000;
    this.reviewBacklog = Math.max(0, this.reviewBacklog - drained);
    const hour = Math.floor(t / 3_600_000);
    if (hour !== this.spendHour) {
      this.spendHour = hour;
      this.spendThisHour = 0;
    }
  }

  /** Fills `plan` for requests from `source` in this step. */
  private planSource(
    plan: SourcePlan,
    source: string,
    config: ServingConfig,
    faults: FaultTimeline,
    retrievalFactor: ReadonlyMap<string, Slowdown>,
    modelFactor: ReadonlyMap<string, Slowdown>,
  ): void {
    const spec = this.scenario.service.pipeline;
    let errorRate = spec.model.errorRate;
    let retrievalErrorRate = spec.retrieval?.errorRate ?? 0;
    let promptFactor = 1;
    let k = config.retrievalK;
    for (const f of faults.ofType('dependency-outage')) {
      if (!inScope(f.spec, source)) continue;
      if (f.spec.dependency === 'model')
        errorRate = 1 - (1 - errorRate) * (1 - f.spec.errorRate * f.intensity);
      else retrievalErrorRate = 1 - (1 - retrievalErrorRate) * (1 - f.spec.errorRate * f.intensity);
    }
    for (const f of faults.ofType('cost-creep')) {
      if (!inScope(f.spec, source)) continue;
      if (f.spec.mechanism === 'retry-storm')
        errorRate = 1 - (1 - errorRate) * (1 - f.spec.errorRate * f.intensity);
      else if (f.spec.mechanism === 'prompt-growth')
        promptFactor *= 1 + (f.spec.promptTokensFactor - 1) * f.intensity;
      else if (f.spec.retrievalK !== undefined && f.intensity >= 0.5)
        k = Math.max(k, f.spec.retrievalK);
    }
    const tokens = this.promptTokens(k, promptFactor, config);
    plan.errorRate = errorRate;
    plan.retrievalErrorRate = retrievalErrorRate;
    plan.k = k;
    plan.tokens = tokens;
    plan.callCost = this.modelCallCost(tokens);
    plan.tokenLatency = 1 + tokens / 20_000;
    plan.retrievalKLatency = 1 + Math.max(0, k - (spec.retrieval?.k ?? 0)) * 0.02;
    plan.retrievalCost = k * (spec.retrieval?.usdPerDoc ?? 0);
    plan.retrievalSlow = retrievalFactor.get(source) ?? retrievalFactor.get('*');
    plan.modelSlow = modelFactor.get(source) ?? modelFactor.get('*');
    plan.objectPath =
      !this.rowsOk || !rowKeepsShape(this.stepSchema, config.patches, source, this.fieldNames);
  }

  /**
   * Runs the request just drawn through the service. Returns the pipeline's reused output (see
   * ServedRequest): read it before serving the next request. The draw's row is changed in place.
   */
  serve(id: number, t: Millis, draw: WorldDraw, config: ServingConfig): ServedRequest {
    const spec = this.scenario.service.pipeline;
    const rng = this.rng;
    const out = this.out;
    const source = draw.source;
    const plan = this.plans[draw.sourceIndex];
    const row = draw.row;
    const schemaFaults = this.stepSchema;

    // On the way in: corruption, then the learner's mapping patches. Payloads that keep the
    // row's shape are changed in place; the others become objects, exactly as they arrive.
    let payload: Payload | null = null;
    if (plan.objectPath) {
      const truth = row.toPayload();
      const received =
        schemaFaults.length > 0
          ? applySchemaFaults(truth, source, schemaFaults, this.ingestRng)
          : truth;
      payload = applyMappingPatches(received, source, config.patches);
    } else {
      if (schemaFaults.length > 0)
        applySchemaFaultsToRow(row, source, schemaFaults, this.ingestRng);
      if (config.patches.length > 0) applyMappingPatchesToRow(row, source, config.patches);
    }

    // Validation: a valid row is its own clean payload; anything else takes the general path.
    let clean: CleanPayload | null = null;
    let violations: RequestRecord['violations'] = NO_VIOLATIONS;
    let rejected = false;
    if (payload !== null || !rowAllValid(row, this.rules)) {
      payload ??= row.toPayload();
      const checked = validatePayload(payload, this.rules, config.validation);
      clean = checked.clean;
      violations = checked.violations;
      rejected = checked.rejected;
    }

    const release = config.release;
    let route: RequestRecord['route'] = 'serving';
    if (
      release !== null &&
      release.mode === 'canary' &&
      (release.source === undefined || release.source === source) &&
      rng.uniform() < release.share
    ) {
      route = 'candidate';
    }
    const version =
      route === 'candidate'
        ? (this.stepCandidate ??= this.versionFor(release!.version))
        : (this.stepServing ??= this.versionFor(config.serving));

    const latency = out.latency;
    latency.validation = VALIDATION_MS;
    latency.retrieval = 0;
    latency.model = 0;
    latency.backoff = 0;
    latency.queue = 0;
    let attempts = 0;
    let tokens = 0;
    let cost = this.infraUsdPerRequest;
    let failure: Failure | null = null;
    let score: number | null = null;

    if (rejected) failure = 'rejected';
    else if (config.paused) failure = 'paused';
    else if (config.costCapUsdPerHour !== null && this.spendThisHour >= config.costCapUsdPerHour)
      failure = 'cost-cap';

    const pattern = config.servingPattern;
    if (
      failure === null &&
      pattern === 'cache' &&
      this.lastScoreBySource.has(source) &&
      rng.uniform() < CACHE_HIT_RATE
    ) {
      // A cache hit answers with an earlier request's score: fast, free and possibly stale.
      score = this.lastScoreBySource.get(source)!;
      latency.model = 2;
    } else if (failure === null) {
      const deadline = pattern === 'sync' || pattern === 'cache' ? config.timeoutMs : Infinity;
      latency.queue = pattern === 'batch' ? 0 : this.queueMs;
      let elapsed = VALIDATION_MS + latency.queue;

      if (pattern === 'batch') {
        // Precomputed scores: no live call, a fraction of the cost, no deadline to miss.
        tokens = plan.tokens;
        cost += plan.callCost * BATCH_COST_SHARE;
        score = clean === null ? scoreRowWith(version, row) : scoreWith(version, clean);
        latency.model = 2;
        attempts = 1;
      } else {
        if (spec.retrieval && this.retrievalLatency && plan.k > 0) {
          const slow = plan.retrievalSlow;
          let ok = false;
          for (let a = 0; a <= config.retryMax && elapsed <= deadline; a++) {
            if (a > 0) {
              const wait = spec.retries.backoffMs * Math.pow(spec.retries.multiplier, a - 1);
              latency.backoff += wait;
              elapsed += wait;
            }
            // Each document beyond the configured k adds 2% to retrieval time.
            let ms = drawLatency(this.retrievalLatency, rng) * plan.retrievalKLatency;
            if (slow) ms = ms * slow.factor + slow.addMs;
            latency.retrieval += ms;
            elapsed += ms;
            cost += plan.retrievalCost;
            if (rng.uniform() >= plan.retrievalErrorRate) {
              ok = true;
              break;
            }
          }
          if (!ok) failure = elapsed > deadline ? 'timeout' : 'error';
        }
        if (failure === null) {
          tokens = plan.tokens;
          const slow = plan.modelSlow;
          let ok = false;
          for (let a = 0; a <= config.retryMax && elapsed <= deadline; a++) {
            if (a > 0) {
              const wait = spec.retries.backoffMs * Math.pow(spec.retries.multiplier, a - 1);
              latency.backoff += wait;
              elapsed += wait;
            }
            attempts++;
            let ms = drawLatency(this.modelLatency, rng) * plan.tokenLatency;
            if (slow) ms = ms * slow.factor + slow.addMs;
            latency.model += ms;
            elapsed += ms;
            cost += plan.callCost;
            if (rng.uniform() >= plan.errorRate) {
              ok = true;
              break;
            }
          }
          if (!ok) failure = elapsed > deadline ? 'timeout' : 'error';
          else if (elapsed > deadline) failure = 'timeout';
          else score = clean === null ? scoreRowWith(version, row) : scoreWith(version, clean);
        }
      }
    }

    let flagged: boolean;
    let fallback: ServedRequest['fallback'] = 'none';
    let outcome: Outcome = 'ok';
    let harm = 0;
    const harmWeights = this.scenario.service.harm;
    const label = draw.label;

    if (score !== null) {
      flagged = score >= version.threshold;
      if (pattern === 'cache') this.lastScoreBySource.set(source, score);
    } else {
      outcome =
        failure === 'rejected' || failure === 'timeout' || failure === 'error' ? failure : 'ok';
      const mode = failure === 'paused' ? 'manual-review' : config.fallback;
      const fb = spec.fallback;
      // The fallback's decision, cost and time.
      switch (mode) {
        case 'rule': {
          let v: CleanPayload[string] | undefined;
          if (fb.rule === undefined) v = undefined;
          else if (clean !== null) v = clean[fb.rule.field];
          else if (row.kind[this.ruleSlot] === ROW_NUMBER) v = row.num[this.ruleSlot];
          fallback = 'rule';
          flagged = typeof v === 'number' && fb.rule !== undefined && v > fb.rule.above;
          latency.model += FALLBACK_RULE_MS;
          break;
        }
        case 'manual-review':
          // Reviewers decide correctly, but only as fast as capacity allows; past the backlog
          // limit cases are waved through unchecked.
          if (this.reviewBacklog < fb.reviewCapacityPerHour * REVIEW_BACKLOG_HOURS) {
            this.reviewBacklog += 1;
            fallback = 'manual-review';
            flagged = label === 1;
            cost += fb.reviewUsdPerCase;
          } else {
            fallback = 'fail-open';
            flagged = false;
          }
          latency.model += FALLBACK_RULE_MS;
          break;
        case 'fail-open':
          fallback = 'fail-open';
          flagged = false;
          break;
        case 'error':
          fallback = 'error';
          flagged = false;
          break;
      }
      if (fallback === 'error') harm += harmWeights.error;
      if (fallback === 'fail-open') harm += harmWeights.skippedCheck;
      if (failure === 'paused' || failure === 'cost-cap') outcome = 'ok';
    }
    if (fallback !== 'error') {
      if (label === 1 && !flagged) harm += harmWeights.falseNegative;
      if (label === 0 && flagged) harm += harmWeights.falsePositive;
    }

    let shadow: RequestRecord['shadow'] = null;
    if (
      release !== null &&
      release.mode === 'shadow' &&
      (release.source === undefined || release.source === source)
    ) {
      if (this.stepShadow === null) this.stepShadow = this.registry.get(release.version);
      const candidate = this.stepShadow;
      if (candidate) {
        const s = clean === null ? scoreRowWith(candidate, row) : scoreWith(candidate, clean);
        shadow = { version: candidate.version, score: s, flagged: s >= candidate.threshold };
      }
    }

    latency.total =
      latency.validation + latency.queue + latency.retrieval + latency.model + latency.backoff;
    this.spendThisHour += cost;
    const labels = this.scenario.service.labels;
    const labelAt =
      this.reviewRng.uniform() < labels.coverage ? ((t + labels.delay) as Millis) : null;

    out.id = id;
    out.t = t;
    out.row = row;
    out.source = source;
    out.sourceIndex = draw.sourceIndex;
    // Logged after the learner's mapping patches: what the model's features were built from.
    out.payloadObject = payload;
    out.version = version.version;
    out.route = route;
    out.shadow = shadow;
    out.score = score;
    out.flagged = flagged;
    out.fallback = fallback;
    out.outcome = outcome;
    out.violations = violations;
    out.attempts = attempts;
    out.tokens = tokens;
    out.costUsd = cost as Usd;
    out.label = label;
    out.labelAt = labelAt;
    out.harm = harm;
    return out;
  }

  private versionFor(name: string): ModelVersion {
    const v = this.registry.get(name);
    if (!v) throw new Error(`Model version "${name}" is not in the registry`);
    return v;
  }

  private promptTokens(k: number, promptFactor: number, config: ServingConfig): number {
    const spec = this.scenario.service.pipeline;
    const raw = spec.model.promptTokens * promptFactor + k * (spec.retrieval?.tokensPerDoc ?? 0);
    return Math.round(
      config.promptCapTokens !== null ? Math.min(raw, config.promptCapTokens) : raw,
    );
  }

  private modelCallCost(tokens: number): number {
    const m = this.scenario.service.pipeline.model;
    return m.usdPerCall + (tokens / 1000) * m.usdPerThousandTokens;
  }
}
