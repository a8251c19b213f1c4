// The preload: runs in the sandboxed renderer before the page and exposes window.api, nothing else.
// Built as CommonJS with everything bundled (electron.vite.config.ts): a sandboxed preload can only
// require 'electron' and a few built-ins.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './api';

contextBridge.exposeInMainWorld('api', buildApi(ipcRenderer));
