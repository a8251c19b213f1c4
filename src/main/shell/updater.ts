// Updates through electron-updater, on only when a feed is configured. A packaged app takes its
// feed only from the app-update.yml that electron-builder writes into it when the release build has
// a `publish` config: updates are code we run, so nothing in the environment may redirect them.
// ICLOUD_SYNC_UPDATE_URL (a generic-provider URL) is for development and tests of an unpackaged
// run only. Without a feed, "Check for Updates…" says updates are not set up, and nothing is ever
// downloaded.
// A found update downloads in the background and installs when the app quits, or at once if the
// user agrees to restart.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppUpdater, UpdateCheckResult } from 'electron-updater';

export type UpdateFeed = { kind: 'url'; url: string } | { kind: 'bundled'; file: string };

export interface FeedSources {
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  /** process.resourcesPath: where electron-builder puts app-update.yml (undefined outside Electron). */
  resourcesPath: string | undefined;
  fileExists?: (path: string) => boolean;
  log?: (message: string) => void;
}

/** The configured feed, or undefined when updates are off. */
export function updateFeed(sources: FeedSources): UpdateFeed | undefined {
  const fromEnv = sources.env.ICLOUD_SYNC_UPDATE_URL?.trim();
  if (fromEnv && sources.isPackaged) {
    sources.log?.('ICLOUD_SYNC_UPDATE_URL is ignored: an installed app takes its update feed only from its own build.');
  } else if (fromEnv) {
    if (isAcceptableFeedUrl(fromEnv)) return { kind: 'url', url: fromEnv };
    sources.log?.('ICLOUD_SYNC_UPDATE_URL is ignored: it must be an https:// URL (or http:// on 127.0.0.1/localhost, for testing).');
  }
  // Only a packaged app has (and may trust) a bundled feed; a dev run would update the Electron binary.
  if (!sources.isPackaged || !sources.resourcesPath) return undefined;
  const file = join(sources.resourcesPath, 'app-update.yml');
  return (sources.fileExists ?? existsSync)(file) ? { kind: 'bundled', file } : undefined;
}

/** Updates are code we run: never from plain http, except a local test server. */
export function isAcceptableFeedUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export interface MessageBoxOptions {
  type: 'info' | 'warning' | 'error';
  message: string;
  detail?: string;
  buttons?: string[];
  defaultId?: number;
  cancelId?: number;
}

export interface UpdaterDeps {
  feed: UpdateFeed | undefined;
  /** The running version (app.getVersion()). */
  version: string;
  /** electron-updater's autoUpdater, loaded only when a feed exists (it reads the app on creation). */
  loadUpdater(): Promise<AppUpdater>;
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  log(message: string): void;
}

export interface Updater {
  readonly configured: boolean;
  /** The tray's "Check for Updates…": always answers the user in a dialog. */
  checkNow(): Promise<void>;
  /** A quiet check (at start and then periodically): downloads an update to install on quit. */
  checkInBackground(): Promise<void>;
}

export function createUpdater(deps: UpdaterDeps): Updater {
  let loaded: Promise<AppUpdater> | undefined;
  let checking: Promise<UpdateCheckResult | null> | undefined;

  function updater(): Promise<AppUpdater> {
    loaded ??= deps.loadUpdater().then((instance) => {
      if (deps.feed?.kind === 'url') instance.setFeedURL({ provider: 'generic', url: deps.feed.url });
      instance.autoDownload = true;
      instance.autoInstallOnAppQuit = true;
      instance.logger = { info: deps.log, warn: deps.log, error: deps.log, debug: () => undefined };
      return instance;
    });
    return loaded;
  }

  /** One check at a time: a click during a background check joins it. */
  async function check(): Promise<{ instance: AppUpdater; result: UpdateCheckResult | null }> {
    const instance = await updater();
    checking ??= instance.checkForUpdates().finally(() => (checking = undefined));
    return { instance, result: await checking };
  }

  const current = `iCloud Sync Companion ${deps.version}`;

  return {
    configured: deps.feed !== undefined,

    async checkNow() {
      if (!deps.feed) {
        await deps.showMessageBox({
          type: 'info',
          message: 'Updates are not set up for this build',
          detail: `${current} has no update feed configured. New versions are installed by replacing the app.`,
        });
        return;
      }
      try {
        const { instance, result } = await check();
        if (!result) {
          // electron-updater declines outside a packaged app (it would replace the Electron binary).
          await deps.showMessageBox({ type: 'info', message: 'Updates are checked only in the installed app', detail: current });
          return;
        }
        if (!result.isUpdateAvailable) {
          await deps.showMessageBox({ type: 'info', message: 'You’re up to date', detail: `${current} is the newest version.` });
          return;
        }
        const next = result.updateInfo.version;
        await result.downloadPromise;
        const { response } = await deps.showMessageBox({
          type: 'info',
          message: `Version ${next} is ready to install`,
          detail: 'Restart now to install it, or it is installed the next time you quit. A sync in progress finishes first.',
          buttons: ['Restart Now', 'Later'],
          defaultId: 0,
          cancelId: 1,
        });
        if (response === 0) instance.quitAndInstall();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.log(`Update check failed: ${message}`);
        await deps.showMessageBox({ type: 'warning', message: 'Could not check for updates', detail: `${message}\n\nSyncing is not affected; try again later.` });
      }
    },

    async checkInBackground() {
      if (!deps.feed) return;
      try {
        const { result } = await check();
        if (result?.isUpdateAvailable) deps.log(`Update ${result.updateInfo.version} found; it downloads now and installs when the app quits.`);
      } catch (error) {
        deps.log(`Background update check failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
