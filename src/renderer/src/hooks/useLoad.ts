// Loading something from the app: loading → ready | error, with reload. Every view shows all three.
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError } from '../lib/messages';

export type Load<T> =
  | { state: 'loading'; data?: T; error?: undefined }
  | { state: 'ready'; data: T; error?: undefined }
  | { state: 'error'; data?: T; error: string };

export function useLoad<T>(fetcher: () => Promise<T>, deps: readonly unknown[]): Load<T> & { reload: () => void } {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const generation = useRef(0);
  // The caller lists what the fetcher depends on (like useEffect's deps).
  const run = useCallback(fetcher, deps);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    setLoad((previous) => ({ state: 'loading', data: previous.data }));
    run().then(
      (data) => mine === generation.current && setLoad({ state: 'ready', data }),
      (error: unknown) => mine === generation.current && setLoad((previous) => ({ state: 'error', data: previous.data, error: plainError(error) })),
    );
  }, [run]);
  useEffect(() => {
    reload();
    return () => {
      generation.current++; // answers that arrive after unmount or a newer request are dropped
    };
  }, [reload]);
  return { ...load, reload };
}
