// startShell on a mocked Electron: what it hardens, registers and wires to the services.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceHandlers } from '../../../src/main/shell/shell-handlers';
import type { ShellServices } from '../../../src/main/shell/shell-services';
import { invokeChannels } from '../../../src/shared/ipc/channels';
import { defaultSettings, type Settings } from '../../../src/shared/settings';
import type { StatusView } from '../../../src/shared/status';
import { fake, FakeBrowserWindow, FakeNotification, FakeTray, FakeWebContents } from './fake-electron';
import { connectedStatus, notConnectedStatus } from './status-fixtures';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { startShell } = await import('../../../src/main/shell/app');

const paths = {
  preloadPath: '/app/out/preload/index.cjs',
  rendererFile: '/app/out/renderer/index.html',
  resourcesDir: '/app/resources',
};
const ourFrame = { senderFrame: { url: 'file:///app/out/renderer/index.html#/status', parent: null } };

function fakeServices(initial: StatusView) {
  let settings: Settings = { ...defaultSettings };
  const listeners: Array<(status: StatusView) => void> = [];
  const shell: ShellServices & { emit(status: StatusView): void } = {
    status: vi.fn(async () => initial),
    syncNow: vi.fn(async () => ({ started: true, coalesced: false })),
    pause: vi.fn(async () => undefined),
    resume: vi.fn(async () => undefined),
    onStatusChanged: vi.fn((listener) => {
      listeners.push(listener);
      return () => void listeners.splice(listeners.indexOf(listener), 1);
    }),
    getSettings: vi.fn(async () => settings),
    setSetting: vi.fn(async (key, value) => (settings = { ...settings, [key]: value })),
    start: vi.fn(async () => undefined),
    stop: vi.fn(async () => undefined),
    emit: (status) => listeners.forEach((listener) => listener(status)),
  };
  const handlers = Object.fromEntries(
    invokeChannels.filter((c) => c !== 'app.openExternal').map((channel) => [channel, vi.fn(async () => ({ ok: true }))]),
  ) as unknown as ServiceHandlers;
  (handlers as Record<string, unknown>)['sync.now'] = vi.fn(async () => ({ started: true, coalesced: false }));
  (handlers as Record<string, unknown>)['settings.set'] = vi.fn(async ({ key, value }: { key: string; value: unknown }) => (settings = { ...settings, [key]: value }));
  return { services: { handlers, shell }, listeners };
}

beforeEach(() => fake.reset());

describe('startShell', () => {
  it('hardens the default session and every WebContents created later', async () => {
    await startShell({ ...fakeServices(connectedStatus()), paths });
    expect(fake.defaultSession.permissionRequestHandler).toBeDefined();
    expect(fake.defaultSession.permissionCheckHandler?.({}, 'media', 'x', {})).toBe(false);
    expect(fake.defaultSession.headersReceived).toBeDefined();
    const other = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.emitCancelable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('registers a handler for every channel, refusing senders that are not our page', async () => {
    const { services } = fakeServices(connectedStatus());
    await startShell({ services, paths, log: vi.fn() });
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    const syncNow = fake.ipcMain.handlers.get('sync.now')!;
    expect(await syncNow({ senderFrame: { url: 'https://evil.example/', parent: null } }, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await syncNow(ourFrame, undefined)).toEqual({ ok: true, data: { started: true, coalesced: false } });
    expect(services.handlers['sync.now']).toHaveBeenCalledOnce();
  });

  it('answers app.openExternal itself, through Electron shell, for Apple pages only', async () => {
    await startShell({ ...fakeServices(connectedStatus()), paths, log: vi.fn() });
    const open = fake.ipcMain.handlers.get('app.openExternal')!;
    expect(await open(ourFrame, { url: 'https://account.apple.com/' })).toEqual({ ok: true, data: { ok: true } });
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://account.apple.com/');
    expect(await open(ourFrame, { url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('creates the tray; its menu drives the services', async () => {
    const { services } = fakeServices(connectedStatus());
    await startShell({ services, paths });
    const tray = FakeTray.instances[0];
    expect(tray.image.path).toBe('/app/resources/trayTemplate.png');
    const item = (id: string) => tray.menu!.template.find((i) => i.id === id)!;
    item('sync-now').click();
    expect(services.shell.syncNow).toHaveBeenCalled();
    item('pause').click();
    expect(services.shell.pause).toHaveBeenCalled();
    item('open').click();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    item('quit').click();
    expect(fake.app.quit).toHaveBeenCalled();
    item('check-for-updates').click();
    expect(fake.dialog.showMessageBox).toHaveBeenCalled();
    item('about').click();
    expect(fake.app.showAboutPanel).toHaveBeenCalledOnce();
    item('settings').click();
    expect(FakeBrowserWindow.instances[0].loads.at(-1)?.options).toEqual({ hash: '/settings' });
  });

  it('installs the application menu: Settings… opens the window at Settings, About shows the panel', async () => {
    await startShell({ ...fakeServices(connectedStatus()), paths });
    const appMenu = fake.applicationMenu!.template[0].submenu as Array<{ id?: string; click?: () => void }>;
    appMenu.find((i) => i.id === 'settings')!.click!();
    expect(FakeBrowserWindow.instances[0].loads.at(-1)?.options).toEqual({ hash: '/settings' });
    appMenu.find((i) => i.id === 'about')!.click!();
    expect(fake.app.showAboutPanel).toHaveBeenCalledOnce();
  });

  it('Launch at Login from the tray saves the setting and updates the checkbox (and the OS item when packaged)', async () => {
    fake.app.isPackaged = true;
    const { services } = fakeServices(connectedStatus());
    await startShell({ services, paths });
    expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false });
    FakeTray.instances[0].menu!.template.find((i) => i.id === 'launch-at-login')!.click();
    await vi.waitFor(() => expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true }));
    expect(services.shell.setSetting).toHaveBeenCalledWith('launchAtLogin', true);
    expect(FakeTray.instances[0].menu!.template.find((i) => i.id === 'launch-at-login')!.checked).toBe(true);
  });

  it('settings.set from the window also reaches the tray checkbox', async () => {
    await startShell({ ...fakeServices(connectedStatus()), paths });
    const set = fake.ipcMain.handlers.get('settings.set')!;
    await set(ourFrame, { key: 'launchAtLogin', value: true });
    expect(FakeTray.instances[0].menu!.template.find((i) => i.id === 'launch-at-login')!.checked).toBe(true);
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled(); // not packaged: never register a dev binary
  });

  it('forwards each status change to the tray, the open window and the notifier', async () => {
    const { services } = fakeServices(connectedStatus());
    const shell = await startShell({ services, paths });
    shell.windows.show();
    const contents = FakeBrowserWindow.instances[0].webContents;
    const syncing = connectedStatus({ running: true, progress: { done: 3, total: 9 } });
    services.shell.emit(syncing);
    expect(contents.sent).toEqual([
      ['status.changed', syncing],
      ['sync.progress', { done: 3, total: 9 }],
    ]);
    expect(FakeTray.instances[0].menu!.template[0].label).toBe('Syncing… 3 of 9');
    services.shell.emit(connectedStatus({ counts: { pairs: 1, conflicts: 1, attention: 0 } }));
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['A conflict needs you']);
  });

  it('opens the window on first run (nothing connected), and starts the services', async () => {
    const { services } = fakeServices(notConnectedStatus());
    await startShell({ services, paths });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(services.shell.start).toHaveBeenCalledWith(expect.objectContaining({ onWake: expect.any(Function), onNetworkBack: expect.any(Function) }));
  });

  it('stays in the menu bar when already set up', async () => {
    await startShell({ ...fakeServices(connectedStatus()), paths });
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('stop() unhooks IPC, the status listener and the tray, and stops the services', async () => {
    const { services, listeners } = fakeServices(connectedStatus());
    const shell = await startShell({ services, paths });
    await shell.stop();
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(listeners).toHaveLength(0);
    expect(FakeTray.instances[0].destroyed).toBe(true);
    expect(services.shell.stop).toHaveBeenCalled();
  });
});
