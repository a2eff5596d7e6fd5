import { useEffect, useRef } from 'react';
import type { InvestigationTool } from '../../../../electron/engine/commands';
import type { DrawerAction, DrawerState, InvestigationParams } from '../../state/drawer';
import { selectedResult } from '../../state/drawer';
import { InvestigationResultView } from './InvestigationResults';
import { formatClock } from '../../lib/format';
import { Field } from '../../app/Field';

// Listed here rather than imported: the engine's list lives beside zod, which the page does not need.
const INVESTIGATION_TOOLS = [
  'distribution',
  'sample',
  'change-log',
  'traces',
  'cost',
  'performance',
  'human-review',
] as const satisfies readonly InvestigationTool[];

const TOOL_NAMES: Record<InvestigationTool, string> = {
  distribution: 'Distribution',
  sample: 'Raw sample',
  'change-log': 'Change log',
  traces: 'Traces',
  cost: 'Cost',
  performance: 'Performance',
  'human-review': 'Human review',
};

const TOOL_HELP: Record<InvestigationTool, string> = {
  distribution:
    'Compare a field now (last hour) with the reference, overall or for one source. About 3 minutes.',
  sample: 'Read the most recent logged requests as the service received them. About 5 minutes.',
  'change-log':
    'Deploys and product changes so far, including ones that did not matter. About 2 minutes.',
  traces: 'The slowest requests of the last hour, broken down by pipeline stage. About 5 minutes.',
  cost: 'What the last hour cost, by stage and by source. About 4 minutes.',
  performance: 'Accuracy, precision and recall on the labels that have arrived. About 3 minutes.',
  'human-review': 'Reviewers check recent decisions against the truth. Slow: about 30 minutes.',
};

interface InvestigationDrawerProps {
  drawer: DrawerState;
  dispatch: (a: DrawerAction) => void;
  fields: readonly { name: string; type: string; unit: string }[];
  sources: readonly string[];
  latencyBudgetMs: number | null;
  onRun: (tool: InvestigationTool, params: InvestigationParams) => void;
}

/**
 * The investigations drawer: pick a tool and its filters, run it (service time passes while
 * you read), and flip between results. Every run is logged as evidence for the decision note.
 */
export function InvestigationDrawer({
  drawer,
  dispatch,
  fields,
  sources,
  latencyBudgetMs,
  onRun,
}: InvestigationDrawerProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (drawer.open) headingRef.current?.focus();
  }, [drawer.open]);
  if (!drawer.open) return null;
  const tool = drawer.tool;
  const result = selectedResult(drawer);
  const field = drawer.params.field || fields[0]?.name || '';
  return (
    <aside
      className="drawer"
      aria-labelledby="drawer-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          dispatch({ type: 'closed' });
        }
      }}
    >
      <header className="drawer-head">
        <h2 id="drawer-title" tabIndex={-1} ref={headingRef}>
          Investigations
        </h2>
        <button
          type="button"
          className="icon-button"
          onClick={() => dispatch({ type: 'closed' })}
          aria-label="Close investigations"
        >
          ×
        </button>
      </header>
      <div className="tool-tabs" role="group" aria-label="Investigation tool">
        {INVESTIGATION_TOOLS.map((t) => (
          <button
            key={t}
            type="button"
            aria-pressed={t === tool}
            onClick={() => dispatch({ type: 'tool-chosen', tool: t })}
          >
            {TOOL_NAMES[t]}
          </button>
        ))}
      </div>
      <form
        className="tool-form"
        onSubmit={(e) => {
          e.preventDefault();
          onRun(tool, { field, source: drawer.params.source });
        }}
      >
        <p className="subtle">{TOOL_HELP[tool]}</p>
        <div className="form-row">
          {tool === 'distribution' && (
            <Field label="Field">
              <select
                value={field}
                onChange={(e) => dispatch({ type: 'param-set', params: { field: e.target.value } })}
                name="field"
              >
                {fields.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.name}
                    {f.unit ? ` (${f.unit})` : ''}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {tool !== 'change-log' && (
            <Field label="Source">
              <select
                value={drawer.params.source}
                onChange={(e) =>
                  dispatch({ type: 'param-set', params: { source: e.target.value } })
                }
                name="source"
              >
                <option value="">All sources</option>
                {sources.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <button type="submit" className="primary" disabled={drawer.running}>
            {drawer.running ? 'Running…' : `Run ${TOOL_NAMES[tool].toLowerCase()}`}
          </button>
        </div>
      </form>
      {drawer.results.length > 0 && (
        <div className="result-list" role="group" aria-label="Results so far">
          {drawer.results.map((r) => (
            <button
              key={r.id}
              type="button"
              className="small"
              aria-pressed={result?.id === r.id}
              onClick={() => dispatch({ type: 'result-selected', id: r.id })}
            >
              {formatClock(r.at)} {TOOL_NAMES[r.tool]}
              {r.tool === 'distribution' ? ` ${r.params.field}` : ''}
              {r.params.source && r.tool !== 'change-log' ? ` · ${r.params.source}` : ''}
            </button>
          ))}
        </div>
      )}
      <div className="drawer-body" aria-live="polite" aria-busy={drawer.running}>
        {drawer.running && (
          <p role="status">
            <span className="spinner" aria-hidden="true" /> Investigating… the service keeps running
            while you look.
          </p>
        )}
        {result && (
          <article className="result" data-testid="investigation-result">
            <h3>
              {TOOL_NAMES[result.tool]}
              {result.tool === 'distribution' ? ` of ${result.params.field}` : ''}
              {result.params.source && result.tool !== 'change-log'
                ? ` for ${result.params.source}`
                : ''}{' '}
              at {formatClock(result.at)}
            </h3>
            <p>{result.message}</p>
            <InvestigationResultView result={result} latencyBudgetMs={latencyBudgetMs} />
          </article>
        )}
        {!result && !drawer.running && (
          <p className="subtle">
            Run a tool to see its result here. Results stay listed above so you can compare them.
          </p>
        )}
      </div>
    </aside>
  );
}
