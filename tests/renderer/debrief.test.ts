import { describe, expect, it } from 'vitest';
import { debriefReducer, initialDebrief } from '../../renderer/src/state/debrief';

describe('debriefReducer', () => {
  it('goes from loading to ready, keeping the raw answer for the JSON export', () => {
    const raw = { format: 'driftdrill-debrief' };
    let s = debriefReducer(initialDebrief, { type: 'loading' });
    expect(s.status).toBe('loading');
    s = debriefReducer(s, {
      type: 'loaded',
      raw,
      view: { ok: false, error: 'Scoring is not available.' },
    });
    expect(s).toMatchObject({ status: 'ready', error: 'Scoring is not available.' });
    expect(s.raw).toBe(raw);
  });

  it('records a failure and resets', () => {
    const s = debriefReducer(initialDebrief, { type: 'failed', message: 'worker stopped' });
    expect(s).toMatchObject({ status: 'failed', error: 'worker stopped' });
    expect(debriefReducer(s, { type: 'reset' })).toEqual(initialDebrief);
  });
});
