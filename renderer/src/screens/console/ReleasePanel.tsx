import { memo } from 'react';
import type { SessionSnapshot } from '../../../../electron/engine/host/session-snapshot';
import type { RouteRow } from '../../../../electron/engine/monitor/snapshot';
import { formatClock, formatNumber, formatPercent } from '../../lib/format';

interface ReleasePanelProps {
  config: SessionSnapshot['config'];
  versions: SessionSnapshot['versions'];
  routes: readonly RouteRow[];
  now: number;
  disabled: boolean;
  onDeploy: (mode: 'shadow' | 'canary' | 'full') => void;
  onPromote: () => void;
  onAbort: () => void;
}

const ROUTE_NAMES: Record<RouteRow['route'], string> = {
  serving: 'Serving',
  candidate: 'Canary',
  shadow: 'Shadow',
};

const COMPARE_ROWS: [string, (r: RouteRow) => string][] = [
  ['Requests', (r) => formatNumber(r.requests)],
  ['Flag rate', (r) => formatPercent(r.flagRate)],
  ['Mean score', (r) => formatNumber(r.meanScore)],
  ['Accuracy on labels', (r) => `${formatPercent(r.accuracy)} (${r.labelled})`],
];

/** Model versions, the release in progress, and candidate vs serving side by side. */
function ReleasePanelImpl({
  config,
  versions,
  routes,
  now,
  disabled,
  onDeploy,
  onPromote,
  onAbort,
}: ReleasePanelProps) {
  const release = config.release;
  const serving = routes.find((r) => r.route === 'serving');
  const candidate = routes.find((r) => r.route !== 'serving');
  return (
    <section className="panel release-panel" aria-labelledby="release-title">
      <h2 id="release-title">Release</h2>
      <table className="compact">
        <caption>Model versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Origin</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <th scope="row" className="mono">
                {v.version}
              </th>
              <td title={v.description}>{v.origin === 'retrain' ? 'retrained' : 'scenario'}</td>
              <td>
                {v.version === config.serving
                  ? 'serving'
                  : release?.version === v.version
                    ? release.mode === 'shadow'
                      ? 'in shadow'
                      : `canary ${Math.round(release.share * 100)}%`
                    : v.availableAt > now
                      ? `ready ${formatClock(v.availableAt)}`
                      : 'available'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {release && serving && (
        <table className="compact compare">
          <caption>
            {release.version} (
            {release.mode === 'shadow' ? 'shadow' : `canary ${Math.round(release.share * 100)}%`})
            beside {config.serving}, last hour
          </caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                {ROUTE_NAMES.serving} {config.serving}
              </th>
              <th scope="col" className="num">
                {candidate
                  ? ROUTE_NAMES[candidate.route]
                  : release.mode === 'shadow'
                    ? 'Shadow'
                    : 'Canary'}{' '}
                {release.version}
              </th>
            </tr>
          </thead>
          <tbody>
            {COMPARE_ROWS.map(([label, show]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{show(serving)}</td>
                <td className="num">{candidate ? show(candidate) : 'no traffic yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!release && (
        <p className="subtle">
          No release in progress. Deploy a version as a shadow or canary to compare it with{' '}
          {config.serving} before it serves everyone.
        </p>
      )}
      <div className="button-row">
        {!release && (
          <>
            <button type="button" onClick={() => onDeploy('shadow')} disabled={disabled}>
              Shadow…
            </button>
            <button type="button" onClick={() => onDeploy('canary')} disabled={disabled}>
              Canary…
            </button>
            <button
              type="button"
              className="disruptive"
              onClick={() => onDeploy('full')}
              disabled={disabled}
            >
              Full rollout…
            </button>
          </>
        )}
        {release && (
          <>
            <button type="button" className="primary" onClick={onPromote} disabled={disabled}>
              Promote {release.version}
            </button>
            <button type="button" onClick={onAbort} disabled={disabled}>
              Abort release
            </button>
          </>
        )}
      </div>
    </section>
  );
}

export const ReleasePanel = memo(ReleasePanelImpl);
