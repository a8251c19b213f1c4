// Updates (src/main/shell/updater.ts): off unless a feed is configured, and the tray's "Check for
// Updates…" in both states — on a mocked Electron and a mocked electron-updater.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../../src/shared/ipc/channels';
import { defaultSettings } from '../../../src/shared/settings';
import type { ServiceHandlers } from '../../../src/main/shell/shell-handlers';
import type { ShellServices } from '../../../src/main/shell/shell-services';
import { fake, FakeTray } from './fake-electron';
import { connectedStatus } from './status-fixtures';

/** Stands in for electron-updater's autoUpdater: records configuration and answers checks as told. */
class FakeAppUpdater extends EventEmitter {
  feed: unknown;
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: unknown;
  next: () => Promise<unknown> = async () => ({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } });
  checkForUpdates = vi.fn(() => this.next());
  quitAndInstall = vi.fn();
  setFeedURL(feed: unknown) {
    this.feed = feed;
  }
}
const h = vi.hoisted(() => ({ updater: undefined as unknown as FakeAppUpdater, loads: 0 }));

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
vi.mock('electron-updater', () => {
  const module = {
    get autoUpdater() {
      h.loads += 1;
      return h.updater;
    },
  };
  return { ...module, default: module };
});

const { createUpdater, isAcceptableFeedUrl, updateFeed } = await import('../../../src/main/shell/updater');
const { startShell } = await import('../../../src/main/shell/app');

const savedUrl = process.env.ICLOUD_SYNC_UPDATE_URL;
beforeEach(() => {
  fake.reset();
  h.updater = new FakeAppUpdater();
  h.loads = 0;
  delete process.env.ICLOUD_SYNC_UPDATE_URL;
});
afterEach(() => {
  if (savedUrl === undefined) delete process.env.ICLOUD_SYNC_UPDATE_URL;
  else process.env.ICLOUD_SYNC_UPDATE_URL = savedUrl;
});

describe('updateFeed: where updates come from', () => {
  const base = { env: {}, isPackaged: true, resourcesPath: '/Applications/X.app/Contents/Resources', fileExists: () => false };

  it('is off with no URL and no app-update.yml', () => {
    expect(updateFeed(base)).toBeUndefined();
  });

  it('uses ICLOUD_SYNC_UPDATE_URL in an unpackaged run (https, or http on this machine for testing)', () => {
    expect(updateFeed({ ...base, isPackaged: false, env: { ICLOUD_SYNC_UPDATE_URL: 'https://updates.example.com/ics/' } })).toEqual({ kind: 'url', url: 'https://updates.example.com/ics/' });
    expect(updateFeed({ ...base, isPackaged: false, env: { ICLOUD_SYNC_UPDATE_URL: 'http://127.0.0.1:8080/' } })).toEqual({ kind: 'url', url: 'http://127.0.0.1:8080/' });
  });

  it('a packaged app ignores ICLOUD_SYNC_UPDATE_URL, says so, and keeps its own feed (or none)', () => {
    const log = vi.fn();
    const env = { ICLOUD_SYNC_UPDATE_URL: 'https://evil.example.com/feed/' };
    expect(updateFeed({ ...base, env, log })).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ICLOUD_SYNC_UPDATE_URL is ignored'));
    const withFile = { ...base, env, fileExists: (path: string) => path.endsWith('/app-update.yml') };
    expect(updateFeed(withFile)).toEqual({ kind: 'bundled', file: '/Applications/X.app/Contents/Resources/app-update.yml' });
  });

  it('refuses a plain-http or malformed URL, and says so', () => {
    const log = vi.fn();
    expect(updateFeed({ ...base, isPackaged: false, env: { ICLOUD_SYNC_UPDATE_URL: 'http://updates.example.com/' }, log })).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ICLOUD_SYNC_UPDATE_URL is ignored'));
    expect(isAcceptableFeedUrl('not a url')).toBe(false);
    expect(isAcceptableFeedUrl('file:///tmp/feed')).toBe(false);
  });

  it('uses the app-update.yml a release build bundles, in a packaged app only', () => {
    const withFile = { ...base, fileExists: (path: string) => path === '/Applications/X.app/Contents/Resources/app-update.yml' };
    expect(updateFeed(withFile)).toEqual({ kind: 'bundled', file: '/Applications/X.app/Contents/Resources/app-update.yml' });
    expect(updateFeed({ ...withFile, isPackaged: false })).toBeUndefined();
    expect(updateFeed({ ...base, resourcesPath: undefined })).toBeUndefined();
  });
});

describe('createUpdater', () => {
  const deps = (feed: Parameters<typeof createUpdater>[0]['feed']) => ({
    feed,
    version: '0.1.0',
    loadUpdater: vi.fn(async () => h.updater as never),
    showMessageBox: vi.fn(async (_options: { message: string; buttons?: string[] }) => ({ response: 0 })),
    log: vi.fn(),
  });

  it('not configured: says updates are not set up, and never loads electron-updater', async () => {
    const d = deps(undefined);
    const updater = createUpdater(d);
    expect(updater.configured).toBe(false);
    await updater.checkNow();
    await updater.checkInBackground();
    expect(d.showMessageBox).toHaveBeenCalledOnce();
    expect(d.showMessageBox.mock.calls[0][0]).toMatchObject({ message: 'Updates are not set up for this build', detail: expect.stringContaining('0.1.0') });
    expect(d.loadUpdater).not.toHaveBeenCalled();
  });

  it('configured by URL: points electron-updater at the generic feed and reports “up to date”', async () => {
    const d = deps({ kind: 'url', url: 'https://updates.example.com/ics/' });
    await createUpdater(d).checkNow();
    expect(h.updater.feed).toEqual({ provider: 'generic', url: 'https://updates.example.com/ics/' });
    expect(h.updater.autoDownload).toBe(true);
    expect(h.updater.autoInstallOnAppQuit).toBe(true);
    expect(d.showMessageBox.mock.calls[0][0].message).toBe('You’re up to date');
  });

  it('a bundled feed is left to electron-updater (no setFeedURL)', async () => {
    await createUpdater(deps({ kind: 'bundled', file: '/r/app-update.yml' })).checkNow();
    expect(h.updater.feed).toBeUndefined();
    expect(h.updater.checkForUpdates).toHaveBeenCalledOnce();
  });

  it('an update: waits for the download, offers a restart, installs only if the user agrees', async () => {
    let downloaded = false;
    h.updater.next = async () => ({ isUpdateAvailable: true, updateInfo: { version: '0.2.0' }, downloadPromise: new Promise((r) => setTimeout(() => r((downloaded = true)), 5)) });
    const agree = deps({ kind: 'url', url: 'https://u.example.com/' });
    agree.showMessageBox.mockImplementation(async () => {
      expect(downloaded).toBe(true);
      return { response: 0 };
    });
    await createUpdater(agree).checkNow();
    expect(agree.showMessageBox.mock.calls[0][0]).toMatchObject({ message: 'Version 0.2.0 is ready to install', buttons: ['Restart Now', 'Later'] });
    expect(h.updater.quitAndInstall).toHaveBeenCalledOnce();

    h.updater.quitAndInstall.mockClear();
    const later = deps({ kind: 'url', url: 'https://u.example.com/' });
    later.showMessageBox.mockResolvedValue({ response: 1 });
    await createUpdater(later).checkNow();
    expect(h.updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('a failed check is explained to the user and logged, never thrown', async () => {
    h.updater.next = async () => {
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    };
    const d = deps({ kind: 'url', url: 'https://u.example.com/' });
    await expect(createUpdater(d).checkNow()).resolves.toBeUndefined();
    expect(d.showMessageBox.mock.calls[0][0]).toMatchObject({ message: 'Could not check for updates', detail: expect.stringContaining('ERR_NAME_NOT_RESOLVED') });
    expect(d.log).toHaveBeenCalledWith(expect.stringContaining('ERR_NAME_NOT_RESOLVED'));
  });

  it('outside the installed app electron-updater declines (null); the user is told why', async () => {
    h.updater.next = async () => null;
    const d = deps({ kind: 'url', url: 'http://127.0.0.1:9/' });
    await createUpdater(d).checkNow();
    expect(d.showMessageBox.mock.calls[0][0].message).toBe('Updates are checked only in the installed app');
  });

  it('a click during a background check joins it (one request)', async () => {
    let finish: (value: unknown) => void = () => undefined;
    h.updater.next = () => new Promise((resolve) => (finish = resolve));
    const d = deps({ kind: 'url', url: 'https://u.example.com/' });
    const updater = createUpdater(d);
    const background = updater.checkInBackground();
    const click = updater.checkNow();
    await vi.waitFor(() => expect(h.updater.checkForUpdates).toHaveBeenCalled());
    finish({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } });
    await Promise.all([background, click]);
    expect(h.updater.checkForUpdates).toHaveBeenCalledOnce();
    expect(d.showMessageBox).toHaveBeenCalledOnce();
  });
});

describe('the tray’s Check for Updates… through startShell', () => {
  function services() {
    const shell: ShellServices = {
      status: vi.fn(async () => connectedStatus()),
      syncNow: vi.fn(async () => ({ started: true, coalesced: false })),
      pause: vi.fn(async () => undefined),
      resume: vi.fn(async () => undefined),
      onStatusChanged: vi.fn(() => () => undefined),
      getSettings: vi.fn(async () => ({ ...defaultSettings })),
      setSetting: vi.fn(async () => ({ ...defaultSettings })),
      start: vi.fn(async () => undefined),
      stop: vi.fn(async () => undefined),
    };
    const handlers = Object.fromEntries(invokeChannels.filter((c) => c !== 'app.openExternal').map((c) => [c, vi.fn(async () => ({ ok: true }))])) as unknown as ServiceHandlers;
    return { handlers, shell };
  }
  const paths = { preloadPath: '/app/out/preload/index.cjs', rendererFile: '/app/out/renderer/index.html', resourcesDir: '/app/resources' };
  const clickCheck = () => FakeTray.instances[0].menu!.template.find((item) => item.id === 'check-for-updates')!.click();

  it('not configured: the item answers “not set up”, no check runs and electron-updater is never loaded', async () => {
    const running = await startShell({ services: services(), paths, log: vi.fn() });
    clickCheck();
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalledOnce());
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: 'Updates are not set up for this build' }));
    expect(h.loads).toBe(0);
    expect(h.updater.checkForUpdates).not.toHaveBeenCalled();
    await running.stop();
  });

  it('configured (ICLOUD_SYNC_UPDATE_URL): a quiet check at start, and the item checks the feed', async () => {
    process.env.ICLOUD_SYNC_UPDATE_URL = 'https://updates.example.com/ics/';
    const running = await startShell({ services: services(), paths, log: vi.fn() });
    await vi.waitFor(() => expect(h.updater.checkForUpdates).toHaveBeenCalledOnce());
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled(); // the start-up check is silent
    expect(h.updater.feed).toEqual({ provider: 'generic', url: 'https://updates.example.com/ics/' });
    clickCheck();
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: 'You’re up to date' })));
    expect(h.updater.checkForUpdates).toHaveBeenCalledTimes(2);
    await running.stop();
  });
});
