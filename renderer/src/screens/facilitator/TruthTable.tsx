import type { FaultState, TruthFault } from '../../../../electron/engine/host/facilitator';
import { formatClock, formatDuration, formatPercent } from '../../lib/format';
import { roleTitle } from './TeamRolePicker';

const STATE_WORDS: Record<FaultState, string> = {
  pending: 'Not yet',
  active: 'Active',
  quiet: 'Active, in a quiet phase',
  ended: 'Ended',
};

/** Returns where a fault stands now, in words: "Active (ramping, 40%)", "Starts in 25 min". */
function stateText(f: TruthFault, now: number): string {
  if (f.state === 'pending') return `Starts in ${formatDuration(f.at - now)}`;
  if (f.state === 'active' && f.intensity < 1)
    return `Active, ramping (${formatPercent(f.intensity, 0)})`;
  return STATE_WORDS[f.state];
}

/** Returns when a fault stops, or why it has not. */
function endText(f: TruthFault): string {
  if (f.endedAt !== null) return `${formatClock(f.endedAt)}, ended by ${f.endedBy ?? 'a fix'}`;
  if (f.until !== null) return formatClock(f.until);
  return 'Runs to the end unless fixed';
}

/** The hidden truth: every fault of the session, scenario and live, with its timing and state. */
export function TruthTable({ faults, now }: { faults: readonly TruthFault[]; now: number }) {
  if (faults.length === 0)
    return (
      <p>
        This scenario has no faults of its own: whatever goes wrong is what you inject. A calm shift
        is also a lesson — over-reacting costs points.
      </p>
    );
  return (
    <table className="truth-table">
      <thead>
        <tr>
          <th scope="col">Fault</th>
          <th scope="col">What</th>
          <th scope="col">Onset</th>
          <th scope="col">Ends</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {faults.map((f) => (
          <tr key={f.id} className={`fault-${f.state}`} data-testid="truth-fault">
            <th scope="row">
              <span className="mono">{f.id}</span>
              <span className="truth-family">{f.label}</span>
              {f.injected && (
                <span className="badge badge-live">
                  Injected live
                  {f.injectedAt !== null ? ` at ${formatClock(f.injectedAt)}` : ''}
                  {f.injectedBy && f.injectedBy !== 'facilitator'
                    ? ` by ${roleTitle(f.injectedBy)}`
                    : ''}
                </span>
              )}
            </th>
            <td>
              {f.description}
              {f.shape !== 'sudden' && <span className="subtle"> ({f.shape})</span>}
            </td>
            <td className="num-time">{formatClock(f.at)}</td>
            <td className="num-time">{endText(f)}</td>
            <td>
              <span className={`fault-state state-${f.state}`}>{stateText(f, now)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
