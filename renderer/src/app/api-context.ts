import { createContext, useContext } from 'react';
import type { DriftdrillApi } from '../../../electron/shared/contract';

/** The bridge to the engine host; provided once at the root so screens never import transport. */
export const ApiContext = createContext<DriftdrillApi | null>(null);

/** Returns the bridge; throws if a component renders outside the provider (a wiring bug). */
export function useApi(): DriftdrillApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('The engine bridge is missing: render screens inside <ApiContext>.');
  return api;
}
