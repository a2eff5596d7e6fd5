import { describe, expect, it } from 'vitest';
import {
  drawerReducer,
  initialDrawer,
  MAX_RESULTS,
  selectedResult,
} from '../../renderer/src/state/drawer';

const result = (message: string) => ({
  tool: 'distribution' as const,
  params: { field: 'amount', source: 'partner-api' },
  at: 0,
  ok: true,
  message,
  data: null,
});

describe('drawerReducer', () => {
  it('opens on a tool with parameters and closes', () => {
    const s = drawerReducer(initialDrawer, {
      type: 'opened',
      tool: 'traces',
      params: { source: 'web' },
    });
    expect(s).toMatchObject({ open: true, tool: 'traces', params: { field: '', source: 'web' } });
    expect(drawerReducer(s, { type: 'closed' }).open).toBe(false);
  });

  it('shows the newest result after a run and lets the learner flip back', () => {
    let s = drawerReducer(initialDrawer, { type: 'run-started' });
    expect(s.running).toBe(true);
    s = drawerReducer(s, { type: 'run-finished', result: result('first') });
    s = drawerReducer(s, { type: 'run-finished', result: result('second') });
    expect(s.running).toBe(false);
    expect(selectedResult(s)?.message).toBe('second');
    s = drawerReducer(s, { type: 'result-selected', id: 0 });
    expect(selectedResult(s)?.message).toBe('first');
    // Unknown ids are ignored rather than showing nothing.
    expect(selectedResult(drawerReducer(s, { type: 'result-selected', id: 99 }))?.message).toBe(
      'first',
    );
  });

  it('keeps a bounded number of results', () => {
    let s = initialDrawer;
    for (let i = 0; i < MAX_RESULTS + 5; i++)
      s = drawerReducer(s, { type: 'run-finished', result: result(String(i)) });
    expect(s.results).toHaveLength(MAX_RESULTS);
    expect(s.results[0].message).toBe(String(MAX_RESULTS + 4));
  });

  it('resets', () => {
    const s = drawerReducer(initialDrawer, { type: 'opened' });
    expect(drawerReducer(s, { type: 'reset' })).toEqual(initialDrawer);
  });
});
