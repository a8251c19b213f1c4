// Quit waits for the current store write: startShell's stop() lets work started from the tray or the
// window finish, then awaits services.shell.stop() (which waits for the running cycle); index.ts
// holds the quit until that is done. Launch at login is applied from the saved setting at start.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../../src/shared/ipc/channels';
import { defaultSettings, type Settings } from '../../../src/shared/settings';
import type { ServiceHandlers } from '../../../src/main/shell/shell-handlers';
import type { ShellServices } from '../../../src/main/shell/shell-services';
import { fake, FakeTray } from './fake-electron';
import { connectedStatus } from './status-fixtures';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { startShell } = await import('../../../src/main/shell/app');

const paths = { preloadPath: '/app/out/preload/index.cjs', rendererFile: '/app/out/renderer/index.html', resourcesDir: '/app/resources' };
const ourFrame = { senderFrame: { url: 'file:///app/out/renderer/index.html#/conflicts', parent: null } };
const noUpdates = { configured: false, checkNow: async () => undefined, checkInBackground: async () => undefined };

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function services(settings: Partial<Settings> = {}) {
  const events: string[] = [];
  const shell: ShellServices = {
    status: vi.fn(async () => connectedStatus()),
    syncNow: vi.fn(async () => ({ started: true, coalesced: false })),
    pause: vi.fn(async () => undefined),
    resume: vi.fn(async () => undefined),
    onStatusChanged: vi.fn(() => () => undefined),
    getSettings: vi.fn(async () => ({ ...defaultSettings, ...settings })),
    setSetting: vi.fn(async () => ({ ...defaultSettings, ...settings })),
    start: vi.fn(async () => undefined),
    stop: vi.fn(async () => void events.push('services stopped')),
  };
  const handlers = Object.fromEntries(invokeChannels.filter((c) => c !== 'app.openExternal').map((c) => [c, vi.fn(async () => ({ ok: true }))])) as unknown as ServiceHandlers;
  return { services: { handlers, shell }, events };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => fake.reset());

describe('stop() before quitting', () => {
  it('waits for a settings write started from the tray before stopping the services', async () => {
    const { services: s, events } = services();
    const write = deferred<Settings>();
    s.shell.setSetting = vi.fn(() => write.promise.then((saved) => (events.push('setting written'), saved))) as ShellServices['setSetting'];
    const running = await startShell({ services: s, paths, updater: noUpdates, log: vi.fn() });
    FakeTray.instances[0].menu!.template.find((i) => i.id === 'launch-at-login')!.click();
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    expect(s.shell.stop).not.toHaveBeenCalled();
    write.resolve({ ...defaultSettings, launchAtLogin: true });
    await stopping;
    expect(events).toEqual(['setting written', 'services stopped']);
  });

  it('waits for a conflict decision the window started (an IPC handler still running)', async () => {
    const { services: s, events } = services();
    const decision = deferred<{ resolved: number }>();
    (s.handlers as Record<string, unknown>)['conflicts.resolve'] = vi.fn(() => decision.promise.then((r) => (events.push('decision saved'), r)));
    const running = await startShell({ services: s, paths, updater: noUpdates, log: vi.fn() });
    const answer = fake.ipcMain.handlers.get('conflicts.resolve')!(ourFrame, { ids: ['p1'], keep: 'icloud' });
    await flush();
    const stopping = running.stop();
    await flush();
    expect(s.shell.stop).not.toHaveBeenCalled();
    decision.resolve({ resolved: 1 });
    await stopping;
    expect(events).toEqual(['decision saved', 'services stopped']);
    await expect(answer).resolves.toEqual({ ok: true, data: { resolved: 1 } });
  });

  it('a failed write does not block quitting', async () => {
    const { services: s } = services();
    s.shell.pause = vi.fn(async () => {
      throw new Error('disk full');
    });
    const running = await startShell({ services: s, paths, updater: noUpdates, log: vi.fn() });
    FakeTray.instances[0].menu!.template.find((i) => i.id === 'pause')!.click();
    await running.stop();
    expect(s.shell.stop).toHaveBeenCalledOnce();
  });

  it('resolves only after services.shell.stop() (the running cycle) has finished', async () => {
    const { services: s } = services();
    const cycle = deferred();
    s.shell.stop = vi.fn(() => cycle.promise);
    const running = await startShell({ services: s, paths, updater: noUpdates, log: vi.fn() });
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    cycle.resolve();
    await stopping;
    expect(stopped).toBe(true);
  });
});

describe('launch at login', () => {
  it('a packaged app registers the saved setting with the OS at start', async () => {
    fake.app.isPackaged = true;
    await startShell({ services: services({ launchAtLogin: true }).services, paths, updater: noUpdates, log: vi.fn() });
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(FakeTray.instances[0].menu!.template.find((i) => i.id === 'launch-at-login')!.checked).toBe(true);
  });

  it('turning it off from the window unregisters the login item', async () => {
    fake.app.isPackaged = true;
    const { services: s } = services({ launchAtLogin: true });
    (s.handlers as Record<string, unknown>)['settings.set'] = vi.fn(async () => ({ ...defaultSettings, launchAtLogin: false }));
    await startShell({ services: s, paths, updater: noUpdates, log: vi.fn() });
    await fake.ipcMain.handlers.get('settings.set')!(ourFrame, { key: 'launchAtLogin', value: false });
    expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false });
  });
});
