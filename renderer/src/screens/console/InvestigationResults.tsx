import type { InvestigationResult } from '../../state/drawer';
import { HistogramChart } from '../../charts/HistogramChart';
import { StackedBarChart } from '../../charts/StackedBarChart';
import {
  asChanges,
  asCost,
  asDistribution,
  asPerformance,
  asRows,
  asTraces,
  type SampleRow,
} from '../../lib/investigation-data';
import {
  formatClock,
  formatDuration,
  formatNumber,
  formatPercent,
  formatUsd,
} from '../../lib/format';

const TRACE_STAGES = [
  { key: 'validation', label: 'validation', color: 'var(--series-5)' },
  { key: 'queue', label: 'queue', color: 'var(--series-3)' },
  { key: 'retrieval', label: 'retrieval', color: 'var(--series-4)' },
  { key: 'model', label: 'model', color: 'var(--series-1)' },
  { key: 'backoff', label: 'retry backoff', color: 'var(--series-2)' },
];

const msFormat = (v: number) => `${formatNumber(v)} ms`;

/** Returns a sentence on how much of the last hour fell in bins the reference never reached. */
function beyondReference(reference: readonly number[], current: readonly number[]): string {
  const total = current.reduce((a, b) => a + b, 0);
  if (total === 0) return 'No values in the last hour.';
  let outside = 0;
  current.forEach((c, i) => {
    if ((reference[i] ?? 0) === 0) outside += c;
  });
  return outside === 0
    ? 'Every bin with values now also had values in the reference.'
    : `${formatPercent(outside / total)} of the last hour's values fall in bins the reference never reached.`;
}

/** Draws one investigation's data in the form that tool calls for. */
export function InvestigationResultView({
  result,
  latencyBudgetMs,
}: {
  result: InvestigationResult;
  latencyBudgetMs: number | null;
}) {
  if (!result.ok) return <p className="error-text">{result.message}</p>;
  const d = result.data;
  switch (result.tool) {
    case 'distribution': {
      const dist = asDistribution(d);
      if (!dist) break;
      const where = result.params.source ? ` from ${result.params.source}` : ', all sources';
      return (
        <>
          <HistogramChart
            title={`${dist.field}${where}: reference vs last hour`}
            data={
              dist.kind === 'numeric'
                ? {
                    kind: 'numeric',
                    lo: dist.lo,
                    hi: dist.hi,
                    reference: dist.reference,
                    current: dist.current,
                    unit: dist.unit,
                  }
                : dist
            }
          />
          {dist.kind === 'numeric' && (
            <p className="subtle">
              {beyondReference(dist.reference, dist.current)} Range shown {formatNumber(dist.lo)} to{' '}
              {formatNumber(dist.hi)} {dist.unit} (0.5th to 99.5th percentile of both); missing now:{' '}
              {formatPercent(dist.missingNow)}.
            </p>
          )}
        </>
      );
    }
    case 'sample':
    case 'human-review': {
      const rows = asRows(d, result.tool === 'sample' ? 'rows' : 'cases');
      if (!rows) break;
      return <RequestTable rows={rows} review={result.tool === 'human-review'} />;
    }
    case 'change-log': {
      const entries = asChanges(d);
      if (!entries) break;
      return (
        <ol className="change-log">
          {[...entries].reverse().map((e) => (
            <li key={e.id}>
              <span className="mono">{formatClock(e.at)}</span>{' '}
              <span className="badge">{e.kind}</span> <b>{e.title}</b>
              {e.detail && <p className="subtle">{e.detail}</p>}
              <p className="subtle">
                {e.revertible ? 'Can be reverted from here.' : 'Cannot be reverted from here.'}
              </p>
            </li>
          ))}
        </ol>
      );
    }
    case 'traces': {
      const traces = asTraces(d);
      if (!traces) break;
      if (traces.length === 0) return <p>No requests in the last hour.</p>;
      return (
        <>
          <StackedBarChart
            title="Slowest requests of the last hour"
            unit="ms per stage"
            rows={traces.map((t) => ({
              id: String(t.id),
              label: `#${t.id} ${t.source}`,
              parts: { ...t.latency },
            }))}
            stages={TRACE_STAGES}
            marker={
              latencyBudgetMs !== null ? { value: latencyBudgetMs, label: 'p95 budget' } : undefined
            }
            format={msFormat}
          />
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Time</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Fallback</th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {traces.map((t) => (
                <tr key={t.id}>
                  <td className="mono">
                    #{t.id} {t.source}
                  </td>
                  <td>{formatClock(t.t)}</td>
                  <td>{t.outcome}</td>
                  <td className="num">{t.attempts}</td>
                  <td>{t.fallback}</td>
                  <td className="num">{msFormat(t.latency.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      );
    }
    case 'cost': {
      const cost = asCost(d);
      if (!cost) break;
      const stageNames: Record<string, string> = {
        modelCalls: 'model calls (incl. retries)',
        tokens: 'tokens',
        retrieval: 'retrieval',
        infrastructure: 'replicas',
      };
      const stages = Object.entries(cost.byStage);
      return (
        <>
          <StackedBarChart
            title="Cost of the last hour by stage"
            unit="USD"
            rows={[{ id: 'all', label: 'last hour', parts: cost.byStage }]}
            stages={stages.map(([k], i) => ({
              key: k,
              label: stageNames[k] ?? k,
              color: `var(--series-${(i % 5) + 1})`,
            }))}
            format={formatUsd}
          />
          <table className="compact">
            <caption>By source, last hour</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col" className="num">
                  Requests
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
                <th scope="col" className="num">
                  Per request
                </th>
                <th scope="col" className="num">
                  Model calls per request
                </th>
                <th scope="col" className="num">
                  Tokens per request
                </th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(cost.bySource).map(([source, b]) => (
                <tr key={source}>
                  <td>{source}</td>
                  <td className="num">{formatNumber(b.requests)}</td>
                  <td className="num">{formatUsd(b.costUsd)}</td>
                  <td className="num">{formatUsd(b.requests ? b.costUsd / b.requests : 0)}</td>
                  <td className="num">{formatNumber(b.requests ? b.attempts / b.requests : 0)}</td>
                  <td className="num">{formatNumber(b.requests ? b.tokens / b.requests : 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      );
    }
    case 'performance': {
      const p = asPerformance(d);
      if (!p) break;
      return (
        <div className="perf">
          <dl className="facts">
            <dt>Labelled decisions</dt>
            <dd>{formatNumber(p.n)}</dd>
            <dt>Accuracy</dt>
            <dd>{formatPercent(p.accuracy)}</dd>
            <dt>Precision</dt>
            <dd>{formatPercent(p.precision)}</dd>
            <dt>Recall</dt>
            <dd>{formatPercent(p.recall)}</dd>
            <dt>Label delay</dt>
            <dd>{formatDuration(p.labelDelayMs)}</dd>
            <dt>Newest labelled request</dt>
            <dd>
              {p.newestLabelledRequest === null ? 'none yet' : formatClock(p.newestLabelledRequest)}
            </dd>
          </dl>
          <table className="confusion">
            <caption>Decisions against labels</caption>
            <thead>
              <tr>
                <td />
                <th scope="col">Fraud (label 1)</th>
                <th scope="col">Not fraud (label 0)</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Flagged</th>
                <td className="num">{p.tp} correct</td>
                <td className="num">{p.fp} false alarms</td>
              </tr>
              <tr>
                <th scope="row">Not flagged</th>
                <td className="num">{p.fn} missed</td>
                <td className="num">{p.tn} correct</td>
              </tr>
            </tbody>
          </table>
        </div>
      );
    }
  }
  return <pre className="raw">{JSON.stringify(d, null, 2)}</pre>;
}

function RequestTable({ rows, review }: { rows: SampleRow[]; review: boolean }) {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r.payload)))];
  if (rows.length === 0) return <p>No matching requests.</p>;
  return (
    <div
      className="table-scroll"
      role="region"
      aria-label={review ? 'Reviewed cases' : 'Raw request sample'}
      tabIndex={0}
    >
      <table className="compact sample-table">
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Time</th>
            <th scope="col">Source</th>
            {fields.map((f) => (
              <th scope="col" key={f} className="mono">
                {f}
              </th>
            ))}
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Decision</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">
              Latency
            </th>
            <th scope="col">Label</th>
            {review && <th scope="col">Reviewer</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={review && r.correct === false ? 'row-alarm' : undefined}>
              <td className="mono">#{r.id}</td>
              <td>{formatClock(r.t)}</td>
              <td>{r.source}</td>
              {fields.map((f) => {
                const v = r.payload[f];
                return (
                  <td key={f} className={typeof v === 'number' ? 'num' : undefined}>
                    {v === undefined ? (
                      <span className="subtle">absent</span>
                    ) : v === null ? (
                      <span className="subtle">null</span>
                    ) : typeof v === 'number' ? (
                      formatNumber(v)
                    ) : (
                      String(v)
                    )}
                  </td>
                );
              })}
              <td className="num">{r.score === null ? '—' : r.score.toFixed(3)}</td>
              <td>
                {r.fallback !== 'none'
                  ? `fallback: ${r.fallback}`
                  : r.flagged
                    ? 'flagged'
                    : 'passed'}
              </td>
              <td>{r.outcome}</td>
              <td className="num">{formatNumber(r.latencyMs)} ms</td>
              <td>{r.label === null ? 'not yet' : r.label === 1 ? 'fraud' : 'not fraud'}</td>
              {review && <td>{r.correct ? 'decision right' : 'decision wrong'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
