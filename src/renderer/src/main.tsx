// The renderer entry. The App below is a placeholder that proves the bridge works (it reads the
// status through window.api); the real UI (UI.md) replaces it.
// React Fast Refresh's preamble as a module: the strict CSP (script-src 'self') blocks the inline
// one Vite injects in development. Empty in a production build.
import '@vitejs/plugin-react/preamble';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppApi, StatusView } from '../../shared/ipc/contract';

// The preload exposes `api` on window (src/preload/index.ts); the page sees only this typed surface.
const api = (window as unknown as { api: AppApi }).api;

function App() {
  const [status, setStatus] = useState<StatusView | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api.status.get().then(setStatus, (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
    return api.on.statusChanged(setStatus);
  }, []);
  return (
    <main style={{ fontFamily: '-apple-system, system-ui, sans-serif', padding: 24 }}>
      <h1>iCloud Sync Companion</h1>
      {error && <p role="alert">{error}</p>}
      {status && (
        <p>
          iCloud {status.icloud.connected ? 'connected' : 'not connected'} · the platform{' '}
          {status.platform.connected ? 'connected' : 'not connected'}
          {status.paused ? ' · paused' : ''}
        </p>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
