import { memo } from 'react';
import type { PendingTask } from '../../../../electron/engine/session-types';
import type { ActionKind } from './ActionDialog';

interface ActionBarProps {
  paused: boolean;
  pending: readonly PendingTask[];
  busy: boolean;
  disabled: boolean;
  onAction: (kind: ActionKind) => void;
  onInvestigate: () => void;
  onHint: () => void;
  /** Points each hint costs the score. */
  hintCost: number;
}

interface ButtonSpec {
  kind: ActionKind;
  label: string;
  disruptive?: boolean;
  pendingKind?: PendingTask['kind'];
}

const GROUPS: { name: string; buttons: ButtonSpec[] }[] = [
  {
    name: 'Stop harm',
    buttons: [
      { kind: 'set-fallback', label: 'Fallback…' },
      { kind: 'pause', label: 'Pause feature…', disruptive: true },
      { kind: 'rollback', label: 'Roll back…', disruptive: true },
      { kind: 'revert-change', label: 'Revert change…' },
    ],
  },
  {
    name: 'Fix',
    buttons: [
      { kind: 'patch-mapping', label: 'Patch mapping…' },
      { kind: 'set-limits', label: 'Limits…' },
      { kind: 'retrain', label: 'Retrain…', disruptive: true, pendingKind: 'retrain' },
      { kind: 'scale', label: 'Scale…', pendingKind: 'scale' },
      { kind: 'set-serving-pattern', label: 'Serving pattern…' },
    ],
  },
  {
    name: 'Coordinate',
    buttons: [
      { kind: 'escalate', label: 'Escalate…', pendingKind: 'escalation' },
      { kind: 'rebaseline', label: 'Rebaseline…' },
    ],
  },
];

/** Every mitigation, grouped by intent; disruptive ones are marked and ask for confirmation. */
function ActionBarImpl({
  paused,
  pending,
  busy,
  disabled,
  onAction,
  onInvestigate,
  onHint,
  hintCost,
}: ActionBarProps) {
  return (
    <div className="action-bar" role="toolbar" aria-label="Actions">
      <div className="action-group">
        <span className="group-name">Investigate</span>
        <button
          type="button"
          className="primary"
          onClick={() => onInvestigate()}
          aria-keyshortcuts="i"
          disabled={disabled}
        >
          Investigate… <kbd>I</kbd>
        </button>
        <button type="button" className="quiet" onClick={onHint} disabled={disabled}>
          Hint (−{hintCost} points)
        </button>
      </div>
      {GROUPS.map((g) => (
        <div key={g.name} className="action-group">
          <span className="group-name">{g.name}</span>
          {g.buttons.map((b) => {
            const running = b.pendingKind
              ? pending.filter((p) => p.kind === b.pendingKind).length
              : 0;
            const kind: ActionKind = b.kind === 'pause' && paused ? 'resume' : b.kind;
            const label = b.kind === 'pause' && paused ? 'Resume feature…' : b.label;
            return (
              <button
                key={b.kind}
                type="button"
                className={b.disruptive && kind !== 'resume' ? 'disruptive' : undefined}
                onClick={() => onAction(kind)}
                disabled={disabled}
                aria-describedby={running ? `pending-${b.kind}` : undefined}
              >
                {label}
                {running > 0 && (
                  <span className="pending-badge" id={`pending-${b.kind}`}>
                    <span className="spinner" aria-hidden="true" /> in progress
                  </span>
                )}
              </button>
            );
          })}
        </div>
      ))}
      {busy && (
        <span className="action-busy" role="status">
          <span className="spinner" aria-hidden="true" /> Sending…
        </span>
      )}
    </div>
  );
}

export const ActionBar = memo(ActionBarImpl);
