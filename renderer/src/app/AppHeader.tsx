import type { Screen } from '../state/navigation';
import type { Theme } from '../state/ui-prefs';

interface AppHeaderProps {
  screen: Screen;
  hasSession: boolean;
  theme: Theme;
  zoom: number;
  /** Facilitator mode: offers the facilitator view in the navigation. */
  facilitator: boolean;
  onNavigate: (screen: Screen) => void;
  onToggleFacilitator: () => void;
  onToggleTheme: () => void;
  onTogglePresentation: () => void;
  onShowShortcuts: () => void;
}

const NAV: { screen: Screen; label: string; needsSession?: boolean }[] = [
  { screen: 'library', label: 'Library' },
  { screen: 'console', label: 'Console', needsSession: true },
  { screen: 'progress', label: 'Progress' },
  { screen: 'cohort', label: 'Cohort' },
];

/** Offered only in facilitator mode. */
const FACILITATOR_NAV = { screen: 'facilitator', label: 'Facilitator' } as const;

/** The top bar: where you are, where you can go, and the view settings. */
export function AppHeader(props: AppHeaderProps) {
  return (
    <header className="app-header">
      <span className="brand" aria-label="Driftdrill">
        <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
          <path
            d="M2 15 Q6 6 10 12 T20 7"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.4"
            strokeLinecap="round"
          />
        </svg>
        Driftdrill
      </span>
      <nav aria-label="Screens">
        <ul>
          {[
            ...NAV.filter((n) => !n.needsSession || props.hasSession),
            ...(props.facilitator ? [FACILITATOR_NAV] : []),
          ].map((n) => (
            <li key={n.screen}>
              <button
                type="button"
                className="nav-link"
                aria-current={props.screen === n.screen ? 'page' : undefined}
                onClick={() => props.onNavigate(n.screen)}
              >
                {n.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-tools">
        <button
          type="button"
          onClick={props.onToggleFacilitator}
          aria-pressed={props.facilitator}
          title="Hidden truth, live fault injection, hints and team roles for workshops"
        >
          Facilitator mode
        </button>
        <button type="button" onClick={props.onToggleTheme} aria-pressed={props.theme === 'dark'}>
          Dark theme
        </button>
        <button
          type="button"
          onClick={props.onTogglePresentation}
          aria-pressed={props.zoom >= 1.5}
          title="Ctrl/⌘ + and − zoom in steps"
        >
          Presentation {Math.round(props.zoom * 100)}%
        </button>
        <button type="button" onClick={props.onShowShortcuts} aria-keyshortcuts="?">
          Shortcuts <kbd>?</kbd>
        </button>
      </div>
    </header>
  );
}
