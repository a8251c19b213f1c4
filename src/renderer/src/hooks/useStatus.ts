// The status view, kept live: first read with status.get, then every status.changed and
// sync.progress event main pushes (progress alone updates the bar without a full status).
import { useCallback, useEffect, useState } from 'react';
import type { StatusView } from '../../../shared/status';
import { useApi } from '../lib/api';
import { plainError } from '../lib/messages';

export interface LiveStatus {
  status?: StatusView;
  error?: string;
  refresh: () => void;
}

export function useStatus(): LiveStatus {
  const api = useApi();
  const [status, setStatus] = useState<StatusView>();
  const [error, setError] = useState<string>();
  const refresh = useCallback(() => {
    api.status.get().then(
      (next) => {
        setStatus(next);
        setError(undefined);
      },
      (reason: unknown) => setError(plainError(reason)),
    );
  }, [api]);
  useEffect(() => {
    refresh();
    const offStatus = api.on.statusChanged((next) => {
      setStatus(next);
      setError(undefined);
    });
    const offProgress = api.on.syncProgress((progress) =>
      setStatus((current) => (current ? { ...current, running: true, progress } : current)),
    );
    return () => {
      offStatus();
      offProgress();
    };
  }, [api, refresh]);
  return { status, error, refresh };
}
