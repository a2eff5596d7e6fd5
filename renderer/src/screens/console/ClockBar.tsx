import { memo } from 'react';
import type { Speed } from '../../../../electron/engine/host/session-controller';
import type { ServingConfig } from '../../../../electron/engine/pipeline/serving-config';
import type { PendingTask } from '../../../../electron/engine/session-types';
import { formatClock, formatClockSeconds, formatDuration } from '../../lib/format';

interface ClockBarProps {
  title: string;
  now: number;
  duration: number;
  speed: number;
  finished: boolean;
  config: ServingConfig;
  pending: readonly PendingTask[];
  reviewQueue: number;
  onSpeed: (speed: Speed) => void;
  onStep: () => void;
}

const SPEED_BUTTONS: { speed: Speed; label: string; key: string; name: string }[] = [
  { speed: 0, label: 'Pause', key: '1', name: 'Pause the clock' },
  { speed: 1, label: '1×', key: '2', name: 'Real time' },
  { speed: 10, label: '10×', key: '3', name: '10 times real time' },
  { speed: 60, label: '60×', key: '4', name: '60 times real time: one service minute per second' },
  {
    speed: 600,
    label: '600×',
    key: '5',
    name: '600 times real time: ten service minutes per second',
  },
];

const PENDING_NAMES: Record<PendingTask['kind'], string> = {
  retrain: 'Retraining',
  escalation: 'Escalation',
  scale: 'Scaling',
};

/** The clock, its speed controls, the serving state at a glance and work in progress. */
function ClockBarImpl(p: ClockBarProps) {
  const share = p.duration > 0 ? Math.min(1, p.now / p.duration) : 0;
  const c = p.config;
  return (
    <div className="clock-bar">
      <div className="clock-block">
        <h1 className="console-title">{p.title}</h1>
        <div
          className="clock"
          aria-label={`Service time ${formatClockSeconds(p.now)} of ${formatDuration(p.duration)}`}
        >
          <span className="clock-time" data-testid="clock">
            {formatClockSeconds(p.now)}
          </span>
          <span className="clock-of">of {formatDuration(p.duration)}</span>
          <span
            className={`clock-state ${p.finished ? 'ended' : p.speed === 0 ? 'paused' : 'running'}`}
          >
            {p.finished ? 'Scenario ended' : p.speed === 0 ? 'Paused' : `Running ${p.speed}×`}
          </span>
        </div>
        <progress
          className="clock-progress"
          max={1}
          value={share}
          aria-label="Share of the scenario elapsed"
        />
      </div>
      <div className="speed-controls" role="group" aria-label="Clock speed">
        {SPEED_BUTTONS.map((b) => (
          <button
            key={b.speed}
            type="button"
            className="speed"
            aria-pressed={p.speed === b.speed}
            aria-label={b.name}
            aria-keyshortcuts={b.key}
            disabled={p.finished}
            onClick={() => p.onSpeed(b.speed)}
            title={`${b.name} (key ${b.key})`}
          >
            {b.label}
          </button>
        ))}
        <button
          type="button"
          onClick={p.onStep}
          disabled={p.finished}
          aria-keyshortcuts="n"
          title="Run one monitoring window, then stop (key N)"
        >
          Step window
        </button>
      </div>
      <ul className="status-chips" aria-label="Serving state">
        <li>
          Serving <b>{c.serving}</b>
        </li>
        {c.release && (
          <li className="chip-attn">
            {c.release.mode === 'shadow'
              ? 'Shadow'
              : `Canary ${Math.round(c.release.share * 100)}%`}{' '}
            <b>{c.release.version}</b>
            {c.release.source ? ` on ${c.release.source}` : ''}
          </li>
        )}
        <li>
          Fallback <b>{c.fallback}</b>
        </li>
        {c.paused && (
          <li className="chip-warn">Feature paused: manual review ({p.reviewQueue} queued)</li>
        )}
        <li>
          <b>{c.replicas}</b> replicas
        </li>
        <li>
          Timeout <b>{c.timeoutMs} ms</b>, retries <b>{c.retryMax}</b>
        </li>
        {c.patches.length > 0 && (
          <li className="chip-attn">
            {c.patches.length} mapping patch{c.patches.length === 1 ? '' : 'es'}
          </li>
        )}
      </ul>
      {p.pending.length > 0 && (
        <ul className="pending" aria-label="Work in progress">
          {p.pending.map((t) => {
            const done = Math.max(
              0,
              Math.min(1, (p.now - t.startedAt) / Math.max(1, t.readyAt - t.startedAt)),
            );
            return (
              <li key={t.id} className="pending-task">
                <span className="spinner" aria-hidden="true" />
                <span>
                  <b>{PENDING_NAMES[t.kind]}:</b> {t.description} — ready at{' '}
                  {formatClock(t.readyAt)} (in {formatDuration(Math.max(0, t.readyAt - p.now))})
                </span>
                <progress max={1} value={done} aria-label={`${PENDING_NAMES[t.kind]} progress`} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export const ClockBar = memo(ClockBarImpl);
