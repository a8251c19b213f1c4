// src/main/index.ts: the single-instance lock and the process lifecycle, on a mocked Electron with
// the services and the shell replaced by fakes (each test imports index.ts afresh: it runs on import).
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

const h = vi.hoisted(() => ({
  lockObtained: true,
  electron: undefined as unknown as typeof import('./fake-electron'),
  createServices: undefined as unknown as Mock<(...args: unknown[]) => unknown>,
  startShell: undefined as unknown as Mock<(...args: unknown[]) => Promise<unknown>>,
  windowsShow: undefined as unknown as Mock<() => void>,
  stop: undefined as unknown as Mock<() => Promise<void>>,
}));

// The factory runs once (the mock registry survives vi.resetModules); launch() resets it in place.
vi.mock('electron', async () => {
  h.electron = await import('./fake-electron');
  h.electron.fake.reset();
  h.electron.fake.app.requestSingleInstanceLock.mockReturnValue(h.lockObtained);
  return h.electron.electronModule;
});
vi.mock('../../../src/main/services', () => ({ createServices: (...args: unknown[]) => h.createServices(...args) }));
vi.mock('../../../src/main/shell/app', () => ({ startShell: (...args: unknown[]) => h.startShell(...args) }));

const savedDataDir = process.env.ICLOUD_SYNC_DATA_DIR;

beforeEach(() => {
  vi.resetModules();
  process.env.ICLOUD_SYNC_DATA_DIR = '/tmp/icloud-sync-test-data';
  h.windowsShow = vi.fn();
  h.stop = vi.fn(async () => undefined);
  h.createServices = vi.fn(() => ({ handlers: {}, shell: {} }));
  h.startShell = vi.fn(async () => ({ windows: { show: h.windowsShow }, tray: {}, stop: h.stop }));
});
afterEach(() => {
  if (savedDataDir === undefined) delete process.env.ICLOUD_SYNC_DATA_DIR;
  else process.env.ICLOUD_SYNC_DATA_DIR = savedDataDir;
});

/** Import index.ts with the lock answer given; returns the fake Electron it ran against. */
async function launch(lockObtained: boolean) {
  h.lockObtained = lockObtained;
  if (h.electron) {
    h.electron.fake.reset();
    h.electron.fake.app.requestSingleInstanceLock.mockReturnValue(lockObtained);
  }
  await import('../../../src/main/index');
  return h.electron.fake;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('single instance', () => {
  it('requests the lock and quits when another instance holds it, starting nothing', async () => {
    const fake = await launch(false);
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(fake.app.quit).toHaveBeenCalledOnce();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.app.listenerCount('second-instance')).toBe(0);
    expect(h.createServices).not.toHaveBeenCalled();
  });

  it('sets userData to the data directory before taking the lock (the lock is per data directory)', async () => {
    const fake = await launch(true);
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', '/tmp/icloud-sync-test-data');
    expect(fake.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(fake.app.requestSingleInstanceLock.mock.invocationCallOrder[0]);
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('a second launch focuses the window of the first', async () => {
    const fake = await launch(true);
    fake.app.ready();
    await flush();
    fake.app.emit('second-instance', {}, [], '/');
    expect(h.windowsShow).toHaveBeenCalledOnce();
  });

  it('a second launch during start-up shows the window once the shell is up', async () => {
    const fake = await launch(true);
    fake.app.emit('second-instance', {}, [], '/');
    expect(h.windowsShow).not.toHaveBeenCalled();
    fake.app.ready();
    await flush();
    expect(h.windowsShow).toHaveBeenCalledOnce();
  });
});

describe('start-up', () => {
  it('builds the services on the data directory and starts the shell with the built paths', async () => {
    const fake = await launch(true);
    fake.app.ready();
    await flush();
    expect(h.createServices).toHaveBeenCalledWith({ dataDir: '/tmp/icloud-sync-test-data' });
    const { paths, services } = h.startShell.mock.calls[0][0] as { paths: Record<string, string>; services: unknown };
    expect(services).toBe(h.createServices.mock.results[0].value);
    expect(paths.preloadPath).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(paths.rendererFile).toMatch(/[/\\]renderer[/\\]index\.html$/);
    expect(paths.resourcesDir).toBe('/app/resources');
  });

  it('keeps running when the last window closes (a menu-bar app)', async () => {
    const fake = await launch(true);
    expect(fake.app.listenerCount('window-all-closed')).toBe(1);
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('says why when start-up fails, and exits', async () => {
    h.startShell = vi.fn(async () => {
      throw new Error('The state file is corrupt; it was kept aside.');
    });
    const fake = await launch(true);
    fake.app.ready();
    await flush();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('iCloud Sync Companion could not start', 'The state file is corrupt; it was kept aside.');
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });
});

describe('quitting', () => {
  it('stops the services before the process ends', async () => {
    const fake = await launch(true);
    fake.app.ready();
    await flush();
    let prevented = false;
    fake.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(h.stop).toHaveBeenCalledOnce();
    await flush();
    expect(fake.app.quit).toHaveBeenCalledOnce();
    // The quit that follows goes through.
    let preventedAgain = false;
    fake.app.emit('before-quit', { preventDefault: () => (preventedAgain = true) });
    expect(preventedAgain).toBe(false);
    expect(h.stop).toHaveBeenCalledOnce();
  });
});
