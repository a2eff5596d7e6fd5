import type { Millis, Usd } from '../units';

/** A field value exactly as the service receives it; `undefined` keys are absent fields. */
export type FieldValue = number | string | boolean | null;
export type Payload = Record<string, FieldValue>;

export type FallbackUsed = 'none' | 'rule' | 'manual-review' | 'fail-open' | 'error';

/** Every fallback kind, in the order logs and monitors index them. */
export const FALLBACK_KINDS: readonly FallbackUsed[] = [
  'none',
  'rule',
  'manual-review',
  'fail-open',
  'error',
];

/** Index of a fallback kind in FALLBACK_KINDS (0 = none); a switch, as it runs per request. */
export function fallbackKindIndex(kind: FallbackUsed): number {
  switch (kind) {
    case 'none':
      return 0;
    case 'rule':
      return 1;
    case 'manual-review':
      return 2;
    case 'fail-open':
      return 3;
    default:
      return 4;
  }
}
export type Outcome = 'ok' | 'timeout' | 'error' | 'rejected';
export type ViolationKind = 'missing' | 'wrong-type' | 'out-of-range' | 'unseen-category';

/** Time spent in each pipeline stage, in virtual milliseconds. */
export interface StageLatency {
  validation: number;
  retrieval: number;
  model: number;
  backoff: number;
  queue: number;
  total: number;
}

/**
 * One request as the service logged it. `label` is the ground truth and stays hidden from
 * monitoring until `labelAt` (null = the label never arrives).
 */
export interface RequestRecord {
  id: number;
  t: Millis;
  source: string;
  /** Payload after the learner's mapping patches (identical to what arrived when none apply). */
  payload: Payload;
  /** Model version that produced the served decision (or would have, for fallbacks). */
  version: string;
  /** Whether the request was routed to the release candidate (canary) or the serving version. */
  route: 'serving' | 'candidate';
  /** A shadow candidate's score, computed and logged but not served. */
  shadow: { version: string; score: number; flagged: boolean } | null;
  /** Model probability of the positive class, null if the model was never reached. */
  score: number | null;
  flagged: boolean;
  fallback: FallbackUsed;
  outcome: Outcome;
  violations: { field: string; kind: ViolationKind }[];
  latency: StageLatency;
  attempts: number;
  tokens: number;
  costUsd: Usd;
  label: 0 | 1;
  labelAt: Millis | null;
  /** Weighted harm of this decision against ground truth (scenario harm weights). */
  harm: number;
}

/** A label arriving from the label pipeline: what monitoring may see, when it may see it. */
export interface LabelArrival {
  requestId: number;
  t: Millis;
  requestT: Millis;
  source: string;
  version: string;
  route: 'serving' | 'candidate';
  score: number | null;
  flagged: boolean;
  label: 0 | 1;
}
