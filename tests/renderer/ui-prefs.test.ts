import { describe, expect, it } from 'vitest';
import {
  initialUiPrefs,
  loadUiPrefs,
  PRESENTATION_ZOOM,
  saveUiPrefs,
  uiPrefsReducer,
  ZOOM_STEPS,
} from '../../renderer/src/state/ui-prefs';

describe('uiPrefsReducer', () => {
  it('toggles the theme', () => {
    const dark = uiPrefsReducer(initialUiPrefs, { type: 'theme-toggled' });
    expect(dark.theme).toBe('dark');
    expect(uiPrefsReducer(dark, { type: 'theme-toggled' }).theme).toBe('light');
  });

  it('zooms in and out along the steps and stops at the ends', () => {
    let s = initialUiPrefs;
    for (let i = 0; i < 20; i++) s = uiPrefsReducer(s, { type: 'zoom-in' });
    expect(s.zoom).toBe(ZOOM_STEPS[ZOOM_STEPS.length - 1]);
    for (let i = 0; i < 20; i++) s = uiPrefsReducer(s, { type: 'zoom-out' });
    expect(s.zoom).toBe(ZOOM_STEPS[0]);
    expect(uiPrefsReducer(s, { type: 'zoom-reset' }).zoom).toBe(1);
  });

  it('switches presentation zoom on and off', () => {
    const on = uiPrefsReducer(initialUiPrefs, { type: 'presentation-toggled' });
    expect(on.zoom).toBe(PRESENTATION_ZOOM);
    expect(uiPrefsReducer(on, { type: 'presentation-toggled' }).zoom).toBe(1);
  });

  it('switches facilitator mode on and off, off by default', () => {
    expect(initialUiPrefs.facilitator).toBe(false);
    const on = uiPrefsReducer(initialUiPrefs, { type: 'facilitator-toggled' });
    expect(on.facilitator).toBe(true);
    expect(uiPrefsReducer(on, { type: 'facilitator-toggled' }).facilitator).toBe(false);
  });

  it('opens and closes the shortcuts overlay', () => {
    const open = uiPrefsReducer(initialUiPrefs, { type: 'shortcuts-toggled' });
    expect(open.shortcutsOpen).toBe(true);
    expect(uiPrefsReducer(open, { type: 'shortcuts-closed' }).shortcutsOpen).toBe(false);
  });
});

describe('loadUiPrefs / saveUiPrefs', () => {
  it('round-trips theme, zoom and facilitator mode, not the overlay', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    saveUiPrefs(storage, { theme: 'dark', zoom: 1.5, shortcutsOpen: true, facilitator: true });
    expect(loadUiPrefs(storage, false)).toEqual({
      theme: 'dark',
      zoom: 1.5,
      shortcutsOpen: false,
      facilitator: true,
    });
  });

  it('falls back to the system scheme on missing or corrupt data', () => {
    expect(loadUiPrefs(null, true).theme).toBe('dark');
    expect(loadUiPrefs({ getItem: () => '{not json' }, false)).toEqual(initialUiPrefs);
    expect(loadUiPrefs({ getItem: () => '{"zoom": 99}' }, false).zoom).toBe(1);
    // Only a saved `true` turns facilitator mode on: the hidden truth stays hidden by default.
    expect(loadUiPrefs({ getItem: () => '{"facilitator": "yes"}' }, false).facilitator).toBe(false);
  });
});
