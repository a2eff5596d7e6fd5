import type { PayloadRow } from './payload-row';
import type { Payload, RequestRecord } from './request-record';

/**
 * The pipeline's output for one request, reused from request to request: consumers read it
 * before the next request is served and copy what they keep (see `toRecord`). The payload is
 * the row, unless it left the row's shape or failed validation on the way in; then it is an
 * object in `payloadObject`.
 */
export interface ServedRequest extends Omit<RequestRecord, 'payload'> {
  sourceIndex: number;
  /** The payload as received and patched, when `payloadObject` is null. */
  row: PayloadRow;
  payloadObject: Payload | null;
}

/** An empty served request writing into `row`. */
export function newServedRequest(row: PayloadRow): ServedRequest {
  return {
    id: 0,
    t: 0 as RequestRecord['t'],
    source: '',
    sourceIndex: 0,
    row,
    payloadObject: null,
    version: '',
    route: 'serving',
    shadow: null,
    score: null,
    flagged: false,
    fallback: 'none',
    outcome: 'ok',
    violations: [],
    latency: { validation: 0, retrieval: 0, model: 0, backoff: 0, queue: 0, total: 0 },
    attempts: 0,
    tokens: 0,
    costUsd: 0 as RequestRecord['costUsd'],
    label: 0,
    labelAt: null,
    harm: 0,
  };
}

/** The payload object of a served request (a new object when it travelled as a row). */
export function payloadOf(s: ServedRequest): Payload {
  return s.payloadObject ?? s.row.toPayload();
}

/** A request record of its own for a served request: what the log and listeners keep. */
export function toRecord(s: ServedRequest): RequestRecord {
  const l = s.latency;
  return {
    id: s.id,
    t: s.t,
    source: s.source,
    payload: payloadOf(s),
    version: s.version,
    route: s.route,
    shadow: s.shadow,
    score: s.score,
    flagged: s.flagged,
    fallback: s.fallback,
    outcome: s.outcome,
    violations: s.violations,
    latency: {
      validation: l.validation,
      retrieval: l.retrieval,
      model: l.model,
      backoff: l.backoff,
      queue: l.queue,
      total: l.total,
    },
    attempts: s.attempts,
    tokens: s.tokens,
    costUsd: s.costUsd,
    label: s.label,
    labelAt: s.labelAt,
    harm: s.harm,
  };
}
