// The renderer's only way to the app: the typed `window.api` the preload (or the browser harness)
// defines. Views get it from a React context, so component tests can pass a fake one.
import { createContext, useContext } from 'react';
import type { AppApi } from '../../../shared/ipc/contract';

export type { AppApi };

export const ApiContext = createContext<AppApi | undefined>(undefined);

export function useApi(): AppApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}

/** window.api as the preload exposes it; undefined when the page runs without a bridge. */
export function windowApi(): AppApi | undefined {
  return (window as unknown as { api?: AppApi }).api;
}
