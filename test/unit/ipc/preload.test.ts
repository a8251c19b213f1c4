// The preload's exposed surface: one named function per contract channel, one subscription per
// event, nothing else (no generic invoke). Electron is mocked: we capture what is exposed.
import type { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventChannels, invokeChannels } from '../../../src/shared/ipc/channels';
import { contract } from '../../../src/shared/ipc/contract';

const bridge = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, data: null }));
  return { exposed, invoke, ipcRenderer: undefined as unknown as EventEmitter };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcRenderer = Object.assign(new Emitter(), { invoke: bridge.invoke });
  bridge.ipcRenderer = ipcRenderer;
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
    ipcRenderer,
  };
});

type Api = Record<string, Record<string, (...args: unknown[]) => unknown>>;
let api: Api;
let ipcRenderer: EventEmitter;

beforeAll(async () => {
  await import('../../../src/preload/index');
  api = bridge.exposed.get('api') as Api;
  ipcRenderer = bridge.ipcRenderer;
});

function functionPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'function') return [prefix];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => functionPaths(inner, prefix ? `${prefix}.${key}` : key));
  }
  return [`${prefix} (not a function)`];
}

describe('window.api', () => {
  it('is the only thing exposed, under the key "api"', () => {
    expect([...bridge.exposed.keys()]).toEqual(['api']);
  });

  it('exposes exactly the contract: one function per channel and per event', () => {
    const surface = functionPaths(api).sort();
    expect(surface).toMatchInlineSnapshot(`
      [
        "accounts.connectIcloud",
        "accounts.connectPlatform",
        "accounts.disconnect",
        "app.openExternal",
        "attention.cancel",
        "attention.describe",
        "attention.list",
        "attention.restore",
        "calendars.list",
        "conflicts.list",
        "conflicts.resolve",
        "copies.preview",
        "diagnostics.save",
        "doctor.run",
        "guard.decide",
        "history.export",
        "history.list",
        "links.set",
        "locations.removalPreview",
        "locations.remove",
        "on.statusChanged",
        "on.syncProgress",
        "run.undo",
        "run.undoPreview",
        "settings.get",
        "settings.set",
        "status.get",
        "sync.now",
        "sync.pause",
        "sync.preview",
        "sync.resume",
        "unfollowed.follow",
        "unfollowed.list",
      ]
    `);
    const expected = [...Object.keys(contract), ...Object.keys(eventChannels).map((name) => `on.${name}`)].sort();
    expect(surface).toEqual(expected);
    expect([...invokeChannels].sort()).toEqual(Object.keys(contract).sort());
  });

  it('each function invokes its own channel with the request only', async () => {
    bridge.invoke.mockClear();
    await api.history.list({ limit: 5 }, 'stray second argument');
    expect(bridge.invoke).toHaveBeenCalledWith('history.list', { limit: 5 });
    await api.status.get();
    expect(bridge.invoke).toHaveBeenLastCalledWith('status.get', undefined);
  });

  it('unwraps { ok: true, data } into the value', async () => {
    bridge.invoke.mockResolvedValueOnce({ ok: true, data: { started: true, coalesced: false } });
    await expect(api.sync.now()).resolves.toEqual({ started: true, coalesced: false });
  });

  it('throws an Error with the message of { ok: false, error }', async () => {
    bridge.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'invalid', message: 'Invalid request to history.list: limit: Too big' } });
    await expect(api.history.list({ limit: 5000 })).rejects.toThrow('Invalid request to history.list: limit: Too big');
  });

  it('throws on a reply that is neither shape', async () => {
    bridge.invoke.mockResolvedValueOnce(undefined);
    await expect(api.settings.get()).rejects.toThrow('No answer from the app for settings.get.');
  });

  it('events deliver the payload only (not the IPC event) and unsubscribe', () => {
    const received: unknown[] = [];
    const unsubscribe = api.on.statusChanged((payload: unknown) => received.push(payload)) as () => void;
    const sender = { sender: 'the IpcRendererEvent must not reach the page' };
    ipcRenderer.emit('status.changed', sender, { running: true });
    ipcRenderer.emit('sync.progress', sender, { done: 1, total: 2 });
    unsubscribe();
    ipcRenderer.emit('status.changed', sender, { running: false });
    expect(received).toEqual([{ running: true }]);
    expect(ipcRenderer.listenerCount('status.changed')).toBe(0);
  });
});
