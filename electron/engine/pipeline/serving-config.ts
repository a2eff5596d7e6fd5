import type { Scenario } from '../scenario/schema';
import type { FallbackMode, ServingPattern } from './types';

/** A mapping fix the learner applied: read `field` from `from`, multiply numbers by `factor`. */
export interface MappingPatch {
  field: string;
  /** Only requests from this source are patched; all when absent. */
  source?: string;
  from?: string;
  factor?: number;
}

/** A release in progress: the candidate version and how it receives traffic. */
export interface Release {
  version: string;
  mode: 'shadow' | 'canary';
  share: number;
  source?: string;
  startedAt: number;
}

/**
 * Everything about how the service serves that the learner can change. Inspectable as plain
 * data; changed only through commands.
 */
export interface ServingConfig {
  serving: string;
  release: Release | null;
  validation: Scenario['service']['pipeline']['validation'];
  timeoutMs: number;
  retryMax: number;
  retrievalK: number;
  promptCapTokens: number | null;
  costCapUsdPerHour: number | null;
  fallback: FallbackMode;
  paused: boolean;
  replicas: number;
  servingPattern: ServingPattern;
  patches: MappingPatch[];
}

/** The service's configuration at the start of a scenario. */
export function initialServingConfig(scenario: Scenario): ServingConfig {
  const p = scenario.service.pipeline;
  return {
    serving: scenario.service.serving,
    release: null,
    validation: p.validation,
    timeoutMs: p.timeoutMs,
    retryMax: p.retries.max,
    retrievalK: p.retrieval?.k ?? 0,
    promptCapTokens: p.promptCapTokens ?? null,
    costCapUsdPerHour: null,
    fallback: p.fallback.mode,
    paused: false,
    replicas: p.capacity.replicas,
    servingPattern: p.servingPattern,
    patches: [],
  };
}
