import type { Scenario } from '../scenario/schema';
import { Rng, STREAM } from '../rng';
import type { FaultTimeline } from '../faults/active-faults';
import { inScope } from '../faults/active-faults';
import { applyMappingPatches, applySchemaFaults } from '../faults/schema-change';
import type { ModelRegistry, ModelVersion } from '../model/registry';
import { scoreWith } from '../model/registry';
import type { WorldRequest } from '../world/world';
import type { Usd, Millis } from '../units';
import { drawLatency, latencyModel, queueDelay, type LatencyModel } from './latency';
import type { FallbackUsed, Outcome, RequestRecord, StageLatency } from './request-record';
import type { ServingConfig } from './serving-config';
import {
  compileFieldRules,
  validatePayload,
  type CleanPayload,
  type FieldRule,
} from './validation';

const VALIDATION_MS = 1;
const FALLBACK_RULE_MS = 2;
const CACHE_HIT_RATE = 0.35;
const BATCH_COST_SHARE = 0.2;
const REVIEW_BACKLOG_HOURS = 2;

/** Conditions of one simulation step that every request in it shares. */
interface StepConditions {
  utilisation: number;
  retrievalFactor: Map<string, { factor: number; addMs: number }>;
  modelFactor: Map<string, { factor: number; addMs: number }>;
  infraUsdPerRequest: number;
}

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
  private spendHour = -1;
  private spendThisHour = 0;
  private reviewBacklog = 0;
  private step: StepConditions = {
    utilisation: 0,
    retrievalFactor: new Map(),
    modelFactor: new Map(),
    infraUsdPerRequest: 0,
  };

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
    const retrievalFactor = new Map<string, { factor: number; addMs: number }>();
    const modelFactor = new Map<string, { factor: number; addMs: number }>();
    let loadFactor = 1;
    for (const f of faults.ofType('latency-regression')) {
      const target = f.spec.stage === 'retrieval' ? retrievalFactor : modelFactor;
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
    for (const target of [retrievalFactor, modelFactor]) {
      const all = target.get('*');
      if (all === undefined) continue;
      for (const [key, v] of target) {
        if (key !== '*')
          target.set(key, { factor: v.factor * all.factor, addMs: v.addMs + all.addMs });
      }
    }
    const capacity = config.replicas * cap.requestsPerSecondPerReplica;
    this.step = {
      utilisation: (perSecond * loadFactor) / capacity,
      retrievalFactor,
      modelFactor,
      infraUsdPerRequest:
        arrivals > 0
          ? (config.replicas * cap.usdPerReplicaHour * (stepMs / 3_600_000)) / arrivals
          : 0,
    };
    const drained =
      (this.scenario.service.pipeline.fallback.reviewCapacityPerHour * stepMs) / 3_600_000;
    this.reviewBacklog = Math.max(0, this.reviewBacklog - drained);
    const hour = Math.floor(t / 3_600_000);
    if (hour !== this.spendHour) {
      this.spendHour = hour;
      this.spendThisHour = 0;
    }
  }

  private stageFactor(
    map: StepConditions['retrievalFactor'],
    source: string,
  ): { factor: number; addMs: number } | undefined {
    return map.get(source) ?? map.get('*');
  }

  /** Runs one request through the service and returns its log record. */
  process(
    id: number,
    t: Millis,
    request: WorldRequest,
    config: ServingConfig,
    faults: FaultTimeline,
  ): RequestRecord {
    const spec = this.scenario.service.pipeline;
    const rng = this.rng;
    const source = request.source;
    const schemaFaults = faults.ofType('schema-change');
    const received =
      schemaFaults.length > 0
        ? applySchemaFaults(request.truth, source, schemaFaults, this.ingestRng)
        : request.truth;
    const patched = applyMappingPatches(received, source, config.patches);
    const checked = validatePayload(patched, this.rules, config.validation);

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
    const version = this.versionFor(route === 'candidate' ? release!.version : config.serving);

    const latency: StageLatency = {
      validation: VALIDATION_MS,
      retrieval: 0,
      model: 0,
      backoff: 0,
      queue: 0,
      total: 0,
    };
    let attempts = 0;
    let tokens = 0;
    let cost = this.step.infraUsdPerRequest;
    let failure: Failure | null = null;
    let score: number | null = null;

    if (checked.rejected) failure = 'rejected';
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
      latency.queue =
        pattern === 'batch' ? 0 : queueDelay(this.modelLatency.median, this.step.utilisation);
      let elapsed = VALIDATION_MS + latency.queue;
      let errorRate = spec.model.errorRate;
      let retrievalErrorRate = spec.retrieval?.errorRate ?? 0;
      let promptFactor = 1;
      let k = config.retrievalK;
      for (const f of faults.ofType('dependency-outage')) {
        if (!inScope(f.spec, source)) continue;
        if (f.spec.dependency === 'model')
          errorRate = 1 - (1 - errorRate) * (1 - f.spec.errorRate * f.intensity);
        else
          retrievalErrorRate = 1 - (1 - retrievalErrorRate) * (1 - f.spec.errorRate * f.intensity);
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

      if (pattern === 'batch') {
        // Precomputed scores: no live call, a fraction of the cost, no deadline to miss.
        tokens = this.promptTokens(k, promptFactor, config);
        cost += this.modelCallCost(tokens) * BATCH_COST_SHARE;
        score = scoreWith(version, checked.clean);
        latency.model = 2;
        attempts = 1;
      } else {
        const retrieval = spec.retrieval;
        if (retrieval && this.retrievalLatency && k > 0) {
          const slow = this.stageFactor(this.step.retrievalFactor, source);
          let ok = false;
          for (let a = 0; a <= config.retryMax && elapsed <= deadline; a++) {
            if (a > 0) {
              const wait = spec.retries.backoffMs * Math.pow(spec.retries.multiplier, a - 1);
              latency.backoff += wait;
              elapsed += wait;
            }
            // Each document beyond the configured k adds 2% to retrieval time.
            let ms =
              drawLatency(this.retrievalLatency, rng) * (1 + Math.max(0, k - retrieval.k) * 0.02);
            if (slow) ms = ms * slow.factor + slow.addMs;
            latency.retrieval += ms;
            elapsed += ms;
            cost += k * retrieval.usdPerDoc;
            if (rng.uniform() >= retrievalErrorRate) {
              ok = true;
              break;
            }
          }
          if (!ok) failure = elapsed > deadline ? 'timeout' : 'error';
        }
        if (failure === null) {
          tokens = this.promptTokens(k, promptFactor, config);
          const slow = this.stageFactor(this.step.modelFactor, source);
          let ok = false;
          for (let a = 0; a <= config.retryMax && elapsed <= deadline; a++) {
            if (a > 0) {
              const wait = spec.retries.backoffMs * Math.pow(spec.retries.multiplier, a - 1);
              latency.backoff += wait;
              elapsed += wait;
            }
            attempts++;
            let ms = drawLatency(this.modelLatency, rng) * (1 + tokens / 20_000);
            if (slow) ms = ms * slow.factor + slow.addMs;
            latency.model += ms;
            elapsed += ms;
            cost += this.modelCallCost(tokens);
            if (rng.uniform() >= errorRate) {
              ok = true;
              break;
            }
          }
          if (!ok) failure = elapsed > deadline ? 'timeout' : 'error';
          else if (elapsed > deadline) failure = 'timeout';
          else score = scoreWith(version, checked.clean);
        }
      }
    }

    let flagged: boolean;
    let fallback: FallbackUsed = 'none';
    let outcome: Outcome = 'ok';
    let harm = 0;
    const harmWeights = this.scenario.service.harm;

    if (score !== null) {
      flagged = score >= version.threshold;
      if (pattern === 'cache') this.lastScoreBySource.set(source, score);
    } else {
      outcome =
        failure === 'rejected' || failure === 'timeout' || failure === 'error' ? failure : 'ok';
      const mode = failure === 'paused' ? 'manual-review' : config.fallback;
      const decided = this.fallbackDecision(mode, checked.clean, request.label);
      fallback = decided.fallback;
      flagged = decided.flagged;
      cost += decided.cost;
      latency.model += decided.latencyMs;
      if (fallback === 'error') harm += harmWeights.error;
      if (fallback === 'fail-open') harm += harmWeights.skippedCheck;
      if (failure === 'paused' || failure === 'cost-cap') outcome = 'ok';
    }
    if (fallback !== 'error') {
      if (request.label === 1 && !flagged) harm += harmWeights.falseNegative;
      if (request.label === 0 && flagged) harm += harmWeights.falsePositive;
    }

    let shadow: RequestRecord['shadow'] = null;
    if (
      release !== null &&
      release.mode === 'shadow' &&
      (release.source === undefined || release.source === source)
    ) {
      const candidate = this.registry.get(release.version);
      if (candidate) {
        const s = scoreWith(candidate, checked.clean);
        shadow = { version: candidate.version, score: s, flagged: s >= candidate.threshold };
      }
    }

    latency.total =
      latency.validation + latency.queue + latency.retrieval + latency.model + latency.backoff;
    this.spendThisHour += cost;
    const labels = this.scenario.service.labels;
    const labelAt =
      this.reviewRng.uniform() < labels.coverage ? ((t + labels.delay) as Millis) : null;

    return {
      id,
      t,
      source,
      // Logged after the learner's mapping patches: what the model's features were built from.
      payload: patched,
      version: version.version,
      route,
      shadow,
      score,
      flagged,
      fallback,
      outcome,
      violations: checked.violations,
      latency,
      attempts,
      tokens,
      costUsd: cost as Usd,
      label: request.label,
      labelAt,
      harm,
    };
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

  private fallbackDecision(
    mode: ServingConfig['fallback'],
    clean: CleanPayload,
    label: 0 | 1,
  ): { fallback: FallbackUsed; flagged: boolean; cost: number; latencyMs: number } {
    const fb = this.scenario.service.pipeline.fallback;
    switch (mode) {
      case 'rule': {
        const v = fb.rule ? clean[fb.rule.field] : undefined;
        return {
          fallback: 'rule',
          flagged: typeof v === 'number' && fb.rule !== undefined && v > fb.rule.above,
          cost: 0,
          latencyMs: FALLBACK_RULE_MS,
        };
      }
      case 'manual-review': {
        // Reviewers decide correctly, but only as fast as capacity allows; past the backlog
        // limit cases are waved through unchecked.
        if (this.reviewBacklog < fb.reviewCapacityPerHour * REVIEW_BACKLOG_HOURS) {
          this.reviewBacklog += 1;
          return {
            fallback: 'manual-review',
            flagged: label === 1,
            cost: fb.reviewUsdPerCase,
            latencyMs: FALLBACK_RULE_MS,
          };
        }
        return { fallback: 'fail-open', flagged: false, cost: 0, latencyMs: FALLBACK_RULE_MS };
      }
      case 'fail-open':
        return { fallback: 'fail-open', flagged: false, cost: 0, latencyMs: 0 };
      case 'error':
        return { fallback: 'error', flagged: false, cost: 0, latencyMs: 0 };
    }
  }
}
