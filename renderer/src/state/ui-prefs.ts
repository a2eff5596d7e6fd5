import { produce } from 'immer';

export type Theme = 'light' | 'dark';

/** Zoom steps: 1 is the desk view, 1.5 and up read from the back of a room. */
export const ZOOM_STEPS = [0.9, 1, 1.15, 1.3, 1.5, 1.75, 2] as const;
export const PRESENTATION_ZOOM = 1.5;

export interface UiPrefsState {
  theme: Theme;
  zoom: number;
  shortcutsOpen: boolean;
  /** Facilitator mode: the facilitator view, team roles and live fault injection are offered. */
  facilitator: boolean;
}

export type UiPrefsAction =
  | { type: 'theme-toggled' }
  | { type: 'theme-set'; theme: Theme }
  | { type: 'zoom-in' }
  | { type: 'zoom-out' }
  | { type: 'zoom-reset' }
  | { type: 'presentation-toggled' }
  | { type: 'shortcuts-toggled' }
  | { type: 'shortcuts-closed' }
  | { type: 'facilitator-toggled' };

export const initialUiPrefs: UiPrefsState = {
  theme: 'light',
  zoom: 1,
  shortcutsOpen: false,
  facilitator: false,
};

function nearestStep(zoom: number): number {
  let best = 0;
  for (let i = 1; i < ZOOM_STEPS.length; i++) {
    if (Math.abs(ZOOM_STEPS[i] - zoom) < Math.abs(ZOOM_STEPS[best] - zoom)) best = i;
  }
  return best;
}

/** Theme, presentation zoom, the shortcuts overlay and facilitator mode. */
export function uiPrefsReducer(state: UiPrefsState, action: UiPrefsAction): UiPrefsState {
  return produce(state, (draft) => {
    switch (action.type) {
      case 'theme-toggled':
        draft.theme = draft.theme === 'light' ? 'dark' : 'light';
        break;
      case 'theme-set':
        draft.theme = action.theme;
        break;
      case 'zoom-in':
        draft.zoom = ZOOM_STEPS[Math.min(ZOOM_STEPS.length - 1, nearestStep(draft.zoom) + 1)];
        break;
      case 'zoom-out':
        draft.zoom = ZOOM_STEPS[Math.max(0, nearestStep(draft.zoom) - 1)];
        break;
      case 'zoom-reset':
        draft.zoom = 1;
        break;
      case 'presentation-toggled':
        draft.zoom = draft.zoom >= PRESENTATION_ZOOM ? 1 : PRESENTATION_ZOOM;
        break;
      case 'shortcuts-toggled':
        draft.shortcutsOpen = !draft.shortcutsOpen;
        break;
      case 'shortcuts-closed':
        draft.shortcutsOpen = false;
        break;
      case 'facilitator-toggled':
        draft.facilitator = !draft.facilitator;
        break;
    }
  });
}

const STORAGE_KEY = 'driftdrill.ui-prefs';

/** Reads saved prefs, falling back to the system colour scheme; never throws. */
export function loadUiPrefs(
  storage: Pick<Storage, 'getItem'> | null,
  prefersDark: boolean,
): UiPrefsState {
  const base: UiPrefsState = { ...initialUiPrefs, theme: prefersDark ? 'dark' : 'light' };
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return base;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return base;
    const p = parsed as Partial<UiPrefsState>;
    return {
      ...base,
      theme: p.theme === 'dark' || p.theme === 'light' ? p.theme : base.theme,
      zoom: typeof p.zoom === 'number' && p.zoom >= 0.5 && p.zoom <= 3 ? p.zoom : base.zoom,
      facilitator: p.facilitator === true,
    };
  } catch {
    return base;
  }
}

/** Saves theme, zoom and facilitator mode (not transient overlay state). */
export function saveUiPrefs(storage: Pick<Storage, 'setItem'> | null, prefs: UiPrefsState): void {
  try {
    storage?.setItem(
      STORAGE_KEY,
      JSON.stringify({ theme: prefs.theme, zoom: prefs.zoom, facilitator: prefs.facilitator }),
    );
  } catch {
    // Storage can be full or disabled; prefs are a convenience, not data.
  }
}
