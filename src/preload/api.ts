// Builds the object exposed as window.api: one named function per invoke channel and one
// subscription function per event — no generic invoke(channel), so the renderer can reach only
// what the contract lists. Imports channel names only (no schema library): main does the validating.
import { eventChannels, invokeChannels, type IpcResult } from '../shared/ipc/channels';

/** The slice of Electron's ipcRenderer the preload needs (lets tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type ApiFunction = (request?: unknown) => Promise<unknown>;
type Unsubscribe = () => void;
type Subscribe = (listener: (payload: unknown) => void) => Unsubscribe;

/**
 * Main answers every invoke with { ok: true, data } or { ok: false, error: { kind, message } };
 * unwrap it into a value or a thrown Error carrying the message (Electron's contextBridge only
 * copies an Error's message to the page, so the kind is not relied on past this point).
 */
function unwrap(channel: string, reply: unknown): unknown {
  const result = reply as IpcResult<unknown> | undefined;
  if (result && result.ok === true) return result.data;
  const message = result && result.ok === false ? result.error.message : `No answer from the app for ${channel}.`;
  const error = new Error(message);
  error.name = 'AppError';
  throw error;
}

export function buildApi(ipc: IpcRendererLike): Record<string, Record<string, ApiFunction | Subscribe>> {
  const api: Record<string, Record<string, ApiFunction | Subscribe>> = {};
  for (const channel of invokeChannels) {
    const [group, method] = channel.split('.');
    api[group] ??= {};
    // Only the first argument is sent: a stray second argument never reaches main.
    api[group][method] = async (request?: unknown) => unwrap(channel, await ipc.invoke(channel, request));
  }
  api.on = {};
  for (const [name, channel] of Object.entries(eventChannels)) {
    api.on[name] = (listener: (payload: unknown) => void) => {
      // The IpcRendererEvent (with its sender) is dropped: the page gets the payload only.
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    };
  }
  return api;
}
