import { useCallback, useEffect, useLayoutEffect } from 'react';
import type { DriftdrillApi } from '../../../electron/shared/contract';
import { ApiContext } from './api-context';
import { useAppState } from './use-app-state';
import { AppHeader } from './AppHeader';
import { BusyIndicator } from './BusyIndicator';
import { ErrorBoundary } from './ErrorBoundary';
import { FailurePanel } from './FailurePanel';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { isTyping } from './Modal';
import { TOO_LARGE_SCENARIO, useFileDrop } from './use-file-drop';
import { RemContext } from '../charts/chart-scale';
import { LibraryScreen } from '../screens/LibraryScreen';
import { BriefingScreen } from '../screens/BriefingScreen';
import { ConsoleScreen } from '../screens/ConsoleScreen';
import { DebriefScreen } from '../screens/DebriefScreen';
import { ProgressScreen } from '../screens/ProgressScreen';
import { CohortScreen, TOO_LARGE_RESULT } from '../screens/CohortScreen';
import { MAX_RESULT_BYTES } from '../../../electron/engine/cohort/result-file';
import { FacilitatorScreen } from '../screens/facilitator/FacilitatorScreen';
import { useFacilitatorKey } from '../screens/facilitator/use-facilitator-key';

const SCREEN_NAMES = {
  library: 'The library screen',
  briefing: 'The briefing screen',
  console: 'The console screen',
  debrief: 'The debrief screen',
  progress: 'The progress screen',
  facilitator: 'The facilitator view',
  cohort: 'The cohort screen',
} as const;

/** The whole renderer: header, the current screen inside an error boundary, overlays. */
export function App({ api }: { api: DriftdrillApi }) {
  const state = useAppState(api);
  const { nav, library, session, ui, drawer, debrief, facilitator, dispatch, actions } = state;

  useEffect(() => {
    void actions.refreshLibrary();
  }, [actions]);

  // Theme and zoom live on <html> so every rem and colour follows them, dialogs included.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = ui.theme;
    root.style.colorScheme = ui.theme;
    root.style.fontSize = `${ui.zoom * 100}%`;
    root.dataset.zoom = ui.zoom >= 1.3 ? 'large' : 'normal';
  }, [ui.theme, ui.zoom]);

  // A new screen starts at its top, and focus moves to it so screen readers announce the change.
  const screenName = nav.screen;
  useEffect(() => {
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [screenName]);

  // Global keys: shortcuts overlay and zoom. Console keys live in the console.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && (e.key === '=' || e.key === '+')) {
        e.preventDefault();
        dispatch.ui({ type: 'zoom-in' });
      } else if (mod && (e.key === '-' || e.key === '_')) {
        e.preventDefault();
        dispatch.ui({ type: 'zoom-out' });
      } else if (mod && e.key === '0') {
        e.preventDefault();
        dispatch.ui({ type: 'zoom-reset' });
      } else if (e.key === '?' && !isTyping(e) && !mod) {
        e.preventDefault();
        dispatch.ui({ type: 'shortcuts-toggled' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  // On the cohort screen a dropped file is a learner's result; anywhere else, a scenario.
  const onCohort = nav.screen === 'cohort';
  const onDroppedFile = useCallback(
    (fileName: string, text: string) => {
      if (onCohort) return actions.importResultText(fileName, text);
      actions.navigate('library');
      void actions.openFileText(fileName, text);
    },
    [actions, onCohort],
  );
  const onTooLarge = useCallback(
    (fileName: string) =>
      onCohort
        ? dispatch.cohort({ type: 'file-refused', fileName, message: TOO_LARGE_RESULT })
        : actions.rejectFile(fileName, TOO_LARGE_SCENARIO),
    [actions, dispatch, onCohort],
  );
  const onUnreadable = useCallback(
    (fileName: string, message: string) =>
      onCohort
        ? dispatch.cohort({ type: 'file-refused', fileName, message })
        : actions.rejectFile(fileName, message),
    [actions, dispatch, onCohort],
  );
  const dragging = useFileDrop(
    onDroppedFile,
    onTooLarge,
    onUnreadable,
    onCohort ? MAX_RESULT_BYTES : undefined,
  );

  const hasSession = session.snapshot !== null;
  useFacilitatorKey(ui.facilitator, nav.screen, hasSession, actions.navigate);
  const reload = () => {
    const key = session.key ?? nav.scenarioKey;
    if (key) void actions.startSession(key);
  };
  const toLibrary = () => actions.navigate('library');

  let screen;
  switch (nav.screen) {
    case 'library':
      screen = <LibraryScreen library={library} actions={actions} />;
      break;
    case 'briefing':
      screen = nav.briefing ? (
        <BriefingScreen briefing={nav.briefing} busy={nav.busy !== null} actions={actions} />
      ) : (
        <LibraryScreen library={library} actions={actions} />
      );
      break;
    case 'console':
      screen = hasSession ? (
        <ConsoleScreen
          session={session}
          briefing={nav.briefing}
          drawer={drawer}
          dispatch={dispatch}
          actions={actions}
          team={ui.facilitator ? { role: facilitator.role } : null}
        />
      ) : (
        <LibraryScreen library={library} actions={actions} />
      );
      break;
    case 'debrief':
      screen = <DebriefScreen debrief={debrief} session={session} actions={actions} />;
      break;
    case 'progress':
      screen = <ProgressScreen progress={library.progress} actions={actions} />;
      break;
    case 'cohort':
      screen = <CohortScreen cohort={state.cohort} dispatch={dispatch.cohort} actions={actions} />;
      break;
    case 'facilitator':
      // Behind the toggle: with facilitator mode off the hidden truth is not offered.
      screen = ui.facilitator ? (
        <FacilitatorScreen
          session={session}
          facilitator={facilitator}
          dispatch={dispatch}
          actions={actions}
        />
      ) : (
        <LibraryScreen library={library} actions={actions} />
      );
      break;
  }

  return (
    <ApiContext value={api}>
      <RemContext value={16 * ui.zoom}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <AppHeader
          screen={nav.screen}
          hasSession={hasSession && session.phase === 'running'}
          theme={ui.theme}
          zoom={ui.zoom}
          facilitator={ui.facilitator}
          onNavigate={actions.navigate}
          onToggleFacilitator={() => {
            // Turning the mode off also leaves the view it offers.
            if (ui.facilitator && nav.screen === 'facilitator')
              actions.navigate(hasSession ? 'console' : 'library');
            dispatch.ui({ type: 'facilitator-toggled' });
          }}
          onToggleTheme={() => dispatch.ui({ type: 'theme-toggled' })}
          onTogglePresentation={() => dispatch.ui({ type: 'presentation-toggled' })}
          onShowShortcuts={() => dispatch.ui({ type: 'shortcuts-toggled' })}
        />
        {nav.busy && <BusyIndicator label={nav.busy} />}
        <main id="main" tabIndex={-1} className={`screen screen-${nav.screen}`}>
          {nav.failure && (
            <FailurePanel
              failure={nav.failure}
              canReload={(session.key ?? nav.scenarioKey) !== null}
              canExport={hasSession}
              onLibraryScreen={nav.screen === 'library'}
              onReload={reload}
              onExport={() => void actions.exportSession()}
              onLibrary={toLibrary}
              onDismiss={() => dispatch.nav({ type: 'failure-dismissed' })}
            />
          )}
          <ErrorBoundary
            key={nav.screen}
            what={SCREEN_NAMES[nav.screen]}
            canReload={(session.key ?? nav.scenarioKey) !== null}
            canExport={hasSession}
            onReload={reload}
            onExport={() => void actions.exportSession()}
            onLibrary={toLibrary}
          >
            {screen}
          </ErrorBoundary>
        </main>
        <ShortcutsOverlay
          open={ui.shortcutsOpen}
          onClose={() => dispatch.ui({ type: 'shortcuts-closed' })}
        />
        {dragging && (
          <div className="drop-hint" aria-hidden="true">
            <p>
              {onCohort
                ? 'Drop result files to add them to the cohort'
                : 'Drop a scenario file (.yaml, .yml or .json) to open it'}
            </p>
          </div>
        )}
      </RemContext>
    </ApiContext>
  );
}
