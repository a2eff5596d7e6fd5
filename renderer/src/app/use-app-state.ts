import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { useLatest } from './use-latest';
import type { DriftdrillApi, ProgressEntry } from '../../../electron/shared/contract';
import type { Command } from '../../../electron/engine/commands';
import type { CommandResult } from '../../../electron/engine/session-types';
import type { Speed } from '../../../electron/engine/host/session-controller';
import { initialNavigation, navigationReducer, type Screen } from '../state/navigation';
import { initialLibrary, libraryReducer } from '../state/library';
import { initialSession, sessionReducer } from '../state/session';
import { loadUiPrefs, saveUiPrefs, uiPrefsReducer } from '../state/ui-prefs';
import { drawerReducer, initialDrawer, type InvestigationParams } from '../state/drawer';
import { debriefReducer, initialDebrief } from '../state/debrief';
import { facilitatorReducer, initialFacilitator } from '../state/facilitator';
import { readDebrief } from '../lib/debrief-view';
import { cohortReducer, fileSource, initialCohort } from '../state/cohort';
import { parseResultFile } from '../../../electron/engine/cohort/result-file';
import { describeError, downloadText } from './download';
import type { InvestigationTool } from '../../../electron/engine/commands';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The app's state (one reducer per slice) and the actions that talk to the engine host. Every
 * call that can fail reports what failed instead of leaving the window blank.
 */
export function useAppState(api: DriftdrillApi) {
  const [nav, navDispatch] = useReducer(navigationReducer, initialNavigation);
  const [library, libraryDispatch] = useReducer(libraryReducer, initialLibrary);
  const [session, sessionDispatch] = useReducer(sessionReducer, initialSession);
  const [ui, uiDispatch] = useReducer(uiPrefsReducer, undefined, () =>
    loadUiPrefs(storage(), window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false),
  );
  const [drawer, drawerDispatch] = useReducer(drawerReducer, initialDrawer);
  const [debrief, debriefDispatch] = useReducer(debriefReducer, initialDebrief);
  const [facilitator, facilitatorDispatch] = useReducer(facilitatorReducer, initialFacilitator);
  const [cohort, cohortDispatch] = useReducer(cohortReducer, initialCohort);

  // Actions read the latest state through refs so their identities stay stable for memoised screens.
  const sessionRef = useLatest(session);
  const debriefRef = useLatest(debrief);
  // The team role goes with every command, but only while facilitator mode is on.
  const roleRef = useLatest(ui.facilitator ? facilitator.role : null);

  useEffect(() => saveUiPrefs(storage(), ui), [ui]);

  const fail = useCallback((what: string, error: unknown) => {
    navDispatch({ type: 'failed', failure: { what, ...describeError(error) } });
  }, []);

  const refreshLibrary = useCallback(async () => {
    try {
      const [entries, progress] = await Promise.all([
        api.invoke('library:list', undefined),
        api.invoke('progress:list', undefined),
      ]);
      libraryDispatch({ type: 'listed', entries });
      libraryDispatch({ type: 'progress-listed', progress });
    } catch (error) {
      libraryDispatch({ type: 'list-failed', message: describeError(error).message });
      fail('Loading the scenario library', error);
    }
  }, [api, fail]);

  const openFileText = useCallback(
    async (fileName: string, text: string) => {
      try {
        const entry = await api.invoke('library:open-text', { fileName, text });
        libraryDispatch({ type: 'opened', entry });
        return entry;
      } catch (error) {
        fail(`Opening ${fileName}`, error);
        return null;
      }
    },
    [api, fail],
  );

  const rejectFile = useCallback((fileName: string, message: string) => {
    navDispatch({
      type: 'failed',
      failure: { what: `Opening ${fileName}`, message, detail: `${fileName}: ${message}` },
    });
  }, []);

  const openBriefing = useCallback(
    async (key: string) => {
      navDispatch({ type: 'busy', label: 'Loading the briefing…' });
      try {
        const briefing = await api.invoke('scenario:briefing', { key });
        navDispatch({ type: 'briefing-loaded', briefing });
      } catch (error) {
        fail('Loading the briefing', error);
      }
    },
    [api, fail],
  );

  const startSession = useCallback(
    async (key: string, seed?: number) => {
      navDispatch({ type: 'busy', label: 'Starting the scenario: training its models…' });
      try {
        const snapshot = await api.invoke(
          'session:start',
          seed === undefined ? { key } : { key, seed },
        );
        sessionDispatch({ type: 'started', key, snapshot });
        drawerDispatch({ type: 'reset' });
        debriefDispatch({ type: 'reset' });
        facilitatorDispatch({ type: 'session-started' });
        navDispatch({ type: 'idle' });
        navDispatch({ type: 'navigated', screen: 'console' });
      } catch (error) {
        fail('Starting the scenario', error);
      }
    },
    [api, fail],
  );

  const setSpeed = useCallback(
    async (speed: Speed) => {
      sessionDispatch({ type: 'speed-requested', speed });
      try {
        await api.invoke('session:set-speed', { speed });
      } catch (error) {
        fail('Changing the clock speed', error);
      }
    },
    [api, fail],
  );

  const togglePause = useCallback(() => {
    const s = sessionRef.current;
    if (!s.snapshot || s.snapshot.finished) return;
    void setSpeed(s.snapshot.speed === 0 ? s.resumeSpeed : 0);
  }, [sessionRef, setSpeed]);

  const stepWindow = useCallback(async () => {
    try {
      const snapshot = await api.invoke('session:step-window', undefined);
      sessionDispatch({ type: 'snapshot', snapshot });
    } catch (error) {
      fail('Stepping one window', error);
    }
  }, [api, fail]);

  const sendCommand = useCallback(
    async (command: Command): Promise<CommandResult | null> => {
      const role = roleRef.current ?? undefined;
      sessionDispatch({ type: 'command-sent', command });
      try {
        const result = await api.invoke('session:command', role ? { command, role } : { command });
        sessionDispatch({ type: 'command-finished', command, result, role });
        return result;
      } catch (error) {
        const { message } = describeError(error);
        sessionDispatch({ type: 'command-failed', command, error: message, role });
        fail(`Sending "${command.type}"`, error);
        return null;
      }
    },
    [api, fail, roleRef],
  );

  const runInvestigation = useCallback(
    async (tool: InvestigationTool, params: InvestigationParams) => {
      const command: Command = {
        type: 'investigate',
        tool,
        ...(params.field && tool === 'distribution' ? { field: params.field } : {}),
        ...(params.source && tool !== 'change-log' ? { source: params.source } : {}),
      };
      drawerDispatch({ type: 'run-started' });
      const at = sessionRef.current.snapshot?.now ?? 0;
      const result = await sendCommand(command);
      drawerDispatch({
        type: 'run-finished',
        result: {
          tool,
          params,
          at,
          ok: result?.ok ?? false,
          message:
            result === null
              ? 'The investigation could not run.'
              : result.ok
                ? result.message
                : result.error,
          data: result?.ok ? (result.data ?? null) : null,
        },
      });
    },
    [sendCommand, sessionRef],
  );

  const finishSession = useCallback(
    async (why: 'resolved' | 'ended') => {
      const s = sessionRef.current;
      if (s.phase === 'resolving' || s.phase === 'ended') return;
      sessionDispatch({ type: 'resolving' });
      if (why === 'resolved') {
        const result = await sendCommand({ type: 'resolve' });
        if (!result?.ok) {
          sessionDispatch({ type: 'ended' });
          return;
        }
      }
      try {
        await api.invoke('session:set-speed', { speed: 0 });
      } catch {
        // A finished session refuses speed changes after a failure; scoring can still run.
      }
      navDispatch({
        type: 'busy',
        label: 'Scoring your response against the do-nothing and reference replays…',
      });
      debriefDispatch({ type: 'loading' });
      drawerDispatch({ type: 'closed' });
      try {
        const raw = await api.invoke('session:debrief', undefined);
        const view = readDebrief(raw);
        const finishedAt = new Date().toISOString();
        debriefDispatch({ type: 'loaded', raw, view, finishedAt });
        sessionDispatch({ type: 'ended' });
        navDispatch({ type: 'idle' });
        navDispatch({ type: 'navigated', screen: 'debrief' });
        const snap = sessionRef.current.snapshot;
        if (view.ok && snap) {
          const entry: ProgressEntry = {
            scenarioId: snap.scenarioId,
            title: snap.title,
            seed: snap.seed,
            finishedAt,
            score: view.score,
            maxScore: view.maxScore,
          };
          const progress = await api.invoke('progress:add', entry);
          libraryDispatch({ type: 'progress-listed', progress });
        }
      } catch (error) {
        sessionDispatch({ type: 'ended' });
        debriefDispatch({ type: 'failed', message: describeError(error).message });
        fail('Scoring the session', error);
      }
    },
    [api, fail, sendCommand, sessionRef],
  );

  const exportSession = useCallback(async () => {
    try {
      const { fileName, json } = await api.invoke('session:export', undefined);
      downloadText(fileName, json, 'application/json');
    } catch (error) {
      fail('Exporting the session', error);
    }
  }, [api, fail]);

  /** Saves the scored session as a result file; returns its name, or null when it failed. */
  const saveResultFile = useCallback(
    async (learner: string): Promise<string | null> => {
      try {
        const finishedAt = debriefRef.current.finishedAt ?? new Date().toISOString();
        const { fileName, json } = await api.invoke('session:result', {
          ...(learner.trim() ? { learner } : {}),
          finishedAt,
        });
        downloadText(fileName, json, 'application/json');
        return fileName;
      } catch (error) {
        fail('Saving the result file', error);
        return null;
      }
    },
    [api, fail, debriefRef],
  );

  /** Reads a learner's result file into the cohort; a malformed file becomes its own error card. */
  const importResultText = useCallback((fileName: string, text: string) => {
    cohortDispatch({
      type: 'file-read',
      fileName,
      parse: parseResultFile(text, fileName),
      source: fileSource(fileName, text),
    });
  }, []);

  const navigate = useCallback((screen: Screen) => {
    navDispatch({ type: 'navigated', screen });
  }, []);

  // Host pushes: snapshots, engine failures, files opened by the desktop menu or command line.
  useEffect(() => {
    const offs = [
      api.on('session:snapshot', (snapshot) => {
        // Snapshots are replaced, never edited: freezing the top level tells immer not to walk
        // (and deep-freeze) ten fresh 50 KB object graphs a second.
        sessionDispatch({ type: 'snapshot', snapshot: Object.freeze(snapshot) });
      }),
      api.on('session:error', ({ message, detail }) =>
        navDispatch({
          type: 'failed',
          failure: { what: 'The simulation engine', message, detail },
        }),
      ),
      api.on('app:file-opened', (entry) => {
        libraryDispatch({ type: 'opened', entry });
        navDispatch({ type: 'navigated', screen: 'library' });
      }),
      api.on('app:menu', ({ action }) => {
        if (action === 'library' || action === 'open-scenario')
          navDispatch({ type: 'navigated', screen: 'library' });
        // The desktop menu's "Open scenario" shows the native dialog itself; here the library is where the file lands.
        if (action === 'open-scenario')
          requestAnimationFrame(() => document.getElementById('open-scenario-file')?.focus());
        if (action === 'export-report' && debriefRef.current.status === 'ready')
          navDispatch({ type: 'navigated', screen: 'debrief' });
      }),
      api.on('app:storage-problem', ({ file, movedTo, message }) =>
        navDispatch({
          type: 'failed',
          failure: {
            what: `Reading ${file}`,
            message: `${message}${movedTo ? ` The damaged file was set aside as ${movedTo}.` : ''} Driftdrill carries on with defaults.`,
            detail: message,
          },
        }),
      ),
    ];
    return () => offs.forEach((off) => off());
  }, [api, debriefRef]);

  // The scenario ran out of time: go to the debrief as if it had been resolved at the end.
  const finished = session.snapshot?.finished ?? false;
  useEffect(() => {
    if (finished && session.phase === 'running' && nav.screen === 'console')
      void finishSession('ended');
  }, [finished, session.phase, nav.screen, finishSession]);

  const actions = useMemo(
    () => ({
      refreshLibrary,
      openFileText,
      rejectFile,
      openBriefing,
      startSession,
      setSpeed,
      togglePause,
      stepWindow,
      sendCommand,
      runInvestigation,
      finishSession,
      exportSession,
      saveResultFile,
      importResultText,
      navigate,
    }),
    [
      refreshLibrary,
      openFileText,
      rejectFile,
      openBriefing,
      startSession,
      setSpeed,
      togglePause,
      stepWindow,
      sendCommand,
      runInvestigation,
      finishSession,
      exportSession,
      saveResultFile,
      importResultText,
      navigate,
    ],
  );

  return {
    nav,
    library,
    session,
    ui,
    drawer,
    debrief,
    facilitator,
    cohort,
    dispatch: {
      nav: navDispatch,
      session: sessionDispatch,
      ui: uiDispatch,
      drawer: drawerDispatch,
      facilitator: facilitatorDispatch,
      cohort: cohortDispatch,
    },
    actions,
  };
}

export type AppState = ReturnType<typeof useAppState>;
export type AppActions = AppState['actions'];
