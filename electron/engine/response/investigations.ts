import type { Command } from '../commands';
import type { Session } from '../session';
import type { CommandResult } from '../session-types';
import type { RequestRecord } from '../pipeline/request-record';
import { formatDuration } from '../scenario/duration';

type Investigate = Extract<Command, { type: 'investigate' }>;

const MINUTE = 60_000;
/** Default virtual minutes each tool takes when the scenario does not say. */
const DEFAULT_MINUTES: Record<Investigate['tool'], number> = {
  distribution: 3,
  sample: 5,
  'change-log': 2,
  traces: 5,
  cost: 4,
  performance: 3,
  'human-review': 30,
};
const HISTOGRAM_BINS = 20;
const PERFORMANCE_LOOKBACK_MS = 6 * 60 * MINUTE;

function matches(r: RequestRecord, c: Investigate): boolean {
  if (c.source !== undefined && r.source !== c.source) return false;
  if (c.version !== undefined && r.version !== c.version) return false;
  if (c.fallback !== undefined && (r.fallback !== 'none') !== c.fallback) return false;
  if (c.outcome !== undefined && r.outcome !== c.outcome) return false;
  return true;
}

function numericValues(records: readonly RequestRecord[], field: string): number[] {
  const out: number[] = [];
  for (const r of records) {
    const v = r.payload[field];
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function histogram(values: readonly number[], lo: number, hi: number): number[] {
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  const width = (hi - lo) / HISTOGRAM_BINS || 1;
  for (const v of values)
    counts[Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor((v - lo) / width)))]++;
  return counts;
}

/** What the learner sees of a logged request: no ground truth unless its label has arrived. */
function visible(r: RequestRecord, now: number) {
  const arrived = r.labelAt !== null && r.labelAt <= now;
  return {
    id: r.id,
    t: r.t,
    source: r.source,
    payload: r.payload,
    version: r.version,
    score: r.score,
    flagged: r.flagged,
    fallback: r.fallback,
    outcome: r.outcome,
    latencyMs: r.latency.total,
    costUsd: r.costUsd,
    label: arrived ? r.label : null,
  };
}

/**
 * Runs an investigation tool over the request log as it stands. Each tool takes virtual time
 * (the world keeps running while the learner reads); the result is logged as evidence.
 */
export function investigate(s: Session, c: Investigate): CommandResult {
  const minutes = s.scenario.investigationMinutes[c.tool] ?? DEFAULT_MINUTES[c.tool];
  const now = s.now;
  const recent = s.log.recent.toArray();
  const windowStart = now - 60 * MINUTE;
  const lastHour = recent.filter((r) => r.t >= windowStart && matches(r, c));
  let result: { message: string; data: unknown };

  switch (c.tool) {
    case 'distribution': {
      const field = s.scenario.service.fields.find((f) => f.name === c.field);
      if (!field)
        return {
          ok: false,
          error: `Pick a field to compare (${s.scenario.service.fields.map((f) => f.name).join(', ')}).`,
        };
      const reference = s.log.sampled
        .sample()
        .filter((r) => r.t < s.scenario.duration / 4 && matches(r, c));
      const ref = reference.filter(
        (r) => r.t < (s.scenario.monitoring.reference?.to ?? 2 * 3_600_000),
      );
      if (field.type === 'number') {
        const a = numericValues(ref, field.name);
        const b = numericValues(lastHour, field.name);
        const all = [...a, ...b].sort((x, y) => x - y);
        const lo = all[Math.floor(all.length * 0.005)] ?? 0;
        const hi = all[Math.floor(all.length * 0.995)] ?? 1;
        const missingNow = lastHour.length
          ? lastHour.filter(
              (r) => r.payload[field.name] === undefined || r.payload[field.name] === null,
            ).length / lastHour.length
          : 0;
        result = {
          message: `${field.name}${c.source ? ` from ${c.source}` : ''}: ${a.length} reference values vs ${b.length} from the last hour; ${(missingNow * 100).toFixed(1)}% missing now.`,
          data: {
            kind: 'numeric',
            field: field.name,
            unit: field.unit ?? '',
            lo,
            hi,
            bins: HISTOGRAM_BINS,
            reference: histogram(a, lo, hi),
            current: histogram(b, lo, hi),
            missingNow,
          },
        };
      } else {
        const count = (rs: readonly RequestRecord[]) => {
          const m: Record<string, number> = {};
          for (const r of rs) {
            const v = r.payload[field.name];
            const key = v === undefined || v === null ? '(missing)' : String(v);
            m[key] = (m[key] ?? 0) + 1;
          }
          return m;
        };
        result = {
          message: `${field.name}${c.source ? ` from ${c.source}` : ''}: category counts, reference vs last hour.`,
          data: {
            kind: 'categorical',
            field: field.name,
            reference: count(ref),
            current: count(lastHour),
          },
        };
      }
      break;
    }
    case 'sample': {
      const limit = c.limit ?? 25;
      const rows = recent
        .filter((r) => matches(r, c))
        .slice(-limit)
        .map((r) => visible(r, now));
      result = { message: `${rows.length} most recent matching requests.`, data: { rows } };
      break;
    }
    case 'change-log': {
      const entries = s.scenario.changeLog
        .filter((e) => e.at <= now)
        .map((e) => ({
          id: e.id,
          at: e.at,
          kind: e.kind,
          title: e.title,
          detail: e.detail ?? '',
          revertible: e.revertible,
        }));
      result = { message: `${entries.length} changes so far.`, data: { entries } };
      break;
    }
    case 'traces': {
      const slow = [...lastHour]
        .sort((a, b) => b.latency.total - a.latency.total)
        .slice(0, c.limit ?? 10);
      result = {
        message: slow.length
          ? `Slowest ${slow.length} requests of the last hour; the slowest took ${slow[0].latency.total.toFixed(0)} ms.`
          : 'No requests in the last hour.',
        data: {
          traces: slow.map((r) => ({
            id: r.id,
            t: r.t,
            source: r.source,
            outcome: r.outcome,
            attempts: r.attempts,
            fallback: r.fallback,
            latency: r.latency,
          })),
        },
      };
      break;
    }
    case 'cost': {
      const bySource: Record<
        string,
        { requests: number; costUsd: number; tokens: number; attempts: number }
      > = {};
      for (const r of lastHour) {
        const b = (bySource[r.source] ??= { requests: 0, costUsd: 0, tokens: 0, attempts: 0 });
        b.requests++;
        b.costUsd += r.costUsd;
        b.tokens += r.tokens;
        b.attempts += r.attempts;
      }
      const p = s.scenario.service.pipeline;
      const tokens = lastHour.reduce((a, r) => a + r.tokens, 0);
      const attempts = lastHour.reduce((a, r) => a + r.attempts, 0);
      const byStage = {
        modelCalls: attempts * p.model.usdPerCall,
        tokens: (tokens / 1000) * p.model.usdPerThousandTokens,
        retrieval:
          lastHour.reduce((a, r) => a + (r.latency.retrieval > 0 ? 1 : 0), 0) *
          s.config.retrievalK *
          (p.retrieval?.usdPerDoc ?? 0),
        infrastructure:
          s.config.replicas *
          p.capacity.usdPerReplicaHour *
          (Math.min(60 * MINUTE, now) / 3_600_000),
      };
      const total = lastHour.reduce((a, r) => a + r.costUsd, 0);
      result = {
        message: `Last hour: $${total.toFixed(2)} over ${lastHour.length} requests, ${(attempts / Math.max(1, lastHour.length)).toFixed(2)} model calls and ${(tokens / Math.max(1, lastHour.length)).toFixed(0)} tokens per request.`,
        data: { totalUsd: total, byStage, bySource },
      };
      break;
    }
    case 'performance': {
      // The feature store's hourly samples reach back further than the newest-requests log,
      // so performance is known even when labels take hours to arrive.
      const labelled = s.store
        .labelled(Math.max(0, now - PERFORMANCE_LOOKBACK_MS), now, now)
        .filter(
          (e) =>
            e.scored &&
            (c.source === undefined || e.source === c.source) &&
            (c.version === undefined || e.version === c.version) &&
            s.labelDelivered(e.labelAt as number, e.source),
        );
      let tp = 0;
      let fp = 0;
      let fn = 0;
      let tn = 0;
      for (const r of labelled) {
        if (r.flagged && r.label === 1) tp++;
        else if (r.flagged) fp++;
        else if (r.label === 1) fn++;
        else tn++;
      }
      const n = labelled.length;
      const newest = labelled.length ? labelled[labelled.length - 1].t : null;
      result = {
        message: n
          ? `${n} labelled decisions sampled from the last 6 h: accuracy ${((tp + tn) / n).toFixed(3)}, recall ${(tp / Math.max(1, tp + fn)).toFixed(3)}.`
          : 'No labels have arrived for recent requests yet.',
        data: {
          n,
          tp,
          fp,
          fn,
          tn,
          accuracy: n ? (tp + tn) / n : null,
          precision: tp + fp ? tp / (tp + fp) : null,
          recall: tp + fn ? tp / (tp + fn) : null,
          newestLabelledRequest: newest,
          labelDelayMs: s.scenario.service.labels.delay,
        },
      };
      break;
    }
    case 'human-review': {
      const limit = c.limit ?? 20;
      const cases = recent.filter((r) => matches(r, c)).slice(-limit);
      const wrong = cases.filter((r) => r.flagged !== (r.label === 1)).length;
      result = {
        message: `Reviewers checked ${cases.length} recent cases: ${wrong} decisions were wrong.`,
        data: {
          cases: cases.map((r) => ({
            ...visible(r, now),
            label: r.label,
            correct: r.flagged === (r.label === 1),
          })),
        },
      };
      break;
    }
  }
  s.advanceBy(minutes * MINUTE);
  return {
    ok: true,
    message: `${result.message} (took ${formatDuration(minutes * MINUTE)})`,
    data: result.data,
  };
}
