import { describe, expect, it } from 'vitest';
import {
  allShown,
  initialQuickCheck,
  quickCheckReducer,
} from '../../renderer/src/state/quick-check';

describe('quickCheckReducer', () => {
  it('starts with every answer hidden and toggles one at a time', () => {
    expect(initialQuickCheck.shown).toEqual([]);
    let s = quickCheckReducer(initialQuickCheck, { type: 'answer-toggled', number: 3 });
    s = quickCheckReducer(s, { type: 'answer-toggled', number: 1 });
    expect(s.shown).toEqual([1, 3]);
    s = quickCheckReducer(s, { type: 'answer-toggled', number: 3 });
    expect(s.shown).toEqual([1]);
  });

  it('shows and hides all answers at once', () => {
    let s = quickCheckReducer(initialQuickCheck, { type: 'answer-toggled', number: 4 });
    expect(allShown(s, 10)).toBe(false);
    s = quickCheckReducer(s, { type: 'all-shown', count: 10 });
    expect(s.shown).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(allShown(s, 10)).toBe(true);
    // Hiding one after "show all" leaves the rest open.
    s = quickCheckReducer(s, { type: 'answer-toggled', number: 2 });
    expect(allShown(s, 10)).toBe(false);
    s = quickCheckReducer(s, { type: 'all-hidden' });
    expect(s.shown).toEqual([]);
  });

  it('does not mutate the state it was given', () => {
    const before = { shown: [2] };
    quickCheckReducer(before, { type: 'answer-toggled', number: 5 });
    expect(before.shown).toEqual([2]);
  });

  it('counts no questions as not all shown', () => {
    expect(allShown(initialQuickCheck, 0)).toBe(false);
  });
});
