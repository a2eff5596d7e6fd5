import { describe, expect, it } from 'vitest';
import type { CatalogueEntry, FacilitatorTruth } from '../../electron/engine/host/facilitator';
import {
  draftFor,
  facilitatorReducer,
  initialFacilitator,
  type FacilitatorState,
} from '../../renderer/src/state/facilitator';
import { requestFrom, visibleParams } from '../../renderer/src/screens/facilitator/inject-form';
import { initialSession, sessionReducer } from '../../renderer/src/state/session';

const schemaChange: CatalogueEntry = {
  type: 'schema-change',
  label: 'Schema change',
  summary: 'A field arrives changed.',
  params: [
    {
      key: 'change',
      label: 'Change',
      kind: 'choice',
      options: [
        { value: 'unit-change', label: 'unit change' },
        { value: 'rename', label: 'rename' },
      ],
      default: 'unit-change',
    },
    { key: 'field', label: 'Field', kind: 'choice', options: [], default: 'amount' },
    {
      key: 'factor',
      label: 'Multiply values by',
      kind: 'number',
      default: 100,
      showWhen: { key: 'change', values: ['unit-change'] },
    },
    {
      key: 'renameTo',
      label: 'New field name',
      kind: 'text',
      default: '',
      showWhen: { key: 'change', values: ['rename'] },
    },
  ],
};

function truthAt(now: number, injected = 0): FacilitatorTruth {
  return {
    scenarioId: 's',
    title: 'S',
    seed: 1,
    now,
    duration: 86_400_000,
    speed: 0,
    finished: false,
    sources: ['web'],
    faults: Array.from({ length: injected }, (_, i) => ({
      id: `live-${i}`,
      type: 'label-outage' as const,
      label: 'Label pipeline outage',
      description: '',
      at: 0,
      until: null,
      endedAt: null,
      endedBy: null,
      state: 'active' as const,
      intensity: 1,
      shape: 'sudden' as const,
      source: null,
      field: null,
      injected: true,
      injectedAt: 0,
      injectedBy: 'facilitator',
    })),
    catalogue: [schemaChange],
    hints: { costPoints: 2, maxPenalty: 10, penalty: 0, taken: [] },
  };
}

describe('facilitatorReducer', () => {
  it('keeps the team role, also across a new session', () => {
    let s = facilitatorReducer(initialFacilitator, { type: 'role-picked', role: 'scribe' });
    expect(s.role).toBe('scribe');
    s = facilitatorReducer(s, { type: 'truth-loaded', truth: truthAt(5) });
    s = facilitatorReducer(s, { type: 'session-started' });
    expect(s).toEqual({ ...initialFacilitator, role: 'scribe' });
  });

  it('ignores an older truth that arrives after a newer one', () => {
    let s = facilitatorReducer(initialFacilitator, { type: 'truth-loaded', truth: truthAt(60) });
    s = facilitatorReducer(s, { type: 'truth-loaded', truth: truthAt(30) });
    expect(s.truth!.now).toBe(60);
    s = facilitatorReducer(s, { type: 'truth-failed', message: 'gone' });
    expect(s.truthError).toBe('gone');
    s = facilitatorReducer(s, { type: 'truth-loaded', truth: truthAt(90) });
    expect(s.truthError).toBeNull();
  });

  it('fills the form with a family’s defaults and a fresh name', () => {
    const s = facilitatorReducer(initialFacilitator, {
      type: 'family-chosen',
      entry: schemaChange,
      injectedSoFar: 2,
    });
    expect(s.draft).toEqual({
      type: 'schema-change',
      id: 'live-schema-change-3',
      source: '',
      shape: 'sudden',
      rampMinutes: '60',
      startsInMinutes: '0',
      lastsMinutes: '',
      description: '',
      values: { change: 'unit-change', field: 'amount', factor: '100', renameTo: '' },
    });
  });

  it('clears a problem once its input is edited, and renames the form after an injection', () => {
    let s: FacilitatorState = facilitatorReducer(
      { ...initialFacilitator, truth: truthAt(0, 1) },
      { type: 'family-chosen', entry: schemaChange, injectedSoFar: 1 },
    );
    s = facilitatorReducer(s, { type: 'inject-sent' });
    expect(s.inject.status).toBe('sending');
    s = facilitatorReducer(s, {
      type: 'inject-finished',
      result: {
        ok: false,
        problems: [
          { key: 'factor', message: 'enter a number' },
          { key: 'id', message: 'duplicate' },
          { key: null, message: 'general' },
        ],
      },
    });
    expect(s.inject.status).toBe('refused');
    s = facilitatorReducer(s, { type: 'value-edited', key: 'factor', value: '10' });
    expect(s.inject.problems.map((p) => p.key)).toEqual(['id', null]);
    s = facilitatorReducer(s, { type: 'draft-edited', patch: { id: 'mine' } });
    expect(s.inject.problems.map((p) => p.key)).toEqual([null]);
    expect(s.draft!.values.factor).toBe('10');

    s = facilitatorReducer(s, {
      type: 'inject-finished',
      result: { ok: true, message: 'Injected.', faultId: 'mine', at: 0 },
    });
    expect(s.inject).toEqual({ status: 'injected', message: 'Injected.', problems: [] });
    // One live fault known, one just injected: the next is the third.
    expect(s.draft!.id).toBe('live-schema-change-3');
  });

  it('reports a transport failure as a problem of the whole form', () => {
    const s = facilitatorReducer(initialFacilitator, { type: 'inject-failed', message: 'down' });
    expect(s.inject).toEqual({
      status: 'refused',
      message: null,
      problems: [{ key: null, message: 'down' }],
    });
  });
});

describe('the inject form', () => {
  it('shows only the inputs that apply to the choices made', () => {
    const keys = (values: Record<string, string>) =>
      visibleParams(schemaChange, values).map((p) => p.key);
    expect(keys({ change: 'unit-change' })).toEqual(['change', 'field', 'factor']);
    expect(keys({ change: 'rename' })).toEqual(['change', 'field', 'renameTo']);
  });

  it('builds the request: minutes as numbers, empty "lasts" as until the end, hidden inputs left out', () => {
    const draft = { ...draftFor(schemaChange, 0), source: 'web', startsInMinutes: '15' };
    expect(requestFrom(draft, schemaChange)).toEqual({
      ok: true,
      request: {
        type: 'schema-change',
        id: 'live-schema-change-1',
        source: 'web',
        shape: 'sudden',
        rampMinutes: 60,
        startsInMinutes: 15,
        lastsMinutes: null,
        description: '',
        values: { change: 'unit-change', field: 'amount', factor: '100' },
      },
    });
  });

  it('refuses timings it cannot read, naming each input', () => {
    const draft = {
      ...draftFor(schemaChange, 0),
      startsInMinutes: '-5',
      lastsMinutes: '0',
      shape: 'ramp' as const,
      rampMinutes: 'soon',
    };
    expect(requestFrom(draft, schemaChange)).toEqual({
      ok: false,
      problems: [
        { key: 'startsInMinutes', message: 'enter 0 or more minutes' },
        {
          key: 'lastsMinutes',
          message: 'enter more than 0 minutes, or leave it empty to last until the end',
        },
        { key: 'rampMinutes', message: 'enter more than 0 minutes' },
      ],
    });
  });
});

describe('team roles in the activity feed', () => {
  it('records the role that sent a command against its message', () => {
    const command = { type: 'hint' as const };
    let s = sessionReducer(initialSession, { type: 'command-sent', command });
    s = sessionReducer(s, {
      type: 'command-finished',
      command,
      result: { ok: true, message: 'Look at the inputs.' },
      role: 'ml-on-call',
    });
    expect(s.messages[0]).toMatchObject({ command: 'hint', role: 'ml-on-call' });
    s = sessionReducer(s, { type: 'command-failed', command, error: 'gone' });
    expect(s.messages[0]).not.toHaveProperty('role');
  });
});
