import { memo, useState } from 'react';
import type { Alert } from '../../../../electron/engine/monitor/alerts';
import type { MonitoringSnapshot } from '../../../../electron/engine/monitor/snapshot';
import { formatClock } from '../../lib/format';

interface AlertFeedProps {
  m: MonitoringSnapshot | null;
  chartKey: string;
  onAck: (id: string) => void;
  onSilence: (id: string) => void;
}

const STATE_WORDS: Record<Alert['state'], string> = {
  firing: 'firing',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
};

function AlertItem({
  a,
  onAck,
  onSilence,
  muted,
}: {
  a: Alert;
  onAck?: (id: string) => void;
  onSilence?: (id: string) => void;
  muted?: boolean;
}) {
  return (
    <li
      className={`alert sev-${a.severity} state-${a.state}${muted ? ' muted' : ''}`}
      data-testid="alert"
    >
      <div className="alert-head">
        <span className={`badge sev-${a.severity}`}>{a.severity}</span>
        <span className="alert-state">{STATE_WORDS[a.state]}</span>
        <span className="alert-time">
          fired {formatClock(a.firedAt)}
          {a.breaches > 1 ? ` · ${a.breaches} windows over` : ''}
          {a.resolvedAt !== null ? ` · resolved ${formatClock(a.resolvedAt)}` : ''}
        </span>
      </div>
      <p className="alert-message">{a.message}</p>
      {(onAck || onSilence) && (
        <div className="button-row">
          {onAck && a.state === 'firing' && (
            <button type="button" className="small" onClick={() => onAck(a.id)}>
              Acknowledge
            </button>
          )}
          {onSilence && (
            <button type="button" className="small quiet" onClick={() => onSilence(a.id)}>
              Silence 1 h
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Alerts: what crossed which threshold, newest first, with acknowledge and silence. */
function AlertFeedImpl({ m, onAck, onSilence }: AlertFeedProps) {
  const [showResolved, setShowResolved] = useState(false);
  const active = m ? [...m.alerts.active].sort((a, b) => b.firedAt - a.firedAt) : [];
  const silenced = m?.alerts.silenced ?? [];
  const recent = m?.alerts.recent ?? [];
  const counts = m?.alerts.counts ?? { critical: 0, warning: 0, info: 0 };
  return (
    <section className="panel alert-feed" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        Alerts{' '}
        <span className="counts">
          {counts.critical > 0 && (
            <span className="badge sev-critical">{counts.critical} critical</span>
          )}
          {counts.warning > 0 && (
            <span className="badge sev-warning">{counts.warning} warning</span>
          )}
          {counts.info > 0 && <span className="badge sev-info">{counts.info} info</span>}
        </span>
      </h2>
      <div aria-live="polite" aria-relevant="additions">
        {active.length === 0 ? (
          <p className="subtle">No alerts are open.</p>
        ) : (
          <ul className="alerts" aria-label="Open alerts">
            {active.map((a) => (
              <AlertItem key={a.id} a={a} onAck={onAck} onSilence={onSilence} />
            ))}
          </ul>
        )}
      </div>
      {silenced.length > 0 && (
        <details>
          <summary>{silenced.length} silenced</summary>
          <ul className="alerts">
            {silenced.map((a) => (
              <AlertItem key={a.id} a={a} muted />
            ))}
          </ul>
        </details>
      )}
      {recent.length > 0 && (
        <div>
          <button
            type="button"
            className="quiet small"
            aria-expanded={showResolved}
            onClick={() => setShowResolved((v) => !v)}
          >
            {showResolved ? 'Hide' : 'Show'} {recent.length} recently resolved
          </button>
          {showResolved && (
            <ul className="alerts">
              {recent.map((a) => (
                <AlertItem key={a.id} a={a} muted />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

export const AlertFeed = memo(
  AlertFeedImpl,
  (a, b) => a.chartKey === b.chartKey && a.onAck === b.onAck && a.onSilence === b.onSilence,
);
