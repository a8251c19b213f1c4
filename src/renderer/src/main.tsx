// The renderer entry: the App over window.api (defined by the preload in the app, by the harness
// script in a browser during tests).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiContext, windowApi } from './lib/api';
import './styles.css';
import './decisions.css';
import './layout.css';

const api = windowApi();
const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    {api ? (
      <ApiContext.Provider value={api}>
        <App />
      </ApiContext.Provider>
    ) : (
      <p className="app-message" role="alert">
        This page only works inside iCloud Sync Companion.
      </p>
    )}
  </StrictMode>,
);
