import { useCallback, useEffect, useRef, useState } from 'react';
import type { InjectRequest } from '../../../../electron/engine/host/facilitator';
import type { Speed } from '../../../../electron/engine/host/session-controller';
import { describeCommand } from '../../../../electron/engine/scoring/describe-command';
import { useApi } from '../../app/api-context';
import { describeError } from '../../app/download';
import type { AppActions, AppState } from '../../app/use-app-state';
import type { FacilitatorState } from '../../state/facilitator';
import type { SessionState } from '../../state/session';
import { formatClock, formatClockSeconds, formatDuration } from '../../lib/format';
import { InjectForm } from './InjectForm';
import { TeamRolePicker, roleTitle } from './TeamRolePicker';
import { TruthTable } from './TruthTable';

interface FacilitatorScreenProps {
  session: SessionState;
  facilitator: FacilitatorState;
  dispatch: AppState['dispatch'];
  actions: AppActions;
}

const SPEEDS: { speed: Exclude<Speed, 0>; label: string; name: string }[] = [
  { speed: 1, label: '1×', name: 'Run at real time' },
  { speed: 10, label: '10×', name: 'Run at 10 times real time' },
  { speed: 60, label: '60×', name: 'Run at 60 times real time' },
  { speed: 600, label: '600×', name: 'Run at 600 times real time' },
];

/** How many of the team's latest decisions the log shows. */
const TEAM_LOG_SIZE = 8;

/**
 * The facilitator view, sized for a projector: the clock and its speed (pause for discussion),
 * the team's roles, hints that cost points, the hidden truth, and live fault injection.
 */
export function FacilitatorScreen({
  session,
  facilitator,
  dispatch,
  actions,
}: FacilitatorScreenProps) {
  const api = useApi();
  const snapshot = session.snapshot;
  const truth = facilitator.truth;
  const dispatchFacilitator = dispatch.facilitator;
  const [hintRefused, setHintRefused] = useState<string | null>(null);

  // The truth follows the snapshots; one request at a time, and one more if a snapshot came
  // in meanwhile, so a fast clock never queues requests.
  const loading = useRef(false);
  const again = useRef(false);
  const loadTruth = useCallback(async () => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    try {
      do {
        again.current = false;
        try {
          const next = await api.invoke('facilitator:truth', undefined);
          dispatchFacilitator({ type: 'truth-loaded', truth: next });
        } catch (error) {
          dispatchFacilitator({ type: 'truth-failed', message: describeError(error).message });
        }
      } while (again.current);
    } finally {
      loading.current = false;
    }
  }, [api, dispatchFacilitator]);

  const now = snapshot?.now;
  const decisionCount = snapshot?.decisions.length;
  const hasSession = snapshot !== null;
  useEffect(() => {
    if (hasSession) void loadTruth();
  }, [hasSession, now, decisionCount, loadTruth]);

  // The form starts on the first family of the catalogue, with its defaults.
  useEffect(() => {
    if (truth && !facilitator.draft && truth.catalogue.length > 0)
      dispatchFacilitator({
        type: 'family-chosen',
        entry: truth.catalogue[0],
        injectedSoFar: truth.faults.filter((f) => f.injected).length,
      });
  }, [truth, facilitator.draft, dispatchFacilitator]);

  const inject = useCallback(
    async (request: InjectRequest) => {
      dispatchFacilitator({ type: 'inject-sent' });
      try {
        const result = await api.invoke('facilitator:inject', request);
        dispatchFacilitator({ type: 'inject-finished', result });
      } catch (error) {
        dispatchFacilitator({ type: 'inject-failed', message: describeError(error).message });
      }
      void loadTruth();
    },
    [api, dispatchFacilitator, loadTruth],
  );

  const giveHint = useCallback(async () => {
    const result = await actions.sendCommand({ type: 'hint' });
    setHintRefused(result && !result.ok ? result.error : null);
  }, [actions]);

  if (!snapshot) {
    return (
      <section className="facilitator" aria-labelledby="facilitator-title">
        <h1 id="facilitator-title">Facilitator view</h1>
        <div className="panel">
          <p>
            No session is running. Start a scenario from the library; this view then shows its
            hidden faults, lets you inject more while the team works, give hints and pause for
            discussion.
          </p>
          <button type="button" className="primary" onClick={() => actions.navigate('library')}>
            Go to the library
          </button>
        </div>
      </section>
    );
  }

  const ending = session.phase !== 'running' || snapshot.finished;
  const paused = snapshot.speed === 0;
  const share = snapshot.duration > 0 ? Math.min(1, snapshot.now / snapshot.duration) : 0;
  const hints = truth?.hints;
  // The newest hint is shown large, for the room; the earlier ones are listed below it.
  const latestHint = hints?.taken.at(-1) ?? null;
  const earlierHints = hints ? hints.taken.slice(0, -1).reverse() : [];
  const teamLog = [...snapshot.decisions].reverse().slice(0, TEAM_LOG_SIZE);

  return (
    <section className="facilitator" aria-labelledby="facilitator-title">
      <div className="screen-head">
        <div>
          <p className="eyebrow">Facilitator view · seed {snapshot.seed}</p>
          <h1 id="facilitator-title">{snapshot.title}</h1>
        </div>
        <button
          type="button"
          onClick={() => actions.navigate('console')}
          aria-keyshortcuts="f"
          disabled={session.phase === 'idle'}
        >
          Back to the console <kbd>F</kbd>
        </button>
      </div>
      <p className="facilitator-warning">
        This view shows what the learners must find for themselves. Keep it off the shared screen
        while they work; switch with <kbd>F</kbd>.
      </p>

      <div className="facilitator-grid">
        <section className="panel facilitator-clock" aria-labelledby="fac-clock-title">
          <h2 id="fac-clock-title">Clock</h2>
          <p
            className="big-clock"
            aria-label={`Service time ${formatClockSeconds(snapshot.now)} of ${formatDuration(snapshot.duration)}`}
          >
            <span className="big-clock-time" data-testid="facilitator-clock">
              {formatClockSeconds(snapshot.now)}
            </span>
            <span className="big-clock-of">of {formatDuration(snapshot.duration)}</span>
          </p>
          <progress max={1} value={share} aria-label="Share of the scenario elapsed" />
          <p className={`clock-state ${ending ? 'ended' : paused ? 'paused' : 'running'}`}>
            {ending
              ? 'Scenario ended'
              : paused
                ? 'Paused for discussion'
                : `Running at ${snapshot.speed}×`}
          </p>
          <div className="facilitator-speeds" role="group" aria-label="Clock speed">
            <button
              type="button"
              className={paused ? 'primary' : 'pause-discussion'}
              disabled={ending}
              onClick={() => void actions.setSpeed(paused ? session.resumeSpeed : 0)}
            >
              {paused ? `Resume at ${session.resumeSpeed}×` : 'Pause for discussion'}
            </button>
            {SPEEDS.map((s) => (
              <button
                key={s.speed}
                type="button"
                className="speed"
                aria-pressed={snapshot.speed === s.speed}
                aria-label={s.name}
                disabled={ending}
                onClick={() => void actions.setSpeed(s.speed)}
              >
                {s.label}
              </button>
            ))}
          </div>
        </section>

        <section className="panel facilitator-team" aria-labelledby="fac-team-title">
          <h2 id="fac-team-title">Team</h2>
          <TeamRolePicker
            variant="large"
            role={facilitator.role}
            onRole={(role) => dispatchFacilitator({ type: 'role-picked', role })}
          />
          <p className="subtle">
            The role is sent with every command from the console and shown against each action in
            the activity feed and the debrief.
          </p>
        </section>

        <section className="panel facilitator-hints" aria-labelledby="fac-hints-title">
          <h2 id="fac-hints-title">Hints</h2>
          <p>
            Each hint costs the team <b>{hints?.costPoints ?? 2} points</b> (at most{' '}
            {hints?.maxPenalty ?? 10} in all). It points at the right monitor without naming the
            cause.
          </p>
          <div className="button-row">
            <button
              type="button"
              onClick={() => void giveHint()}
              disabled={ending}
              aria-describedby="fac-hint-cost"
            >
              Give the team a hint
            </button>
            <span id="fac-hint-cost" className="subtle">
              costs {hints?.costPoints ?? 2} points
            </span>
          </div>
          {hintRefused && (
            <p className="failure-inline" role="alert">
              No hint: {hintRefused}
            </p>
          )}
          <div role="status">
            {latestHint && (
              <p className="hint-text">
                <span className="mono">{formatClock(latestHint.t)}</span>
                {latestHint.role && (
                  <span className="badge">{roleTitle(latestHint.role)}</span>
                )}{' '}
                {latestHint.text}
              </p>
            )}
          </div>
          {hints && hints.taken.length > 0 && (
            <p>
              Taken so far: <b>{hints.taken.length}</b>, costing <b>{hints.penalty} points</b>.
            </p>
          )}
          {earlierHints.length > 0 && (
            <ol className="hint-list" aria-label="Earlier hints">
              {earlierHints.map((h) => (
                <li key={h.seq}>
                  <span className="mono">{formatClock(h.t)}</span>
                  {h.role && <span className="badge">{roleTitle(h.role)}</span>} {h.text}
                </li>
              ))}
            </ol>
          )}
        </section>

        <section className="panel facilitator-truth" aria-labelledby="fac-truth-title">
          <h2 id="fac-truth-title">Hidden truth: faults</h2>
          {facilitator.truthError && (
            <p className="failure-inline" role="alert">
              The hidden truth could not be read: {facilitator.truthError}
            </p>
          )}
          {truth ? (
            <TruthTable faults={truth.faults} now={truth.now} />
          ) : (
            <p role="status">
              <span className="spinner" aria-hidden="true" /> Reading the session…
            </p>
          )}
        </section>

        <section className="panel facilitator-inject" aria-labelledby="fac-inject-title">
          <h2 id="fac-inject-title">Inject a fault</h2>
          {truth && facilitator.draft ? (
            <InjectForm
              truth={truth}
              draft={facilitator.draft}
              inject={facilitator.inject}
              disabled={ending}
              dispatch={dispatchFacilitator}
              onInject={(request) => void inject(request)}
            />
          ) : (
            <p role="status">
              <span className="spinner" aria-hidden="true" /> Loading the fault catalogue…
            </p>
          )}
        </section>

        <section className="panel facilitator-log" aria-labelledby="fac-log-title">
          <h2 id="fac-log-title">What the team did</h2>
          {teamLog.length === 0 ? (
            <p className="subtle">No commands yet.</p>
          ) : (
            <ol className="team-log">
              {teamLog.map((d) => (
                <li key={d.seq} className={d.result.ok ? 'ok' : 'refused'}>
                  <span className="mono">{formatClock(d.t)}</span>{' '}
                  <span className="badge">{d.role ? roleTitle(d.role) : 'No role'}</span>{' '}
                  {describeCommand(d.command)}
                  {!d.result.ok && <b> (refused)</b>}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </section>
  );
}
