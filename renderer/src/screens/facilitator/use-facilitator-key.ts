import { useEffect } from 'react';
import { useLatest } from '../../app/use-latest';
import { isModalOpen, isTyping } from '../../app/Modal';
import type { Screen } from '../../state/navigation';

/**
 * The F key switches between the facilitator view and the console (or the library when no
 * session runs). It does nothing while facilitator mode is off, so a learner cannot stumble
 * on the hidden truth.
 */
export function useFacilitatorKey(
  enabled: boolean,
  screen: Screen,
  hasSession: boolean,
  navigate: (screen: Screen) => void,
): void {
  const state = useLatest({ enabled, screen, hasSession, navigate });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'f' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e) || isModalOpen()) return;
      const s = state.current;
      if (!s.enabled) return;
      e.preventDefault();
      if (s.screen === 'facilitator') s.navigate(s.hasSession ? 'console' : 'library');
      else s.navigate('facilitator');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state]);
}
