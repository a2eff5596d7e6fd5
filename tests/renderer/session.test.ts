import { describe, expect, it } from 'vitest';
import {
  initialSession,
  isInFlight,
  MAX_MESSAGES,
  sessionReducer,
} from '../../renderer/src/state/session';
import type { SessionSnapshot } from '../../electron/engine/host/session-snapshot';

function snap(now: number, extra: Partial<SessionSnapshot> = {}): SessionSnapshot {
  // Only the fields the reducer reads matter here.
  return { scenarioId: 's', seed: 1, now, speed: 0, finished: false, ...extra } as SessionSnapshot;
}

describe('sessionReducer', () => {
  it('starts fresh on a new session', () => {
    const dirty = sessionReducer(initialSession, {
      type: 'note-edited',
      patch: { assumption: 'x' },
    });
    const s = sessionReducer(dirty, { type: 'started', key: 'k', snapshot: snap(0) });
    expect(s.note.assumption).toBe('');
    expect(s.phase).toBe('running');
    expect(s.key).toBe('k');
  });

  it('ignores a snapshot older than the one it has', () => {
    let s = sessionReducer(initialSession, { type: 'started', key: 'k', snapshot: snap(1000) });
    s = sessionReducer(s, { type: 'snapshot', snapshot: snap(5000) });
    s = sessionReducer(s, { type: 'snapshot', snapshot: snap(3000) });
    expect(s.snapshot?.now).toBe(5000);
    // A different run (another seed) replaces it whatever its clock says.
    s = sessionReducer(s, { type: 'snapshot', snapshot: snap(0, { seed: 2 }) });
    expect(s.snapshot?.seed).toBe(2);
  });

  it('remembers the speed to resume at', () => {
    let s = sessionReducer(initialSession, { type: 'started', key: 'k', snapshot: snap(0) });
    s = sessionReducer(s, { type: 'speed-requested', speed: 60 });
    s = sessionReducer(s, { type: 'speed-requested', speed: 0 });
    expect(s.resumeSpeed).toBe(60);
    expect(s.snapshot?.speed).toBe(0);
  });

  it('tracks commands in flight and reports their outcome', () => {
    const command = { type: 'diagnose' as const, rootCause: 'schema-change' };
    let s = sessionReducer(initialSession, { type: 'command-sent', command });
    expect(isInFlight(s, 'diagnose')).toBe(true);
    s = sessionReducer(s, {
      type: 'command-finished',
      command,
      result: { ok: true, message: 'Diagnosis recorded.' },
    });
    expect(isInFlight(s, 'diagnose')).toBe(false);
    expect(s.diagnosis).toBe('schema-change');
    expect(s.messages[0]).toMatchObject({
      ok: true,
      text: 'Diagnosis recorded.',
      command: 'diagnose',
    });
  });

  it('shows an engine refusal as a failed message', () => {
    const command = { type: 'promote' as const };
    let s = sessionReducer(initialSession, { type: 'command-sent', command });
    s = sessionReducer(s, {
      type: 'command-finished',
      command,
      result: { ok: false, error: 'No release is in progress.' },
    });
    expect(s.messages[0]).toMatchObject({ ok: false, text: 'No release is in progress.' });
    s = sessionReducer(s, { type: 'command-failed', command, error: 'worker gone' });
    expect(s.messages[0].text).toBe('worker gone');
  });

  it('keeps a bounded message feed', () => {
    const command = { type: 'hint' as const };
    let s = initialSession;
    for (let i = 0; i < MAX_MESSAGES + 10; i++) {
      s = sessionReducer(s, {
        type: 'command-finished',
        command,
        result: { ok: true, message: String(i) },
      });
    }
    expect(s.messages).toHaveLength(MAX_MESSAGES);
  });

  it('edits the note and marks it unsaved until a note command succeeds', () => {
    let s = sessionReducer(initialSession, {
      type: 'note-edited',
      patch: { evidence: 'drift', costsMeasured: true },
    });
    s = sessionReducer(s, { type: 'evidence-toggled', seq: 4 });
    s = sessionReducer(s, { type: 'evidence-toggled', seq: 1 });
    expect(s.note.evidenceLinks).toEqual([1, 4]);
    s = sessionReducer(s, { type: 'evidence-toggled', seq: 4 });
    expect(s.note.evidenceLinks).toEqual([1]);
    expect(s.noteSaved).toBe(false);
    const command = { type: 'note' as const, ...s.note };
    s = sessionReducer(s, {
      type: 'command-finished',
      command,
      result: { ok: true, message: 'Decision note saved.' },
    });
    expect(s.noteSaved).toBe(true);
    expect(s.note.costsMeasured).toBe(true);
  });

  it('moves through resolving to ended and closes', () => {
    let s = sessionReducer(initialSession, { type: 'resolving' });
    expect(s.phase).toBe('resolving');
    s = sessionReducer(s, { type: 'ended' });
    expect(s.phase).toBe('ended');
    expect(sessionReducer(s, { type: 'closed' })).toEqual(initialSession);
  });
});
