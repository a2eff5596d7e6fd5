import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app/App';
import { getApi } from './transport';
import type { DriftdrillApi } from '../../electron/shared/contract';
import './styles.css';

// The page's CSP forbids eval; without this zod (which checks imported result files) would probe
// for it and log a violation.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

let api: DriftdrillApi;
try {
  api = getApi();
} catch (error) {
  // Without a bridge there is no engine: say so in the window rather than leaving it blank.
  container.textContent = `Driftdrill could not connect to its engine: ${error instanceof Error ? error.message : String(error)}. Reload the window to try again.`;
  throw error;
}

createRoot(container).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
