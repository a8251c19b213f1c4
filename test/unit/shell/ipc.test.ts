// registerHandlers: sender check, payload validation, response re-validation, error normalisation.
// Uses a fake ipcMain (the helper takes it as a parameter), so no Electron mock is needed.
import { describe, expect, it, vi } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { registerHandlers, type InvokeEventLike } from '../../../src/main/shell/ipc';
import { invokeChannels } from '../../../src/shared/ipc/channels';
import type { ContractHandlers } from '../../../src/shared/ipc/contract';
import { defaultSettings } from '../../../src/shared/settings';
import type { StatusView } from '../../../src/shared/status';

const ourPage = 'file:///app/out/renderer/index.html';
const trusted = { senderFrame: { url: `${ourPage}#/status`, parent: null } };

const status: StatusView = {
  icloud: { connected: false, health: 'unknown', busySources: [] },
  platform: { connected: false, health: 'unknown', calendars: [] },
  running: false,
  paused: false,
  counts: { pairs: 0, conflicts: 0, attention: 0 },
};

/** Every channel answers something valid; tests override the ones they exercise. */
function makeHandlers(overrides: Partial<ContractHandlers> = {}): ContractHandlers {
  const ok = async () => ({ ok: true as const });
  return {
    'status.get': async () => status,
    'settings.get': async () => defaultSettings,
    'settings.set': async (change) => ({ ...defaultSettings, [change.key]: change.value }),
    'calendars.list': async () => [],
    'links.set': ok,
    'accounts.connectIcloud': async () => ({ ok: true, calendars: [] }),
    'accounts.connectPlatform': async () => ({ status: 'connected' }),
    'accounts.disconnect': ok,
    'locations.removalPreview': async () => ({ name: 'Hopper Clinic', releasedElsewhere: [], last: false }),
    'locations.remove': ok,
    'sync.now': async () => ({ started: true, coalesced: false }),
    'copies.preview': async () => ({
      id: 'preview', trigger: 'manual', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', outcome: 'ok',
      counts: { icloud: { created: 0, updated: 0, deleted: 0 }, platform: { created: 0, updated: 0, deleted: 0 }, skipped: 0, conflicts: 0, errors: 0 },
      requests: { icloud: 0, platform: 0 }, items: [], dryRun: true,
    }),
    'sync.preview': async () => ({
      id: 'preview', trigger: 'manual', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', outcome: 'ok',
      counts: { icloud: { created: 0, updated: 0, deleted: 0 }, platform: { created: 0, updated: 0, deleted: 0 }, skipped: 0, conflicts: 0, errors: 0 },
      requests: { icloud: 0, platform: 0 }, items: [], dryRun: true,
    }),
    'sync.pause': async () => ({ paused: true }),
    'sync.resume': async () => ({ paused: false }),
    'history.list': async () => ({ total: 0, runs: [] }),
    'history.export': async () => ({ filename: 'history.json', content: '[]' }),
    'conflicts.list': async () => [],
    'conflicts.resolve': async ({ ids }) => ({ resolved: ids.length }),
    'attention.list': async () => [],
    'guard.decide': async () => ({ ok: true, kept: 0 }),
    'unfollowed.list': async () => [],
    'unfollowed.follow': ok,
    'run.undoPreview': async () => ({ icloud: 0, platform: 0, refused: 0 }),
    'run.undo': async () => ({
      id: 'undo', trigger: 'undo', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', outcome: 'ok',
      counts: { icloud: { created: 0, updated: 0, deleted: 0 }, platform: { created: 0, updated: 0, deleted: 0 }, skipped: 0, conflicts: 0, errors: 0 },
      requests: { icloud: 0, platform: 0 }, items: [], undoable: false, undoes: 'run-1',
    }),
    'attention.restore': ok,
    'attention.describe': async ({ id }) => ({ id, title: 'Haircut', start: '2026-01-01T10:00:00Z', end: '2026-01-01T11:00:00Z', customerName: 'Ada Lovelace' }),
    'attention.cancel': ok,
    'app.openExternal': ok,
    'doctor.run': async () => ({ checks: [] }),
    'diagnostics.save': async () => ({ saved: false }),
    ...overrides,
  };
}

function setup(overrides: Partial<ContractHandlers> = {}) {
  const listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain = {
    handle: (channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>) => void listeners.set(channel, listener),
    removeHandler: (channel: string) => void listeners.delete(channel),
  };
  const log = vi.fn();
  const handlers = makeHandlers(overrides);
  const unregister = registerHandlers(ipcMain, handlers, { isTrustedSender: (url) => url.startsWith(ourPage), log });
  const invoke = (channel: string, payload?: unknown, event: InvokeEventLike = trusted) => listeners.get(channel)!(event, payload);
  return { listeners, invoke, log, unregister };
}

describe('registerHandlers', () => {
  it('registers exactly one handler per channel, and removes them all', () => {
    const { listeners, unregister } = setup();
    expect([...listeners.keys()].sort()).toEqual([...invokeChannels].sort());
    unregister();
    expect(listeners.size).toBe(0);
  });

  it('answers a valid request with { ok: true, data }', async () => {
    const { invoke } = setup();
    expect(await invoke('conflicts.resolve', { ids: ['a', 'b'], keep: 'icloud' })).toEqual({ ok: true, data: { resolved: 2 } });
    expect(await invoke('status.get')).toEqual({ ok: true, data: status });
  });

  it('applies request defaults before the handler sees the request', async () => {
    const list = vi.fn(async () => ({ total: 0, runs: [] }));
    const { invoke } = setup({ 'history.list': list });
    await invoke('history.list', { outcome: 'failed' });
    expect(list).toHaveBeenCalledWith({ limit: 50, offset: 0, outcome: 'failed' });
  });
});

describe('malformed payloads get a clean validation error naming the field', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['history.list', { limit: 5000 }, /limit: Too big/],
    ['history.list', { limit: 10, offset: -1 }, /offset: Too small/],
    ['history.list', { limit: 10, direction: 'sideways' }, /direction: /],
    ['history.list', { limit: 'ten' }, /limit: Invalid input: expected number/],
    ['settings.set', { key: 'interval', value: 'banana' }, /value: Invalid input: expected number/],
    ['settings.set', { key: 'interval', value: 0 }, /value: Too small/],
    ['settings.set', { key: 'colour', value: 'red' }, /key: Invalid discriminator value/],
    ['accounts.connectIcloud', { appleId: 'a@b.c' }, /password: Invalid input/],
    ['accounts.connectIcloud', { appleId: 'a@b.c', password: 'x', caldavUrl: 'ftp://x' }, /caldavUrl: /],
    ['accounts.disconnect', { side: 'both' }, /side: /],
    ['accounts.disconnect', { side: 'platform', removeCopies: true }, /side: /],
    ['locations.remove', { locationId: 'loc-1' }, /removeCopies: Invalid input/],
    ['locations.remove', { locationId: 42, removeCopies: false }, /locationId: Invalid input/],
    ['locations.remove', { locationId: 'loc-1', removeCopies: true, everything: true }, /request: Unrecognized key: "everything"/],
    ['locations.removalPreview', { locationId: '', removeCopies: false }, /locationId: Too small/],
    ['conflicts.resolve', { ids: [], keep: 'icloud' }, /ids: Too small/],
    ['attention.restore', {}, /id: Invalid input/],
    ['links.set', { icloud: 'x', busy: [], platformCalendars: [], extra: 1 }, /request: Unrecognized key: "extra"/],
    ['app.openExternal', { url: 'https://evil.example/' }, /url: must be an https:\/\/account\.apple\.com/],
    ['status.get', { sneaky: true }, /request: Invalid input: expected undefined/],
  ];
  it.each(cases)('%s %j', async (channel, payload, message) => {
    const handler = vi.fn();
    const { invoke } = setup({ [channel]: handler } as Partial<ContractHandlers>);
    const reply = (await invoke(channel, payload)) as { ok: false; error: { kind: string; message: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error.kind).toBe('invalid');
    expect(reply.error.message).toMatch(new RegExp(`^Invalid request to ${channel.replace('.', '\\.')}: `));
    expect(reply.error.message).toMatch(message);
    expect(reply.error.message).not.toMatch(/\n|at .*\.ts/);
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('the sender check', () => {
  const refused: Array<[string, InvokeEventLike]> = [
    ['another web page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['another local file', { senderFrame: { url: 'file:///tmp/evil.html', parent: null } }],
    ['a subframe of our page', { senderFrame: { url: ourPage, parent: { url: ourPage } } }],
    ['a destroyed frame', { senderFrame: null }],
  ];
  it.each(refused)('refuses %s without calling the handler', async (_name, event) => {
    const handler = vi.fn(async () => ({ started: true, coalesced: false }));
    const { invoke, log } = setup({ 'sync.now': handler });
    const reply = await invoke('sync.now', undefined, event);
    expect(reply).toEqual({ ok: false, error: { kind: 'forbidden', message: 'This request did not come from the app window.' } });
    expect(handler).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('refused'));
  });

  it('checks the sender before the payload (an untrusted page learns nothing about the schema)', async () => {
    const { invoke } = setup();
    const reply = (await invoke('history.list', { limit: 'x' }, { senderFrame: { url: 'https://evil.example/', parent: null } })) as { error: { kind: string } };
    expect(reply.error.kind).toBe('forbidden');
  });
});

describe('responses', () => {
  it('strips what the contract does not list, so a secret added by mistake never reaches the page', async () => {
    const { invoke } = setup({
      'accounts.connectIcloud': async () => ({ ok: true, calendars: [], password: 'hunter2' }) as never,
    });
    const reply = await invoke('accounts.connectIcloud', { appleId: 'a@b.c', password: 'hunter2' });
    expect(reply).toEqual({ ok: true, data: { ok: true, calendars: [] } });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
  });

  it('turns an off-contract response into an internal error without its values', async () => {
    const { invoke, log } = setup({ 'sync.now': async () => ({ started: 'yes', token: 'secret-token' }) as never });
    const reply = await invoke('sync.now');
    expect(reply).toEqual({ ok: false, error: { kind: 'internal', message: 'The app could not answer this request (sync.now).' } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('started'));
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret-token');
  });
});

describe('errors are normalised to { kind, message }, never a stack', () => {
  it('keeps the kind and message of a SyncError', async () => {
    const { invoke } = setup({
      'accounts.connectIcloud': async () => {
        throw new SyncError('auth', 'Your iCloud password was rejected.');
      },
    });
    expect(await invoke('accounts.connectIcloud', { appleId: 'a@b.c', password: 'x' })).toEqual({
      ok: false,
      error: { kind: 'auth', message: 'Your iCloud password was rejected.' },
    });
  });

  it('classifies a network failure', async () => {
    const { invoke } = setup({
      'calendars.list': async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      },
    });
    const reply = (await invoke('calendars.list')) as { error: { kind: string } };
    expect(reply.error.kind).toBe('network');
  });

  it('reports an unexpected error as internal with its first line only, and logs the stack', async () => {
    const { invoke, log } = setup({
      'history.export': async () => {
        throw new Error('Cannot read properties of undefined (reading "x")\n    at exportHistory (/app/src/main/history.ts:10:5)');
      },
    });
    const reply = (await invoke('history.export', { format: 'csv' })) as { ok: false; error: { kind: string; message: string } };
    expect(reply.error).toEqual({ kind: 'internal', message: 'Cannot read properties of undefined (reading "x")' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('history.export failed'));
  });

  it('survives a thrown non-Error', async () => {
    const { invoke } = setup({
      'sync.pause': async () => {
        throw 'plain string';
      },
    });
    expect(await invoke('sync.pause')).toEqual({ ok: false, error: { kind: 'internal', message: 'plain string' } });
  });
});
