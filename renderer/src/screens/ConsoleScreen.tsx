import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLatest } from '../app/use-latest';
import type { BriefingView } from '../../../electron/shared/contract';
import type { Command } from '../../../electron/engine/commands';
import type { Speed } from '../../../electron/engine/host/session-controller';
import type { SessionState } from '../state/session';
import { isInFlight } from '../state/session';
import type { DrawerState, InvestigationParams } from '../state/drawer';
import type { AppActions, AppState } from '../app/use-app-state';
import { isModalOpen, isTyping, Modal } from '../app/Modal';
import { chartKey, newestFiring } from '../lib/monitoring-view';
import { ClockBar } from './console/ClockBar';
import { MonitoringPanels } from './console/MonitoringPanels';
import { DriftTable } from './console/DriftTable';
import { AlertFeed } from './console/AlertFeed';
import { ActionBar } from './console/ActionBar';
import { ActionDialog, type ActionKind, type ServiceFacts } from './console/ActionDialog';
import { ReleasePanel } from './console/ReleasePanel';
import { ActivityFeed } from './console/ActivityFeed';
import { WrapUpPanel, rootCauseLabel } from './console/WrapUpPanel';
import { DecisionNoteDialog } from './console/DecisionNoteDialog';
import { InvestigationDrawer } from './console/InvestigationDrawer';
import type { InvestigationTool } from '../../../electron/engine/commands';
import type { TeamRole } from '../../../electron/engine/team-roles';
import { HINT_COST_POINTS } from '../../../electron/engine/scoring/criteria/hints';
import { TeamRolePicker } from './facilitator/TeamRolePicker';

const SPEED_KEYS: Record<string, Speed> = { '1': 0, '2': 1, '3': 10, '4': 60, '5': 600 };

interface ConsoleScreenProps {
  session: SessionState;
  briefing: BriefingView | null;
  drawer: DrawerState;
  dispatch: AppState['dispatch'];
  actions: AppActions;
  /** Facilitator mode's team: the role acting now; null when the mode is off. */
  team?: { role: TeamRole | null } | null;
}

/** The operations console: clock, monitoring, alerts, investigations, actions and the wrap-up. */
export function ConsoleScreen({
  session,
  briefing,
  drawer,
  dispatch,
  actions,
  team = null,
}: ConsoleScreenProps) {
  const snapshot = session.snapshot!;
  const m = snapshot.monitoring;
  const key = chartKey(m);
  const [actionKind, setActionKind] = useState<ActionKind | null>(null);
  const [deployPreset, setDeployPreset] = useState<
    { mode: 'shadow' | 'canary' | 'full' } | undefined
  >();
  const [noteOpen, setNoteOpen] = useState(false);
  const [resolveOpen, setResolveOpen] = useState(false);
  const ending = session.phase !== 'running';

  const facts: ServiceFacts = useMemo(
    () => ({
      fields:
        briefing?.fields ?? m?.drift.map((d) => ({ name: d.field, type: d.type, unit: '' })) ?? [],
      sources: briefing?.sources ?? m?.latest?.sources.map((s) => s.source) ?? [],
      teams: briefing?.teams ?? [],
    }),
    [briefing, m],
  );

  const send = useCallback((command: Command) => void actions.sendCommand(command), [actions]);
  const onAck = useCallback((alertId: string) => send({ type: 'ack-alert', alertId }), [send]);
  const onSilence = useCallback(
    (alertId: string) => send({ type: 'silence-alert', alertId, forMs: 3_600_000 }),
    [send],
  );
  const openDrawer = useCallback(
    (tool?: InvestigationTool, params?: Partial<InvestigationParams>) =>
      dispatch.drawer({ type: 'opened', tool, params }),
    [dispatch],
  );
  const onCompare = useCallback(
    (field: string, source: string) => openDrawer('distribution', { field, source }),
    [openDrawer],
  );
  const onRun = useCallback(
    (tool: InvestigationTool, params: InvestigationParams) =>
      void actions.runInvestigation(tool, params),
    [actions],
  );
  const onAction = useCallback((kind: ActionKind) => {
    setDeployPreset(undefined);
    setActionKind(kind);
  }, []);
  const onDeploy = useCallback((mode: 'shadow' | 'canary' | 'full') => {
    setDeployPreset({ mode });
    setActionKind('deploy');
  }, []);

  // Console shortcuts; they stand down while typing or while a dialog is open. The handler reads
  // the latest state through a ref, so it is added once rather than again on every snapshot.
  const keyState = useLatest({ drawerOpen: drawer.open, ending, monitoring: snapshot.monitoring });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      if (isModalOpen()) return;
      const state = keyState.current;
      if (e.key === 'Escape') {
        if (state.drawerOpen) dispatch.drawer({ type: 'closed' });
        return;
      }
      // Space toggles a checkbox or radio the learner is on; everywhere else it runs the clock.
      if (e.key === ' ' && e.target instanceof HTMLInputElement) return;
      if (state.ending) return;
      const k = e.key.toLowerCase();
      if (e.key === ' ') {
        e.preventDefault();
        actions.togglePause();
      } else if (k in SPEED_KEYS) {
        e.preventDefault();
        void actions.setSpeed(SPEED_KEYS[k]);
      } else if (k === 'n') {
        e.preventDefault();
        void actions.stepWindow();
      } else if (k === 'a') {
        const alert = newestFiring(state.monitoring);
        if (alert) {
          e.preventDefault();
          send({ type: 'ack-alert', alertId: alert.id });
        }
      } else if (k === 'i') {
        e.preventDefault();
        openDrawer();
      } else if (k === 'd') {
        e.preventDefault();
        setNoteOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, dispatch, keyState, openDrawer, send]);

  const latencyBudget = briefing?.latencyBudgetMs ?? m?.latest?.system.latencyBudgetP95 ?? null;
  const rootCauses = briefing?.rootCauses ?? [];

  return (
    <section
      className={`console${drawer.open ? ' with-drawer' : ''}`}
      aria-label="Operations console"
    >
      <ClockBar
        title={snapshot.title}
        now={snapshot.now}
        duration={snapshot.duration}
        speed={snapshot.speed}
        finished={snapshot.finished || ending}
        config={snapshot.config}
        pending={snapshot.pending}
        reviewQueue={snapshot.reviewQueue}
        onSpeed={actions.setSpeed}
        onStep={actions.stepWindow}
      />
      <ActionBar
        paused={snapshot.config.paused}
        pending={snapshot.pending}
        busy={session.inFlight.length > 0}
        disabled={ending}
        onAction={onAction}
        onInvestigate={openDrawer}
        onHint={() => send({ type: 'hint' })}
        hintCost={HINT_COST_POINTS}
      />
      {team && (
        <TeamRolePicker
          variant="bar"
          role={team.role}
          disabled={ending}
          onRole={(role) => dispatch.facilitator({ type: 'role-picked', role })}
        />
      )}
      <div className="console-body">
        <div className="console-main">
          {m ? (
            <MonitoringPanels m={m} chartKey={key} />
          ) : (
            <p className="panel">Monitoring is off in this run.</p>
          )}
          {m && <DriftTable m={m} chartKey={key} onCompare={onCompare} />}
        </div>
        <div className="console-rail">
          <AlertFeed m={m} chartKey={key} onAck={onAck} onSilence={onSilence} />
          <WrapUpPanel
            rootCauses={rootCauses}
            diagnosis={session.diagnosis}
            noteSaved={session.noteSaved}
            disabled={ending}
            onDiagnose={(rootCause) => send({ type: 'diagnose', rootCause })}
            onOpenNote={() => setNoteOpen(true)}
            onResolve={() => setResolveOpen(true)}
          />
          <ReleasePanel
            config={snapshot.config}
            versions={snapshot.versions}
            routes={m?.routes ?? []}
            now={snapshot.now}
            disabled={ending}
            onDeploy={onDeploy}
            onPromote={() => send({ type: 'promote' })}
            onAbort={() => send({ type: 'abort-release' })}
          />
          <ActivityFeed messages={session.messages} />
        </div>
      </div>
      <InvestigationDrawer
        drawer={drawer}
        dispatch={dispatch.drawer}
        fields={facts.fields}
        sources={facts.sources}
        latencyBudgetMs={latencyBudget}
        onRun={onRun}
      />
      <ActionDialog
        kind={actionKind}
        snapshot={snapshot}
        facts={facts}
        deployPreset={deployPreset}
        onSubmit={send}
        onClose={() => setActionKind(null)}
      />
      <DecisionNoteDialog
        open={noteOpen}
        note={session.note}
        saved={session.noteSaved}
        saving={isInFlight(session, 'note')}
        decisions={snapshot.decisions}
        onEdit={(patch) => dispatch.session({ type: 'note-edited', patch })}
        onToggleEvidence={(seq) => dispatch.session({ type: 'evidence-toggled', seq })}
        onSave={() => send({ type: 'note', ...session.note })}
        onClose={() => setNoteOpen(false)}
      />
      <Modal open={resolveOpen} onClose={() => setResolveOpen(false)} title="Resolve the incident?">
        <p>
          The clock stops and your response is scored against doing nothing and against the
          reference response.
        </p>
        <ul>
          <li>
            Diagnosis:{' '}
            {session.diagnosis ? rootCauseLabel(session.diagnosis) : <b>none recorded</b>}
          </li>
          <li>Decision note: {session.noteSaved ? 'saved' : <b>not saved</b>}</li>
        </ul>
        <div className="button-row end">
          <button type="button" onClick={() => setResolveOpen(false)}>
            Keep working
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setResolveOpen(false);
              void actions.finishSession('resolved');
            }}
          >
            Resolve and see the debrief
          </button>
        </div>
      </Modal>
    </section>
  );
}
