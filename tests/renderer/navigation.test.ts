import { describe, expect, it } from 'vitest';
import { initialNavigation, navigationReducer } from '../../renderer/src/state/navigation';
import type { BriefingView } from '../../electron/shared/contract';

const briefing = { key: 'built-in:x', id: 'x', title: 'X' } as BriefingView;

describe('navigationReducer', () => {
  it('starts on the library', () => {
    expect(initialNavigation.screen).toBe('library');
  });

  it('opens the briefing when it loads and clears the busy label', () => {
    const busy = navigationReducer(initialNavigation, { type: 'busy', label: 'Loading' });
    const s = navigationReducer(busy, { type: 'briefing-loaded', briefing });
    expect(s.screen).toBe('briefing');
    expect(s.scenarioKey).toBe('built-in:x');
    expect(s.busy).toBeNull();
  });

  it('records a failure and drops it when the learner moves on', () => {
    const failed = navigationReducer(initialNavigation, {
      type: 'failed',
      failure: { what: 'Starting', message: 'boom', detail: 'stack' },
    });
    expect(failed.failure?.message).toBe('boom');
    expect(navigationReducer(failed, { type: 'navigated', screen: 'progress' }).failure).toBeNull();
    expect(navigationReducer(failed, { type: 'failure-dismissed' }).failure).toBeNull();
  });

  it('keeps the detail of an earlier failure when a second one arrives', () => {
    let s = navigationReducer(initialNavigation, {
      type: 'failed',
      failure: { what: 'The simulation engine', message: 'x is undefined', detail: 'engine stack' },
    });
    s = navigationReducer(s, {
      type: 'failed',
      failure: {
        what: 'Stepping one window',
        message: 'The engine failed while stepping',
        detail: 'page stack',
      },
    });
    expect(s.failure?.what).toBe('Stepping one window');
    expect(s.failure?.detail).toMatch(
      /page stack[\s\S]*The simulation engine failed: x is undefined[\s\S]*engine stack/,
    );
  });

  it('does not mutate the previous state', () => {
    const before = structuredClone(initialNavigation);
    navigationReducer(initialNavigation, { type: 'navigated', screen: 'console' });
    expect(initialNavigation).toEqual(before);
  });
});
